/**
 * The receptive-field panel: one value of a map, and the square of input pixels it depends
 * on, drawn on the picture; then the field's size in every layer between them (a list on
 * wide screens, a strip of small maps with the field on each on phones). A click on the
 * map, or the arrow keys while it has focus, choose another value.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { spanLength, type FieldRect } from '../../../model/ops/receptive-field';
import { formatValue } from '../../shared/numbers';
import type { ColumnView } from '../overview-view';
import type { TracedField } from '../field-trace';
import { panel, thumb, type Overlay } from './thumbs';

export interface FieldPanelInput {
  cols: ColumnView[];
  /** The column of the traced value. */
  column: number;
  field: TracedField;
  /** The traced value itself. */
  value: number;
  space: { width: number; height: number };
  /** A strip of every earlier layer (phones) instead of a list of sizes. */
  strip: boolean;
  /** The panel's body is the fitted figure's flexible region. */
  slot?: boolean;
}

const sizeText = (r: FieldRect) => `${spanLength(r.rows)} × ${spanLength(r.cols)}`;

/** The columns (map columns only) from the input up to the traced value's column. */
function pathColumns(cols: ColumnView[], column: number): number[] {
  return cols.map((_, i) => i).filter((i) => i <= column && cols[i].kind !== 'output');
}

/** The channel of a column the strip shows: the one the field keeps to, else the traced one's index. */
function channelShown(field: TracedField, col: ColumnView): number {
  const reached = field.channels[col.layerIndex];
  return reached ? reached[0] : Math.min(field.at.channel, col.count - 1);
}

export function fieldPanel(p: FieldPanelInput): TemplateResult {
  const { cols, column, field } = p;
  const target = cols[column];
  const input = field.rects[0];
  const path = pathColumns(cols, column);
  const stripH = p.strip ? Math.min(44, Math.floor(p.space.width / Math.max(1, path.length)) - 4) + 18 : 0;
  // The pixels are the point: the input gets the larger square, the traced map about 0.6 of it.
  const side = Math.max(60, Math.floor(Math.min((p.space.width - 28) / 1.62, p.space.height - stripH - (p.strip ? 26 : 40), 240)));
  const valueSide = Math.max(48, Math.floor(side * 0.62));
  const at = field.at;
  const isOutput = target.kind === 'output';
  const where = isOutput ? '' : `row ${at.row}, column ${at.col}`;
  const title = html`<strong>${target.name}</strong>, ${isOutput ? `class ${at.col}` : `channel ${at.channel}, ${where}`}
    (value ${formatValue(p.value)}) depends on <strong>${sizeText(input)}</strong> input pixels`;
  const valueOverlay: Overlay = { rows: field.rects[target.layerIndex].rows, cols: field.rects[target.layerIndex].cols, kind: 'value' };
  const pair = html`<div class="field-pair">
    ${isOutput ? nothing : html`<figure>${thumb({
      column, channel: at.channel, h: target.height, w: target.width, size: valueSide, overlays: [valueOverlay],
      control: { kind: 'value', label: `Choose the value to trace on ${target.name} channel ${at.channel}: click it, or use the arrow keys. Now ${where}.` },
    })}<figcaption>${target.name} · ${target.height} × ${target.width}</figcaption></figure>
    <span class="arrow" aria-hidden="true">←</span>`}
    <figure data-field-input=${`${input.rows.first},${input.cols.first},${spanLength(input.rows)},${spanLength(input.cols)}`}>
      ${thumb({ column: null, h: cols[0].height, w: cols[0].width, size: side, overlays: [{ rows: input.rows, cols: input.cols, kind: 'field' }] })}
      <figcaption>input · ${sizeText(input)} of ${cols[0].height} × ${cols[0].width}</figcaption>
    </figure>
  </div>`;
  const between = path.slice(1).filter((i) => i !== column).reverse();
  const list = html`<ol class="field-chain" aria-label="The field in each layer">${between.map((i) => {
    const r = field.rects[cols[i].layerIndex];
    return html`<li data-layer=${cols[i].name}>${cols[i].name} <b>${sizeText(r)}</b></li>`;
  })}</ol>`;
  const chain = p.strip
    ? html`<div class="field-strip" style=${`--strip: ${stripH - 18}px`}>${path.map((i) => {
        const col = cols[i];
        const r = field.rects[col.layerIndex];
        const ch = channelShown(field, col);
        return html`<figure data-layer=${col.name} data-field=${`${r.rows.first},${r.cols.first},${spanLength(r.rows)},${spanLength(r.cols)}`}>
          ${thumb({ column: i, channel: ch, h: col.height, w: col.width, size: stripH - 18, overlays: [{ rows: r.rows, cols: r.cols, kind: i === column ? 'value' : 'field' }], title: `${col.name}: ${sizeText(r)}` })}
          <figcaption>${spanLength(r.rows)}²</figcaption></figure>`;
      })}</div>`
    : list;
  return panel('field', title, html`<div class=${p.slot ? 'slot' : 'panel-body'}>${pair}${chain}</div>`);
}
