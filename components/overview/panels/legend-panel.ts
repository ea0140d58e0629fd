/**
 * The colour key and legends. The maps use d3's PuOr scale (see diverging-colors.ts):
 * negative values purple (darkest at the bottom of the range), values near 0 an off-white,
 * positive values orange, darkening to brown at the top of the range. The input's channels
 * are brightnesses instead, from black to full red, green or blue. Each legend gives the
 * range one colour scale spans (one per layer group under the chosen colour range mode).
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { colorOf, symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import { formatValue } from '../../shared/numbers';
import type { ScaleMode } from '../../shared/url-state';
import type { ColumnView } from '../overview-view';

const UNIT = symmetricDomain(1);
const swatch = (v: number) => html`<i class="sw" style=${styleMap({ background: colorOf(v, UNIT) })}></i>`;
const ramp = (domain: SymmetricDomain) => [0, 0.25, 0.5, 0.75, 1].map((t) => colorOf(domain.min + t * (domain.max - domain.min), domain)).join(', ');

/** The key: which hue is which sign, and what the input's colours mean. */
export function colourKey(): TemplateResult {
  return html`<p class="key" part="key">
    <span>${swatch(-0.9)}${swatch(-0.45)} below 0</span>
    <span>${swatch(0)} about 0</span>
    <span>${swatch(0.45)}${swatch(0.9)} above 0</span>
    <span class="key-input"><i class="sw" style="background: linear-gradient(90deg, #000, #f00)"></i> input: brightness 0–1</span>
  </p>`;
}

/** One colour range: its ramp, its ends and the layers that share it. */
export function legendTemplate(domain: SymmetricDomain, layers: string[], style?: Record<string, string>, narrow = false): TemplateResult {
  return html`<div class="legend ${narrow ? 'narrow' : ''}" part="legend" data-min=${domain.min} data-max=${domain.max} data-layers=${layers.join(' ')} style=${style ? styleMap(style) : ''}>
    <div class="ramp" style="background: linear-gradient(to right, ${ramp(domain)})"></div>
    <div class="ends"><span>${formatValue(domain.min)}</span><span>0</span><span>${formatValue(domain.max)}</span></div>
  </div>`;
}

/** The hidden columns grouped by the colour range they share, in order. */
export function legendGroups(cols: readonly ColumnView[]): ColumnView[][] {
  const groups = new Map<number, ColumnView[]>();
  for (const c of cols) if (c.group >= 0 && c.domain) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.values()];
}

const MODE_WORDS: Record<ScaleMode, string> = {
  unit: 'one range per convolution with its ReLU and pooling',
  module: 'one range per block',
  global: 'one range for the whole network',
};

/** Every legend as a list (each with the layers it covers), for the legend panel. */
export function legendList(cols: readonly ColumnView[], mode: ScaleMode): TemplateResult {
  const groups = legendGroups(cols);
  return html`<p class="muted legend-mode">Colour range: ${MODE_WORDS[mode]}.</p>
    <ul class="legend-list">${groups.map((g) => html`<li>
      <span class="legend-names">${g.length > 2 ? `${g[0].name} – ${g[g.length - 1].name}` : g.map((c) => c.name).join(', ')}</span>
      ${legendTemplate(g[0].domain!, g.map((c) => c.name))}
    </li>`)}</ul>`;
}
