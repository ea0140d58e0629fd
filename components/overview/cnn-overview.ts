import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/define-element';
import { NARROW_BREAKPOINT, edgesInto } from './layout';
import { moveFocus, type MapPosition } from './keyboard-nav';
import { buildColumns, type ColumnView } from './overview-view';
import { SCALE_MODES, type ScaleMode } from '../shared/url-state';
import { mapKey, narrowTemplate, wideTemplate, type TemplateState } from './overview-templates';
import { overviewStyles } from './overview-styles';
import { FigureElement } from '../shared/figure-element';
import '../image-input/image-picker';
import { assetUrl } from '../shared/asset-base';
import { articleLinkTemplate, selectionState } from '../shared/article-link';
import { formatValue } from '../shared/numbers';
import type { FrameSpec } from '../shared/frame-controller';
import { OverviewPainter } from './overview-paint';
import { SlotSize } from './slot-size';
import { wideGeometry } from './wide-geometry';
import { estimateTextWidth } from './column-labels';
import { COMPACT_BELOW, isSubject, overviewFrameSpec, type OverviewSubject } from './overview-subjects';
import { OverviewPanels, type ValueCursor } from './overview-panels';
import { colourKey } from './panels/legend-panel';
import { OverviewEdits } from './overview-edits';
import type { ModelInfo, NetworkRun } from '../shared/network-types';

/**
 * The whole network, live: every layer as a column of activation maps for the current
 * image, from the input's colour channels to the class probabilities.
 *
 * Pointing at a map (or focusing it) highlights the maps it reads and lights up its
 * receptive field: the part of every earlier map, down to the input pixels, that the value
 * under the pointer depends on (Shift + arrow keys move that value within a focused map).
 * A colour key says which hue is which sign. Choosing a map (click or Enter) selects it,
 * and panels under the network show it closer: the numbers of a patch of it (the input's
 * bytes and ÷ 255), the kernels and bias of the neuron behind it, and the receptive field
 * of one of its values (its strongest, or one chosen on the panel's map).
 *
 * Inside a box it must fit (`fit`, as in the article's sticky figure), the figure shows the
 * `subject` the text talks about: on wide boxes the whole network with that subject's panel,
 * on phones the subject alone and large (a miniature of the network for `network`); the
 * picture chooser, colour range and detail fold behind one Controls button.
 *
 * @attr image - An example id (see assets/examples/manifest.json) or an image URL.
 * @attr scale - Colour range per `unit` (a conv with its ReLU and pool), `module` (a block) or `global`.
 * @attr detail - Shows layer shapes and the colour legends under the columns.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @attr selected - The selected map as `layer:channel`, e.g. `conv_1_1:3`; its panels show under the network.
 * @attr subject - What the surrounding text talks about: `network`, `map`, `kernel`, `input`, `numbers`, `legend`, `field`, `output` or `picker`. Marks it with a ring; with `fit`, shows only it.
 * @attr fit - Fit the element's box (which the page sizes): show the subject's parts only, never scroll inside.
 * @attr article-base - Where the ⓘ links point: the article's URL (its sections are anchors).
 * @attr compact - Folds the picture picker behind a "Change the picture" button.
 * @attr edits - The reader's changes to the network (edits' link format); the selected map's channel can be switched off (button, or O on a focused map).
 * @fires cnn-select - A map or class was chosen: detail `{ layer, channel }`. Bubbles, composed.
 * @fires cnn-edits - A channel was switched off or on, or Reset pressed: detail `{ edits }` (the new `edits`). Bubbles, composed.
 * @fires cnn-run - A new image's activations are on screen: detail `{ imageKey, inferenceMs }`.
 * @csspart map - Each activation map (a canvas).
 * @csspart class-row - Each class in the output column.
 * @csspart layer-label - A layer's label above its column.
 * @csspart legend - A colour legend.
 * @csspart key - The colour key (which hue is positive, which negative).
 * @csspart info-link - The ⓘ link of a layer.
 * @csspart panel - Each panel under the network (also `kernel-panel`, `numbers-panel`, `field-panel`, `input-panel`, `map-panel`, `output-panel`, `legend-panel`).
 * @csspart channel-switch - The selected map's off/on switch with the prediction before → after (`edits-bar`) and Reset.
 * @csspart article-link - The "Open in the article" link to this exact state (absent on the article's own page).
 * @cssprop --cnn-accent - Accent colour for focus, highlights and probability bars.
 * @cssprop --cnn-font-ui - Font of labels and controls.
 * @cssprop --cnn-ink - Text colour.
 * @cssprop --cnn-muted - Colour of secondary text.
 * @cssprop --cnn-rule - Colour of borders and edges.
 * @cssprop --cnn-surface - Background of controls and rings around focused maps (default white).
 */
@customElement('cnn-overview')
export class CnnOverview extends FigureElement {
  static override styles = overviewStyles;

  @property({ reflect: true }) scale: ScaleMode = 'unit';
  @property({ type: Boolean, reflect: true }) detail = false;
  @property({ reflect: true }) selected = '';
  @property({ attribute: 'article-base' }) articleBase = '';
  /** Folds the picture picker behind a button, for tight spaces such as the article's sticky figure. */
  @property({ type: Boolean, reflect: true }) compact = false;

  @state() private focusPos: MapPosition = { column: 0, channel: 0 };
  @state() private active: MapPosition | null = null;
  /** The value under the pointer (or moved to with Shift + arrows) whose field lights up. */
  @state() private cursor: ValueCursor | null = null;

  /** The measured flexible region of a fitted layout. */
  readonly slotSize = new SlotSize(this);
  /** The panels' own state (the numbers' patch, the traced value) and their templates. */
  readonly panels = new OverviewPanels(this);
  /** The reader's edits and the selected map's channel switch (loaded on demand). */
  readonly editing = new OverviewEdits(this);
  protected override modelEdits(): string { return this.editing.usable(this.edits); }

  cols: ColumnView[] = buildColumns(null, null, 'unit');
  private focusAfterRender = false;
  private colsFor: { info: ModelInfo | null; run: NetworkRun | null; scale: ScaleMode } = { info: null, run: null, scale: 'unit' };

  private readonly painter = new OverviewPainter(this);

  /** The article's first figure: paint the shipped model's first run while the model loads. */
  protected override paintsFirstRun(): boolean {
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scale') && !SCALE_MODES.includes(this.scale)) {
      console.warn(`<cnn-overview>: scale="${this.scale}" is not one of ${SCALE_MODES.join(', ')}; using "unit".`);
      this.scale = 'unit';
    }
    super.willUpdate(changed);
    // Columns (domains, per-map ranges) depend only on the model, the run and the mode:
    // hover and focus updates reuse them.
    const { info, run } = this.network;
    if (info !== this.colsFor.info || run !== this.colsFor.run || this.scale !== this.colsFor.scale) {
      this.colsFor = { info, run, scale: this.scale };
      this.cols = buildColumns(info, run, this.scale);
    }
    // Checked whenever it is set and whenever a model arrives (a bad value in the HTML included).
    if (info && (changed.has('selected') || info.url !== this.selectedCheckedFor)) {
      this.selectedCheckedFor = info.url;
      this.checkSelected();
    }
  }

  private selectedCheckedFor = '';

  private checkSelected(): void {
    if (!this.selected) return;
    if (!this.positionOf(this.selected)) {
      this.warn(`selected="${this.selected}" names no map of this model (use layer:channel, e.g. conv_1_1:3); clearing it.`);
      this.selected = '';
    }
  }

  positionOf(selected: string): MapPosition | null {
    const m = /^(.+):(\d+)$/.exec(selected);
    if (!m) return null;
    const column = this.cols.findIndex((c) => c.name === m[1]);
    const channel = Number(m[2]);
    return column >= 0 && channel < this.cols[column].count ? { column, channel } : null;
  }

  /** The selected map, when the model knows it. */
  get selection(): MapPosition | null {
    return this.network.info && this.selected ? this.positionOf(this.selected) : null;
  }

  /** The subject in force (the frame controller's fallback for unknown ones). */
  get currentSubject(): OverviewSubject {
    const s = this.frame.current;
    return isSubject(s) ? s : 'network';
  }

  /** Whether a fitted figure shows its phone forms. */
  get compactFit(): boolean {
    return this.fit && this.width > 0 && this.width < COMPACT_BELOW;
  }

  protected override frameSpec(): FrameSpec {
    const key = `${this.network.run?.imageKey}|${this.scale}|${this.detail}|${this.selected}|${this.compactFit}|${this.slotSize.width}x${this.slotSize.height}`;
    return overviewFrameSpec(this.compactFit, key);
  }

  /** Text widths for the column labels, measured in the figure's own font. */
  private measureCtx?: CanvasRenderingContext2D | null;
  private widths = new Map<string, number>();
  readonly measure = (text: string): number => {
    let w = this.widths.get(text);
    if (w !== undefined) return w;
    if (this.measureCtx === undefined) {
      this.measureCtx = document.createElement('canvas').getContext('2d');
      if (this.measureCtx) this.measureCtx.font = `11px ${getComputedStyle(this).fontFamily || 'system-ui'}`;
    }
    w = this.measureCtx ? Math.ceil(this.measureCtx.measureText(text).width) : estimateTextWidth(text);
    this.widths.set(text, w);
    return w;
  };

  templateState(): TemplateState {
    const { network } = this;
    return {
      cols: this.cols,
      classNames: network.info?.classNames ?? Array.from({ length: 10 }, () => '…'),
      probabilities: network.run?.probabilities ?? null,
      logits: network.run?.logits ?? null,
      detail: this.detail,
      skeleton: !network.run || !network.info,
      focus: this.focusPos,
      active: this.active,
      selected: this.selection,
      sourceKeys: this.sourceKeys(),
      articleBase: this.articleBase || assetUrl('index.html'),
      field: this.panels.networkField(),
      offMaps: this.offMaps(),
    };
  }

  /** The maps (by mapKey) whose conv channel the reader switched off: their canvases are striped. */
  offMaps(): ReadonlySet<string> {
    return (this.edits && this.editing.switch?.offMaps()) || new Set<string>();
  }

  override render() {
    // A network that failed to load has nothing to draw: say what happened, no half-drawn maps.
    if (this.network.error) return html`<div class="failed" data-part="network">${this.statusTemplate({ block: true })}</div>`;
    const s = this.templateState();
    const events = (body: unknown) => html`<div class="network ${s.skeleton ? 'skeleton' : ''}"
        @click=${this.onActivate}
        @keydown=${this.onKeydown}
        @pointermove=${this.onPointer}
        @pointerleave=${this.onLeave}
        @focusin=${this.onFocusIn}
        @focusout=${this.onLeave}>${body}</div>`;
    if (this.fit && this.width > 0) return events(this.panels.fitted(s));
    const wide = this.width >= NARROW_BREAKPOINT;
    return html`
      ${this.source.template(this.compact)}
      ${this.toolbar()}
      ${events(html`<div data-part="network">${this.width === 0 ? nothing : wide
        ? wideTemplate(s, wideGeometry(this.cols, { width: this.width, detail: this.detail, legends: this.detail, measure: this.measure }), { legends: this.detail })
        : narrowTemplate(s)}</div>
        ${s.skeleton ? nothing : colourKey()}
        ${this.panels.unfitted(s)}
        ${this.panels.sizes()}`)}
      ${this.readoutTemplate()}
    `;
  }

  /** What the pointer or focus is on, in words (a polite live region). */
  readoutTemplate(): TemplateResult {
    return html`<div class="readout" part="readout" data-part="readout" aria-live="polite">${this.readout()}</div>`;
  }

  /** The colour range menu, Show detail, the article link and the status line. */
  toolbar(): TemplateResult {
    return html`<div class="toolbar" part="toolbar">
      <label>Colour range
        <select @change=${(e: Event) => { this.scale = (e.target as HTMLSelectElement).value as ScaleMode; }} .value=${this.scale} aria-label="Colour range">
          <option value="unit">per layer</option>
          <option value="module">per block</option>
          <option value="global">whole network</option>
        </select>
      </label>
      <label><input type="checkbox" .checked=${this.detail} @change=${(e: Event) => { this.detail = (e.target as HTMLInputElement).checked; }}> Show detail</label>
      ${this.editing.template()}
      ${articleLinkTemplate(this.articleBase, { section: 'what-is-a-cnn', view: 'overview', image: this.image, scale: this.scale, ...selectionState(this.selected) })}
      ${this.fit ? nothing : this.statusTemplate()}
    </div>`;
  }

  /** The status line, for the fitted header. */
  status(): TemplateResult {
    return this.statusTemplate();
  }

  /** The picture picker and crop (dense inside a fitted figure). */
  sourceTemplate(): unknown {
    return this.source.template(false, this.fit);
  }

  /** The picture's own problems show beside the picker; the status line speaks of the network. */
  protected override get failed(): boolean {
    return Boolean(this.network.error);
  }

  /** The network's state, then its best guess. */
  protected override statusText() {
    const n = this.network;
    if (n.error) return n.error;
    if (n.phase === 'asleep') return 'The network wakes when this figure scrolls into view.';
    if (n.phase === 'loading') return html`Loading the network… <progress max="1" value=${n.progress} aria-label="Model download"></progress> ${Math.round(n.progress * 100)}%`;
    if (n.phase === 'running') return 'Running the image through the network…';
    if (this.editing.status()) return this.editing.status();
    const top = n.run && n.info ? n.run.probabilities.indexOf(Math.max(...n.run.probabilities)) : -1;
    const notes = [n.info?.notice, this.source.notice].filter(Boolean).join(' ');
    const guess = top >= 0 ? html`Best guess: <strong>${n.info!.classNames[top]}</strong> (${(n.run!.probabilities[top] * 100).toFixed(1)}%)` : '';
    return notes ? html`${guess}${guess ? ' · ' : ''}<span class="notice">${notes}</span>` : guess;
  }

  private readout() {
    const p = this.active ?? null;
    if (!p) return 'Point at a map, or move through them with the arrow keys (Shift + arrows move inside one): the part of every earlier layer it depends on lights up. Press Enter to open the operation behind a map.';
    const col = this.cols[p.column];
    if (!col) return '';
    if (col.kind === 'output') {
      const name = this.network.info?.classNames[p.channel] ?? '';
      const prob = this.network.run?.probabilities[p.channel];
      const logit = this.network.run?.logits[p.channel];
      return prob === undefined ? name : html`<strong>${name}</strong>: logit ${formatValue(logit!)}, probability ${(prob * 100).toFixed(2)}%. It weighs every value of the last pooling layer.`;
    }
    const reads = edgesInto(this.cols, p.column).filter((e) => e.to.channel === p.channel).length;
    const range = col.ranges ? `values ${formatValue(col.ranges.min[p.channel])} to ${formatValue(col.ranges.max[p.channel])}` : '';
    const from = p.column > 0 ? `; reads ${reads} map${reads === 1 ? '' : 's'} of ${this.cols[p.column - 1].name}` : '';
    const c = this.cursor;
    const field = c && c.column === p.column && c.channel === p.channel && p.column > 0 ? this.panels.fieldWords(c) : '';
    return html`<strong>${col.name}</strong>, ${col.kind === 'input' ? ['red', 'green', 'blue'][p.channel] : `channel ${p.channel}`}: ${col.shape[0]} × ${col.shape[1]}, ${range}${from}.${field ? html` ${field}` : nothing}`;
  }

  private sourceKeys(): Set<string> {
    const keys = new Set<string>();
    if (!this.active) return keys;
    for (const e of edgesInto(this.cols, this.active.column)) if (e.to.channel === this.active.channel) keys.add(mapKey(e.from));
    return keys;
  }

  /** The map or class row an event is about (panel pictures are not maps to choose). */
  private positionFromEvent(e: Event): MapPosition | null {
    const el = (e.composedPath()[0] as HTMLElement).closest?.('.map, .class-row, .mini-out') as HTMLElement | null;
    if (!el || el.dataset.column === undefined) return null;
    return { column: Number(el.dataset.column), channel: Number(el.dataset.channel) };
  }

  /** The value of a map under a pointer event. */
  private valueFromPointer(e: PointerEvent, p: MapPosition): ValueCursor | null {
    const el = e.composedPath()[0] as HTMLElement;
    const col = this.cols[p.column];
    if (!(el instanceof HTMLCanvasElement) || !col || col.kind === 'output') return col?.kind === 'output' ? { ...p, row: 0, col: p.channel } : null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return null;
    const row = Math.max(0, Math.min(col.height - 1, Math.floor(((e.clientY - r.top) / r.height) * col.height)));
    const c = Math.max(0, Math.min(col.width - 1, Math.floor(((e.clientX - r.left) / r.width) * col.width)));
    return { ...p, row, col: c };
  }

  private onPointer = (e: PointerEvent) => {
    if (this.panels.onPointer(e)) return;
    const p = this.positionFromEvent(e);
    if (!p) return;
    if (!this.active || mapKey(p) !== mapKey(this.active)) this.active = p;
    const v = this.valueFromPointer(e, p);
    const c = this.cursor;
    if (v && (!c || c.column !== v.column || c.channel !== v.channel || c.row !== v.row || c.col !== v.col)) this.cursor = v;
  };

  private onLeave = () => {
    this.active = null;
    this.cursor = null;
  };

  private onFocusIn = (e: FocusEvent) => {
    const p = this.positionFromEvent(e);
    if (!p) return;
    this.active = p;
    this.focusPos = p;
    this.cursor = this.panels.strongest(p);
  };

  private onActivate = (e: Event) => {
    if (this.panels.onClick(e)) return;
    const p = this.positionFromEvent(e);
    if (!p || !this.network.info) return;
    const col = this.cols[p.column];
    this.focusPos = p;
    this.selected = `${col.name}:${p.channel}`;
    this.dispatchEvent(new CustomEvent('cnn-select', { detail: { layer: col.name, channel: p.channel }, bubbles: true, composed: true }));
  };

  private onKeydown = (e: KeyboardEvent) => {
    if (this.panels.onKeydown(e)) return;
    const p = this.positionFromEvent(e);
    if (!p) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.onActivate(e);
      return;
    }
    if (e.shiftKey && this.cursor && mapKey(this.cursor) === mapKey(p)) {
      const moved = this.panels.moveValue(this.cursor, e.key);
      if (moved) {
        e.preventDefault();
        this.cursor = moved;
        return;
      }
    }
    const next = moveFocus(this.cols.map((c) => c.count), p, e.key);
    if (!next) return;
    e.preventDefault();
    this.focusPos = next;
    this.focusAfterRender = true;
    // A phone's map panel shows one layer: moving to another layer's map shows that layer.
    const col = this.cols[next.column];
    if (this.compactFit && this.currentSubject === 'map' && col.kind !== 'output' && !this.renderRoot.querySelector(`.map[data-column="${next.column}"]`)) this.selected = `${col.name}:${next.channel}`;
  };

  protected override updated(): void {
    this.painter.paint();
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      (this.renderRoot.querySelector(`.map[data-column="${this.focusPos.column}"][data-channel="${this.focusPos.channel}"], .class-row[data-column="${this.focusPos.column}"][data-channel="${this.focusPos.channel}"]`) as HTMLElement | null)?.focus();
    }
  }

  /** The traced value, for the panels. */
  get valueCursor(): ValueCursor | null {
    return this.cursor;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-overview': CnnOverview;
  }
}
