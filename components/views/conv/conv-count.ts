/**
 * Every kernel of a conv layer at once, to count them: a row per output channel, a column
 * per input channel, each kernel a tiny k × k square of its weights' colours, and a last
 * column of the output channels' biases. The arithmetic beside it says how many kernels
 * and parameters that makes. The grid is one tab stop; arrow keys move between kernels and
 * the caption reads out the kernel in focus.
 */
import { html, nothing } from 'lit';
import { colorOf, symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import { maxAbs, formatNumber } from '../../shared/numbers';
import { inputChannelName, type ConvViewData } from './conv-data';
import { convFacts } from './conv-templates';
import type { CountLayout } from './conv-fit-layout';

export interface KernelRef {
  /** Output channel (the row) and input channel (the column). */
  co: number;
  ci: number;
}

export interface CountHandlers {
  onKernelFocus(e: FocusEvent): void;
  onKernelBlur(): void;
  onKernelKey(e: KeyboardEvent): void;
}

const domains = new WeakMap<ConvViewData, { kernel: SymmetricDomain; bias: SymmetricDomain }>();

/** One colour scale for all the layer's weights, another for its biases. */
function layerDomains(data: ConvViewData) {
  let d = domains.get(data);
  if (!d) domains.set(data, (d = { kernel: symmetricDomain(maxAbs(data.params.kernel)), bias: symmetricDomain(maxAbs(data.params.bias)) }));
  return d;
}

function tile(data: ConvViewData, co: number, ci: number, focus: KernelRef, h: CountHandlers, domain: SymmetricDomain) {
  const [kh, kw, cin, cout] = data.params.kernelShape;
  const cells = [];
  for (let k = 0; k < kh * kw; k++) cells.push(html`<i style="background:${colorOf(data.params.kernel[(k * cin + ci) * cout + co], domain)}"></i>`);
  const focused = focus.co === co && focus.ci === ci;
  return html`<span class="tile" role="gridcell" data-co=${co} data-ci=${ci} tabindex=${focused ? 0 : -1}
    aria-label="kernel from ${inputChannelName(data, ci)} to output channel ${co}"
    @focus=${h.onKernelFocus} @blur=${h.onKernelBlur} @keydown=${h.onKernelKey}>${cells}</span>`;
}

/** What the caption says of the kernel in focus: where it sits and its weights. */
function kernelWords(data: ConvViewData, k: KernelRef) {
  const [kh, kw, cin, cout] = data.params.kernelShape;
  const weights = Array.from({ length: kh * kw }, (_, i) => formatNumber(data.params.kernel[(i * cin + k.ci) * cout + k.co]));
  return html`Kernel from <strong>${inputChannelName(data, k.ci)}</strong> to output channel <strong>${k.co}</strong>:
    <span data-role="kernel-weights">${weights.join(', ')}</span>`;
}

export function countTemplate(data: ConvViewData, layout: CountLayout, focus: KernelRef, showFocus: boolean, h: CountHandlers) {
  const [kh, kw, cin, cout] = data.params.kernelShape;
  const d = layerDomains(data);
  const { cell, gap } = layout;
  const tileSide = kw * cell + (kw - 1);
  const label = data.inputLayer.kind === 'input' ? ['R', 'G', 'B'] : null;
  return html`<figure class="count" data-subject="count">
    <p class="facts">${convFacts(data, '')}</p>
    <div class="count-grid" role="grid" aria-label="The ${data.kernelCount} kernels of ${data.layer.name}: a row per output channel, a column per input channel; the last column holds each output channel's bias."
      style="--cell:${cell}px;--gap:${gap}px;--tile:${tileSide}px;--cin:${cin};--kh:${kh};--kw:${kw}">
      ${layout.header ? html`<div class="count-row head" role="row">
        <span class="corner" aria-hidden="true"></span>
        ${Array.from({ length: cin }, (_, ci) => html`<span role="columnheader" aria-label=${inputChannelName(data, ci)}>${label?.[ci] ?? ci}</span>`)}
        <span role="columnheader" aria-label="bias">b</span></div>` : nothing}
      ${Array.from({ length: cout }, (_, co) => html`<div class="count-row ${co === data.channel ? 'current' : ''}" role="row">
        <span class="rh" role="rowheader" aria-label="output channel ${co}">${co}</span>
        ${Array.from({ length: cin }, (_, ci) => tile(data, co, ci, focus, h, d.kernel))}
        <span class="bias" role="gridcell" aria-label="bias ${formatNumber(data.params.bias[co], 3)}" style="background:${colorOf(data.params.bias[co], d.bias)}"></span>
      </div>`)}
    </div>
    <figcaption data-role="count-caption">${showFocus ? kernelWords(data, focus)
      : html`A row per output channel, a column per input channel: each square is one kernel of ${kh} × ${kw} weights, and b is the
        output channel's bias. The outlined row is output channel ${data.channel}, on show.`}</figcaption>
  </figure>`;
}
