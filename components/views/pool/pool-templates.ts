/**
 * The pool view's markup and painting: the input map with the windows done so far (their
 * losing cells faded), the windows around the current one drawn large with their numbers
 * and winners, and the current window taken apart. Every number carries data-role and
 * data-value (full precision); window cells also carry their input data-row and data-col.
 */
import { html, nothing } from 'lit';
import { colorOf } from '../../shared/diverging-colors';
import { paintMap } from '../../shared/map-painter';
import { inkOn } from '../shared/map-canvas';
import { type GridPosition } from '../shared/view-helpers';
import { windowAt, windowResult, type PoolViewData } from './pool-data';
import { formatNumber } from '../../shared/numbers';

const FADE = 0.78;
const FADE_TO = [244, 242, 236];

/**
 * Paints the input channel; in the windows up to `upToStep` (row-major output order) every
 * cell but the winner is faded, so the map shows what max pooling keeps.
 */
export function paintPoolInput(canvas: HTMLCanvasElement, data: PoolViewData, upToStep: number): void {
  const [h, w] = data.inShape;
  paintMap(canvas, data.inPlane, [h, w, 1], 0, data.domain, data.mode !== 'max' ? undefined : (d) => {
    for (let o = 0; o <= upToStep && o < data.windows.length; o++) {
      for (const cell of data.windows[o].cells) {
        const p = cell.row * w + cell.col;
        if (data.winners[p]) continue;
        for (let k = 0; k < 3; k++) d[p * 4 + k] = d[p * 4 + k] * (1 - FADE) + FADE_TO[k] * FADE;
      }
    }
  });
}

/** A CSS rgb() colour faded the way the input map fades a dropped cell. */
function faded(css: string): string {
  const [r, g, b] = (css.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
  const mix = (v: number, k: number) => Math.round(v * (1 - FADE) + FADE_TO[k] * FADE);
  return `rgb(${mix(r, 0)}, ${mix(g, 1)}, ${mix(b, 2)})`;
}

export interface WindowsLensHandlers {
  onWindow(p: GridPosition): void;
  onLeave(): void;
  onKey(e: KeyboardEvent): void;
}

/** One window's cells as a small grid, winner marked; padding cells (outside the input) shown empty. */
function windowCells(data: PoolViewData, out: GridPosition, pending: boolean) {
  const win = windowAt(data, out);
  const [ph, pw] = data.geometry.poolSize;
  const r0 = win.cells.length ? Math.min(...win.cells.map((c) => c.row)) : 0;
  const c0 = win.cells.length ? Math.min(...win.cells.map((c) => c.col)) : 0;
  const slots = [];
  for (let dy = 0; dy < ph; dy++) {
    for (let dx = 0; dx < pw; dx++) {
      const i = win.cells.findIndex((c) => c.row === r0 + dy && c.col === c0 + dx);
      if (i < 0) {
        slots.push(html`<span class="cell pad" aria-hidden="true"></span>`);
        continue;
      }
      const cell = win.cells[i];
      const winner = 'argmax' in win && i === win.argmax;
      const lost = !pending && !winner && data.mode === 'max';
      const bg = lost ? faded(colorOf(cell.value, data.domain)) : colorOf(cell.value, data.domain);
      slots.push(html`<span class="cell ${winner ? 'winner' : ''} ${lost ? 'lost' : ''}" data-role="window-cell"
        data-row=${cell.row} data-col=${cell.col} data-value=${String(cell.value)} data-winner=${winner ? 'true' : 'false'}
        style="background:${bg};color:${inkOn(bg)}">${formatNumber(cell.value)}</span>`);
    }
  }
  return slots;
}

/** The windows of the output cells in `block`, each drawn as its own small grid. */
export function windowsLensTemplate(
  data: PoolViewData,
  block: { row0: number; col0: number; rows: number; cols: number },
  at: GridPosition,
  upToStep: number,
  h: WindowsLensHandlers,
) {
  const [, pw] = data.geometry.poolSize;
  const ow = data.outShape[1];
  const groups = [];
  for (let r = block.row0; r < block.row0 + block.rows; r++) {
    for (let c = block.col0; c < block.col0 + block.cols; c++) {
      const current = r === at.row && c === at.col;
      const pending = r * ow + c > upToStep;
      groups.push(html`<div class="window ${current ? 'current' : ''}" data-out-row=${r} data-out-col=${c}
        style="grid-template-columns:repeat(${pw}, minmax(0, 1fr))" @pointerenter=${() => h.onWindow({ row: r, col: c })}>
        ${windowCells(data, { row: r, col: c }, pending)}</div>`);
    }
  }
  return html`<div class="lens windows" role="group" aria-roledescription="grid of windows" tabindex="0"
    aria-label="The windows around output (${at.row}, ${at.col}), each with its input values; the kept value is outlined. Arrow keys move."
    style="grid-template-columns:repeat(${block.cols}, minmax(0, 1fr))" @pointerleave=${h.onLeave} @keydown=${h.onKey}>${groups}</div>`;
}

/** The current window taken apart: its values, the rule, and the value it gives. */
export function windowMathTemplate(data: PoolViewData, at: GridPosition) {
  const win = windowAt(data, at);
  const [, pw] = data.geometry.poolSize;
  const result = windowResult(win);
  const engine = data.output[at.row * data.outShape[1] + at.col];
  const values = win.cells.map((c) => formatNumber(c.value)).join(', ');
  const best = 'argmax' in win ? win.cells[win.argmax] : null;
  return html`<figure class="window-zoom" data-out-row=${at.row} data-out-col=${at.col}>
      <div class="cells" style="grid-template-columns:repeat(${pw}, minmax(0, 1fr))">${windowCells(data, at, false)}</div>
      <figcaption>window (${at.row}, ${at.col}): input rows ${Math.min(...win.cells.map((c) => c.row))}–${Math.max(...win.cells.map((c) => c.row))},
        columns ${Math.min(...win.cells.map((c) => c.col))}–${Math.max(...win.cells.map((c) => c.col))}</figcaption>
    </figure>
    <p class="equation" data-row=${at.row} data-col=${at.col}>
      <span>${data.mode}(${values}) =</span>
      <span class="result" data-role="result" data-value=${String(engine)}>${formatNumber(engine, 3)}</span>
    </p>
    <p class="verdict" data-role="winner" data-row=${best?.row ?? nothing} data-col=${best?.col ?? nothing} data-value=${String(result)}>
      ${best ? `Kept: input (${best.row}, ${best.col})${tie(win.cells.map((c) => c.value), result) ? ', the first of equal values' : ''}. The other ${win.cells.length - 1} are dropped.` : `The ${win.cells.length} values are averaged.`}
    </p>`;
}

const tie = (values: number[], max: number): boolean => values.filter((v) => v === max).length > 1;
