/**
 * The flatten view's markup: the pooled maps as tiles, the flat vector as a strip (one
 * strip row per map row: W pixels × C channels), a zoom of the strip around the current
 * entry where consecutive entries visibly cycle through the channels, and the weight to
 * the chosen class. Every number carries data-role and data-value (full precision).
 */
import { html, nothing } from 'lit';
import { colorOf } from '../../shared/diverging-colors';
import { boxStyle, inkOn } from '../shared/map-canvas';

import { indexOf, positionOf, stripValues, type FlattenViewData, type StripMode } from './flatten-data';
import { formatCount, formatNumber } from '../../shared/numbers';

export interface FlattenHandlers {
  /** Preview an entry (pointer over it), or clear the preview (null). */
  onPreview(index: number | null): void;
  /** Go to an entry (click, keyboard). */
  onSelect(index: number): void;
  onTileKey(e: KeyboardEvent): void;
  onStripKey(e: KeyboardEvent): void;
  onTilePointer(e: PointerEvent): void;
  onStripPointer(e: PointerEvent): void;
  onTileClick(e: MouseEvent): void;
  onStripClick(e: MouseEvent): void;
}

/** The C pooled maps; the current pixel is outlined on every one, the current channel's tile stands out. `short` captions give the channel alone. */
export function tilesTemplate(data: FlattenViewData, index: number, h: FlattenHandlers, short = false) {
  const [rows, cols, channels] = data.shape;
  const { row, col, channel } = positionOf(data, index);
  return html`<div class="tiles" style="--channels:${channels}">
    ${Array.from({ length: channels }, (_, k) => html`<figure class="tile ${k === channel ? 'current' : ''}">
      <div class="map" data-channel=${k} tabindex=${k === channel ? 0 : -1} role="group" aria-roledescription="map"
        aria-label="${data.source.name} channel ${k}, ${rows} by ${cols}; pixel (${row}, ${col}) is entry ${indexOf(data, { row, col, channel: k })}. Arrow keys move the pixel."
        @pointermove=${h.onTilePointer} @pointerleave=${() => h.onPreview(null)} @click=${h.onTileClick} @keydown=${h.onTileKey}>
        <canvas data-kind="tile" data-channel=${k}></canvas>
        <div class="box ${k === channel ? 'current' : ''}" style=${boxStyle(row, col, 1, 1, rows, cols)}></div>
      </div>
      <figcaption>${short ? k : `k = ${k}`}</figcaption>
    </figure>`)}
  </div>`;
}

/** The whole vector: one strip row per map row, so row r holds entries r·W·C … (r + 1)·W·C − 1. */
export function stripTemplate(data: FlattenViewData, index: number, h: FlattenHandlers) {
  const [rows, cols, channels] = data.shape;
  const perRow = cols * channels;
  const r = Math.floor(index / perRow);
  const c = index % perRow;
  return html`<div class="strip-wrap" style="--rows:${rows}">
    <div class="strip-rows" aria-hidden="true">${Array.from({ length: rows }, (_, i) => html`<span>${i * perRow}</span>`)}</div>
    <div class="map strip" tabindex="0" role="group" aria-roledescription="vector"
      aria-label="The flat vector, ${formatCount(rows * perRow)} entries in ${rows} rows of ${perRow}; entry ${index}. Left and right move one entry, up and down one row."
      style="aspect-ratio:${perRow} / ${rows}" data-index=${index}
      @pointermove=${h.onStripPointer} @pointerleave=${() => h.onPreview(null)} @click=${h.onStripClick} @keydown=${h.onStripKey}>
      <canvas data-kind="strip"></canvas>
      <div class="box current" style=${boxStyle(r, c, 1, 1, rows, perRow)}></div>
      <div class="box pixel" style=${boxStyle(r, c - (c % channels), 1, channels, rows, perRow)}></div>
    </div>
  </div>`;
}

/** `groups` pixels' worth of entries around the current one (`index`), each entry with its channel and index. */
export function zoomTemplate(data: FlattenViewData, index: number, anchor: number, groups: number, mode: StripMode, h: FlattenHandlers) {
  const [rows, cols, channels] = data.shape;
  const pixel = Math.floor(index / channels);
  // Centred on `anchor` (the playback position) while `index` is in view, so that the entries
  // do not slide away under a pointer that previews them; otherwise on `index`.
  const around = (p: number) => Math.max(0, Math.min(rows * cols - groups, p - Math.floor(groups / 2)));
  let first = around(Math.floor(anchor / channels));
  if (pixel < first || pixel >= first + groups) first = around(pixel);
  const shown = stripValues(data, mode);
  const domain = data.domains[mode];
  const blocks = [];
  for (let p = first; p < first + groups; p++) {
    const r = Math.floor(p / cols);
    const c = p % cols;
    const cells = [];
    for (let k = 0; k < channels; k++) {
      const i = p * channels + k;
      const bg = colorOf(shown[i], domain);
      cells.push(html`<span class="entry ${i === index ? 'current' : ''}" data-role="entry" data-index=${i} data-row=${r} data-col=${c} data-channel=${k}
        data-value=${String(data.values[i])} @pointerenter=${() => h.onPreview(i)} @click=${() => h.onSelect(i)}>
        <span class="k">${k}</span>
        <span class="v" style="background:${bg};color:${inkOn(bg)}">${formatNumber(shown[i])}</span>
        <span class="i">${i}</span>
      </span>`);
    }
    blocks.push(html`<div class="pixel-group ${p === pixel ? 'current' : ''}" style="--channels:${channels}">
      <div class="group-head">pixel (${r}, ${c})</div><div class="entries">${cells}</div></div>`);
  }
  return html`<div class="zoom" @pointerleave=${() => h.onPreview(null)}>
    <div class="zoom-key" aria-hidden="true"><span>k</span><span>${mode === 'value' ? 'value' : mode === 'weight' ? 'weight' : 'value × weight'}</span><span>index i</span></div>
    ${blocks}
  </div>`;
}

/** The current entry: where it comes from, its value, and its weight to the class. */
export function entryFactsTemplate(data: FlattenViewData, index: number) {
  const { row, col, channel } = positionOf(data, index);
  const x = data.values[index];
  const w = data.weights[index];
  const source = data.sourceValues[indexOf(data, { row, col, channel })];
  return html`<dl class="entry-facts" data-index=${index}>
    <div><dt>entry</dt><dd data-role="index" data-value=${index} data-row=${row} data-col=${col} data-channel=${channel}>i = ${index}</dd></div>
    <div><dt>${data.source.name} at (${row}, ${col}), channel ${channel}</dt><dd data-role="source-value" data-value=${String(source)}>${formatNumber(source, 3)}</dd></div>
    <div><dt>flat vector x<sub>${index}</sub></dt><dd data-role="flat-value" data-value=${String(x)}>${formatNumber(x, 3)}</dd></div>
    ${data.dense ? html`<div><dt>weight to ${data.className}</dt><dd data-role="weight" data-value=${String(w)} data-index=${index} data-class=${data.classIndex}>${formatNumber(w, 4)}</dd></div>
      <div><dt>x × weight</dt><dd data-role="product" data-value=${String(x * w)}>${formatNumber(x * w, 4)}</dd></div>` : nothing}
  </dl>`;
}

/** The class's logit rebuilt from all entries, next to the engine's. */
export function logitTemplate(data: FlattenViewData) {
  if (!data.dense) return html`<p class="hint">No dense layer reads this vector, so there are no weights to show.</p>`;
  const n = data.values.length;
  return html`<p class="logit-line">
    The logit of <strong>${data.className}</strong> adds up all ${formatCount(n)} entries, each times its weight:
    bias <span data-role="bias" data-value=${String(data.bias)}>${formatNumber(data.bias, 3)}</span> + Σ x<sub>i</sub> w<sub>i</sub>
    (<span data-role="weighted-sum" data-value=${String(data.rebuiltLogit - data.bias)}>${formatNumber(data.rebuiltLogit - data.bias, 3)}</span>) = <strong data-role="rebuilt-logit" data-value=${String(data.rebuiltLogit)}>${formatNumber(data.rebuiltLogit, 3)}</strong>
    <span class="muted">(the network's ${data.dense.layer.name}: <span data-role="engine-logit" data-value=${String(data.engineLogit)}>${formatNumber(data.engineLogit, 3)}</span>)</span>
  </p>`;
}
