/**
 * The overview's panels and what they remember: which patch the numbers panel shows, which
 * value the field panel traces, and the layouts that put them together, unfitted (under
 * the network, for the selected map and the subject) and fitted (one layout per subject,
 * wide or compact). The panels' own maps are controls: a click, or the arrow keys while one
 * has focus, moves the patch or the traced value.
 */
import { adoptStyles, html, nothing, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MapPosition } from './keyboard-nav';
import type { ColumnView } from './overview-view';
import type { TemplateState } from './overview-templates';
import type { TracedField } from './field-trace';
import type { NeuronKernels } from './panels/panel-data';
import { strongestValue } from './overview-view';
import type { OverviewSubject } from './overview-subjects';
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

type Layouts = typeof import('./overview-layouts');

export class OverviewPanels implements ReactiveController {
  /** The numbers panel's square, chosen by the reader, for one map. */
  patch: { key: string; row: number; col: number } | null = null;
  /** The field panel's value, chosen by the reader, for one map. */
  private pick: { key: string; row: number; col: number } | null = null;
  /** The liveliest patch found for a map, picture and patch size. */
  readonly lively = new Map<string, { row: number; col: number }>();
  private traced = { key: '', field: null as TracedField | null };
  /** The panel layouts and the tracer, loaded on first use. */
  private layouts: Layouts | null = null;
  private loading = false;

  constructor(readonly host: PanelHost) {
    host.addController(this);
  }

  /** Loads the layouts (once); the figure re-renders when they arrive. */
  private load(): void {
    if (this.loading) return;
    this.loading = true;
    void import('./overview-layouts').then((m) => {
      this.layouts = m;
      const root = this.host.renderRoot;
      if (root instanceof ShadowRoot) adoptStyles(root, [...(this.host.constructor as unknown as { elementStyles: CSSResultOrNative[] }).elementStyles, m.panelStyles, m.layerSizesStyles]);
      this.host.requestUpdate();
    });
  }

  /** Under the network on a blank page: the selected map's panels, and the subject's. */
  unfitted(s: TemplateState): TemplateResult | typeof nothing {
    if (s.skeleton || (!this.host.selection && !['kernel', 'numbers', 'field', 'legend', 'input'].includes(this.host.currentSubject))) return nothing;
    if (!this.layouts) { this.load(); return nothing; }
    return this.layouts.unfitted(this, s);
  }

  /** With Show detail, unfitted: how big each layer is (output, parameters, multiply-adds). */
  sizes(): TemplateResult | typeof nothing {
    const info = this.host.network.info;
    if (!this.host.detail || !info || this.host.fit) return nothing;
    if (!this.layouts) { this.load(); return nothing; }
    return this.layouts.sizesTable(info, this.host.size.width < 560);
  }

  /** A fitted figure's whole layout, for its subject and box. */
  fitted(s: TemplateState): TemplateResult {
    if (!this.layouts) { this.load(); return html`<div class="fitted"></div>`; }
    return this.layouts.fitted(this, s);
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
      const neuronKernels = this.layouts?.neuronKernels;
      if (sel && info && neuronKernels?.(info, cols[sel.column].layerIndex, sel.channel)) return sel;
      const first = mapCols.find(({ c }) => info && neuronKernels?.(info, c.layerIndex, 0));
      return { column: first?.i ?? 1, channel: 0 };
    }
    if (sel && cols[sel.column].kind !== 'output' && (subject !== 'field' || cols[sel.column].kind !== 'input')) return sel;
    if (subject === 'numbers') return { column: 0, channel: 0 };
    if (subject === 'map') return { column: Math.min(1, cols.length - 1), channel: 0 };
    return { column: mapCols[mapCols.length - 1]?.i ?? 0, channel: 0 };
  }

  kernels(p: MapPosition): NeuronKernels | null {
    const info = this.host.network.info;
    return info && this.layouts ? this.layouts.neuronKernels(info, this.host.cols[p.column].layerIndex, p.channel) : null;
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
      if (!this.layouts) { this.load(); return null; }
      this.traced = { key, field: this.layouts.traceValue(info.layers, at) };
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
    const side = (s: { first: number; last: number }) => s.last - s.first + 1;
    return `The value at row ${v.row}, column ${v.col} depends on ${side(r.rows)} × ${side(r.cols)} input pixels, lit in every layer before it.`;
  }

  valueOf(v: ValueCursor): number {
    const col = this.host.cols[v.column];
    const run = this.host.network.run;
    if (col.kind === 'output') return run?.probabilities[v.channel] ?? 0;
    return col.values ? col.values[(v.row * col.width + v.col) * col.count + v.channel] : 0;
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
