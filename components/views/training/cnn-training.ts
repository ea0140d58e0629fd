import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { FigureElement } from '../../shared/figure-element';
import type { FrameSpec } from '../../shared/frame-controller';
import { assetUrl, DEFAULT_MODEL_PATH } from '../../shared/asset-base';
import { sharedViewStyles } from '../shared/view-styles';
import { fitHeadTemplate, fitTier, fittedStyles, type FitTier, type TieredParts } from '../shared/fitted-layout';
import { TrainingController } from './training-controller';
import { nearestStop, percent, predictionRows, resolveEpoch, shippedStop, valuesAt, type Stop } from './training-data';
import { describeCurves, drawCurves, epochAtPointer, type CurveKind } from './training-curves';
import { largestMagnitude } from './kernel-colours';
import { curvesTemplate, kernelsTemplate, mapsTemplate, paintKernels, paintMaps, predictionTemplate, scrubTemplate } from './training-templates';
import { trainingFittedStyles, trainingStyles } from './training-styles';
import type { Snapshot } from './training-snapshot';

const KEYS_HINT = 'Drag the slider or use the arrow keys, Home and End (here or on any part of the figure); Space or Play steps through the saved epochs; a click on a chart jumps to the nearest saved epoch.';

/** How long Play rests on each saved epoch once it is drawn. */
export const PLAY_DWELL_MS = 900;

const EVERYTHING = ['head', 'scrub', 'kernels', 'curves', 'maps', 'prediction'];
/** What each subject shows when fitted, by room. */
const TRAINING_PARTS: TieredParts = {
  kernels: { small: ['scrub', 'kernels'], medium: ['head', 'scrub', 'kernels', 'maps', 'prediction'], roomy: EVERYTHING },
  maps: { small: ['scrub', 'maps'], medium: ['head', 'scrub', 'maps', 'kernels'], roomy: EVERYTHING },
  prediction: { small: ['scrub', 'prediction'], medium: ['head', 'scrub', 'maps', 'prediction', 'curves'], roomy: EVERYTHING },
  curves: { small: ['scrub', 'curves'], medium: ['head', 'scrub', 'curves', 'prediction'], roomy: EVERYTHING },
};

const SUBJECTS: Record<string, { focus: string; about: string }> = {
  kernels: { focus: '[data-part="kernels"]', about: 'the first layer\'s kernels at the epoch on show' },
  maps: { focus: '[data-part="maps"]', about: 'the first layer\'s maps of the picture at the epoch on show' },
  prediction: { focus: '[data-part="prediction"]', about: 'the prediction at the epoch on show, beside the shipped model\'s' },
  curves: { focus: '[data-part="curves"]', about: 'the loss and accuracy curves, with the epoch on show marked' },
};

/**
 * Watch the network learn: a slider over the epochs saved while the shipped model trained
 * (its checkpoints, loaded only once the figure is in use) shows, at each, the first
 * layer's 30 kernels (from noise to edges and colour blobs), its maps of the current
 * picture, the prediction beside the shipped model's, and the loss and accuracy curves of
 * the training batches, the early-stopping half and the held-out half of the validation
 * pictures, with the epoch on show and the shipped epoch marked. Play steps through the
 * epochs; the arrow keys, Home and End move the slider; a click on a chart jumps there.
 * A checkpoint that is missing or cut off says so, and the rest keeps working.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `kernels`, `maps`, `prediction`
 * and `curves`.
 *
 * @attr epoch - The saved epoch on show, e.g. `5`; empty for the shipped epoch. Another whole number shows the nearest saved epoch (with a console warning); the slider keeps it up to date.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model with its training files beside it (report.json, checkpoints/); defaults to the shipped Tiny VGG.
 * @fires cnn-run - The shipped model's run of a new picture arrived: detail `{ imageKey, inferenceMs }`.
 * @fires cnn-epoch - The epoch on show changed and its kernels and prediction are drawn: detail `{ epoch, file }`.
 * @csspart scrub - The bar with Play, back, forward and the slider.
 * @csspart slider - The range input over the saved epochs.
 * @csspart button - Play and the step buttons.
 * @csspart kernels - The kernels block.
 * @csspart maps - The maps block.
 * @csspart prediction - The prediction block.
 * @csspart curves - The curves block.
 * @cssprop --cnn-accent - Accent colour: the early-stopping half's curve, the bars and focus.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 */
@customElement('cnn-training')
export class CnnTraining extends FigureElement {
  static override styles = [sharedViewStyles, fittedStyles, trainingStyles, trainingFittedStyles];

  @property({ reflect: true, converter: { fromAttribute: (v: string | null) => v ?? '', toAttribute: (v: string) => (v === '' ? null : v) } })
  epoch = '';

  @state() private playing = false;
  /** On a small fitted box, the one chart on show. */
  @state() private smallChart: CurveKind = 'accuracy';

  readonly training = new TrainingController(this);
  /** The saved epoch on show: an index into training.stops; -1 until they are known. */
  stopIndex = -1;

  private resolvedFor: readonly Stop[] | null = null;
  private readonly warned = new Set<string>();
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  private announcedKey = '';
  private charts?: ResizeObserver;
  /** Each chart's size as its ResizeObserver reported it, what it was last drawn for, and which are observed. */
  private readonly chartBoxes = new WeakMap<SVGSVGElement, { width: number; height: number }>();
  private readonly chartKeys = new WeakMap<SVGSVGElement, string>();
  private readonly observed = new WeakSet<SVGSVGElement>();

  private get modelUrl(): string {
    return new URL(this.model || assetUrl(DEFAULT_MODEL_PATH), document.baseURI).href;
  }

  get stops(): readonly Stop[] {
    return this.training.stops;
  }

  /** The stop of the shipped weights. */
  get shippedIndex(): number {
    return this.stops.length ? shippedStop(this.stops, this.training.curves?.shipped?.epoch ?? null) : -1;
  }

  /** What is drawn for the epoch on show, once its checkpoint has run on the picture on show; null before. */
  get shown(): { epoch: number; file: string; imageKey: string; snapshot: Snapshot } | null {
    const run = this.network.run;
    const stop = this.stops[this.stopIndex];
    const snapshot = run && stop ? this.training.snapshot(this.stopIndex, run.imageKey) : undefined;
    return snapshot ? { epoch: stop.epoch, file: stop.file, imageKey: run!.imageKey, snapshot } : null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPlaying();
    this.charts?.disconnect();
    this.charts = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.network.phase !== 'asleep') this.training.start(this.modelUrl);
    const stops = this.stops;
    if (stops.length && (changed.has('epoch') || this.resolvedFor !== stops)) {
      this.resolvedFor = stops;
      const { index, problem } = resolveEpoch(this.epoch, stops, this.shippedIndex);
      if (problem && !this.warned.has(this.epoch)) {
        this.warned.add(this.epoch);
        this.warn(problem);
      }
      this.stopIndex = index;
      if (problem) this.epoch = String(stops[index].epoch);
    }
    const run = this.network.run;
    if (run && this.stopIndex >= 0) this.training.show(this.stopIndex, run.imageKey, run.values[0]);
  }

  /** Moves to saved epoch `index` (the slider, the buttons, the keys, a chart); a reader's move stops Play. */
  goTo(index: number, { fromPlay = false } = {}): void {
    const stops = this.stops;
    if (stops.length === 0) return;
    if (!fromPlay) this.stopPlaying();
    const i = Math.max(0, Math.min(stops.length - 1, index));
    this.epoch = String(stops[i].epoch);
  }

  togglePlay(): void {
    if (this.playing) { this.stopPlaying(); return; }
    if (this.stops.length === 0) return;
    if (this.stopIndex >= this.stops.length - 1) this.goTo(0);
    this.playing = true;
  }

  private stopPlaying(): void {
    this.playing = false;
    if (this.playTimer !== undefined) clearTimeout(this.playTimer);
    this.playTimer = undefined;
  }

  /** Whether the epoch on show is settled: drawn, or failed, or impossible to draw. */
  private get settled(): boolean {
    const run = this.network.run;
    if (!run || this.stopIndex < 0) return Boolean(this.network.error || this.training.indexError);
    return Boolean(this.training.snapshot(this.stopIndex, run.imageKey) || this.training.failure(this.stopIndex));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { kernelScale, mapRange } = this.ranges();
    const snapshot = this.displayed();
    paintKernels(this.renderRoot, this.training.weights(this.stopIndex) ?? snapshot?.snapshot, kernelScale);
    paintMaps(this.renderRoot, snapshot?.snapshot, mapRange);
    this.drawCharts();
    this.afterStep();
    if (this.playing && this.playTimer === undefined && this.settled) {
      this.playTimer = setTimeout(() => {
        this.playTimer = undefined;
        if (!this.playing) return;
        if (this.stopIndex >= this.stops.length - 1) this.stopPlaying();
        else this.goTo(this.stopIndex + 1, { fromPlay: true });
      }, PLAY_DWELL_MS);
    }
  }

  /** Announces the epoch on show and fires cnn-epoch, once per epoch and picture. */
  private afterStep(): void {
    const shown = this.shown;
    const info = this.network.info;
    if (!shown || !info) return;
    const key = `${shown.file}|${shown.imageKey}`;
    if (key === this.announcedKey) return;
    this.announcedKey = key;
    const rows = predictionRows(shown.snapshot.probabilities, null, info.classNames, 1);
    const at = this.training.curves ? valuesAt(this.training.curves, shown.epoch).accuracy : null;
    const score = at && at.heldOut !== null ? ` The held-out half: ${percent(at.heldOut)} right.` : shown.epoch === 0 ? ' Not trained yet: random weights.' : '';
    this.announce(`Epoch ${shown.epoch}.${score} This picture: ${rows[0].name}, ${percent(rows[0].probability)}.`, { playing: this.playing });
    this.dispatchEvent(new CustomEvent('cnn-epoch', { detail: { epoch: shown.epoch, file: shown.file } }));
  }

  /** The snapshot to draw: the epoch on show's, else (while it loads) the one drawn last for this picture. */
  private lastDrawn: { stop: number; imageKey: string } | null = null;
  private displayed(): { stop: number; snapshot: Snapshot; stale: boolean } | null {
    const run = this.network.run;
    if (!run || this.stopIndex < 0) return null;
    const now = this.training.snapshot(this.stopIndex, run.imageKey);
    if (now) {
      this.lastDrawn = { stop: this.stopIndex, imageKey: run.imageKey };
      return { stop: this.stopIndex, snapshot: now, stale: false };
    }
    if (this.training.failure(this.stopIndex) || !this.lastDrawn || this.lastDrawn.imageKey !== run.imageKey) return null;
    const before = this.training.snapshot(this.lastDrawn.stop, run.imageKey);
    return before ? { stop: this.lastDrawn.stop, snapshot: before, stale: true } : null;
  }

  /** The colour ranges every epoch is drawn in: the shipped model's largest kernel weight, and its largest first-layer value on this picture. */
  private ranges(): { kernelScale: number; mapRange: number; conv: number } {
    const info = this.network.info;
    const run = this.network.run;
    const conv = info ? info.layers.findIndex((l) => l.kind === 'conv') : -1;
    const params = conv >= 0 ? info!.params[info!.layers[conv].name] : undefined;
    return {
      conv,
      kernelScale: params ? largestMagnitude(params.kernel) || 1 : 1,
      mapRange: run && conv >= 0 ? largestMagnitude(run.values[conv]) || 1 : 1,
    };
  }

  /**
   * Draws the charts at the sizes their ResizeObserver last reported (no layout is forced
   * here); a chart seen for the first time is drawn when its size arrives.
   */
  private drawCharts(): void {
    const curves = this.training.curves;
    if (!curves) return;
    const stop = this.stops[this.stopIndex];
    const epoch = stop ? stop.epoch : null;
    const shippedEpoch = this.stops[this.shippedIndex]?.epoch ?? curves.shipped?.epoch ?? null;
    this.charts ??= new ResizeObserver((entries) => {
      for (const e of entries) this.chartBoxes.set(e.target as SVGSVGElement, { width: Math.floor(e.contentRect.width), height: Math.floor(e.contentRect.height) });
      this.drawCharts();
    });
    for (const svg of this.renderRoot.querySelectorAll<SVGSVGElement>('.chart svg')) {
      const box = this.chartBoxes.get(svg);
      if (!box) {
        if (!this.observed.has(svg)) { this.observed.add(svg); this.charts.observe(svg); }
        continue;
      }
      const key = `${box.width}x${box.height}|${epoch}|${shippedEpoch}|${this.stops.length}`;
      if (this.chartKeys.get(svg) === key) continue;
      this.chartKeys.set(svg, key);
      const kind = (svg.closest('.chart') as HTMLElement).dataset.kind as CurveKind;
      drawCurves(svg, { kind, curves, width: box.width, height: box.height, epoch, shippedEpoch });
    }
  }

  private readonly onChartPointer = (e: PointerEvent): void => {
    const svg = (e.target as Element).closest?.('svg');
    if (!svg || this.stops.length === 0) return;
    const epoch = epochAtPointer(svg as SVGSVGElement, e.clientX);
    if (epoch !== null) this.goTo(nearestStop(this.stops, epoch));
  };

  /** Keys on the figure (outside its controls): ← → step, Home and End jump, Space plays. */
  private readonly onKey = (e: KeyboardEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    if (target.closest?.('button, select, input, a, summary')) return;
    const acts: Record<string, () => void> = {
      ArrowLeft: () => this.goTo(this.stopIndex - 1), ArrowRight: () => this.goTo(this.stopIndex + 1),
      Home: () => this.goTo(0), End: () => this.goTo(this.stops.length - 1), ' ': () => this.togglePlay(),
    };
    const act = acts[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    const subjects = Object.fromEntries(Object.entries(SUBJECTS).map(([name, s]) => [name, { ...s, parts: TRAINING_PARTS[name][tier] }]));
    return { subjects, fallback: 'kernels', contentKey: `${tier}|${this.stops.length}|${Boolean(this.training.curves)}|${Boolean(this.network.run)}` };
  }

  /** What goes wrong with the epoch on show, in a reader's words, above the blocks; nothing when all is well. */
  private failureLine() {
    const fail = this.training.indexError || this.training.failure(this.stopIndex);
    if (!fail) return nothing;
    const stop = this.stops[this.stopIndex];
    const rest = this.training.indexError ? 'The curves still work.' : `The curves${this.stops.length > 1 ? ' and the other epochs' : ''} still work.`;
    return html`<p class="status failure" data-kind="error" role="alert">${stop && !this.training.indexError ? `Epoch ${stop.epoch}: ` : ''}${fail} ${rest}</p>`;
  }

  /** Whether the epoch on show is on its way (the scrubber says so). */
  private get pending(): boolean {
    const run = this.network.run;
    return Boolean(run && this.stopIndex >= 0 && !this.training.failure(this.stopIndex) && !this.training.snapshot(this.stopIndex, run.imageKey));
  }

  override render() {
    const tier: FitTier | 'full' = this.fit ? fitTier(this.size.width, this.size.height) : 'full';
    const info = this.network.info;
    const run = this.network.run;
    const curves = this.training.curves;
    const stops = this.stops;
    const stop = stops[this.stopIndex];
    const epoch = stop ? stop.epoch : null;
    const shippedIndex = this.shippedIndex;
    const shippedEpoch = stops[shippedIndex]?.epoch ?? curves?.shipped?.epoch ?? null;
    const drawn = this.displayed();
    const weights = this.training.weights(this.stopIndex) ?? drawn?.snapshot;
    const { kernelScale, mapRange } = this.ranges();
    const failed = Boolean(this.training.indexError || this.training.failure(this.stopIndex));
    const rows = drawn && info && !failed ? predictionRows(drawn.snapshot.probabilities, run?.probabilities ?? null, info.classNames, 5) : [];
    const sizes = curves?.halfSizes ? `${curves.halfSizes.early} pictures` : '';
    const curveBlock = curves
      ? curvesTemplate({ accuracy: describeCurves('accuracy', curves, epoch), loss: describeCurves('loss', curves, epoch) }, sizes, tier === 'small' ? this.smallChart : null, {
          onPointer: this.onChartPointer, onChart: (k) => { this.smallChart = k; },
        })
      : html`<section class="block curves" data-part="curves" part="curves" tabindex="0" aria-labelledby="curves-title" aria-describedby="keys-hint"><h3 id="curves-title">How it learnt: accuracy and loss by epoch</h3>
          <p class="status" data-kind=${this.training.reportError ? 'error' : 'info'} role=${this.training.reportError ? 'alert' : nothing}>${this.training.reportError || 'Loading the training curves…'}</p></section>`;
    const staleClass = drawn?.stale ? 'stale' : '';
    const body = html`
      ${scrubTemplate(stops, this.stopIndex, shippedIndex, curves?.lastEpoch ?? stops[stops.length - 1]?.epoch ?? 0, { playing: this.playing, pending: this.pending }, {
        onSlider: (i) => this.goTo(i), onStep: (d) => this.goTo(this.stopIndex + d), onPlay: () => this.togglePlay(),
      })}
      ${this.failureLine()}
      <div class="blocks ${staleClass} ${failed ? 'failed' : ''}">
        ${kernelsTemplate(failed ? undefined : weights, epoch, kernelScale)}
        ${curveBlock}
        ${mapsTemplate(failed ? undefined : drawn?.snapshot, epoch, mapRange)}
        ${predictionTemplate(rows, epoch, shippedEpoch, this.source.label)}
      </div>`;
    const status = this.network.error || this.source.error || !run ? this.statusTemplate({ block: true }) : nothing;
    if (this.fit) {
      return html`<div class="fit-root training-fit ${tier} subject-${this.frame.current}" @keydown=${this.onKey}>
        ${fitHeadTemplate(nothing, html`Training, saved epochs: <strong>${stops.length || '…'}</strong>${this.source.label ? html` · picture: <strong>${this.source.label}</strong>` : nothing}`)}
        ${status}${body}<p class="sr-only" id="keys-hint">${KEYS_HINT}</p>${this.liveRegion()}
      </div>`;
    }
    return html`<div class="training-root ${tier}" @keydown=${this.onKey}>
      <p class="facts">${this.source.label ? html`<span>Picture: <strong>${this.source.label}</strong></span>` : nothing}
        ${curves?.shipped ? html`<span>Trained for ${curves.lastEpoch} epochs; shipped: epoch <strong>${shippedEpoch}</strong> (${curves.shipped.weights === 'ema' ? 'averaged' : 'its own'} weights)</span>` : nothing}
        ${stops.length ? html`<span>${stops.length} saved epochs</span>` : nothing}</p>
      ${status}${body}
      <p class="hint" id="keys-hint">${KEYS_HINT}</p>
      ${this.liveRegion()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-training': CnnTraining;
  }
}
