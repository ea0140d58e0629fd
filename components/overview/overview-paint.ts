/**
 * Paints every map canvas of the overview after a render: canvases that name a column and
 * channel (`data-column`, `data-channel`) get that map, `data-rgb` ones the input picture.
 * A canvas remembers what it shows, so a render that changed nothing paints nothing. A map
 * whose channel the reader switched off is striped and marked `data-off`.
 */
import { paintInputChannel, paintMap, paintRgb, switchedOffStripes } from '../shared/map-painter';
import type { NetworkRun } from '../shared/network-types';
import type { ColumnView } from './overview-view';

/** Each run's serial: a new run of the same picture (another model, the reader's edits) paints again. */
const runIds = new WeakMap<NetworkRun, number>();
let runCount = 0;

/**
 * Paints what is not painted yet; with `budgetMs`, stops once that much time has gone and
 * returns false (call again in the next frame for the rest), else returns true when done.
 */
export function paintCanvases(
  root: ParentNode,
  cols: readonly ColumnView[],
  run: NetworkRun | null,
  scale: string,
  budgetMs = Infinity,
  offMaps: ReadonlySet<string> = new Set(),
): boolean {
  if (!run) return true;
  const start = performance.now();
  let id = runIds.get(run);
  if (id === undefined) runIds.set(run, (id = ++runCount));
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-column], canvas[data-rgb]')) {
    const rgb = canvas.hasAttribute('data-rgb');
    const map = `${canvas.dataset.column}:${canvas.dataset.channel}`;
    const off = !rgb && offMaps.has(map);
    const key = `${id}|${run.imageKey}|${scale}|${rgb ? 'rgb' : map}${off ? '|off' : ''}`;
    if (canvas.dataset.painted === key) continue;
    const input = cols[0];
    if (rgb) {
      if (!input?.values) continue;
      paintRgb(canvas, input.values, input.shape);
    } else {
      const col = cols[Number(canvas.dataset.column)];
      const ch = Number(canvas.dataset.channel);
      if (!col?.values) continue;
      if (col.kind === 'input') paintInputChannel(canvas, col.values, col.shape, ch);
      else if (col.domain) paintMap(canvas, col.values, col.shape, ch, col.domain, off ? switchedOffStripes(col.shape[1]) : undefined);
      else continue;
    }
    canvas.dataset.painted = key;
    canvas.toggleAttribute('data-off', off);
    if (performance.now() - start > budgetMs) return false;
  }
  return true;
}

/** How long a spread-out paint works per frame (OverviewPainter). */
const PAINT_SLICE_MS = 8;

interface PaintedFigure {
  readonly renderRoot: ParentNode;
  readonly cols: readonly ColumnView[];
  readonly network: { readonly run: NetworkRun | null };
  readonly scale: string;
  /** The maps (`column:channel`) whose channel the reader switched off (striped). */
  offMaps?(): ReadonlySet<string>;
}

/**
 * Paints an overview's maps after each render. A picture the reader just chose paints at
 * once, in one frame; the first picture, and the same picture again (the live run after the
 * first-run snapshot, another variant of the model) paint a few milliseconds per frame, so
 * that no task runs long.
 */
export class OverviewPainter {
  private frame = 0;
  private paintedImage = '';

  constructor(private readonly figure: PaintedFigure) {}

  readonly paint = (): void => {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const { renderRoot, cols, network, scale } = this.figure;
    const run = network.run;
    const chosen = Boolean(run && this.paintedImage && run.imageKey !== this.paintedImage);
    if (paintCanvases(renderRoot, cols, run, scale, chosen ? Infinity : PAINT_SLICE_MS, this.figure.offMaps?.())) this.paintedImage = run?.imageKey ?? this.paintedImage;
    else this.frame = requestAnimationFrame(this.paint);
  };
}
