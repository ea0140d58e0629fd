/**
 * The numbers panel: a small square of one map written out as numbers, beside the map with
 * the square drawn on it. For an input channel each cell shows the stored byte (0 to 255)
 * over the value the network reads (the byte ÷ 255); for any other map, the value itself.
 * The square moves with a click on the map, or with the arrow keys when the map has focus.
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { colorOf } from '../../shared/diverging-colors';
import { tintOf } from '../../shared/map-painter';
import { formatNumber } from '../../shared/numbers';
import type { ColumnView } from '../overview-view';
import { toByte, type Patch } from './panel-data';
import { panel, thumb } from './thumbs';

const CHANNEL_NAMES = ['red', 'green', 'blue'];

/** Whether white text reads better than black on a CSS rgb() colour (by relative luminance). */
export function whiteInkOn(rgb: string): boolean {
  const m = rgb.match(/\d+(\.\d+)?/g);
  if (!m) return false;
  const lin = (c: number) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const [r, g, b] = m.slice(0, 3).map(Number).map(lin);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179;
}

export interface NumbersLayout {
  patchSize: number;
  cellW: number;
  cellH: number;
  mapSide: number;
  /** Map above the table instead of beside it. */
  stacked: boolean;
}

/** Sizes for a patch table and its map in a region of the given size. */
export function numbersLayout(input: boolean, space: { width: number; height: number }, patchSize = 6): NumbersLayout {
  const minW = input ? 34 : 40;
  const cellH0 = input ? 30 : 20;
  let size = patchSize;
  while (size > 3 && size * cellH0 > space.height - 4) size--;
  const cellW = Math.max(minW, Math.min(48, Math.floor((space.width * 0.62) / size)));
  const cellH = Math.max(cellH0, Math.min(input ? 36 : 26, Math.floor((space.height - 4) / size)));
  const beside = space.width - size * cellW - 14;
  const stacked = beside < 84;
  const mapSide = stacked ? Math.max(60, Math.min(space.width, space.height - size * cellH - 12, 160)) : Math.min(beside, Math.max(space.height, size * cellH), 200);
  return { patchSize: size, cellW, cellH, mapSide: Math.floor(mapSide), stacked };
}

export interface NumbersPanelInput {
  col: ColumnView;
  column: number;
  channel: number;
  patch: Patch;
  layout: NumbersLayout;
  /** The panel's body is the fitted figure's flexible region. */
  slot?: boolean;
}

export function numbersPanel({ col, column, channel, patch, layout, slot }: NumbersPanelInput): TemplateResult {
  const input = col.kind === 'input';
  const [h, w] = col.shape;
  const channelName = input ? `${CHANNEL_NAMES[channel] ?? `channel ${channel}`} channel` : `channel ${channel}`;
  const last = patch.size - 1;
  const where = `rows ${patch.row}–${patch.row + last}, columns ${patch.col}–${patch.col + last}`;
  const title = input
    ? html`<strong>${col.name}</strong>, ${channelName}: ${patch.size} × ${patch.size} pixels (${where}) as stored bytes, and ÷ 255 as the network reads them`
    : html`<strong>${col.name}</strong>, ${channelName}: the values at ${where}`;
  const overlay = { rows: { first: patch.row, last: patch.row + last }, cols: { first: patch.col, last: patch.col + last }, kind: 'patch' as const };
  const map = thumb({
    column, channel, h, w, size: layout.mapSide, overlays: [overlay],
    control: { kind: 'patch', label: `Move the square: click a place on the ${col.name} ${channelName}, or use the arrow keys. Now at ${where}.` },
  });
  const cells = patch.values.map((v, i) => {
    const r = Math.floor(i / patch.size);
    const k = i % patch.size;
    const bg = input ? tintOf(v, channel) : col.domain ? colorOf(v, col.domain) : '#fff';
    const whiteText = whiteInkOn(bg);
    const style = styleMap({ background: bg, color: whiteText ? '#fff' : '#1d1d1f', width: `${layout.cellW}px`, height: `${layout.cellH}px` });
    return input
      ? html`<td style=${style} data-row=${patch.row + r} data-col=${patch.col + k} data-byte=${toByte(v)} data-value=${v}><b>${toByte(v)}</b><span>${formatNumber(v, 2)}</span></td>`
      : html`<td style=${style} data-row=${patch.row + r} data-col=${patch.col + k} data-value=${v}><b>${formatNumber(v, 2)}</b></td>`;
  });
  const rows = Array.from({ length: patch.size }, (_, r) => html`<tr>${cells.slice(r * patch.size, (r + 1) * patch.size)}</tr>`);
  const table = html`<table class="patch ${input ? 'bytes' : 'values'}" aria-label=${`${col.name} ${channelName}, ${where}`}>${rows}</table>`;
  const note = input
    ? html`<p class="muted">Top: the brightness as a byte (0–255). Under it: what the network reads, the brightness ÷ 255 (0–1). Dark cells hold small numbers.</p>`
    : html`<p class="muted">Two decimals; the cell colours follow the map's legend.</p>`;
  return panel('numbers', title, html`<div class="numbers-body ${layout.stacked ? 'stacked' : ''} ${slot ? 'slot' : ''}">${map}<div class="table-side">${table}${note}</div></div>`);
}
