/**
 * The ReLU function drawn as a small SVG graph: y = max(0, x) over the input map's range,
 * a faint histogram of the map's values under the x axis (the bars left of zero are the
 * values ReLU sets to 0), and a marker on the current x with its y.
 */
import { svg, html } from 'lit';

import type { ReluViewData } from './relu-data';
import { formatNumber } from '../../shared/numbers';

const W = 240;
const H = 170;
const PAD = { left: 14, right: 14, top: 14, bottom: 44 };
/** Height given to the histogram under the axis. */
const HIST = 26;

export function reluGraphTemplate(data: ReluViewData, x: number, y: number) {
  const m = data.domain.max;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const sx = (v: number) => PAD.left + ((v + m) / (2 * m)) * plotW;
  // y runs from 0 (on the axis) to m, at the same scale as x so the slope reads as 1.
  const scale = Math.min(plotW / (2 * m), plotH / m);
  const axisY = PAD.top + plotH;
  const sy = (v: number) => axisY - v * scale;
  const top = Math.max(...data.histogram.map((b) => b.count), 1);
  const bars = data.histogram.map((b) => {
    const h = (b.count / top) * HIST;
    return svg`<rect class=${b.hi <= 0 ? 'bar zeroed' : 'bar'} x=${sx(b.lo) + 0.5} y=${axisY + 4} width=${Math.max(0, sx(b.hi) - sx(b.lo) - 1)} height=${h}></rect>`;
  });
  const px = sx(x);
  const py = sy(y);
  const ends = Math.min(m, (axisY - PAD.top) / scale);
  return html`<svg class="relu-graph" viewBox="0 0 ${W} ${H}" role="img"
    aria-label="Graph of max(0, x): flat at 0 for negative x, equal to x for positive x. The current x is ${formatNumber(x, 3)}, giving ${formatNumber(y, 3)}.">
    ${bars}
    <line class="axis" x1=${PAD.left} x2=${W - PAD.right} y1=${axisY} y2=${axisY}></line>
    <line class="axis" x1=${sx(0)} x2=${sx(0)} y1=${PAD.top - 4} y2=${axisY + 4 + HIST}></line>
    <polyline class="curve" points="${sx(-m)},${sy(0)} ${sx(0)},${sy(0)} ${sx(ends)},${sy(ends)}"></polyline>
    <line class="guide" x1=${px} x2=${px} y1=${axisY} y2=${py}></line>
    <line class="guide" x1=${sx(0)} x2=${px} y1=${py} y2=${py}></line>
    <circle class="marker ${x > 0 ? 'kept' : 'zeroed'}" cx=${px} cy=${py} r="5"></circle>
    <text class="tick" x=${sx(-m)} y=${H - 3} text-anchor="start">${formatNumber(-m)}</text>
    <text class="tick" x=${sx(0)} y=${H - 3} text-anchor="middle">0</text>
    <text class="tick" x=${sx(m)} y=${H - 3} text-anchor="end">${formatNumber(m)}</text>
    <text class="label" x=${sx(-m) + 2} y=${PAD.top + 2} dominant-baseline="hanging">y = max(0, x)</text>
  </svg>`;
}
