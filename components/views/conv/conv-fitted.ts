/**
 * The conv view fitted to a box (the article's stage), one template per subject:
 * - window: every channel's row beside the output map, or on a narrow box one channel at
 *   a time (its map and the output map side by side, its kernel below);
 * - kernel: the kernels large, with their numbers, above the picture and the output map;
 * - sum: the channels' shares (rows, or tiles when there are many) and the formula that
 *   adds them up, broken into lines to fit the box;
 * - count: see conv-count.ts.
 * Sizes come from conv-fit-layout.ts.
 */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { inputChannelName, type ConvViewData } from './conv-data';
import { kernelGrid, num, readingBox, resultTemplate, rowsTemplate, veil, type ConvHandlers, type ConvTemplateState } from './conv-templates';
import type { ConvFitLayout, ConvSubject, KernelsLayout, RowsLayout, SingleLayout, TilesLayout } from './conv-fit-layout';
import { boxStyle } from '../shared/map-canvas';
import { formatNumber } from '../../shared/numbers';

const loading = html`<span class="status">Loading the formula…</span>`;
const kernelWidth = (cell: number, k: number) => k * cell + (k - 1) * 2;

/** The output map with the playback's veil and the window's cell; arrows and clicks move the window. */
function outputMap(s: ConvTemplateState, h: ConvHandlers) {
  const { data, win } = s;
  const [oh, ow] = data.outShape;
  return html`<div class="map output-map" tabindex="0" role="group" aria-roledescription="map"
      aria-label="Output ${data.layer.name} channel ${data.channel}, ${oh} by ${ow}; cell (${s.at.row}, ${s.at.col}) = ${formatNumber(win.sum)}. Arrow keys move; Space plays."
      data-row=${s.at.row} data-col=${s.at.col} data-value=${String(win.sum)}
      @pointermove=${h.onOutputPointer} @pointerleave=${h.onOutputLeave} @click=${h.onOutputClick} @keydown=${h.onOutputKey}>
      <canvas data-kind="output"></canvas>
      ${veil(s.computedUpTo, oh, ow)}
      <div class="box" style=${boxStyle(s.at.row, s.at.col, 1, 1, oh, ow)}></div>
      ${readingBox(s)}
    </div>`;
}

/** Every channel's row, and the output map beside or below them (when the layout has room for it). */
export function fittedRows(s: ConvTemplateState, h: ConvHandlers, layout: RowsLayout, subject: string) {
  return html`<div class="fit-rows ${layout.side ? 'side' : 'stack'}" data-subject=${subject === 'window' ? 'window' : nothing}
      style="--row-map:${layout.rowMap}px;--out-map:${layout.outMap}px">
      ${rowsTemplate(s, h)}
      ${layout.outMap > 0 ? resultTemplate(s, h) : nothing}
    </div>`;
}

/** One input channel (the switcher in the bar picks it) ⊛ its kernel, beside the output map it adds to. */
export function fittedSingle(s: ConvTemplateState, h: ConvHandlers, layout: SingleLayout) {
  const { data, win } = s;
  const ci = s.detailChannel;
  const [ih, iw, cin] = data.inShape;
  const [kh, kw] = data.kernelSize;
  const name = inputChannelName(data, ci);
  const share = data.intermediate[ci][s.at.row * data.outShape[1] + s.at.col];
  const others = cin - 1;
  return html`<div class="fit-single" data-subject="window" style="--map:${layout.map}px">
      <div class="fs-maps">
        <figure>
          <figcaption>${data.inputLayer.kind === 'input' ? `${name} channel of the picture` : name}</figcaption>
          <div class="map input-map" data-ci=${ci} tabindex="0" role="group" aria-roledescription="map"
            aria-label="Input ${name}, ${ih} by ${iw}. Arrow keys move a probe; the output cells that read it are outlined."
            @pointermove=${h.onInputPointer} @pointerleave=${h.onInputLeave} @focus=${h.onInputFocus} @blur=${h.onInputBlur} @keydown=${h.onInputKey}>
            <canvas data-kind="input" data-ci=${ci}></canvas>
            <div class="box" style=${boxStyle(win.inputRow, win.inputCol, kh, kw, ih, iw)}></div>
            ${s.probe ? html`<div class="box probe" style=${boxStyle(s.probe.row, s.probe.col, 1, 1, ih, iw)}></div>` : nothing}
          </div>
        </figure>
        <figure>
          <figcaption>${data.layer.name}, channel ${data.channel}</figcaption>
          ${outputMap(s, h)}
        </figure>
      </div>
      <div class="fs-math">
        <span class="op" aria-hidden="true">⊛</span>
        <div class="fs-kernel" style="width:${kernelWidth(layout.cell, kw)}px">${kernelGrid(s, ci, h)}</div>
        <div class="fs-values">
          <div>(${s.at.row}, ${s.at.col}): ${name} ⊛ kernel = ${num('share', share, 3, { ci })}</div>
          <div>${others > 0 ? `+ ${others} other channel${others === 1 ? '' : 's'} ` : ''}+ bias = <span class="value">${num('output', win.sum, 3)}</span></div>
        </div>
      </div>
    </div>`;
}

/** The kernels with their numbers, then the picture and the output map where their pattern turned up. */
export function fittedKernels(s: ConvTemplateState, h: ConvHandlers, layout: KernelsLayout) {
  const { data } = s;
  const cin = data.inShape[2];
  const [, kw] = data.kernelSize;
  const picture = data.inputLayer.kind === 'input';
  return html`<div class="fit-kernel">
      <div class="fk-kernels" data-subject="kernels" style="grid-template-columns:repeat(${layout.cols}, ${kernelWidth(layout.cell, kw)}px)">
        ${Array.from({ length: cin }, (_, ci) => html`<figure>
          <figcaption>${inputChannelName(data, ci, cin > 4)}</figcaption>${kernelGrid(s, ci, h)}</figure>`)}
      </div>
      <div class="fk-maps" style="--map:${layout.map}px">
        ${picture ? html`<figure><div class="map"><canvas data-kind="rgb"></canvas></div><figcaption>the picture</figcaption></figure>
          <span class="op" aria-hidden="true">→</span>` : nothing}
        <figure>${outputMap(s, h)}<figcaption>${data.layer.name}, channel ${data.channel}: where the pattern turned up</figcaption></figure>
      </div>
    </div>`;
}

/** Many channels' shares at the position on show, as small maps with their values. */
export function fittedTiles(s: ConvTemplateState, layout: TilesLayout) {
  const { data } = s;
  const [oh, ow] = data.outShape;
  return html`<div class="fit-tiles" style="grid-template-columns:repeat(${layout.cols}, ${layout.tile}px)">
      ${data.intermediate.map((m, ci) => html`<figure>
        <div class="map inter-map"><canvas data-kind="intermediate" data-ci=${ci}></canvas>
          <div class="box" style=${boxStyle(s.at.row, s.at.col, 1, 1, oh, ow)}></div></div>
        <figcaption>${inputChannelName(data, ci, true)}: ${num('share', m[s.at.row * ow + s.at.col], 3, { ci })}</figcaption></figure>`)}
    </div>`;
}

/** The formula adding the shares and the bias (and, when there is room, one channel's nine products). */
export function fittedFormulas(s: ConvTemplateState, both: boolean) {
  return html`<div class="fit-formulas ${both ? 'both' : ''}">
      <div class="formula" data-formula="output">${s.outputTex ? unsafeHTML(s.outputTex) : loading}</div>
      ${both ? html`<div class="formula" data-formula="channel">${s.channelTex ? unsafeHTML(s.channelTex) : loading}</div>` : nothing}
    </div>`;
}

/** The subject's block for every layout but the count's (conv-count.ts); `both`: the sum shows one channel's products too. */
export function fittedSubject(s: ConvTemplateState, h: ConvHandlers, layout: ConvFitLayout, subject: ConvSubject, both: boolean) {
  switch (layout.kind) {
    case 'rows': return subject === 'sum' ? html`${fittedRows(s, h, layout, subject)}${fittedFormulas(s, both)}` : fittedRows(s, h, layout, subject);
    case 'single': return fittedSingle(s, h, layout);
    case 'kernels': return fittedKernels(s, h, layout);
    case 'tiles': return html`${fittedTiles(s, layout)}${fittedFormulas(s, false)}`;
    default: return nothing;
  }
}

/** Which input channel shows, where one shows at a time: a button per colour, or a menu for many channels. */
export function channelSwitch(data: ConvViewData, current: number, pick: (ci: number) => void) {
  const cin = data.inShape[2];
  return html`<div class="switch" role="group" aria-label="Input channel on show">${cin <= 4
    ? Array.from({ length: cin }, (_, ci) => html`<button type="button" aria-pressed=${String(ci === current)} @click=${() => pick(ci)}>${inputChannelName(data, ci, true)}</button>`)
    : html`<label>Input channel <select .value=${String(current)} @change=${(e: Event) => pick(Number((e.target as HTMLSelectElement).value))}>
        ${Array.from({ length: cin }, (_, ci) => html`<option value=${ci} ?selected=${ci === current}>${ci}</option>`)}</select></label>`}</div>`;
}
