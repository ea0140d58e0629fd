/**
 * The overview's markup for wide and narrow screens. Maps are canvases painted after
 * render; edges are an SVG layer behind them (wide screens only).
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import { allEdges, edgeAnchors, edgesInto, type Edge, type WideLayout } from './layout';
import { kindLabel, sectionFor, type ColumnView } from './overview-view';
import type { MapPosition } from './keyboard-nav';
import { formatValue } from '../shared/numbers';
import { LABEL_LINE, type ColumnLabel } from './column-labels';
import type { WideGeometry } from './wide-geometry';
import type { TracedField } from './field-trace';
import { overlayStyle } from './panels/thumbs';
import { legendGroups, legendTemplate } from './panels/legend-panel';

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
  /** The traced value's receptive field, drawn on every earlier map; null when none is traced. */
  field: TracedField | null;
  /** The maps (by mapKey) whose channel the reader switched off. */
  offMaps?: ReadonlySet<string>;
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

export function infoLink(col: ColumnView, base: string): TemplateResult {
  const section = sectionFor(col.kind);
  return html`<a class="info" part="info-link" href="${base}#${section}" title="What a ${kindLabel(col.kind)} layer does" aria-label="About ${kindLabel(col.kind)} layers">i</a>`;
}

export function mapCanvas(s: TemplateState, col: ColumnView, ci: number, channel: number, style?: Record<string, string>): TemplateResult {
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
    aria-label=${mapLabel(col, channel) + (s.offMaps?.has(key) ? ', switched off' : '')}
    style=${style ? styleMap(style) : nothing}
  ></canvas>`;
}

export function classRows(s: TemplateState, ci: number, layout?: WideLayout): TemplateResult {
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

function columnLabel(s: TemplateState, col: ColumnView, label: ColumnLabel, x: number): TemplateResult {
  const last = label.lines.length - 1;
  const apart = label.shapeRow !== undefined;
  return html`<div class="col-label" part="layer-label" style="left: ${x}px" title=${label.full}>
    ${label.lines.map((line, i) => html`<span class="line">${line}${i === last ? infoLink(col, s.articleBase) : nothing}</span>`)}
    ${label.shape && !apart ? html`<span class="shape">${label.shape}</span>` : nothing}
  </div>
  ${label.shape && apart ? html`<div class="col-shape" style="left: ${x}px; top: ${(label.lines.length + label.shapeRow!) * LABEL_LINE}px">${label.shape}</div>` : nothing}`;
}

/** Whether a traced field reaches a channel of a layer (the tracer itself loads later, with the panels). */
const reaches = (f: TracedField, layer: number, channel: number) => layer <= f.at.layer && (f.channels[layer] === null || f.channels[layer]!.includes(channel));

/** The traced field on every earlier map it reaches, and the traced value on its own map. */
function fieldBoxes(s: TemplateState, layout: WideLayout, top: number): TemplateResult[] {
  const f = s.field;
  if (!f) return [];
  const out: TemplateResult[] = [];
  s.cols.forEach((col, ci) => {
    if (col.kind === 'output' || col.layerIndex > f.at.layer) return;
    const rect = f.rects[col.layerIndex];
    for (const b of layout.boxes[ci]) {
      if (!reaches(f, col.layerIndex, b.channel)) continue;
      const kind = col.layerIndex === f.at.layer ? 'value' : 'field';
      const st = overlayStyle({ ...rect, kind }, col.height, col.width);
      const px = (pct: string, size: number) => (parseFloat(pct) / 100) * size;
      out.push(html`<div class="ov ov-${kind}" data-layer=${col.name} data-channel=${b.channel} style=${styleMap({
        left: `${b.x + px(st.left, b.size)}px`, top: `${top + b.y + px(st.top, b.size)}px`,
        width: `${Math.max(2, px(st.width, b.size))}px`, height: `${Math.max(2, px(st.height, b.size))}px`,
      })}></div>`);
    }
  });
  return out;
}

export interface WideOptions {
  /** Colour legends under the columns. */
  legends: boolean;
}

export function wideTemplate(s: TemplateState, geo: WideGeometry, opts: WideOptions = { legends: s.detail }): TemplateResult {
  const { layout, labelH } = geo;
  const height = geo.height + 4;
  const hot = s.active ? edgesInto(s.cols, s.active.column).filter((e) => e.to.channel === s.active!.channel) : [];
  const band = s.selected && s.cols[s.selected.column] ? s.selected.column : -1;
  const bandWidth = band >= 0 && s.cols[band].kind === 'output' ? layout.outputWidth : layout.mapSize;
  return html`<div class="wide" style="height: ${height}px; width: ${layout.width}px">
    ${band >= 0 ? html`<div class="layer-band" data-layer=${s.cols[band].name}
      style="left: ${layout.columnX[band] - 5}px; width: ${bandWidth + 10}px; top: ${labelH - 3}px; height: ${layout.height + 6}px"></div>` : nothing}
    <svg class="edges" width=${layout.width} height=${height} aria-hidden="true">
      <g><path d=${allEdgesPath(s.cols, layout, labelH)}></path></g>
      <g class="hot">${hot.map((e) => svg`<path d=${edgePath(layout, e, labelH)}></path>`)}</g>
    </svg>
    ${s.cols.map((col, ci) => columnLabel(s, col, geo.labels.labels[ci], layout.columnX[ci] + (col.kind === 'output' ? layout.outputWidth / 2 : layout.mapSize / 2)))}
    ${s.cols.map((col, ci) =>
      col.kind === 'output'
        ? html`<div class="outputs ${layout.outputWidth < 200 ? 'tight' : ''}" style="left: ${layout.outputX}px; top: ${labelH}px; width: ${layout.outputWidth}px; height: ${layout.height}px">${classRows(s, ci, layout)}</div>`
        : layout.boxes[ci].map((b) => mapCanvas(s, col, ci, b.channel, { left: `${b.x}px`, top: `${b.y + labelH}px`, width: `${b.size}px`, height: `${b.size}px` })),
    )}
    ${fieldBoxes(s, layout, labelH)}
    ${opts.legends && !s.skeleton
      ? legendGroups(s.cols).map((cols) => {
          const first = s.cols.indexOf(cols[0]);
          const last = s.cols.indexOf(cols[cols.length - 1]);
          const left = layout.columnX[first];
          const width = Math.max(layout.mapSize, layout.columnX[last] + layout.mapSize - left);
          return legendTemplate(cols[0].domain!, cols.map((c) => c.name), { left: `${left}px`, width: `${width}px`, top: `${labelH + layout.height + 8}px` }, width < 110);
        })
      : nothing}
  </div>`;
}

export function narrowTemplate(s: TemplateState): TemplateResult {
  return html`<div class="narrow">
    ${s.cols.map((col, ci) => html`<div class="layer">
      <h3 part="layer-label">${col.kind === 'output' ? 'output' : col.name}${infoLink(col, s.articleBase)}
        ${s.detail ? html`<span class="shape">(${col.kind === 'output' ? col.count : col.shape.join(', ')})</span>` : nothing}
      </h3>
      ${col.kind === 'output'
        ? html`<div class="outputs">${classRows(s, ci)}</div>`
        : html`<div class="grid ${col.kind === 'input' ? 'input' : ''}">${Array.from({ length: col.count }, (_, ch) => mapCanvas(s, col, ci, ch))}</div>
            ${s.detail && col.domain && !s.skeleton ? legendTemplate(col.domain, [col.name]) : nothing}`}
    </div>`)}
  </div>`;
}
