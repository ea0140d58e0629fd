import { LAYER_KINDS } from '../../shared/layer-kinds';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { customElement } from '../../shared/define-element';
import { softmax } from '../../../model/ops/softmax';
import { sharedViewStyles } from '../shared/view-styles';
import { katexStylesheet, renderTex } from '../shared/katex-render';
import { OperationView } from '../shared/operation-view';
import type { FrameSpec } from '../../shared/frame-controller';
import { smallViewStyles } from '../shared/small-view-styles';
import { controlsPanelTemplate, fitHeadTemplate, fitTier, fittedStyles, type TieredParts } from '../shared/fitted-layout';
import { classIndexOf } from '../shared/view-helpers';
import { chooseClass } from '../flatten/flatten-data';
import { chooseTemperature, classOfStage, softmaxSentence, softmaxTerms, stageOfStep, stepCount, temperatureFromSlider, type SoftmaxTerms } from './softmax-data';
import { softmaxTex } from './softmax-formula';
import { rescalingNoteTemplate, sumBarTemplate, temperatureTemplate, termsTableTemplate, type SoftmaxHandlers, type SoftmaxTemplateState } from './softmax-templates';
import { softmaxFittedStyles, softmaxStyles } from './softmax-styles';
import { formatNumber, formatWide } from '../../shared/numbers';

const EVERYTHING = ['head', 'table', 'formula', 'sum', 'note', 'temperature', 'readout'];
/** What each subject shows when fitted, by room. */
const SOFTMAX_PARTS: TieredParts = {
  logits: { small: ['head', 'table'], medium: ['head', 'table', 'readout'], roomy: EVERYTHING },
  formula: { small: ['head', 'formula', 'sum', 'readout'], medium: ['head', 'table', 'formula', 'sum'], roomy: EVERYTHING },
  note: { small: ['head', 'note'], medium: ['head', 'table', 'note'], roomy: EVERYTHING },
  temperature: { small: ['head', 'table', 'temperature'], medium: ['head', 'table', 'sum', 'temperature'], roomy: EVERYTHING },
};

const SUBJECT_FOCUS: Record<string, { focus: string; about: string }> = {
  logits: { focus: '[data-part="table"]', about: 'the ten raw scores' },
  formula: { focus: '[data-part="formula"]', about: 'one class\'s probability, term by term' },
  note: { focus: '[data-part="note"]', about: 'why dividing by the sum fails' },
  temperature: { focus: '[data-part="temperature"]', about: 'the temperature slider, and the probabilities it changes' },
};

/**
 * Softmax on the network's real logits for the current image: each logit (divided by the
 * temperature T) goes through the exponential, the exponentials are summed, and each
 * class's share of the sum is its probability. Pointing at or focusing a class links its
 * logit, its exponential and its share; a slider changes T; a note shows why dividing the
 * logits by their own sum would not give probabilities. Playback computes term by term.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `logits` (the raw scores), `formula`
 * (one class's probability), `note` (why not divide by the sum) and `temperature` (the slider,
 * with the probabilities it changes).
 *
 * @attr class-name - The class whose formula shows: a class name (e.g. `koala`) or an index; defaults to the top class. A plain `class` attribute naming a class works too.
 * @attr temperature - T, from 0.1 to 5; defaults to 1 (the plain softmax).
 * @attr layer - The output layer or its softmax step (other names warn); the view always shows the network's last dense layer.
 * @attr channel - With no class-name, the class with this index (as the article passes it).
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the highlighted class and the bars.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 */
@customElement('cnn-softmax-view')
export class CnnSoftmaxView extends OperationView {
  static override styles = [sharedViewStyles, smallViewStyles, softmaxStyles, fittedStyles, softmaxFittedStyles];

  @property({ attribute: 'class-name', reflect: true }) selectedClass = '';
  @property({ type: Number, reflect: true }) temperature = 1;
  @property({ reflect: true }) layer = '';
  @property({ type: Number }) channel = 0;

  /** A class pointed at (a preview). */
  @state() private preview: number | null = null;

  /** What is on show; null until the model and the image have arrived. */
  terms: SoftmaxTerms | null = null;
  /** The class chosen (class-name, class or channel), else the top class. */
  chosenClass = 0;
  private plain: Float32Array = new Float32Array(0);
  private checkedFor = '';
  private dataKey = '';
  private tex = { key: '', html: null as string | null };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('temperature')) {
      const t = chooseTemperature(this.getAttribute('temperature'), this.temperature);
      this.warn(t.problem);
      this.temperature = t.value;
    }
    const { info, run } = this.network;
    if (!info || !run) return;
    const fresh = this.checkedFor !== info.url;
    if (fresh || changed.has('layer')) this.checkLayer();
    const requested = this.selectedClass || this.classFromClassAttribute() || (this.hasAttribute('channel') ? String(this.channel) : '');
    const choice = chooseClass(requested, info.classNames, run.logits);
    if (fresh || changed.has('selectedClass') || changed.has('channel')) {
      if (choice.problem) {
        this.warn(`${this.selectedClass ? 'class-name' : 'channel'}=${choice.problem}`);
        this.selectedClass = '';
      } else if (this.selectedClass) {
        this.selectedClass = info.classNames[choice.index];
      }
    }
    this.checkedFor = info.url;
    this.chosenClass = choice.index;
    const key = `${info.url}|${run.imageKey}|${this.temperature}`;
    if (key !== this.dataKey) {
      const first = !this.terms;
      this.dataKey = key;
      this.terms = softmaxTerms(run.logits, this.temperature);
      this.plain = softmax(run.logits, 1);
      if (first) this.playback.setTotal(stepCount(info.classNames.length), { restart: true });
      this.onStep(true);
    }
  }

  private checkLayer(): void {
    const info = this.network.info!;
    const allowed = info.layers.filter((l) => LAYER_KINDS[l.kind].family === 'output' && l.shape[0] === info.classNames.length).map((l) => l.name);
    if (this.layer && !allowed.includes(this.layer)) {
      this.warn(`layer="${this.layer}" is not the output of this model (${allowed.join(', ')}); showing the output.`);
      this.layer = '';
    }
  }

  private classFromClassAttribute(): string {
    const value = this.getAttribute('class') ?? '';
    return this.network.info && value && classIndexOf(value, this.network.info.classNames) >= 0 ? value : '';
  }

  get stage() {
    return stageOfStep(this.playback.step, this.terms?.logits.length ?? 0);
  }

  /** The class highlighted: the one pointed at, else the chosen one. */
  get highlighted(): number {
    return this.preview ?? this.chosenClass;
  }

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    const subjects = Object.fromEntries(Object.entries(SUBJECT_FOCUS).map(([name, f]) => [name, { ...f, parts: SOFTMAX_PARTS[name][tier] }]));
    return { subjects, fallback: 'logits', controls: ['controls'], contentKey: `${this.dataKey}|${tier}|${this.tex.key}` };
  }

  private toolbarTemplate() {
    const classNames = this.network.info?.classNames ?? [];
    return html`<div class="toolbar" part="toolbar">
        <label>Class <select aria-label="Class whose formula shows" @change=${(e: Event) => { this.selectedClass = (e.target as HTMLSelectElement).value; }}>
          ${classNames.map((n, i) => html`<option value=${n} ?selected=${i === this.chosenClass}>${n}</option>`)}</select></label>
        ${this.statusTemplate()}
      </div>`;
  }

  override render() {
    const classNames = this.network.info?.classNames ?? [];
    // After a switch of model the controller has no run until the new one arrives, and the
    // terms (remade in willUpdate whenever model or picture change) are the old model's: wait.
    const ready = this.terms && this.network.info && this.network.run;
    if (this.fit) return html`${katexStylesheet()}${ready ? this.renderFitted(this.terms!, classNames) : this.statusTemplate({ block: true })}${this.liveRegion()}`;
    return html`${katexStylesheet()}
      ${this.toolbarTemplate()}
      ${ready ? this.renderData(this.terms!, classNames) : nothing}
      ${this.liveRegion()}`;
  }

  private templateState(terms: SoftmaxTerms, classNames: string[], narrow: boolean): SoftmaxTemplateState {
    return {
      terms, plain: this.plain, classNames, stage: this.stage, highlighted: this.highlighted,
      computing: this.playback.step === this.playback.total - 1 ? -1 : classOfStage(this.stage), narrow,
    };
  }

  private facts(classNames: string[]) {
    const dense = this.network.info!.layers.filter((l) => l.kind === 'dense').pop();
    return html`${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
      <span>${dense?.name ?? 'output'}: ${classNames.length} logits → softmax → ${classNames.length} probabilities that add up to 1</span>`;
  }

  private renderData(terms: SoftmaxTerms, classNames: string[]) {
    const narrow = this.width > 0 && this.width < 640;
    const s = this.templateState(terms, classNames, narrow);
    return html`
      <p class="facts">${this.facts(classNames)}</p>
      ${this.playback.controls('Softmax')}
      <div class="stage softmax-stage" @keydown=${this.onStageKey}>
        <div>${termsTableTemplate(s, this.handlers)}</div>
        <div class="side">
          <div class="formula" data-formula="softmax">${this.formula(terms, s.highlighted, classNames, narrow)}</div>
          <div>${sumBarTemplate(s, this.handlers)}</div>
          <div>${rescalingNoteTemplate(s)}</div>
        </div>
      </div>
      <div>${temperatureTemplate(s, this.handlers)}</div>
      <div class="readout" data-role="readout">${this.readout(terms, s.highlighted, classNames)}</div>
      <p class="hint">Point at or focus a class (arrow keys move between classes): its logit, exponential and share light up. Space plays or pauses; left and right step.</p>`;
  }

  /** The fitted form: the table, the formula, the split sum, the note and the slider, as the subject and the room allow. */
  private renderFitted(terms: SoftmaxTerms, classNames: string[]) {
    const tier = fitTier(this.size.width, this.size.height);
    const s = this.templateState(terms, classNames, tier !== 'roomy');
    const side = tier === 'roomy' && ['formula', 'sum', 'note'].some((p) => this.frame.shows(p));
    return html`<div class="fit-root softmax-fit ${tier} subject-${this.frame.current}" @keydown=${this.onStageKey}>
      ${fitHeadTemplate(this.frame.controlsButton(), html`<strong>${classNames.length}</strong> logits → softmax → <strong>${classNames.length}</strong> probabilities that add up to 1`)}
      ${controlsPanelTemplate(this.toolbarTemplate(), this.playback.controls('Softmax'))}
      <div class="softmax-main ${side && this.frame.shows('table') ? 'two' : ''}">
        <div data-part="table">${termsTableTemplate(s, this.handlers)}</div>
        <div class="side">
          <div class="formula" data-formula="softmax" data-part="formula">${this.formula(terms, s.highlighted, classNames, true)}</div>
          <div data-part="sum">${sumBarTemplate(s, this.handlers)}</div>
          <div data-part="note">${rescalingNoteTemplate(s)}</div>
        </div>
      </div>
      <div data-part="temperature">${temperatureTemplate(s, this.handlers)}</div>
      <div class="readout" data-role="readout" data-part="readout">${this.readout(terms, s.highlighted, classNames)}</div>
    </div>`;
  }

  private formula(terms: SoftmaxTerms, k: number, classNames: string[], narrow: boolean) {
    const key = `${this.dataKey}|${k}|${narrow}`;
    if (key !== this.tex.key) {
      const htmlText = renderTex(softmaxTex(terms, k, classNames[k], narrow), true, () => { this.tex.key = ''; this.requestUpdate(); });
      this.tex = { key: htmlText ? key : '', html: htmlText };
    }
    return this.tex.html ? unsafeHTML(this.tex.html) : html`<span class="status">Loading the formula…</span>`;
  }

  private readout(terms: SoftmaxTerms, k: number, classNames: string[]) {
    const T = formatNumber(terms.temperature, 2);
    return html`<strong>${classNames[k]}</strong>: logit ${formatNumber(terms.logits[k], 3)} → e<sup>${formatNumber(terms.logits[k], 2)} / ${T}${terms.shift ? ` − ${formatNumber(terms.shift, 2)}` : ''}</sup>
      = ${formatWide(terms.exps[k])} → ${formatWide(terms.exps[k])} / ${formatWide(terms.sum)} = <strong>${(terms.probabilities[k] * 100).toFixed(2)}%</strong>
      ${this.preview !== null ? '(pointed at)' : ''}`;
  }

  protected override onStep(force = false): void {
    const terms = this.terms;
    const info = this.network.info;
    if (!terms || !info) return;
    this.announce(softmaxSentence(terms, this.stage, info.classNames, (v) => formatWide(v)), { force, playing: this.playback.playing });
  }

  private focusRow(k: number): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`tr[data-class="${k}"]`)?.focus());
  }

  private readonly handlers: SoftmaxHandlers = {
    onRowEnter: (k) => { this.cancelPreviewClear(); if (this.preview !== k) this.preview = k; },
    onRowsLeave: () => this.clearPreviewSoon(() => { this.preview = null; }),
    onRowFocus: (k) => { if (k !== this.chosenClass) this.selectedClass = this.network.info?.classNames[k] ?? ''; },
    onRowClick: (k) => { this.selectedClass = this.network.info?.classNames[k] ?? ''; },
    onRowKey: (e, k) => {
      const n = this.terms?.logits.length ?? 0;
      const next = e.key === 'ArrowUp' ? k - 1 : e.key === 'ArrowDown' ? k + 1 : -1;
      if (next < 0 || next >= n) return;
      e.preventDefault();
      e.stopPropagation();
      this.preview = null;
      this.selectedClass = this.network.info?.classNames[next] ?? '';
      this.focusRow(next);
    },
    onSlider: (position) => { this.temperature = temperatureFromSlider(position); },
    onResetTemperature: () => { this.temperature = 1; },
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-softmax-view': CnnSoftmaxView;
  }
}
