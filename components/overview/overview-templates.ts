/**
 * The overview's markup for wide and narrow screens. Maps are canvases painted after
 * render; edges are an SVG layer behind them (wide screens only).
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import { allEdges, edgeAnchors, edgesInto, type Edge, type WideLayout } from './layout';

import { kindLabel, sectionFor, type ColumnView } from './overview-view';
import { colorOf } from '../shared/diverging-colors';
import type { MapPosition } from './keyboard-nav';
import { formatValue } from '../shared/numbers';

export interface TemplateState {
  cols: ColumnView[];
  classNames: string[];
  probabilities: Float32Array | null;
  logits: Float32Array | null;
  detail: boolean;
  skeleton: boolean;
  focus: MapPosition;
  active: MapPosition | null;
  selected: MapPosition | null;
  sourceKeys: Set<string>;
  articleBase: string;
}

export const mapKey = (p: MapPosition) => `${p.column}:${p.channel}`;

export function mapLabel(col: ColumnView, channel: number): string {
  const [h, w] = col.shape;
  const range = col.ranges ? `, values ${formatValue(col.ranges.min[channel])} to ${formatValue(col.ranges.max[channel])}` : '';
  const channelName = col.kind === 'input' ? ['red', 'green', 'blue'][channel] ?? `channel ${channel}` : `channel ${channel}`;
  return `${col.name}, ${channelName}, ${h} by ${w}${range}`;
}

export function classLabel(name: string, p: number | undefined, logit: number | undefined): string {
  if (p === undefined || logit === undefined) return name;
  return `${name}, probability ${(p * 100).toFixed(1)} %, logit ${formatValue(logit)}`;
}

function infoLink(col: ColumnView, base: string): TemplateResult {
  const section = sectionFor(col.kind);
  return html`<a class="info" part="info-link" href="${base}#${section}" title="What a ${kindLabel(col.kind)} layer does" aria-label="About ${kindLabel(col.kind)} layers">i</a>`;
}

function mapCanvas(s: TemplateState, col: ColumnView, ci: number, channel: number, style?: Record<string, string>): TemplateResult {
  const pos = { column: ci, channel };
  const key = mapKey(pos);
  return html`<canvas
    class=${classMap({ map: true, active: s.active !== null && mapKey(s.active) === key, source: s.sourceKeys.has(key), selected: s.selected !== null && mapKey(s.selected) === key })}
    part="map"
    width=${col.width}
    height=${col.height}
    data-column=${ci}
    data-layer=${col.name}
    data-channel=${channel}
    role="button"
    tabindex=${mapKey(s.focus) === key ? 0 : -1}
    aria-label=${mapLabel(col, channel)}
    style=${style ? styleMap(style) : nothing}
  ></canvas>`;
}

function legend(domain: { min: number; max: number }, layers: string[], style?: Record<string, string>): TemplateResult {
  const ramp = [0, 0.25, 0.5, 0.75, 1].map((t) => colorOf(domain.min + t * (domain.max - domain.min), domain)).join(', ');
  return html`<div class="legend" part="legend" data-min=${domain.min} data-max=${domain.max} data-layers=${layers.join(' ')} style=${style ? styleMap(style) : nothing}>
    <div class="ramp" style="background: linear-gradient(to right, ${ramp})"></div>
    <div class="ends"><span>${formatValue(domain.min)}</span><span>0</span><span>${formatValue(domain.max)}</span></div>
  </div>`;
}

function classRows(s: TemplateState, ci: number, layout?: WideLayout): TemplateResult {
  const col = s.cols[ci];
  const top = s.probabilities ? s.probabilities.indexOf(Math.max(...s.probabilities)) : -1;
  return html`${s.classNames.map((name, k) => {
    const p = s.probabilities?.[k];
    const box = layout?.boxes[ci]?.[k];
    const pos = { column: ci, channel: k };
    const style = box ? { top: `${box.y}px`, height: `${box.size}px` } : {};
    return html`<div
      class=${classMap({ 'class-row': true, top: k === top, active: s.active !== null && mapKey(s.active) === mapKey(pos) })}
      part="class-row"
      role="button"
      data-column=${ci}
      data-layer=${col.name}
      data-channel=${k}
      tabindex=${mapKey(s.focus) === mapKey(pos) ? 0 : -1}
      aria-label=${classLabel(name, p, s.logits?.[k])}
      style=${styleMap(style)}
    >
      <span class="name">${name}</span>
      <span class="bar"><span style="width: ${((p ?? 0) * 100).toFixed(1)}%"></span></span>
      <span class="pct">${p === undefined ? '' : `${(p * 100).toFixed(1)}%`}</span>
    </div>`;
  })}`;
}

function edgePath(layout: WideLayout, e: Edge, dy: number): string {
  const { x1, y1, x2, y2 } = edgeAnchors(layout, e);
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1 + dy}C${mx},${y1 + dy} ${mx},${y2 + dy} ${x2},${y2 + dy}`;
}

let edgeCache: { key: string; d: string } | undefined;
/** Every edge as one path: one DOM node instead of hundreds, rebuilt only when the layout changes. */
function allEdgesPath(cols: ColumnView[], layout: WideLayout, dy: number): string {
  const key = `${layout.width}|${layout.mapSize}|${dy}|${cols.map((c) => `${c.kind}${c.count}`).join()}`;
  if (edgeCache?.key !== key) edgeCache = { key, d: allEdges(cols).map((e) => edgePath(layout, e, dy)).join('') };
  return edgeCache.d;
}

export function wideTemplate(s: TemplateState, layout: WideLayout): TemplateResult {
  const labelH = s.detail ? 36 : 22;
  const legendH = s.detail ? 34 : 0;
  const height = labelH + layout.height + legendH + 8;
  const hot = s.active ? edgesInto(s.cols, s.active.column).filter((e) => e.to.channel === s.active!.channel) : [];
  const groups = new Map<number, ColumnView[]>();
  s.cols.forEach((c) => { if (c.group >= 0) groups.set(c.group, [...(groups.get(c.group) ?? []), c]); });
  return html`<div class="wide" style="height: ${height}px; width: ${layout.width}px">
    <svg class="edges" width=${layout.width} height=${height} aria-hidden="true">
      <g><path d=${allEdgesPath(s.cols, layout, labelH)}></path></g>
      <g class="hot">${hot.map((e) => svg`<path d=${edgePath(layout, e, labelH)}></path>`)}</g>
    </svg>
    ${s.cols.map((col, ci) => {
      const x = layout.columnX[ci] + (col.kind === 'output' ? layout.outputWidth / 2 : layout.mapSize / 2);
      return html`<div class="col-label" style="left: ${x}px">
        ${col.kind === 'output' ? 'output' : col.name}${infoLink(col, s.articleBase)}
        ${s.detail ? html`<span class="shape">(${col.kind === 'output' ? col.count : col.shape.join(', ')})</span>` : nothing}
      </div>`;
    })}
    ${s.cols.map((col, ci) =>
      col.kind === 'output'
        ? html`<div class="outputs" style="left: ${layout.outputX}px; top: ${labelH}px; width: ${layout.outputWidth}px; height: ${layout.height}px">${classRows(s, ci, layout)}</div>`
        : layout.boxes[ci].map((b) => mapCanvas(s, col, ci, b.channel, { left: `${b.x}px`, top: `${b.y + labelH}px`, width: `${b.size}px`, height: `${b.size}px` })),
    )}
    ${s.detail && !s.skeleton
      ? [...groups.values()].map((cols) => {
          const first = s.cols.indexOf(cols[0]);
          const last = s.cols.indexOf(cols[cols.length - 1]);
          const left = layout.columnX[first];
          const width = Math.max(layout.mapSize, layout.columnX[last] + layout.mapSize - left);
          return legend(cols[0].domain!, cols.map((c) => c.name), { left: `${left}px`, width: `${width}px`, top: `${labelH + layout.height + 8}px` });
        })
      : nothing}
  </div>`;
}

export function narrowTemplate(s: TemplateState): TemplateResult {
  return html`<div class="narrow">
    ${s.cols.map((col, ci) => html`<div class="layer">
      <h3>${col.kind === 'output' ? 'output' : col.name}${infoLink(col, s.articleBase)}
        ${s.detail ? html`<span class="shape">(${col.kind === 'output' ? col.count : col.shape.join(', ')})</span>` : nothing}
      </h3>
      ${col.kind === 'output'
        ? html`<div class="outputs">${classRows(s, ci)}</div>`
        : html`<div class="grid ${col.kind === 'input' ? 'input' : ''}">${Array.from({ length: col.count }, (_, ch) => mapCanvas(s, col, ci, ch))}</div>
            ${s.detail && col.domain && !s.skeleton ? legend(col.domain, [col.name]) : nothing}`}
    </div>`)}
  </div>`;
}
