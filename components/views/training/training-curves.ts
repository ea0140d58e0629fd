/**
 * The training figure's curves, drawn with d3 into an <svg> the template renders empty:
 * loss or accuracy by epoch for the training batches, the early-stopping half and the
 * held-out half of val, a marker at the epoch on show (a rule and a dot on each curve) and
 * the shipped epoch. The plot group carries its scales' domains and ranges
 * (data-x-domain, …) so that a reader of the SVG (a test) can turn points back into numbers.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { select, type Selection } from 'd3-selection';
import { axisBottom, axisLeft } from 'd3-axis';
import { CURVE_NAMES, valuesAt, type CurveName, type TrainingCurves } from './training-data';

export type CurveKind = 'loss' | 'accuracy';

export interface CurvesView {
  kind: CurveKind;
  curves: TrainingCurves;
  width: number;
  height: number;
  /** The epoch on show, marked; null for none. */
  epoch: number | null;
  shippedEpoch: number | null;
}

/** What each curve is called where space is short, and in full. */
export const CURVE_LABELS: Readonly<Record<CurveName, { short: string; mid: string; long: string }>> = {
  train: { short: 'training', mid: 'the batches it learnt from', long: 'the training batches it learnt from (augmented)' },
  early: { short: 'early-stopping half', mid: 'val pictures that chose the epoch to ship', long: 'half of the validation pictures, used only to choose which epoch to ship' },
  heldOut: { short: 'held-out half', mid: 'the other half, never used to choose', long: 'the other half, never used for any choice: the honest score' },
};

const MARGIN = { top: 14, right: 10, bottom: 22, left: 40 };
const scales = new WeakMap<SVGSVGElement, ScaleLinear<number, number>>();
/** What each chart's frame was drawn for: redrawn only when the curves, the size or the shipped epoch change. */
const drawnFor = new WeakMap<SVGSVGElement, { curves: TrainingCurves; size: string }>();

const format = (kind: CurveKind) => (v: number) => (kind === 'accuracy' ? `${Math.round(v * 100)}\u00a0%` : v.toFixed(1));

/** Draws (or redraws) one chart. Nothing is drawn below 60 × 40 px. */
export function drawCurves(svg: SVGSVGElement, v: CurvesView): void {
  const { width, height, kind, curves } = v;
  const root = select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  if (width < 60 || height < 40) { root.selectAll('*').remove(); drawnFor.delete(svg); return; }
  const series = curves[kind];
  const all = CURVE_NAMES.flatMap((n) => series[n].map((p) => p.value));
  const top = kind === 'accuracy' ? 1 : Math.max(0.5, ...all) * 1.05;
  const x = scaleLinear().domain([0, Math.max(1, curves.lastEpoch)]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([0, top]).range([height - MARGIN.bottom, MARGIN.top]);
  const drawn = drawnFor.get(svg);
  const same = drawn && drawn.curves === curves && drawn.size === `${width}x${height}|${v.shippedEpoch}`;
  scales.set(svg, x);
  if (!same) {
    drawnFor.set(svg, { curves, size: `${width}x${height}|${v.shippedEpoch}` });
    drawFrame(root, v, x, y);
  }
  drawMarker(root.select<SVGGElement>('g.plot'), v, x, y);
}

/** Everything but the marker: axes, grid, the shipped epoch and the three curves. */
function drawFrame(root: Selection<SVGSVGElement, unknown, null, undefined>, v: CurvesView, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
  const { width, height, kind } = v;
  const series = v.curves[kind];
  const plot = root.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot')
    .attr('data-x-domain', x.domain().join(',')).attr('data-x-range', x.range().join(','))
    .attr('data-y-domain', y.domain().join(',')).attr('data-y-range', y.range().join(','));
  const ticksX = Math.max(2, Math.min(6, Math.floor((width - MARGIN.left) / 60)));
  const ticksY = Math.max(2, Math.min(5, Math.floor((height - MARGIN.bottom) / 34)));
  plot.selectAll<SVGGElement, null>('g.x-axis').data([null]).join('g').attr('class', 'axis x-axis')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom(x).ticks(ticksX).tickSizeOuter(0));
  plot.selectAll<SVGGElement, null>('g.y-axis').data([null]).join('g').attr('class', 'axis y-axis')
    .attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(ticksY).tickFormat((d) => format(kind)(Number(d))).tickSizeOuter(0));
  plot.selectAll<SVGGElement, null>('g.grid').data([null]).join('g').attr('class', 'grid')
    .selectAll('line').data(y.ticks(ticksY)).join('line')
    .attr('x1', MARGIN.left).attr('x2', width - MARGIN.right).attr('y1', (d) => y(d)).attr('y2', (d) => y(d));

  const shipped = v.shippedEpoch;
  const ship = plot.selectAll<SVGGElement, number>('g.shipped').data(shipped === null ? [] : [shipped]).join('g').attr('class', 'shipped');
  ship.selectAll('line').data((d) => [d]).join('line')
    .attr('x1', (d) => x(d)).attr('x2', (d) => x(d)).attr('y1', MARGIN.top - 2).attr('y2', height - MARGIN.bottom);
  ship.selectAll('text').data((d) => [d]).join('text')
    .attr('x', (d) => x(d)).attr('y', MARGIN.top - 4).attr('text-anchor', (d) => (x(d) > width - 40 ? 'end' : 'middle')).text('shipped');

  const path = line<{ epoch: number; value: number }>().x((p) => x(p.epoch)).y((p) => y(p.value));
  plot.selectAll<SVGPathElement, CurveName>('path.line').data(CURVE_NAMES, (d) => d).join('path')
    .attr('class', (d) => `line ${d}`).attr('data-curve', (d) => d).attr('d', (d) => path(series[d]) ?? '');
}

/** The epoch on show: a rule across the chart and a dot on each curve that has a point there. */
function drawMarker(plot: Selection<SVGGElement, unknown, null, undefined>, v: CurvesView, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
  const { height, kind, curves } = v;
  const marked = v.epoch;
  const rule = plot.selectAll<SVGLineElement, number>('line.marker').data(marked === null ? [] : [marked]).join('line').attr('class', 'marker')
    .attr('x1', (d) => x(d)).attr('x2', (d) => x(d)).attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom);
  rule.raise();
  const at = marked === null ? null : valuesAt(curves, marked)[kind];
  const dots = CURVE_NAMES.filter((n) => at && at[n] !== null).map((n) => ({ name: n, value: at![n]! }));
  plot.selectAll<SVGCircleElement, { name: CurveName; value: number }>('circle.dot').data(dots, (d) => d.name).join('circle')
    .attr('class', (d) => `dot ${d.name}`).attr('data-curve', (d) => d.name).attr('r', 3.5)
    .attr('cx', () => x(marked ?? 0)).attr('cy', (d) => y(d.value));
}

/** The epoch under a pointer at `clientX` over a drawn chart (not yet rounded to a saved one); null before the first draw. */
export function epochAtPointer(svg: SVGSVGElement, clientX: number): number | null {
  const x = scales.get(svg);
  if (!x) return null;
  const left = svg.getBoundingClientRect().left;
  const [lo, hi] = x.domain();
  return Math.max(lo, Math.min(hi, x.invert(clientX - left)));
}

/** One sentence of what a chart shows, for screen readers. */
export function describeCurves(kind: CurveKind, curves: TrainingCurves, epoch: number | null): string {
  const f = format(kind);
  const parts = CURVE_NAMES.filter((n) => curves[kind][n].length > 0).map((n) => {
    const s = curves[kind][n];
    return `${CURVE_LABELS[n].short} from ${f(s[0].value)} to ${f(s[s.length - 1].value)}`;
  });
  const at = epoch === null ? null : valuesAt(curves, epoch)[kind];
  const now = at && CURVE_NAMES.some((n) => at[n] !== null)
    ? `; at epoch ${epoch}: ${CURVE_NAMES.filter((n) => at[n] !== null).map((n) => `${CURVE_LABELS[n].short} ${f(at[n]!)}`).join(', ')}`
    : '';
  return `${kind === 'loss' ? 'Loss' : 'Accuracy'} by epoch, over ${curves.lastEpoch} epochs: ${parts.join('; ')}${now}.`;
}
