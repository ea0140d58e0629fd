/**
 * The kernel panel: one neuron's weights, one grid per input channel, each weight a cell
 * coloured on the diverging scale with its value written in it (when the cell is large
 * enough to read), and the bias the neuron adds at the end.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { colorOf } from '../../shared/diverging-colors';
import { formatNumber, formatValue } from '../../shared/numbers';
import type { NeuronKernels } from './panel-data';
import { panel } from './thumbs';

const INPUT_CHANNEL_NAMES = ['red', 'green', 'blue'];

/** Below these cell sizes a weight is shown by its colour alone (11 px text, "−.31"). */
export const MIN_NUMBER_WIDTH = 28;
export const MIN_NUMBER_HEIGHT = 17;
const CAPTION = 14;
const GAP = 6;

/** A weight as a cell can hold it: "−0.12" in roomy cells, "−.12" in tight ones. */
export function weightText(w: number, cellWidth: number): string {
  const s = formatNumber(w, 2);
  return cellWidth >= 38 ? s : s.replace(/^(\u2212?)0\./, '$1.');
}

export interface KernelFit {
  perRow: number;
  cellW: number;
  cellH: number;
  captions: boolean;
}

/**
 * Cells for `count` kernels of kh × kw weights in a region: as large as possible, square
 * when there is room, else wider than tall (a number needs width more than height); the
 * captions give way when that lets the weights be written out.
 */
export function fitKernels(count: number, kh: number, kw: number, space: { width: number; height: number }): KernelFit {
  let best: KernelFit & { score: number } = { perRow: count, cellW: 0, cellH: 0, captions: true, score: -1 };
  for (const captions of [true, false]) {
    for (let perRow = 1; perRow <= count; perRow++) {
      const rows = Math.ceil(count / perRow);
      // Each kernel adds 1 px lines between its cells and 2 px for its outline.
      const cellW = Math.floor(Math.min(40, (space.width - (perRow - 1) * GAP - perRow * (kw + 1)) / (perRow * kw)));
      const byHeight = (space.height - rows * ((captions ? CAPTION : 0) + kh + 1) - (rows - 1) * GAP) / (rows * kh);
      const cellH = Math.floor(Math.min(cellW, byHeight));
      if (cellW <= 0 || cellH <= 0) continue;
      const readable = cellW >= MIN_NUMBER_WIDTH && cellH >= MIN_NUMBER_HEIGHT;
      const score = (readable ? 1e6 : 0) + (captions ? 1e5 : 0) * (readable ? 1 : 0) + cellW * cellH;
      if (score > best.score) best = { perRow, cellW, cellH, captions, score };
    }
  }
  return { perRow: best.perRow, cellW: Math.max(1, best.cellW), cellH: Math.max(1, best.cellH), captions: best.captions };
}

function channelName(k: NeuronKernels, ci: number): string {
  return k.source.kind === 'input' ? INPUT_CHANNEL_NAMES[ci] ?? `channel ${ci}` : `ch ${ci}`;
}

/** Dark text on pale cells, white on strong ones. */
const inkOn = (w: number, max: number) => (Math.abs(w) / max > 0.55 ? '#fff' : '#1d1d1f');

export function kernelPanel(k: NeuronKernels, space: { width: number; height: number }, slot = false): TemplateResult {
  const [kh, kw] = k.kernelSize;
  const cin = k.kernels.length;
  const fit = fitKernels(cin, kh, kw, space);
  const { cellW, cellH, captions } = fit;
  const numbers = cellW >= MIN_NUMBER_WIDTH && cellH >= MIN_NUMBER_HEIGHT;
  const title = html`<strong>${k.conv.name}</strong>, neuron ${k.channel}${k.via ? html` (behind ${k.via.name})` : nothing}:
    ${space.width >= 480 ? `a ${kh} × ${kw} kernel per channel of ${k.source.name}, and a bias` : `${kh} × ${kw} kernels and a bias`}`;
  const grids = html`<div class="${slot ? 'slot' : 'panel-body'}"><div class="kernels" style=${styleMap({ gridTemplateColumns: `repeat(${fit.perRow}, ${kw * cellW + kw + 1}px)` })}>
    ${k.kernels.map((g, ci) => html`<figure class="kernel" data-input-channel=${ci}>
      <div class="kgrid" role="img" title=${`${k.source.name} ${channelName(k, ci)}`} style=${styleMap({ gridTemplateColumns: `repeat(${kw}, ${cellW}px)`, gridAutoRows: `${cellH}px` })}
        aria-label=${`Weights on ${k.source.name} ${channelName(k, ci)}: ${Array.from(g, (w) => formatNumber(w, 3)).join(', ')}`}>
        ${Array.from(g, (w) => html`<span class="w" data-weight=${w} title=${formatNumber(w, 3)} style=${styleMap({ background: colorOf(w, k.domain), color: inkOn(w, k.domain.max) })}>${numbers ? weightText(w, cellW) : ''}</span>`)}
      </div>
      ${captions ? html`<figcaption>${channelName(k, ci)}</figcaption>` : nothing}
    </figure>`)}
  </div></div>`;
  const bias = html`<p class="bias">
    <span>bias</span>
    <span class="w bias-value" data-bias=${k.bias} style=${styleMap({ background: colorOf(k.bias, k.domain), color: inkOn(k.bias, k.domain.max) })}>${formatNumber(k.bias, 3)}</span>
    <span class="muted">colours ±${formatValue(k.domain.max)}, this neuron's largest weight</span>
  </p>`;
  return panel('kernel', title, html`${grids}${bias}`);
}
