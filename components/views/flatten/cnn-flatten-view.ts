import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { customElement } from '../../shared/define-element';
import { sharedViewStyles } from '../shared/view-styles';
import { cellFromPointer } from '../shared/map-canvas';
import { katexStylesheet, renderTex } from '../shared/katex-render';
import { OperationView } from '../shared/operation-view';
import { smallViewStyles } from '../shared/small-view-styles';
import { controlsPanelTemplate, fitHeadTemplate, fitTier, fittedStyles, type FitTier, type TieredParts } from '../shared/fitted-layout';
import type { FrameSpec } from '../../shared/frame-controller';
import { legendTemplate } from '../shared/map-pieces';
import { chooseLayer, classIndexOf, moveByKey } from '../shared/view-helpers';
import { STRIP_MODES, buildFlattenData, chooseClass, flattenLayerNames, flattenSentence, indexOf, positionOf, stripValues, type FlattenViewData, type StripMode } from './flatten-data';
import { flattenTex } from './flatten-formula';
import { entryFactsTemplate, logitTemplate, stripTemplate, tilesTemplate, zoomTemplate, type FlattenHandlers } from './flatten-templates';
import { flattenFittedStyles, flattenStyles } from './flatten-styles';
import { formatCount, formatNumber } from '../../shared/numbers';
import { paintMapChannel } from '../../shared/map-painter';

/** What each subject shows when fitted, by room. */
const FLATTEN_PARTS: TieredParts = {
  order: {
    small: ['head', 'tiles', 'strip', 'zoom'],
    medium: ['head', 'tiles', 'strip', 'zoom', 'legend'],
    roomy: ['head', 'tiles', 'strip', 'zoom', 'formula', 'facts', 'legend'],
  },
  index: {
    small: ['head', 'tiles', 'zoom', 'formula'],
    medium: ['head', 'tiles', 'strip', 'zoom', 'formula', 'facts'],
    roomy: ['head', 'tiles', 'strip', 'zoom', 'formula', 'facts', 'legend'],
  },
  weights: {
    small: ['head', 'strip', 'legend', 'logit'],
    medium: ['head', 'tiles', 'strip', 'zoom', 'logit', 'legend'],
    roomy: ['head', 'tiles', 'strip', 'zoom', 'facts', 'logit', 'legend'],
  },
};

/** Pixels' worth of entries in the zoom, by room. */
const ZOOM_GROUPS: Record<FitTier, number> = { roomy: 2, medium: 1, small: 1 };

/**
 * Flatten on the real numbers of the current image: the pooled maps (13 × 13 × 10 in Tiny
 * VGG) become one vector of 1,690 entries, pixel by pixel with all channels of a pixel
 * side by side, i = (r·W + c)·C + k. Pointing at or focusing a pixel, an entry of the
 * vector or a tile links all three, and shows the entry's weight to the chosen class.
 * Playback walks through the vector in memory order.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `order` (the maps, the vector, and
 * the links between them), `index` (where one value lands, by the formula) and `weights`
 * (the vector coloured by the chosen class's weights, unless the reader picks another colouring).
 *
 * @attr class-name - The class whose weights are shown: a class name (e.g. `koala`) or an index; defaults to the top class. A plain `class` attribute naming a class works too.
 * @attr strip - What colours the vector: `value`, `weight` (to the class) or `product` (value × weight); defaults to `value`.
 * @attr layer - A flatten layer name; defaults to the first flatten layer.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus and the current entry.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 */
@customElement('cnn-flatten-view')
export class CnnFlattenView extends OperationView {
  static override styles = [sharedViewStyles, smallViewStyles, flattenStyles, fittedStyles, flattenFittedStyles];

  @property({ reflect: true }) layer = '';
  @property({ attribute: 'class-name', reflect: true }) selectedClass = '';
  @property({ reflect: true }) strip: StripMode = 'value';

  /** An entry pointed at (a preview; playback keeps its place). */
  @state() private preview: number | null = null;

  /** What is on show; null until the model and the image have arrived. */
  data: FlattenViewData | null = null;
  private checkedFor = '';
  private classCheckedFor = '';
  private geometryKey = '';
  private tex = { key: '', html: null as string | null };
  /** The reader picked the vector's colouring in the menu (it then outranks the subject's). */
  private stripChosen = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('strip') && !STRIP_MODES.includes(this.strip)) {
      this.warn(`strip="${this.strip}" is not one of ${STRIP_MODES.join(', ')}; using "value".`);
      this.strip = 'value';
    }
    const { info, run } = this.network;
    if (info && (changed.has('layer') || this.checkedFor !== info.url)) {
      this.checkedFor = info.url;
      const layer = chooseLayer(this.layer, flattenLayerNames(info), 'a flatten layer');
      this.warn(layer.problem);
      this.layer = layer.value;
    }
    let classIndex = 0;
    if (info && run) {
      const requested = this.selectedClass || this.classFromClassAttribute();
      const choice = chooseClass(requested, info.classNames, run.logits);
      if (changed.has('selectedClass') || this.classCheckedFor !== info.url) {
        this.classCheckedFor = info.url;
        if (choice.problem) {
          this.warn(`class-name=${choice.problem}`);
          this.selectedClass = '';
        } else if (this.selectedClass) {
          this.selectedClass = info.classNames[choice.index];
        }
      }
      classIndex = choice.index;
    }
    const data = buildFlattenData(info, run, this.layer, classIndex);
    if (data?.key !== this.data?.key) this.useData(data);
  }

  /** A host's `class` attribute that happens to name a class (CSS classes that do not are ignored). */
  private classFromClassAttribute(): string {
    const value = this.getAttribute('class') ?? '';
    return this.network.info && value && classIndexOf(value, this.network.info.classNames) >= 0 ? value : '';
  }

  private useData(data: FlattenViewData | null): void {
    this.data = data;
    this.preview = null;
    if (!data) return;
    const geometryKey = `${data.layer.name}|${data.values.length}`;
    this.playback.setTotal(data.values.length, { restart: geometryKey !== this.geometryKey });
    this.geometryKey = geometryKey;
    this.onStep(true);
  }

  /** The entry on show: the one pointed at, else the playback position. */
  get index(): number {
    return this.preview ?? this.playback.step;
  }

  /** What colours the vector: the `strip` attribute, except that a fitted figure on `weights` shows the weights until the reader picks. */
  get stripMode(): StripMode {
    return this.fit && !this.stripChosen && this.frame.current === 'weights' ? 'weight' : this.strip;
  }

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    return {
      subjects: {
        order: { parts: FLATTEN_PARTS.order[tier], focus: '.order-block', about: 'the maps read into one vector, linked position by position' },
        index: { parts: FLATTEN_PARTS.index[tier], focus: '[data-part="formula"]', about: 'where one value lands: i = (r·W + c)·C + k' },
        weights: { parts: FLATTEN_PARTS.weights[tier], focus: '[data-part="strip"]', about: 'the vector coloured by one class\'s weights' },
      },
      fallback: 'order',
      controls: ['controls'],
      contentKey: `${this.data?.key ?? ''}|${tier}|${this.tex.key}`,
    };
  }

  private toolbarTemplate() {
    const classNames = this.network.info?.classNames ?? [];
    const current = this.data?.classIndex ?? -1;
    return html`<div class="toolbar" part="toolbar">
        <label>Class <select aria-label="Class whose weights are shown" @change=${(e: Event) => { this.selectedClass = (e.target as HTMLSelectElement).value; }}>
          ${classNames.map((n, i) => html`<option value=${n} ?selected=${i === current}>${n}</option>`)}</select></label>
        <label>Colour the vector by <select aria-label="Colour the vector by" .value=${this.stripMode} @change=${(e: Event) => { this.stripChosen = true; this.strip = (e.target as HTMLSelectElement).value as StripMode; }}>
          <option value="value" ?selected=${this.stripMode === 'value'}>value</option>
          <option value="weight" ?selected=${this.stripMode === 'weight'}>weight to the class</option>
          <option value="product" ?selected=${this.stripMode === 'product'}>value × weight</option></select></label>
        ${this.statusTemplate()}
      </div>`;
  }

  override render() {
    if (this.fit) return html`${katexStylesheet()}${this.data ? this.renderFitted(this.data) : this.statusTemplate({ block: true })}${this.liveRegion()}`;
    return html`${katexStylesheet()}
      ${this.toolbarTemplate()}
      ${this.data ? this.renderData(this.data) : nothing}
      ${this.liveRegion()}`;
  }

  private renderFitted(data: FlattenViewData) {
    const [h, w, c] = data.shape;
    const n = data.values.length;
    const index = this.index;
    const mode = this.stripMode;
    const tier = fitTier(this.size.width, this.size.height);
    return html`<div class="fit-root flatten-fit ${tier}" @keydown=${this.onStageKey}>
      ${fitHeadTemplate(this.frame.controlsButton(), html`<strong>${data.source.name}</strong> ${h} × ${w} × ${c} → <strong>${formatCount(n)}</strong> values${mode === 'value' ? nothing : html`, coloured by ${mode === 'weight' ? 'their weights' : 'value × weight'} to <strong>${data.className}</strong>`}`)}
      ${controlsPanelTemplate(this.toolbarTemplate(), this.playback.controls(`${data.layer.name}: entries in memory order`))}
      <div class="order-block ${this.frame.shows('strip') ? 'grows' : ''}">
        <div data-part="tiles">${tilesTemplate(data, index, this.handlers, tier === 'small')}</div>
        <section class="strip-block" data-part="strip" aria-label="The flat vector">
          <h3>${formatCount(n)} values, ${w * c} a row: a row of the maps, ${w} pixels × ${c} channels</h3>
          <div class="strip-room">${stripTemplate(data, index, this.handlers)}</div>
        </section>
        <div data-part="zoom">${zoomTemplate(data, index, this.playback.step, ZOOM_GROUPS[tier], mode, this.handlers)}</div>
      </div>
      <div class="formula-row">
        <div class="formula" data-formula="index" data-part="formula">${this.formula(data, index, tier !== 'roomy')}</div>
        <div data-part="facts">${entryFactsTemplate(data, index)}</div>
      </div>
      <div data-part="logit">${logitTemplate(data)}</div>
      <div class="legends" data-part="legend">${mode === 'value' ? legendTemplate('maps and values', data.domains.value)
        : legendTemplate(mode === 'weight' ? `weights to ${data.className}` : 'value × weight', data.domains[mode])}</div>
      <div class="readout" data-role="readout" data-part="readout">${flattenSentence(data, index, (v) => formatNumber(v, 3))}</div>
    </div>`;
  }

  private renderData(data: FlattenViewData) {
    const [h, w, c] = data.shape;
    const n = data.values.length;
    const index = this.index;
    const groups = this.width >= 1000 ? 3 : this.width >= 640 ? 2 : 1;
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.source.name}: ${h} × ${w} × ${c} → ${data.layer.name}: <strong>${formatCount(n)}</strong> values</span>
        ${data.dense ? html`<span>${data.dense.layer.name} reads them with ${formatCount(n)} × ${data.dense.outputs} weights</span>` : nothing}
      </p>
      ${this.playback.controls(`${data.layer.name}: entries in memory order`)}
      <div class="stage flatten-stage" @keydown=${this.onStageKey}>
        <section aria-label="The pooled maps">
          <h3>In: the ${c} maps of <strong>${data.source.name}</strong> (${h} × ${w} each)</h3>
          ${tilesTemplate(data, index, this.handlers)}
        </section>
        <section aria-label="The flat vector">
          <h3>Out: one vector of ${formatCount(n)}. Each row below is one row of the maps: ${w} pixels × ${c} channels = ${w * c} entries</h3>
          ${stripTemplate(data, index, this.handlers)}
          ${zoomTemplate(data, index, this.playback.step, groups, this.stripMode, this.handlers)}
        </section>
        <div class="formula-row">
          <div class="formula" data-formula="index">${this.formula(data, index)}</div>
          ${entryFactsTemplate(data, index)}
        </div>
        ${logitTemplate(data)}
      </div>
      <div class="legends">${legendTemplate('maps and values', data.domains.value)}
        ${this.stripMode !== 'value' ? legendTemplate(this.stripMode === 'weight' ? `weights to ${data.className}` : 'value × weight', data.domains[this.stripMode]) : nothing}</div>
      <div class="readout" data-role="readout">${flattenSentence(data, index, (v) => formatNumber(v, 3))} ${this.preview !== null ? '(pointed at)' : ''}</div>
      <p class="hint">Point at or focus a map, the strip or an entry: all three show the same value. On a map the arrow keys move the pixel; on the strip they move one entry (left, right) or one row (up, down). Space plays or pauses.</p>`;
  }

  private formula(data: FlattenViewData, index: number, narrow = this.width > 0 && this.width < 640) {
    // Two short lines: typesetting them on every step keeps the formula in step with the rest.
    const key = `${data.key}|${index}|${narrow}`;
    if (key !== this.tex.key) {
      const htmlText = renderTex(flattenTex(data, index, narrow), true, () => { this.tex.key = ''; this.requestUpdate(); });
      this.tex = { key: htmlText ? key : '', html: htmlText };
    }
    return this.tex.html ? unsafeHTML(this.tex.html) : html`<span class="status">Loading the formula…</span>`;
  }

  protected override onStep(force = false): void {
    const data = this.data;
    if (!data) return;
    this.announce(flattenSentence(data, this.playback.step, (v) => formatNumber(v, 2)), { force, playing: this.playback.playing });
  }

  protected override paint(): void {
    const data = this.data;
    if (!data) return;
    const [h, w, c] = data.shape;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-kind]')) {
      const strip = canvas.dataset.kind === 'strip';
      const mode = this.stripMode;
      const key = `${data.key}|${canvas.dataset.kind}|${canvas.dataset.channel ?? ''}|${strip ? mode : ''}`;
      if (canvas.dataset.painted === key) continue;
      canvas.dataset.painted = key;
      if (strip) paintMapChannel(canvas, stripValues(data, mode), [h, w * c, 1], 0, data.domains[mode]);
      else paintMapChannel(canvas, data.sourceValues, data.shape, Number(canvas.dataset.channel), data.domains.value);
    }
  }

  private select(index: number): void {
    this.playback.pause();
    this.playback.seek(index);
    this.preview = null;
    this.onStep(true);
  }

  private tileEntry(e: MouseEvent): number | null {
    const d = this.data;
    const el = e.currentTarget as HTMLElement;
    const cell = d && cellFromPointer(e, el, d.shape[0], d.shape[1]);
    return cell ? indexOf(d!, { ...cell, channel: Number(el.dataset.channel) }) : null;
  }

  private stripEntry(e: MouseEvent): number | null {
    const d = this.data;
    const cell = d && cellFromPointer(e, e.currentTarget as Element, d.shape[0], d.shape[1] * d.shape[2]);
    return cell ? cell.row * d!.shape[1] * d!.shape[2] + cell.col : null;
  }

  /** A pointer over an entry previews it; null (the pointer left) clears the preview once the event is over. */
  private setPreview(i: number | null): void {
    if (i === null) {
      this.clearPreviewSoon(() => { this.preview = null; });
      return;
    }
    this.cancelPreviewClear();
    if (i !== this.preview) this.preview = i;
  }

  private readonly handlers: FlattenHandlers = {
    onPreview: (i) => this.setPreview(i),
    onSelect: (i) => this.select(i),
    onTilePointer: (e) => this.setPreview(this.tileEntry(e)),
    onStripPointer: (e) => this.setPreview(this.stripEntry(e)),
    onTileClick: (e) => { const i = this.tileEntry(e); if (i !== null) this.select(i); },
    onStripClick: (e) => { const i = this.stripEntry(e); if (i !== null) this.select(i); },
    onTileKey: (e) => {
      const d = this.data;
      if (!d) return;
      const at = positionOf(d, this.playback.step);
      const next = moveByKey(e.key, at, d.shape[0], d.shape[1]);
      if (!next) return;
      e.preventDefault();
      e.stopPropagation();
      this.select(indexOf(d, { ...next, channel: at.channel }));
    },
    onStripKey: (e) => {
      const d = this.data;
      if (!d || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      e.stopPropagation();
      const row = d.shape[1] * d.shape[2];
      this.select(Math.max(0, Math.min(d.values.length - 1, this.playback.step + (e.key === 'ArrowUp' ? -row : row))));
    },
  };

  protected override previewEnded(): void {
    this.preview = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-flatten-view': CnnFlattenView;
  }
}
