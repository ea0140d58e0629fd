import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/define-element';
import { NARROW_BREAKPOINT, edgesInto, wideLayout } from './layout';
import { moveFocus, type MapPosition } from './keyboard-nav';
import { buildColumns, type ColumnView } from './overview-view';
import { SCALE_MODES, type ScaleMode } from '../shared/url-state';
import { paintInputChannel, paintMap } from '../shared/map-painter';
import { mapKey, narrowTemplate, wideTemplate, type TemplateState } from './overview-templates';
import { overviewStyles } from './overview-styles';
import { FigureElement } from '../shared/figure-element';
import '../image-input/image-picker';
import { assetUrl } from '../shared/asset-base';
import { articleLinkTemplate, selectionState } from '../shared/article-link';
import { formatValue } from '../shared/numbers';

/**
 * The whole network, live: every layer as a column of activation maps for the current
 * image, from the input's colour channels to the class probabilities.
 *
 * @attr image - An example id (see assets/examples/manifest.json) or an image URL.
 * @attr scale - Colour range per `unit` (a conv with its ReLU and pool), `module` (a block) or `global`.
 * @attr detail - Shows layer shapes and colour legends.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @attr selected - The selected map as `layer:channel`, e.g. `conv_1_1:3`.
 * @attr article-base - Where the ⓘ links point: the article's URL (its sections are anchors).
 * @attr compact - Folds the picture picker behind a "Change the picture" button.
 * @fires cnn-select - A map or class was chosen: detail `{ layer, channel }`. Bubbles, composed.
 * @fires cnn-run - A new image's activations are on screen: detail `{ imageKey, inferenceMs }`.
 * @csspart map - Each activation map (a canvas).
 * @csspart class-row - Each class in the output column.
 * @csspart legend - A colour legend.
 * @csspart info-link - The ⓘ link of a layer.
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

  private cols: ColumnView[] = buildColumns(null, null, 'unit');
  private focusAfterRender = false;
  private colsKey = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scale') && !SCALE_MODES.includes(this.scale)) {
      console.warn(`<cnn-overview>: scale="${this.scale}" is not one of ${SCALE_MODES.join(', ')}; using "unit".`);
      this.scale = 'unit';
    }
    super.willUpdate(changed);
    // Columns (domains, per-map ranges) depend only on the model, the run and the mode:
    // hover and focus updates reuse them.
    const colsKey = `${this.network.info?.url}|${this.network.run?.imageKey}|${this.scale}`;
    if (colsKey !== this.colsKey) {
      this.colsKey = colsKey;
      this.cols = buildColumns(this.network.info, this.network.run, this.scale);
    }
    if (changed.has('selected') && this.network.info) this.checkSelected();
  }

  private checkSelected(): void {
    if (!this.selected) return;
    if (!this.positionOf(this.selected)) {
      console.warn(`<cnn-overview>: selected="${this.selected}" names no map of this model (use layer:channel, e.g. conv_1_1:3); clearing it.`);
      this.selected = '';
    }
  }

  private positionOf(selected: string): MapPosition | null {
    const m = /^(.+):(\d+)$/.exec(selected);
    if (!m) return null;
    const column = this.cols.findIndex((c) => c.name === m[1]);
    const channel = Number(m[2]);
    return column >= 0 && channel < this.cols[column].count ? { column, channel } : null;
  }

  override render() {
    const { network } = this;
    const skeleton = !network.run || !network.info;
    const s: TemplateState = {
      cols: this.cols,
      classNames: network.info?.classNames ?? Array.from({ length: 10 }, () => '…'),
      probabilities: network.run?.probabilities ?? null,
      logits: network.run?.logits ?? null,
      detail: this.detail,
      skeleton,
      focus: this.focusPos,
      active: this.active,
      selected: this.network.info && this.selected ? this.positionOf(this.selected) : null,
      sourceKeys: this.sourceKeys(),
      articleBase: this.articleBase || assetUrl('index.html'),
    };
    const wide = this.width >= NARROW_BREAKPOINT;
    return html`
      ${this.source.template(this.compact)}
      <div class="toolbar" part="toolbar">
        <label>Colour range
          <select @change=${(e: Event) => { this.scale = (e.target as HTMLSelectElement).value as ScaleMode; }} .value=${this.scale} aria-label="Colour range">
            <option value="unit">per layer</option>
            <option value="module">per block</option>
            <option value="global">whole network</option>
          </select>
        </label>
        <label><input type="checkbox" .checked=${this.detail} @change=${(e: Event) => { this.detail = (e.target as HTMLInputElement).checked; }}> Show detail</label>
        ${articleLinkTemplate(this.articleBase, { section: 'what-is-a-cnn', view: 'overview', image: this.image, scale: this.scale, ...selectionState(this.selected) })}
        ${this.statusTemplate()}
      </div>
      <div class="network ${skeleton ? 'skeleton' : ''}"
        @click=${this.onActivate}
        @keydown=${this.onKeydown}
        @pointerover=${this.onPointer}
        @pointerleave=${() => { this.active = null; }}
        @focusin=${this.onFocusIn}
        @focusout=${() => { this.active = null; }}>
        ${this.width === 0 ? nothing : wide ? wideTemplate(s, wideLayout(this.cols, { width: this.width })) : narrowTemplate(s)}
      </div>
      <div class="readout" part="readout" aria-live="polite">${this.readout()}</div>
    `;
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
    const top = n.run && n.info ? n.run.probabilities.indexOf(Math.max(...n.run.probabilities)) : -1;
    return top >= 0 ? html`Best guess: <strong>${n.info!.classNames[top]}</strong> (${(n.run!.probabilities[top] * 100).toFixed(1)}%)` : '';
  }

  private readout() {
    const p = this.active ?? null;
    if (!p) return 'Point at a map, or move through them with the arrow keys. Press Enter to open the operation behind a map.';
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
    return html`<strong>${col.name}</strong>, ${col.kind === 'input' ? ['red', 'green', 'blue'][p.channel] : `channel ${p.channel}`}: ${col.shape[0]} × ${col.shape[1]}, ${range}${from}.`;
  }

  private sourceKeys(): Set<string> {
    const keys = new Set<string>();
    if (!this.active) return keys;
    for (const e of edgesInto(this.cols, this.active.column)) if (e.to.channel === this.active.channel) keys.add(mapKey(e.from));
    return keys;
  }

  private positionFromEvent(e: Event): MapPosition | null {
    const el = (e.composedPath()[0] as HTMLElement).closest?.('[data-column]') as HTMLElement | null;
    if (!el) return null;
    return { column: Number(el.dataset.column), channel: Number(el.dataset.channel) };
  }

  private onPointer = (e: PointerEvent) => {
    const p = this.positionFromEvent(e);
    if (p && (!this.active || mapKey(p) !== mapKey(this.active))) this.active = p;
  };

  private onFocusIn = (e: FocusEvent) => {
    const p = this.positionFromEvent(e);
    if (p) { this.active = p; this.focusPos = p; }
  };

  private onActivate = (e: Event) => {
    const p = this.positionFromEvent(e);
    if (!p || !this.network.info) return;
    const col = this.cols[p.column];
    this.focusPos = p;
    this.selected = `${col.name}:${p.channel}`;
    this.dispatchEvent(new CustomEvent('cnn-select', { detail: { layer: col.name, channel: p.channel }, bubbles: true, composed: true }));
  };

  private onKeydown = (e: KeyboardEvent) => {
    const p = this.positionFromEvent(e);
    if (!p) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.onActivate(e);
      return;
    }
    const next = moveFocus(this.cols.map((c) => c.count), p, e.key);
    if (!next) return;
    e.preventDefault();
    this.focusPos = next;
    this.focusAfterRender = true;
  };

  protected override updated(): void {
    this.paint();
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      (this.renderRoot.querySelector(`[data-column="${this.focusPos.column}"][data-channel="${this.focusPos.channel}"]`) as HTMLElement | null)?.focus();
    }
  }

  private paintedKey = '';
  /** Paints every map; skipped when neither the run, the scale nor the layout changed. */
  private paint(): void {
    const run = this.network.run;
    const key = `${run?.imageKey}|${this.scale}|${this.width >= NARROW_BREAKPOINT}|${this.detail}|${this.cols.length}`;
    if (!run || key === this.paintedKey) return;
    this.paintedKey = key;
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.map');
    for (const canvas of canvases) {
      const col = this.cols[Number(canvas.dataset.column)];
      const ch = Number(canvas.dataset.channel);
      if (!col?.values) continue;
      if (col.kind === 'input') paintInputChannel(canvas, col.values, col.shape, ch);
      else if (col.domain) paintMap(canvas, col.values, col.shape, ch, col.domain);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-overview': CnnOverview;
  }
}
