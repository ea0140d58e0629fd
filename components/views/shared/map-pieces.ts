/**
 * Markup shared by the small views' maps: a colour legend, veils over cells that playback
 * has not reached, and the "lens", a block of cells around the cell on show, drawn large
 * with their numbers. Every number carries data-role, data-row, data-col and data-value
 * (full precision) so that tests can read what is on screen.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { colorOf, type SymmetricDomain } from '../../shared/diverging-colors';
import { boxStyle, inkOn } from './map-canvas';
import { type GridPosition } from './view-helpers';
import { formatNumber } from '../../shared/numbers';

export function legendTemplate(label: string, domain: SymmetricDomain) {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => colorOf(domain.min + t * (domain.max - domain.min), domain));
  return html`<div class="legend"><div>${label}</div><div class="ramp" style="background:linear-gradient(90deg, ${stops.join(', ')})"></div>
    <div class="ends"><span>${formatNumber(domain.min)}</span><span>0</span><span>${formatNumber(domain.max)}</span></div></div>`;
}

/** Veils over the cells after `upTo` in row-major order (none when `upTo` is the last cell). */
export function veilTemplate(upTo: GridPosition, rows: number, cols: number) {
  return html`<div class="veil" style=${boxStyle(upTo.row, upTo.col + 1, 1, cols, rows, cols)}></div>
    <div class="veil" style=${boxStyle(upTo.row + 1, 0, rows, cols, rows, cols)}></div>`;
}

/** An outline over a block of cells of a rows × cols map. */
export function boxTemplate(row: number, col: number, height: number, width: number, rows: number, cols: number, kind = '') {
  return html`<div class="box ${kind}" style=${boxStyle(row, col, height, width, rows, cols)}></div>`;
}

export interface LensOptions {
  /** data-role of every cell, e.g. "input" or "output". */
  role: string;
  label: string;
  block: { row0: number; col0: number; rows: number; cols: number };
  value(row: number, col: number): number;
  domain: SymmetricDomain;
  /** The cell on show (outlined). */
  current: GridPosition;
  /** Extra classes of a cell, e.g. "winner", "pending". */
  classes?(row: number, col: number): string;
  /** Cells whose value is not computed yet show no number. */
  hidden?(row: number, col: number): boolean;
  /** Extra content of a cell after its number. */
  decorate?(row: number, col: number): TemplateResult | typeof nothing;
  onCell(p: GridPosition): void;
  onLeave(): void;
  onKey(e: KeyboardEvent): void;
  digits?: number;
}

/** A block of cells drawn large, with numbers; arrow keys (when focused) move the cell on show. */
export function lensTemplate(o: LensOptions) {
  const { block } = o;
  const cells = [];
  for (let r = block.row0; r < block.row0 + block.rows; r++) {
    for (let c = block.col0; c < block.col0 + block.cols; c++) {
      const v = o.value(r, c);
      const hidden = o.hidden?.(r, c) ?? false;
      const bg = hidden ? '#f4f2ec' : colorOf(v, o.domain);
      const current = r === o.current.row && c === o.current.col;
      cells.push(html`<span class="cell ${current ? 'current' : ''} ${o.classes?.(r, c) ?? ''}" data-role=${hidden ? `${o.role}-pending` : o.role}
        data-row=${r} data-col=${c} data-value=${hidden ? nothing : String(v)} style="background:${bg};color:${inkOn(bg)}"
        @pointerenter=${() => o.onCell({ row: r, col: c })}>${hidden ? '' : formatNumber(v, o.digits ?? 2)}${o.decorate?.(r, c) ?? nothing}</span>`);
    }
  }
  return html`<div class="lens" role="group" aria-roledescription="grid of values" tabindex="0" style="--n:${block.cols}"
    aria-label="${o.label}: rows ${block.row0} to ${block.row0 + block.rows - 1}, columns ${block.col0} to ${block.col0 + block.cols - 1}. Arrow keys move."
    @pointerleave=${o.onLeave} @keydown=${o.onKey}>
    <div class="lens-head" aria-hidden="true">
      <span></span><span class="cols">${Array.from({ length: block.cols }, (_, i) => html`<span>${block.col0 + i}</span>`)}</span>
    </div>
    <div class="lens-body">
      <div class="lens-rows" aria-hidden="true">${Array.from({ length: block.rows }, (_, i) => html`<span>${block.row0 + i}</span>`)}</div>
      <div class="cells" style="grid-template-columns:repeat(${block.cols}, minmax(0, 1fr))">${cells}</div>
    </div>
  </div>`;
}
