/**
 * The conv view's markup: one row per input channel (input map, kernel, intermediate map,
 * its share), the output map, and the window taken apart with its formulas. Every number
 * shown carries data-role and data-value (full precision) so that tests can read it.
 */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ConvWindow } from '../../../model/ops/conv-window';
import { colorOf, symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import { inputChannelName, type ConvViewData } from './conv-data';
import { boxStyle, inkOn, type InputOutputHandlers } from '../shared/map-canvas';
import { formatNumber } from '../../shared/numbers';
import { type GridPosition } from '../shared/view-helpers';
import { tintOf } from '../../shared/map-painter';
import type { WeightRef } from './kernel-sheet';

export type { WeightRef } from './kernel-sheet';

export interface ConvTemplateState {
  data: ConvViewData;
  /** The position on show: the pointed-at output cell, else the playback position. */
  at: GridPosition;
  /** The playback position: cells after it are not computed yet (veiled). */
  computedUpTo: GridPosition;
  win: ConvWindow;
  detailChannel: number;
  detailWin: ConvWindow;
  probe: GridPosition | null;
  reading: { rows: [number, number]; cols: [number, number] } | null;
  weightFocus: WeightRef;
  weightShown: WeightRef | null;
  showKernelNumbers: boolean;
  channelTex: string | null;
  outputTex: string | null;
}

export interface ConvHandlers extends InputOutputHandlers {
  onWeightEnter(e: Event): void;
  onWeightLeave(): void;
  onWeightFocus(e: FocusEvent): void;
  onWeightBlur(): void;
  onWeightKey(e: KeyboardEvent): void;
  onDetailChannel(ci: number): void;
}

export const num = (role: string, v: number, digits = 2, extra: Record<string, string | number> = {}) => html`<span
  data-role=${role} data-value=${String(v)} data-ci=${extra.ci ?? nothing} data-index=${extra.index ?? nothing}>${formatNumber(v, digits)}</span>`;

function cellColor(data: ConvViewData, ci: number, v: number): string {
  return data.domains.input ? colorOf(v, data.domains.input) : tintOf(v, ci);
}

/** Veils over the cells the playback has not reached yet. */
export function veil(upTo: GridPosition, rows: number, cols: number) {
  return html`<div class="veil" style=${boxStyle(upTo.row, upTo.col + 1, 1, cols, rows, cols)}></div>
    <div class="veil" style=${boxStyle(upTo.row + 1, 0, rows, cols, rows, cols)}></div>`;
}

export function readingBox(s: ConvTemplateState) {
  if (!s.reading) return nothing;
  const [r0, r1] = s.reading.rows;
  const [c0, c1] = s.reading.cols;
  const [h, w] = s.data.outShape;
  return html`<div class="box probe" style=${boxStyle(r0, c0, r1 - r0 + 1, c1 - c0 + 1, h, w)}></div>`;
}

/** One kernel's weights as coloured cells (numbers when `showKernelNumbers`); one tab stop for all kernels on show. */
export function kernelGrid(s: ConvTemplateState, ci: number, h: ConvHandlers) {
  const { data } = s;
  const [kh, kw] = data.kernelSize;
  const cells = [];
  for (let ky = 0; ky < kh; ky++) {
    const row = [];
    for (let kx = 0; kx < kw; kx++) {
      const wt = data.params.kernel[((ky * kw + kx) * data.inShape[2] + ci) * data.outShape[2] + data.channel];
      const bg = colorOf(wt, data.domains.kernel);
      const f = s.weightFocus;
      const shown = s.weightShown && s.weightShown.ci === ci && s.weightShown.ky === ky && s.weightShown.kx === kx;
      row.push(html`<span class="cell ${shown ? 'shown' : ''}" role="gridcell" data-role="weight" data-ci=${ci} data-ky=${ky} data-kx=${kx}
        data-value=${String(wt)} style="background:${bg};color:${inkOn(bg)}"
        tabindex=${f.ci === ci && f.ky === ky && f.kx === kx ? 0 : -1}
        aria-label="weight row ${ky + 1}, column ${kx + 1}: ${formatNumber(wt, 3)}"
        @pointerenter=${h.onWeightEnter} @pointerleave=${h.onWeightLeave} @focus=${h.onWeightFocus} @blur=${h.onWeightBlur} @keydown=${h.onWeightKey}
        >${s.showKernelNumbers ? html`<span class="n">${formatNumber(wt)}</span>` : nothing}</span>`);
    }
    cells.push(html`<div role="row" style="display:contents">${row}</div>`);
  }
  return html`<div class="cells kernel" role="grid" style="--kw:${kw}" aria-label="Kernel for ${inputChannelName(data, ci)}">${cells}</div>`;
}

function channelRow(s: ConvTemplateState, ci: number, h: ConvHandlers) {
  const { data, win } = s;
  const [ih, iw] = data.inShape;
  const [oh, ow] = data.outShape;
  const [kh, kw] = data.kernelSize;
  const name = inputChannelName(data, ci);
  const current = ci === s.detailChannel;
  const share = data.intermediate[ci][s.at.row * ow + s.at.col];
  return html`<div class="row ${current ? 'current' : ''}" data-ci=${ci}>
    <button type="button" class="row-label" aria-pressed=${current ? 'true' : 'false'} title=${name}
      @click=${() => h.onDetailChannel(ci)}>${inputChannelName(data, ci, true)}</button>
    <div class="map input-map" data-ci=${ci} tabindex=${current ? 0 : -1} role="group" aria-roledescription="map"
      aria-label="Input ${name}, ${ih} by ${iw}. Arrow keys move a probe; the output cells that read it are outlined."
      @pointermove=${h.onInputPointer} @pointerleave=${h.onInputLeave} @focus=${h.onInputFocus} @blur=${h.onInputBlur} @keydown=${h.onInputKey}>
      <canvas data-kind="input" data-ci=${ci}></canvas>
      <div class="box" style=${boxStyle(win.inputRow, win.inputCol, kh, kw, ih, iw)}></div>
      ${s.probe ? html`<div class="box probe" style=${boxStyle(s.probe.row, s.probe.col, 1, 1, ih, iw)}></div>` : nothing}
    </div>
    <span class="op" aria-hidden="true">⊛</span>
    ${kernelGrid(s, ci, h)}
    <span class="op" aria-hidden="true">=</span>
    <div class="map inter-map" data-ci=${ci} @pointermove=${h.onOutputPointer} @pointerleave=${h.onOutputLeave} @click=${h.onOutputClick}>
      <canvas data-kind="intermediate" data-ci=${ci}></canvas>
      ${veil(s.computedUpTo, oh, ow)}
      <div class="box" style=${boxStyle(s.at.row, s.at.col, 1, 1, oh, ow)}></div>
      ${readingBox(s)}
    </div>
    <span class="share">${num('share', share, 3, { ci })}</span>
  </div>`;
}

function legend(label: string, domain: SymmetricDomain) {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => colorOf(domain.min + t * (domain.max - domain.min), domain));
  return html`<div class="legend"><div>${label}</div><div class="ramp" style="background:linear-gradient(90deg, ${stops.join(', ')})"></div>
    <div class="ends"><span>${formatNumber(domain.min)}</span><span>0</span><span>${formatNumber(domain.max)}</span></div></div>`;
}

/** One row per input channel: its map, its kernel, its intermediate map and its share. */
export function rowsTemplate(s: ConvTemplateState, h: ConvHandlers) {
  const { data } = s;
  const cin = data.inShape[2];
  return html`<div class="rows" data-subject="rows">
      <div class="row-head" aria-hidden="true"><span></span><span>${data.inputLayer.kind === 'input' ? 'the picture' : data.inputLayer.name}</span><span></span>
        <span>kernel</span><span></span><span>its share</span><span>(${s.at.row}, ${s.at.col})</span></div>
      ${Array.from({ length: cin }, (_, ci) => channelRow(s, ci, h))}
    </div>`;
}

/** The sum of the shares plus the bias, and the output map it fills in. */
export function resultTemplate(s: ConvTemplateState, h: ConvHandlers) {
  const { data, win } = s;
  const [oh, ow] = data.outShape;
  const cin = data.inShape[2];
  const value = win.sum;
  return html`<div class="result">
      <div class="sum-line">Σ of ${cin} shares + bias ${num('bias', data.bias, 3)} =
        <span class="value">${num('output', value, 3)}</span></div>
      <div class="map output-map" tabindex="0" role="group" aria-roledescription="map"
        aria-label="Output ${data.layer.name} channel ${data.channel}, ${oh} by ${ow}; cell (${s.at.row}, ${s.at.col}) = ${formatNumber(value)}. Arrow keys move; Space plays."
        data-row=${s.at.row} data-col=${s.at.col} data-value=${String(value)}
        @pointermove=${h.onOutputPointer} @pointerleave=${h.onOutputLeave} @click=${h.onOutputClick} @keydown=${h.onOutputKey}>
        <canvas data-kind="output"></canvas>
        ${veil(s.computedUpTo, oh, ow)}
        <div class="box" style=${boxStyle(s.at.row, s.at.col, 1, 1, oh, ow)}></div>
        ${readingBox(s)}
      </div>
      <div>${data.layer.name}, channel ${data.channel}: ${oh} × ${ow}</div>
    </div>`;
}

/** The colour keys of the kernels, the shares, the output (and a hidden layer's input). */
export function legendsTemplate(data: ConvViewData) {
  return html`<div class="legends">
    ${legend('kernel weights', data.domains.kernel)}
    ${legend('shares (intermediate maps)', data.domains.intermediate)}
    ${legend('output', data.domains.output)}
    ${data.domains.input ? legend(`input (${data.inputLayer.name})`, data.domains.input) : nothing}
  </div>`;
}

/** The rows of input channels, and the output map they add up to. */
export function elasticTemplate(s: ConvTemplateState, h: ConvHandlers) {
  return html`<div class="elastic" data-subject="window">
    ${rowsTemplate(s, h)}
    ${resultTemplate(s, h)}
  </div>
  ${legendsTemplate(s.data)}`;
}

function numberGrid(values: readonly number[], kw: number, role: string, color: (v: number, i: number) => string, caption: string) {
  return html`<figure><div class="cells" style="grid-template-columns:repeat(${kw}, minmax(0, 1fr))">
    ${values.map((v, i) => {
      const bg = color(v, i);
      return html`<span class="cell" data-role=${role} data-index=${i} data-value=${String(v)} style="background:${bg};color:${inkOn(bg)}">${formatNumber(v)}</span>`;
    })}</div><figcaption>${caption}</figcaption></figure>`;
}

/** The window on one input channel taken apart, the table of shares, and both formulas. */
export function detailTemplate(s: ConvTemplateState, h: ConvHandlers) {
  const { data, win, detailWin: dw } = s;
  const ci = s.detailChannel;
  const cin = data.inShape[2];
  const [, kw] = data.kernelSize;
  const per = data.kernelSize[0] * kw;
  const productDomain = symmetricDomain(Math.max(...dw.products.map(Math.abs)));
  const name = inputChannelName(data, ci);
  return html`<section class="detail" aria-label="The window taken apart">
    <h3>Inside the window at output (${s.at.row}, ${s.at.col})
      <label>Input channel
        <select .value=${String(ci)} @change=${(e: Event) => h.onDetailChannel(Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: cin }, (_, i) => html`<option value=${i} ?selected=${i === ci}>${inputChannelName(data, i)}</option>`)}
        </select></label></h3>
    <div>
      <div class="window-math" data-ci=${ci}>
        ${numberGrid(dw.inputs, kw, 'patch', (v) => cellColor(data, ci, v), `${name} patch`)}
        <span class="op" aria-hidden="true">⊙</span>
        ${numberGrid(dw.weights, kw, 'kernel-weight', (v) => colorOf(v, data.domains.kernel), 'kernel')}
        <span class="op" aria-hidden="true">=</span>
        ${numberGrid(dw.products, kw, 'product', (v) => colorOf(v, productDomain), 'products')}
        <div class="running"><span>Running sum, product by product:</span>
          <ol>${dw.runningSums.map((v, i) => html`<li>${num('running', v, 3, { index: i, ci })}</li>`)}</ol></div>
      </div>
      <div class="formula" data-formula="channel">${s.channelTex ? unsafeHTML(s.channelTex) : html`<span class="status">Loading the formula…</span>`}</div>
    </div>
    <div>
      <table class="shares">
        <thead><tr><th scope="col">input channel</th><th scope="col">its share</th><th scope="col">sum so far</th></tr></thead>
        <tbody>
          ${Array.from({ length: cin }, (_, i) => html`<tr class=${i === ci ? 'current' : ''}>
            <td>${inputChannelName(data, i)}</td>
            <td>${num('share-table', data.intermediate[i][s.at.row * data.outShape[1] + s.at.col], 3, { ci: i })}</td>
            <td>${num('total', win.runningSums[(i + 1) * per - 1], 3, { ci: i })}</td></tr>`)}
          <tr><td>bias</td><td>${num('bias', data.bias, 3)}</td><td></td></tr>
          <tr class="total"><td>output</td><td></td><td>${num('output', win.sum, 3)}</td></tr>
        </tbody>
      </table>
      <div class="formula" data-formula="output">${s.outputTex ? unsafeHTML(s.outputTex) : html`<span class="status">Loading the formula…</span>`}</div>
    </div>
  </section>`;
}

/** The image, and how many kernels and parameters the layer has, with the arithmetic. */
export function convFacts(data: ConvViewData, imageLabel: string) {
  const [kh, kw] = data.kernelSize;
  const cin = data.inShape[2];
  const cout = data.outShape[2];
  return html`
    ${imageLabel ? html`<span>Image: <strong>${imageLabel}</strong></span>` : ''}
    <span data-role="kernel-count" data-value=${data.kernelCount}>Kernels: ${cin} input × ${cout} output channels = <strong>${data.kernelCount}</strong></span>
    <span data-role="param-count" data-value=${data.paramCount}>Parameters: ${kh}·${kw}·${cin}·${cout} weights + ${cout} biases = <strong>${data.paramCount.toLocaleString('en')}</strong></span>`;
}
