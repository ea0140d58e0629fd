/**
 * Small pieces the panels share: a map drawn at a given size with rectangles over it (a
 * receptive field, a traced value, a patch), the RGB picture, and a panel's frame. Canvases
 * carry `data-column`/`data-channel` (or `data-rgb`) and are painted after render.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Span } from '../../../model/ops/receptive-field';

export interface Overlay {
  rows: Span;
  cols: Span;
  /** field: a receptive field; value: the traced value; patch: the numbers' patch. */
  kind: 'field' | 'value' | 'patch';
}

export interface ThumbOptions {
  /** Column and channel of the map; null draws the RGB picture. */
  column: number | null;
  channel?: number;
  /** The map's rows and columns. */
  h: number;
  w: number;
  /** Side on screen, px. */
  size: number;
  overlays?: readonly Overlay[];
  /** Makes the canvas a control (a keyboard stop with this name); `kind` tells the figure what it moves. */
  control?: { kind: 'patch' | 'value'; label: string };
  title?: string;
}

/** A rectangle of a map as percentages of its box. */
export function overlayStyle(o: Overlay, h: number, w: number): Record<string, string> {
  const pct = (n: number) => `${(n * 100).toFixed(3)}%`;
  return {
    top: pct(o.rows.first / h),
    left: pct(o.cols.first / w),
    height: pct((o.rows.last - o.rows.first + 1) / h),
    width: pct((o.cols.last - o.cols.first + 1) / w),
  };
}

export function thumb(o: ThumbOptions): TemplateResult {
  const side = `${o.size}px`;
  return html`<div class="frame" style=${styleMap({ width: side, height: side })} title=${o.title ?? nothing}>
    <canvas class="thumb"
      width=${o.w} height=${o.h}
      data-column=${o.column ?? nothing}
      data-channel=${o.column === null ? nothing : o.channel ?? 0}
      ?data-rgb=${o.column === null}
      role=${o.control ? 'button' : nothing}
      data-control=${o.control?.kind ?? nothing}
      tabindex=${o.control ? 0 : nothing}
      aria-label=${o.control?.label ?? nothing}
      data-rows=${o.h} data-cols=${o.w}></canvas>
    ${(o.overlays ?? []).map((ov) => html`<div class="ov ov-${ov.kind}" style=${styleMap(overlayStyle(ov, o.h, o.w))}
      data-kind=${ov.kind} data-rows=${`${ov.rows.first}-${ov.rows.last}`} data-cols=${`${ov.cols.first}-${ov.cols.last}`}></div>`)}
  </div>`;
}

/** A panel: a title line and a body, marked as a part (for framing) with a CSS part of the same name. */
export function panel(name: string, title: TemplateResult | string, body: TemplateResult, extra?: { style?: Record<string, string> }): TemplateResult {
  return html`<section class="panel panel-${name}" data-part=${name} part=${`panel ${name}-panel`} aria-label=${typeof title === 'string' ? title : nothing}
    style=${extra?.style ? styleMap(extra.style) : nothing}>
    <p class="panel-title">${title}</p>
    ${body}
  </section>`;
}
