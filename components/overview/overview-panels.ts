/**
 * The overview's panels and what they remember: which patch the numbers panel shows, which
 * value the field panel traces, and the layouts that put them together, unfitted (under
 * the network, for the selected map and the subject) and fitted (one layout per subject,
 * wide or compact). The panels' own maps are controls: a click, or the arrow keys while one
 * has focus, moves the patch or the traced value.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MapPosition } from './keyboard-nav';
import type { ColumnView } from './overview-view';
import type { TemplateState } from './overview-templates';
import { wideTemplate } from './overview-templates';
import { wideGeometry } from './wide-geometry';
import { traceValue, strongestValue, type TracedField } from './field-trace';
import { spanLength } from '../../model/ops/receptive-field';
import { liveliestPatch, neuronKernels, readPatch, type NeuronKernels } from './panels/panel-data';
import { kernelPanel } from './panels/kernel-panel';
import { numbersLayout, numbersPanel } from './panels/numbers-panel';
import { fieldPanel } from './panels/field-panel';
import { colourKey, legendList } from './panels/legend-panel';
import { panel } from './panels/thumbs';
import { columnStrip, inputPanel, mapPanel, miniGeometry, miniature, outputPanel } from './compact-templates';
import { fittedHead, fittedParts, type OverviewSubject } from './overview-subjects';
import type { NetworkController } from '../shared/network-controller';
import type { ScaleMode } from '../shared/url-state';

/** One value of one map: column and channel in the overview, row and column in the map. */
export interface ValueCursor extends MapPosition {
  row: number;
  col: number;
}

interface PanelHost extends ReactiveControllerHost, HTMLElement {
  cols: ColumnView[];
  readonly network: NetworkController;
  readonly selection: MapPosition | null;
  readonly currentSubject: OverviewSubject;
  readonly compactFit: boolean;
  readonly slotSize: { width: number; height: number };
  readonly size: { width: number; height: number };
  readonly valueCursor: ValueCursor | null;
  readonly frame: { controlsButton(): unknown };
  readonly source: { label: string };
  readonly fit: boolean;
  readonly renderRoot: ParentNode;
  readonly updateComplete: Promise<boolean>;
  scale: ScaleMode;
  detail: boolean;
  measure(text: string): number;
  toolbar(): TemplateResult;
  readoutTemplate(): TemplateResult;
  sourceTemplate(): unknown;
  status(): TemplateResult;
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const keyOf = (p: MapPosition) => `${p.column}:${p.channel}`;

export class OverviewPanels implements ReactiveController {
  /** The numbers panel's square, chosen by the reader, for one map. */
  private patch: { key: string; row: number; col: number } | null = null;
  /** The field panel's value, chosen by the reader, for one map. */
  private pick: { key: string; row: number; col: number } | null = null;
  private lively = new Map<string, { row: number; col: number }>();
  private traced = { key: '', field: null as TracedField | null };

  constructor(private readonly host: PanelHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    // Patches are found once per map, picture and size; a long session keeps only recent ones.
    if (this.lively.size > 64) this.lively.clear();
  }

  // ---- what the panels show ------------------------------------------------------------

  /** The map a subject's panel is about: the selection when it suits, else a sensible default. */
  target(subject: 'kernel' | 'numbers' | 'field' | 'map'): MapPosition {
    const { cols } = this.host;
    const sel = this.host.selection;
    const info = this.host.network.info;
    const mapCols = cols.map((c, i) => ({ c, i })).filter(({ c }) => c.kind !== 'output');
    if (subject === 'kernel') {
      if (sel && info && neuronKernels(info, cols[sel.column].layerIndex, sel.channel)) return sel;
      const first = mapCols.find(({ c }) => info && neuronKernels(info, c.layerIndex, 0));
      return { column: first?.i ?? 1, channel: 0 };
    }
    if (sel && cols[sel.column].kind !== 'output' && (subject !== 'field' || cols[sel.column].kind !== 'input')) return sel;
    if (subject === 'numbers') return { column: 0, channel: 0 };
    if (subject === 'map') return { column: Math.min(1, cols.length - 1), channel: 0 };
    return { column: mapCols[mapCols.length - 1]?.i ?? 0, channel: 0 };
  }

  kernels(p: MapPosition): NeuronKernels | null {
    const info = this.host.network.info;
    return info ? neuronKernels(info, this.host.cols[p.column].layerIndex, p.channel) : null;
  }

  /** The largest value of a map (a class's own place for the output). */
  strongest(p: MapPosition): ValueCursor {
    const col = this.host.cols[p.column];
    if (col.kind === 'output') return { ...p, row: 0, col: p.channel };
    if (!col.values) return { ...p, row: Math.floor(col.height / 2), col: Math.floor(col.width / 2) };
    const best = strongestValue(col.values, col.shape, p.channel);
    return { ...p, row: best.row, col: best.col };
  }

  /** The value the field panel traces: the one pointed at, the one chosen on the panel, else the strongest. */
  fieldValue(): ValueCursor {
    const c = this.host.valueCursor;
    if (c && this.host.cols[c.column].kind !== 'input') return c;
    const t = this.target('field');
    if (this.pick?.key === keyOf(t)) return { ...t, row: this.pick.row, col: this.pick.col };
    return this.strongest(t);
  }

  trace(v: ValueCursor): TracedField | null {
    const info = this.host.network.info;
    const col = this.host.cols[v.column];
    if (!info || !col) return null;
    const key = `${info.url}|${keyOf(v)}|${v.row}|${v.col}`;
    if (this.traced.key !== key) {
      const at = col.kind === 'output' ? { layer: col.layerIndex, channel: v.channel, row: 0, col: v.channel } : { layer: col.layerIndex, channel: v.channel, row: v.row, col: v.col };
      this.traced = { key, field: traceValue(info.layers, at) };
    }
    return this.traced.field;
  }

  /** The field drawn on the network: the pointed value's; on a field step, the panel's. */
  networkField(): TracedField | null {
    const c = this.host.valueCursor;
    if (c) return this.trace(c);
    if (this.host.currentSubject === 'field' && (this.host.fit || this.host.selection)) return this.trace(this.fieldValue());
    if (this.pick) return this.trace(this.fieldValue());
    return null;
  }

  /** "It depends on 16 × 16 input pixels.", for the readout. */
  fieldWords(v: ValueCursor): string {
    const f = this.trace(v);
    if (!f) return '';
    const r = f.rects[0];
    return `The value at row ${v.row}, column ${v.col} depends on ${spanLength(r.rows)} × ${spanLength(r.cols)} input pixels, lit in every layer before it.`;
  }

  private valueOf(v: ValueCursor): number {
    const col = this.host.cols[v.column];
    const run = this.host.network.run;
    if (col.kind === 'output') return run?.probabilities[v.channel] ?? 0;
    return col.values ? col.values[(v.row * col.width + v.col) * col.count + v.channel] : 0;
  }

  // ---- panels --------------------------------------------------------------------------

  kernelTemplate(space: { width: number; height: number }, slot = false): TemplateResult | typeof nothing {
    const k = this.kernels(this.target('kernel'));
    return k ? kernelPanel(k, space, slot) : nothing;
  }

  numbersTemplate(space: { width: number; height: number }, slot = false): TemplateResult | typeof nothing {
    const t = this.target('numbers');
    const col = this.host.cols[t.column];
    if (!col.values) return nothing;
    const layout = numbersLayout(col.kind === 'input', space);
    const key = keyOf(t);
    let at = this.patch?.key === key ? this.patch : undefined;
    if (!at) {
      const lk = `${key}|${layout.patchSize}|${this.host.network.run?.imageKey}`;
      if (!this.lively.has(lk)) this.lively.set(lk, liveliestPatch(col.values, col.shape, t.channel, layout.patchSize));
      at = { key, ...this.lively.get(lk)! };
    }
    const patch = readPatch(col.values, col.shape, t.channel, at.row, at.col, layout.patchSize);
    return numbersPanel({ col, column: t.column, channel: t.channel, patch, layout, slot });
  }

  fieldTemplate(space: { width: number; height: number }, strip: boolean, slot = false): TemplateResult | typeof nothing {
    const v = this.fieldValue();
    const field = this.trace(v);
    if (!field) return nothing;
    return fieldPanel({ cols: this.host.cols, column: v.column, field, value: this.valueOf(v), space, strip, slot });
  }

  legendTemplate(): TemplateResult {
    return panel('legend', html`<strong>Colours</strong>: what each hue stands for`, html`${colourKey()}${legendList(this.host.cols, this.host.scale)}`);
  }

  /** Under the network on a blank page: the selected map's panels, and the subject's. */
  unfitted(s: TemplateState): TemplateResult | typeof nothing {
    if (s.skeleton) return nothing;
    const sel = this.host.selection;
    const subject = this.host.currentSubject;
    const want = new Set<string>();
    if (sel) {
      const kind = this.host.cols[sel.column].kind;
      if (kind !== 'output') want.add('numbers');
      if (this.kernels(sel)) want.add('kernel');
      if (kind !== 'input' && kind !== 'output') want.add('field');
    }
    if (['kernel', 'numbers', 'field', 'legend', 'input'].includes(subject)) want.add(subject);
    if (want.size === 0) return nothing;
    // Two panels side by side where the figure is wide enough, each as wide as half of it.
    const full = Math.min(this.host.size.width, 560);
    const half = this.host.size.width >= 720 ? Math.floor((this.host.size.width - 24) / 2) : full;
    return html`<div class="panels" data-part="panels">
      ${want.has('input') ? inputPanel(s, { width: full, height: 200 }, false) : nothing}
      ${want.has('numbers') ? this.numbersTemplate({ width: half, height: 230 }) : nothing}
      ${want.has('field') ? this.fieldTemplate({ width: half, height: 240 }, false) : nothing}
      ${want.has('kernel') ? this.kernelTemplate({ width: full, height: 260 }) : nothing}
      ${want.has('legend') ? this.legendTemplate() : nothing}
    </div>`;
  }

  // ---- fitted layouts ------------------------------------------------------------------

  fitted(s: TemplateState): TemplateResult {
    const h = this.host;
    const subject = h.currentSubject;
    const compact = h.compactFit;
    const words = compact ? '' : html`<strong>${h.source.label}</strong> ·`;
    const head = fittedHead(words, h.status(), h.frame.controlsButton());
    const controls = html`<div class="controls-panel" data-part="controls">${h.toolbar()}${subject === 'picker' ? nothing : h.sourceTemplate()}</div>`;
    const body = s.skeleton ? html`<div class="slot"></div>` : compact ? this.compactBody(subject, s) : this.wideBody(subject, s);
    return html`<div class="fitted ${compact ? 'compact' : 'roomy'}" data-subject=${subject}>${head}${controls}${body}</div>`;
  }

  private wideBody(subject: OverviewSubject, s: TemplateState): TemplateResult {
    const h = this.host;
    const parts = fittedParts(subject, false);
    const width = h.size.width - 16;
    const slot = h.slotSize;
    const legends = subject !== 'legend';
    // A panel takes what the network, drawn as large as the width allows, leaves of the box.
    const natural = wideGeometry(h.cols, { width: Math.max(0, width), detail: h.detail, legends, measure: h.measure }).height + 14;
    const room = Math.round(Math.max(h.size.height * 0.28, Math.min(h.size.height * 0.55, h.size.height - 44 - natural - 48)));
    const space = { width, height: room };
    // The network's slot grows to its natural height, no more; it shrinks when the box is short.
    const network = html`<div class="slot net-slot" data-part="network" style=${`flex: 0 1 ${natural}px`}>${slot.width > 0 && slot.height > 0
      ? wideTemplate(s, wideGeometry(h.cols, { width: slot.width, height: slot.height, detail: h.detail, legends, measure: h.measure }), { legends })
      : nothing}</div>`;
    const source = html`<div class="source-fit" data-part="source">${h.sourceTemplate()}</div>`;
    const readout = ['network', 'map', 'output'].includes(subject) ? h.readoutTemplate() : nothing;
    return html`
      ${parts.includes('source') ? source : nothing}
      ${network}
      ${subject === 'kernel' ? this.kernelTemplate(space) : nothing}
      ${subject === 'numbers' ? this.numbersTemplate(space) : nothing}
      ${subject === 'field' ? this.fieldTemplate(space, false) : nothing}
      ${subject === 'input' ? inputPanel(s, { width, height: Math.min(260, room) }, false) : nothing}
      ${subject === 'legend' ? this.legendTemplate() : nothing}
      ${parts.includes('key') ? html`<div data-part="key">${colourKey()}</div>` : nothing}
      ${readout}`;
  }

  private compactBody(subject: OverviewSubject, s: TemplateState): TemplateResult {
    const h = this.host;
    const slot = { width: h.slotSize.width, height: h.slotSize.height };
    const ready = slot.width > 0 && slot.height > 0;
    const mini = html`<div class="slot mini-slot">${ready ? miniature(s, miniGeometry(h.cols, slot.width, slot.height, h.measure)) : nothing}</div>`;
    switch (subject) {
      case 'network':
        return mini;
      case 'legend': {
        const ch = h.selection?.channel ?? 0;
        return html`${this.legendTemplate()}<div class="slot strip-slot">${ready ? columnStrip(s, ch, slot.width) : nothing}</div>`;
      }
      case 'map': {
        const t = this.target('map');
        return mapPanel(s, t.column, t.channel, slot);
      }
      case 'kernel':
        return html`${this.kernelTemplate(slot, true)}`;
      case 'input':
        return inputPanel(s, slot);
      case 'numbers':
        return html`${this.numbersTemplate({ width: slot.width, height: Math.max(0, slot.height - 36) }, true)}`;
      case 'field':
        return html`${this.fieldTemplate(slot, true, true)}`;
      case 'output':
        return outputPanel(s, slot);
      case 'picker':
        return html`<div class="source-fit" data-part="source">${h.sourceTemplate()}</div>`;
    }
  }

  // ---- the panels' controls ------------------------------------------------------------

  private controlOf(e: Event): HTMLCanvasElement | null {
    const el = (e.composedPath()[0] as HTMLElement).closest?.('canvas[data-control]');
    return el instanceof HTMLCanvasElement ? el : null;
  }

  private placeOf(canvas: HTMLCanvasElement, e: MouseEvent): { row: number; col: number } {
    const r = canvas.getBoundingClientRect();
    const rows = Number(canvas.dataset.rows);
    const cols = Number(canvas.dataset.cols);
    return {
      row: Math.max(0, Math.min(rows - 1, Math.floor(((e.clientY - r.top) / r.height) * rows))),
      col: Math.max(0, Math.min(cols - 1, Math.floor(((e.clientX - r.left) / r.width) * cols))),
    };
  }

  private setControl(canvas: HTMLCanvasElement, place: { row: number; col: number }, centre: boolean): void {
    const p = { column: Number(canvas.dataset.column), channel: Number(canvas.dataset.channel) };
    const key = keyOf(p);
    if (canvas.dataset.control === 'patch') {
      const size = Number(this.host.renderRoot.querySelector('table.patch tr')?.children.length ?? 6);
      const half = centre ? Math.floor(size / 2) : 0;
      const col = this.host.cols[p.column];
      this.patch = { key, row: Math.max(0, Math.min(col.height - size, place.row - half)), col: Math.max(0, Math.min(col.width - size, place.col - half)) };
    } else {
      this.pick = { key, ...place };
    }
    this.host.requestUpdate();
  }

  /** A click on a panel's map moves its square or traced value; true when it was one. */
  onClick(e: Event): boolean {
    const canvas = this.controlOf(e);
    if (!canvas) return false;
    this.setControl(canvas, this.placeOf(canvas, e as MouseEvent), true);
    return true;
  }

  /** Pointing at the field panel's map traces the value under the pointer. */
  onPointer(e: PointerEvent): boolean {
    const canvas = this.controlOf(e);
    if (!canvas) return false;
    if (canvas.dataset.control === 'value') {
      const place = this.placeOf(canvas, e);
      const p = this.pick;
      if (!p || p.row !== place.row || p.col !== place.col) this.setControl(canvas, place, false);
    }
    return true;
  }

  /** Arrow keys on a panel's map move its square or traced value. */
  onKeydown(e: KeyboardEvent): boolean {
    const canvas = this.controlOf(e);
    const d = ARROWS[e.key];
    if (!canvas) return false;
    if (!d) return true;
    e.preventDefault();
    const p = { column: Number(canvas.dataset.column), channel: Number(canvas.dataset.channel) };
    const from = canvas.dataset.control === 'patch'
      ? (this.patch?.key === keyOf(p) ? this.patch : this.currentPatchOrigin())
      : (this.pick?.key === keyOf(p) ? this.pick : this.strongest(p));
    const col = this.host.cols[p.column];
    const place = { row: Math.max(0, Math.min(col.height - 1, from.row + d[0])), col: Math.max(0, Math.min(col.width - 1, from.col + d[1])) };
    this.setControl(canvas, place, false);
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`canvas[data-control="${canvas.dataset.control}"]`)?.focus());
    return true;
  }

  private currentPatchOrigin(): { row: number; col: number } {
    const cell = this.host.renderRoot.querySelector<HTMLElement>('table.patch td');
    return { row: Number(cell?.dataset.row ?? 0), col: Number(cell?.dataset.col ?? 0) };
  }

  /** Shift + arrows move the traced value inside a focused map. */
  moveValue(c: ValueCursor, key: string): ValueCursor | null {
    const d = ARROWS[key];
    const col = this.host.cols[c.column];
    if (!d || !col || col.kind === 'output') return null;
    return { ...c, row: Math.max(0, Math.min(col.height - 1, c.row + d[0])), col: Math.max(0, Math.min(col.width - 1, c.col + d[1])) };
  }
}
