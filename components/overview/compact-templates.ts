/**
 * The overview's compact forms, for a fitted figure in a phone's small box: a miniature of
 * the whole network (every column, small maps, the class scores and the top class), and
 * panels that show one subject large (the selected map with its layer as a strip, the
 * three colour channels, the class scores). Sizes come from the region they are given.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import { stackHeight } from './layout';
import { LAYER_KINDS } from '../shared/layer-kinds';
import { mapCanvas, mapKey, classLabel, classRows, type TemplateState } from './overview-templates';
import { fitGrid } from './panels/grid-fit';
import { panel, thumb } from './panels/thumbs';
import { blockPlaces } from './column-labels';

export interface MiniGeometry {
  map: number;
  pitch: number;
  labelH: number;
  left: number;
  outputX: number;
  outputW: number;
  rowPitch: number;
  stackH: number;
}

const MINI_OUTPUT = 44;
const MINI_CAPTION = 18;

/** The miniature's geometry in a width × height region; labels stand upright (rotated). */
export function miniGeometry(cols: TemplateState['cols'], width: number, height: number, measure: (t: string) => number): MiniGeometry {
  const mapCols = cols.filter((c) => c.kind !== 'output');
  const n = Math.max(1, mapCols.length);
  const maxCount = Math.max(1, ...mapCols.map((c) => c.count));
  const labelH = Math.min(84, Math.ceil(Math.max(...cols.map((c) => measure(c.kind === 'output' ? 'output' : c.name)))) + 8);
  const pitch = Math.max(6, (width - MINI_OUTPUT - 6) / n);
  let map = Math.min(40, Math.floor(pitch - Math.max(3, pitch * 0.15)));
  while (map > 4 && stackHeight(maxCount, map) > height - labelH - MINI_CAPTION) map--;
  const stackH = stackHeight(maxCount, map);
  const used = n * pitch + MINI_OUTPUT;
  const left = Math.max(0, Math.floor((width - used) / 2));
  const out = cols.find((c) => c.kind === 'output');
  const rowPitch = out ? stackH / out.count : 0;
  return { map, pitch, labelH, left, outputX: left + n * pitch, outputW: MINI_OUTPUT, rowPitch, stackH };
}

/** Every column of the network, small: a faithful picture that fits a phone's box. */
export function miniature(s: TemplateState, g: MiniGeometry): TemplateResult {
  const top = s.probabilities ? s.probabilities.indexOf(Math.max(...s.probabilities)) : -1;
  const outIndex = s.cols.findIndex((c) => c.kind === 'output');
  const x = (ci: number) => g.left + ci * g.pitch + (g.pitch - g.map) / 2;
  return html`<div class="mini" data-part="network" style=${styleMap({ height: `${g.labelH + g.stackH + MINI_CAPTION}px` })}
    role="group" aria-label="The whole network, small: every layer's maps and the class scores">
    ${s.cols.map((col, ci) => html`<div class="mini-label" style=${styleMap({ left: `${col.kind === 'output' ? g.outputX : x(ci)}px`, width: `${col.kind === 'output' ? g.outputW : g.map}px`, height: `${g.labelH}px` })}>
      <span part="layer-label" title=${col.name}>${col.kind === 'output' ? 'output' : col.name}</span></div>`)}
    ${s.cols.map((col, ci) => {
      if (col.kind === 'output') return nothing;
      const h = stackHeight(col.count, g.map);
      const y0 = g.labelH + (g.stackH - h) / 2;
      return Array.from({ length: col.count }, (_, ch) => mapCanvas(s, col, ci, ch, {
        left: `${x(ci)}px`, top: `${y0 + ch * (h - g.map) / Math.max(1, col.count - 1)}px`, width: `${g.map}px`, height: `${g.map}px`,
      }));
    })}
    ${outIndex >= 0 ? s.classNames.map((name, k) => {
      const p = s.probabilities?.[k] ?? 0;
      const pos = { column: outIndex, channel: k };
      return html`<div class=${classMap({ 'mini-out': true, top: k === top })} role="button" part="class-row"
        data-column=${outIndex} data-layer=${s.cols[outIndex].name} data-channel=${k}
        tabindex=${mapKey(s.focus) === mapKey(pos) ? 0 : -1} aria-label=${classLabel(name, s.probabilities?.[k], s.logits?.[k])}
        style=${styleMap({ left: `${g.outputX + 4}px`, width: `${g.outputW - 4}px`, top: `${g.labelH + k * g.rowPitch}px`, height: `${Math.max(4, g.rowPitch - 3)}px` })}>
        <span style=${styleMap({ width: `${Math.max(2, p * 100)}%` })}></span></div>`;
    }) : nothing}
    ${top >= 0 ? html`<p class="mini-top" style=${styleMap({ top: `${g.labelH + g.stackH + 2}px` })}>
      Top class: <strong>${s.classNames[top]}</strong> ${(s.probabilities![top] * 100).toFixed(1)}%</p>` : nothing}
  </div>`;
}

/** What a layer is, in words: "convolution, block 1 · 2". */
export function layerWords(s: TemplateState, ci: number): string {
  const col = s.cols[ci];
  if (col.kind === 'output') return 'the class scores';
  const place = blockPlaces(s.cols)[ci];
  return `${LAYER_KINDS[col.kind].label}${place ? `, block ${place.split('·')[0]}` : ''}`;
}

/** The selected map large, its layer's other maps as a strip, the layer's name and shape. */
export function mapPanel(s: TemplateState, ci: number, channel: number, space: { width: number; height: number }, slot = true): TemplateResult {
  const col = s.cols[ci];
  const gap = 4;
  // The slot clips; its padding keeps room for the selection's ring.
  const strip = Math.max(16, Math.min(52, Math.floor((space.width - (col.count - 1) * gap) / col.count)));
  const big = Math.max(40, Math.floor(Math.min(space.width, space.height - strip - 24)));
  const off = s.offMaps?.has(mapKey({ column: ci, channel })) ? html` · <strong class="off-note">switched off</strong>` : nothing;
  const title = html`<strong>${col.name}</strong>, ${col.kind === 'input' ? ['red', 'green', 'blue'][channel] : `channel ${channel}`} · ${col.height} × ${col.width}${off}
    <span class="muted">· ${layerWords(s, ci)}, ${col.count} maps</span>`;
  const body = html`<div class="${slot ? 'slot' : 'panel-body'} map-slot">
    <div class="big-map" style=${styleMap({ width: `${big}px`, height: `${big}px` })}>${mapCanvas(s, col, ci, channel, { width: `${big}px`, height: `${big}px` })}</div>
    <p class="strip-caption muted">All ${col.count} maps of ${col.name}:</p>
    <div class="strip" style=${styleMap({ gridTemplateColumns: `repeat(${col.count}, ${strip}px)` })}>
      ${Array.from({ length: col.count }, (_, ch) => mapCanvas(s, col, ci, ch, { width: `${strip}px`, height: `${strip}px` }))}
    </div>
  </div>`;
  return panel('map', title, body);
}

/** The picture and its three colour channels, as large as the region allows. */
export function inputPanel(s: TemplateState, space: { width: number; height: number }, slot = true): TemplateResult {
  const col = s.cols[0];
  const fit = fitGrid({ count: col.count + 1, width: space.width, height: space.height, caption: 16, gap: 10, maxCell: 220 });
  const names = ['red', 'green', 'blue'];
  const title = html`<strong>${col.name}</strong>: ${col.height} × ${col.width} × ${col.count} = ${(col.height * col.width * col.count).toLocaleString('en')} numbers, one grid per colour`;
  return panel('input', title, html`<div class="${slot ? 'slot' : 'panel-body'}"><div class="tiles" style=${styleMap({ gridTemplateColumns: `repeat(${fit.perRow}, ${fit.cell}px)` })}>
    <figure>${thumb({ column: null, h: col.height, w: col.width, size: fit.cell })}<figcaption>the picture</figcaption></figure>
    ${Array.from({ length: col.count }, (_, ch) => html`<figure>${thumb({ column: 0, channel: ch, h: col.height, w: col.width, size: fit.cell })}
      <figcaption>${names[ch] ?? `channel ${ch}`}</figcaption></figure>`)}
  </div></div>`);
}

/** The class scores, each row large enough to tap. */
export function outputPanel(s: TemplateState, space: { width: number; height: number }, slot = true): TemplateResult {
  const ci = s.cols.findIndex((c) => c.kind === 'output');
  const row = Math.max(22, Math.min(34, Math.floor(space.height / Math.max(1, s.classNames.length))));
  const title = html`<strong>output</strong>, the network's right end: ${s.classNames.length} class scores after softmax; the highest is its answer`;
  return panel('output', title, html`<div class="${slot ? 'slot' : 'panel-body'} outputs-slot"><div class="outputs big-rows" style=${styleMap({ '--row': `${row}px` })}>${ci >= 0 ? classRows(s, ci) : nothing}</div></div>`);
}

/** One map of every column in a row (the same channel where it exists): the colours in use, at a glance. */
export function columnStrip(s: TemplateState, channel: number, width: number): TemplateResult {
  const mapCols = s.cols.map((c, i) => ({ c, i })).filter(({ c }) => c.kind !== 'output');
  const size = Math.max(12, Math.min(56, Math.floor((width - (mapCols.length - 1) * 3) / mapCols.length)));
  return html`<div class="column-strip" role="group" aria-label="One map of each layer, in the colours of the legends">
    ${mapCols.map(({ c, i }) => html`<div title=${c.name}>${thumb({ column: i, channel: Math.min(channel, c.count - 1), h: c.height, w: c.width, size, title: c.name })}</div>`)}
  </div>`;
}
