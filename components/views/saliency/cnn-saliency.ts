import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { FigureElement } from '../../shared/figure-element';
import type { FrameSpec } from '../../shared/frame-controller';
import { sharedViewStyles } from '../shared/view-styles';
import { controlsPanelTemplate, fitHeadTemplate, fitTier, fittedStyles, type TieredParts } from '../shared/fitted-layout';
import { chooseClass } from '../flatten/flatten-data';
import { INSPECT_JOBS, type GradCamResult, type GradientResult, type OcclusionResult } from '../../inspect/inspect-protocol';
import { LatestJob, ResultCache, modelRef } from '../../inspect/inspect-client';
import {
  chooseMethod, strongestPatch, gradCamClassMap, gradientClassMap, mapDomain, occlusionClassMap, overlayPixels, saliencySentence,
  type SaliencyMap, type SaliencyMethod,
} from './saliency-data';
import { classListTemplate, classMenuTemplate, howTemplate, legendTemplate, mapTemplate, methodButtons, opacityTemplate, type SaliencyHandlers, type SaliencyTemplateState } from './saliency-templates';
import { saliencyStyles } from './saliency-styles';
import { boxStyle } from '../shared/map-canvas';

const EVERYTHING = ['head', 'methods', 'map', 'legend', 'classes', 'how', 'readout'];
/** What each subject shows when fitted, by room. */
const SALIENCY_PARTS: TieredParts = {
  map: { small: ['head', 'map', 'legend'], medium: ['head', 'map', 'legend', 'classes', 'readout'], roomy: EVERYTHING },
  classes: { small: ['head', 'classes', 'map'], medium: ['head', 'classes', 'map', 'legend', 'readout'], roomy: EVERYTHING },
  method: { small: ['head', 'methods', 'map', 'legend'], medium: ['head', 'methods', 'map', 'legend', 'how'], roomy: EVERYTHING },
};

const SUBJECTS: Record<string, { focus: string; about: string }> = {
  map: { focus: '[data-part="map"]', about: 'the map over the picture, with its colour key' },
  classes: { focus: '[data-part="classes"]', about: 'the classes to choose from, each with its probability' },
  method: { focus: '.sal-grow, [data-part="methods"]', about: 'the three ways of making the map, and the map each makes' },
};

type MethodResult = OcclusionResult | GradientResult | GradCamResult;

/**
 * "Why it said that": a saliency map for the picture on show and any class, overlaid on the
 * picture with a colour key. Three methods: occlusion (a grey patch slides over the picture;
 * the map is the drop in the class's probability with the patch in each place), the input
 * gradient (how strongly each pixel moves the class's score) and Grad-CAM (the last
 * convolution's maps weighed by their gradient). The worker computes the maps; the figure
 * only paints them. Pointing at the map reads the value under the pointer.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `map` (the map and its key),
 * `classes` (the classes to choose from) and `method` (the three methods).
 *
 * @attr class-name - The class the map is for: a class name (e.g. `espresso`) or an index; defaults to the top class. Other values warn and show the top class.
 * @attr method - How the map is made: `occlusion` (default), `gradient` or `grad-cam`. Other values warn and show occlusion.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @attr edits - The reader's changes to the network, in the edits' link format.
 * @attr subject - The part the prose talks about: `map`, `classes` or `method`.
 * @attr fit - Fit the element's box, showing only what the subject needs.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @fires cnn-saliency - A map is on show: detail `{ method, className, probability, ms }` (ms from asking to painting).
 * @cssprop --cnn-accent - Accent colour for focus, the chosen class and method.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 * @csspart toolbar - The row of method buttons and the status line.
 */
@customElement('cnn-saliency')
export class CnnSaliency extends FigureElement {
  static override styles = [sharedViewStyles, fittedStyles, saliencyStyles];

  /** The class named (class-name); '' for the top class, which removes the attribute. */
  @property({ attribute: 'class-name', reflect: true, converter: { fromAttribute: (v: string | null) => v ?? '', toAttribute: (v: string) => v || null } })
  selectedClass = '';
  @property({ reflect: true }) method: string = 'occlusion';

  @state() private opacity = 0.8;
  @state() private busy = false;
  @state() private jobError = '';
  @state() private probe = '';

  /** The map on show, with what it was made from; null until the first one arrives. */
  shown: (SaliencyMap & { key: string; className: string; imageKey: string; modelKey: string }) | null = null;
  /** The class the map is for (class-name, else the top class). */
  chosenClass = 0;

  private readonly job = new LatestJob();
  private readonly results = new ResultCache<MethodResult>(16);
  private checkedFor = '';
  private wanted = '';
  private askedAt = 0;

  private get methodShown(): SaliencyMethod {
    return chooseMethod(this.method).value;
  }

  /** Forgets every computed map (the next one is computed afresh): for benchmarks. */
  forgetResults(): void {
    this.results.clear();
    this.wanted = '';
    this.shown = null;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.job.cancel();
    this.wanted = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('method')) {
      const m = chooseMethod(this.method);
      this.warn(m.problem);
      if (m.value !== this.method) this.method = m.value;
    }
    const { info, run } = this.network;
    if (!info || !run) return;
    const requested = this.selectedClass || (this.getAttribute('class') ?? '');
    const choice = chooseClass(classIsKnown(requested, info.classNames) || this.selectedClass ? requested : '', info.classNames, run.logits);
    if (this.checkedFor !== info.url || changed.has('selectedClass')) {
      if (choice.problem) {
        this.warn(`class-name=${choice.problem}`);
        this.selectedClass = '';
      } else if (this.selectedClass) {
        this.selectedClass = info.classNames[choice.index];
      }
    }
    this.checkedFor = info.url;
    this.chosenClass = choice.index;
    this.want(info.url, run.imageKey, run.values[0]);
  }

  private jobKey(modelKey: string, imageKey: string, method: SaliencyMethod, classIndex: number): string {
    return `${modelKey}|${imageKey}|${method}${method === 'occlusion' ? '' : `|${classIndex}`}`;
  }

  /** Shows the map for the current state: from the cache, else from a job in the worker. */
  private want(modelKey: string, imageKey: string, input: Float32Array): void {
    const method = this.methodShown;
    const classIndex = this.chosenClass;
    const key = `${this.jobKey(modelKey, imageKey, method, classIndex)}|${classIndex}`;
    if (key === this.wanted) return;
    this.wanted = key;
    this.askedAt = performance.now();
    const cached = this.results.get(this.jobKey(modelKey, imageKey, method, classIndex));
    if (cached) {
      this.job.cancel();
      this.busy = false;
      this.show(key, cached, method, classIndex, modelKey, imageKey);
      return;
    }
    void this.compute(key, modelKey, imageKey, input, method, classIndex);
  }

  private async compute(key: string, modelKey: string, imageKey: string, input: Float32Array, method: SaliencyMethod, classIndex: number): Promise<void> {
    this.busy = true;
    this.jobError = '';
    const picture = Float32Array.from(input);
    const payload = { ...modelRef(modelKey), input: picture, classIndex };
    const job = method === 'occlusion' ? INSPECT_JOBS.occlusion : method === 'gradient' ? INSPECT_JOBS.gradient : INSPECT_JOBS.gradCam;
    const outcome = await this.job.start<MethodResult>(job, payload, { transfer: [picture.buffer] });
    if (key !== this.wanted) return;
    this.busy = false;
    if (!outcome.ok) {
      if (!outcome.cancelled) this.jobError = `The map could not be computed: ${outcome.message}`;
      return;
    }
    this.results.set(this.jobKey(modelKey, imageKey, method, classIndex), outcome.result);
    this.show(key, outcome.result, method, classIndex, modelKey, imageKey);
  }

  private show(key: string, result: MethodResult, method: SaliencyMethod, classIndex: number, modelKey: string, imageKey: string): void {
    const [h, w] = this.network.info?.layers[0].shape ?? [64, 64];
    const map = method === 'occlusion'
      ? occlusionClassMap(result as OcclusionResult, classIndex, h * w)
      : method === 'gradient' ? gradientClassMap(result as GradientResult) : gradCamClassMap(result as GradCamResult);
    const className = this.network.info?.classNames[classIndex] ?? String(classIndex);
    this.shown = { ...map, key, className, imageKey, modelKey };
    this.announce(saliencySentence(map, className, w, percent), { force: true });
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.paint();
  }

  private paint(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.overlay');
    const shown = this.shown;
    const run = this.network.run;
    const info = this.network.info;
    if (!canvas || !shown || !run || !info || run.imageKey !== shown.imageKey) return;
    const stamp = `${shown.key}|${this.opacity}`;
    if (canvas.dataset.painted === stamp) return;
    const [h, w] = info.layers[0].shape;
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const img = new ImageData(w, h);
    overlayPixels(run.values[0], shown.pixels, mapDomain(shown.pixels), this.opacity, img.data);
    canvas.getContext('2d')?.putImageData(img, 0, 0);
    const first = canvas.dataset.key !== shown.key;
    canvas.dataset.painted = stamp;
    canvas.dataset.key = shown.key;
    if (first) {
      this.dispatchEvent(new CustomEvent('cnn-saliency', { detail: { method: shown.method, className: shown.className, probability: shown.probability, ms: performance.now() - this.askedAt } }));
    }
  }

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    const subjects = Object.fromEntries(Object.entries(SUBJECTS).map(([name, f]) => [name, { ...f, parts: SALIENCY_PARTS[name][tier] }]));
    return { subjects, fallback: 'map', controls: ['controls'], contentKey: `${tier}|${this.shown?.key ?? ''}|${this.busy}` };
  }

  private templateState(): SaliencyTemplateState {
    const shown = this.shown && this.shown.key === this.wanted ? this.shown : null;
    return {
      method: this.methodShown,
      classNames: this.network.info?.classNames ?? [],
      classIndex: this.chosenClass,
      probabilities: this.network.run?.probabilities ?? null,
      domain: shown ? mapDomain(shown.pixels) : null,
      busy: this.busy,
      error: this.jobError,
      probe: this.probe,
      strongest: this.patchBox(shown, 1),
      raising: this.patchBox(shown, -1),
    };
  }

  /** Occlusion: the patch that lowers (1) or raises (−1) the probability most, as a box over the map. */
  private patchBox(shown: SaliencyMap | null, direction: 1 | -1): string {
    const best = shown ? strongestPatch(shown, direction) : null;
    const [h, w] = this.network.info?.layers[0].shape ?? [64, 64];
    return best && direction * best.drop > 0.005 ? boxStyle(best.top, best.left, best.size, best.size, h, w) : '';
  }

  private readonly handlers: SaliencyHandlers = {
    onMethod: (m) => { this.method = m; },
    onClass: (i) => { this.selectedClass = this.network.info?.classNames[i] ?? ''; },
    onMapPointer: (e) => {
      const shown = this.shown;
      const info = this.network.info;
      if (!shown || !info) return;
      const [h, w] = info.layers[0].shape;
      const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
      const x = Math.floor(((e.clientX - r.left) / r.width) * w);
      const y = Math.floor(((e.clientY - r.top) / r.height) * h);
      if (x < 0 || y < 0 || x >= w || y >= h) { this.probe = ''; return; }
      const v = shown.pixels[y * w + x];
      this.probe = shown.method === 'occlusion'
        ? `Hiding (${x}, ${y}): P(${shown.className}) ${v >= 0 ? 'falls' : 'rises'} by ${Math.abs(v).toFixed(3)}`
        : `(${x}, ${y}): ${v.toPrecision(3)}`;
    },
    onMapLeave: () => { this.probe = ''; },
  };

  private mapLabel(): string {
    const shown = this.shown;
    if (!shown) return 'The saliency map, not computed yet';
    return `${this.methodShown} map for ${shown.className} over ${this.source.label || 'the picture'}: ${saliencySentence(shown, shown.className, 64, percent)}`;
  }

  private readout() {
    const shown = this.shown && this.shown.key === this.wanted ? this.shown : null;
    return html`<p class="readout" data-part="readout" data-role="readout">${shown ? saliencySentence(shown, shown.className, this.network.info?.layers[0].shape[1] ?? 64, percent) : 'Computing the map…'}</p>`;
  }

  private summary() {
    const info = this.network.info;
    const run = this.network.run;
    if (!info || !run) return nothing;
    const k = this.chosenClass;
    return html`<strong>${this.methodShown === 'grad-cam' ? 'Grad-CAM' : this.methodShown === 'gradient' ? 'Gradient' : 'Occlusion'}</strong> for <strong>${info.classNames[k]}</strong>: P = ${percent(run.probabilities[k])}`;
  }

  override render() {
    const ready = this.network.info && this.network.run;
    const s = this.templateState();
    if (!ready) return html`${this.statusTemplate({ block: true })}${this.liveRegion()}`;
    return this.fit ? this.renderFitted(s) : this.renderFull(s);
  }

  private renderFull(s: SaliencyTemplateState) {
    const info = this.network.info!;
    const run = this.network.run!;
    const top = run.probabilities.indexOf(Math.max(...run.probabilities));
    return html`<div class="toolbar" part="toolbar">${methodButtons(s, this.handlers)}${this.statusTemplate()}</div>
      <p class="facts">${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>The network says <strong>${info.classNames[top]}</strong> (${percent(run.probabilities[top])})</span></p>
      <div class="sal-main">
        <figure class="map-col" data-part="map">${mapTemplate(s, this.handlers, this.mapLabel())}${legendTemplate(s)}</figure>
        <div class="side">${classListTemplate(s, this.handlers)}${opacityTemplate(this.opacity, (v) => { this.opacity = v; })}</div>
      </div>
      ${this.readout()}
      ${howTemplate(s.method)}
      ${this.liveRegion()}`;
  }

  private renderFitted(s: SaliencyTemplateState) {
    const tier = fitTier(this.size.width, this.size.height);
    const side = this.frame.shows('classes');
    return html`<div class="fit-root sal-fit ${tier} subject-${this.frame.current}">
      ${fitHeadTemplate(this.frame.controlsButton(), this.summary())}
      ${controlsPanelTemplate(methodButtons(s, this.handlers, null), classMenuTemplate(s, this.handlers), opacityTemplate(this.opacity, (v) => { this.opacity = v; }), this.statusTemplate())}
      <div class="fit-grow sal-grow">
        ${methodButtons(s, this.handlers)}
        <div class="sal-row ${side ? 'with-classes' : ''}">
          <div class="map-box" data-part="map">${mapTemplate(s, this.handlers, this.mapLabel())}</div>
          ${classListTemplate(s, this.handlers)}
        </div>
        ${legendTemplate(s)}
      </div>
      ${this.readout()}
      ${howTemplate(s.method)}
      ${this.liveRegion()}
    </div>`;
  }
}

const percent = (p: number) => `${(p * 100).toFixed(1)}\u00a0%`;

/** Whether a plain `class` attribute names a class (it may be the page's CSS class instead). */
function classIsKnown(value: string, classNames: readonly string[]): boolean {
  const v = value.trim().toLowerCase();
  return v !== '' && (classNames.some((n) => n.toLowerCase() === v) || (/^\d+$/.test(v) && Number(v) < classNames.length));
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-saliency': CnnSaliency;
  }
}
