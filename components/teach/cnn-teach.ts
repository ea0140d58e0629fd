import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/define-element';
import { FigureElement } from '../shared/figure-element';
import { assetUrl, DEFAULT_MODEL_PATH } from '../shared/asset-base';
import { loadExamples } from '../shared/examples';
import { PageModelController } from '../shared/page-model';
import { anyFileFrom, imageFileFrom, isDroppable, isEditableTarget } from '../image-input/picker-inputs';
import type { FrameSpec } from '../shared/frame-controller';
import { fitHeadTemplate, fitTier, fittedStyles, type FitTier, type TieredParts } from '../views/shared/fitted-layout';
import { TEACH_DEFAULTS, type TeachMode, type TeachSettings } from '../../model/teach/teach-settings';
import { ClassList, MAX_PICTURES_PER_CLASS } from './class-list';
import { intakeSummary, pictureFromAddress, pictureFromFrame, picturesFromFiles, type Intake, type NewPicture } from './picture-intake';
import { WebcamBurst } from './webcam-burst';
import { TeachSession } from './teach-session';
import { paintKernels, paintPicture, type ChartData } from './teach-chart';
import { classesTemplate, type ClassesHandlers, type ClassesState, type ExampleChoice } from './teach-class-templates';
import { actionsTemplate, kernelsTemplate, modeTemplate, resultTemplate, runTemplate, savedTemplate, trainingChartTemplate, type ResultHandlers, type RunHandlers } from './teach-run-templates';
import { TeachKeeper } from './teach-keeper';
import { teachStyles } from './teach-styles';

const PARTS: TieredParts = {
  classes: { small: ['head', 'classes'], medium: ['head', 'classes', 'problems', 'run'], roomy: ['head', 'classes', 'problems', 'mode', 'run'] },
  training: { small: ['head', 'mode', 'run', 'chart', 'kernels'], medium: ['head', 'mode', 'run', 'chart', 'kernels'], roomy: ['head', 'mode', 'run', 'chart', 'kernels', 'result'] },
  result: { small: ['head', 'result', 'actions'], medium: ['head', 'result', 'actions', 'saved'], roomy: ['head', 'run', 'chart', 'result', 'actions', 'saved'] },
};
const FOCUS: Record<string, { focus: string; about: string }> = {
  classes: { focus: '.classes', about: 'the classes and their pictures' },
  training: { focus: '.chart-wrap', about: 'training: the curves, the progress and Stop' },
  result: { focus: '.result', about: 'how the model does on the pictures kept aside, and using it on the page' },
};
/** Thumbnail rows a fitted figure shows at once, by room. */
const FITTED_ROWS: Record<FitTier, number> = { small: 2, medium: 3, roomy: 5 };

/**
 * Teach the network your own classes: make 2 to 10 classes, name them, and fill each with
 * pictures from the webcam (one, or a burst of ten), from files (many at once, or a whole
 * folder), dropped or pasted, or from the shipped examples. Training runs in the background
 * worker with the project's WASM gradient kernels: **fine-tune** keeps Tiny VGG's trained
 * convolutions and learns a new last layer (seconds); **from scratch** starts every weight at
 * random, and the first layer's kernels form before your eyes. A live loss and accuracy
 * curve, a progress bar with the time left, and Stop (which keeps what was learned). Each
 * class keeps a fifth of its pictures aside, never trained on, and the figure reports how
 * many of them the model names right. Then one button switches every figure on the page to
 * your model, with your class names, and back; the model can be saved in this browser
 * (IndexedDB) or downloaded as a TF.js layers-model that any figure's `model` attribute and
 * `tf.loadLayersModel` load. Nothing leaves the device.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `classes` (the classes and their
 * pictures), `training` (the curves, progress and Stop) and `result` (the kept-aside
 * pictures, using, saving and downloading the model).
 *
 * @attr mode - `fine-tune` (default) or `scratch`: how the next run teaches.
 * @attr classes - The starting classes' names, comma-separated (e.g. `mugs, pens`); 2 to 10. Used until the reader adds a picture.
 * @attr epochs - Epochs of a run; defaults to 20 for fine-tuning and 40 from scratch.
 * @attr learning-rate - Adam's learning rate; defaults to 0.001 for fine-tuning and 0.003 from scratch. Far too large a rate makes training diverge, which the figure reports.
 * @attr model - URL of the TF.js layers-model to fine-tune from; defaults to the shipped Tiny VGG.
 * @attr image - An example id or an image URL (the picture other figures share).
 * @fires cnn-taught - A run ended with a model: detail `{ key, classNames, outcome, heldOutAccuracy }` (`key` names it for any figure's network).
 * @fires cnn-page-model - The reader switched every figure on the page: detail `{ key }`, the model's key, or `''` for Tiny VGG.
 * @cssprop --cnn-accent - Accent colour of buttons, the progress bar, the held-out curves and focus.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 */
@customElement('cnn-teach')
export class CnnTeach extends FigureElement {
  static override styles = [teachStyles, fittedStyles];

  @property({ reflect: true }) mode: TeachMode = 'fine-tune';
  @property({ attribute: 'classes' }) classNamesAttr = '';
  @property({ type: Number }) epochs = 0;
  @property({ type: Number, attribute: 'learning-rate' }) learningRate = 0;

  @state() private intakeNotes: string[] = [];
  @state() private busy = '';
  @state() private examplesOpen = false;
  @state() private examples: ExampleChoice[] = [];
  @state() private page = 0;
  @state() private dropping = false;

  readonly classes = new ClassList();
  readonly session = new TeachSession(this);
  readonly camera = new WebcamBurst(this, () => this.renderRoot.querySelector('video'));
  readonly keeper = new TeachKeeper(this, this.session, () => this.classes.classNames());
  private readonly pageFollow = new PageModelController(this, () => this.requestUpdate());
  private webcamShots = 0;
  private lastAnnounced = '';

  constructor() {
    super();
    void this.pageFollow;
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', () => { this.dropping = false; });
    this.addEventListener('drop', this.onDrop);
    this.addEventListener('paste', this.onPaste);
  }

  /** The model fine-tuning starts from: the `model` attribute or the shipped one, whatever the page shows. */
  protected override modelKey(): string {
    return this.model || assetUrl(DEFAULT_MODEL_PATH);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('mode') && this.mode !== 'fine-tune' && this.mode !== 'scratch') {
      this.warn(`mode="${this.mode}" is not fine-tune or scratch; using fine-tune.`);
      this.mode = 'fine-tune';
    }
    if (changed.has('classNamesAttr') && this.classNamesAttr && this.classes.pictureCount === 0) this.nameClasses(this.classNamesAttr);
  }

  private nameClasses(value: string): void {
    const names = value.split(',').map((n) => n.trim()).filter(Boolean).slice(0, 10);
    if (names.length < 2) {
      this.warn(`classes="${value}" names fewer than 2 classes; keeping ${this.classes.classes.map((c) => c.name).join(', ')}.`);
      return;
    }
    const list = new ClassList(names);
    this.classes.classes = list.classes;
    this.classes.activeId = list.classes[0].id;
    this.classes.version++;
  }

  private get settings(): Partial<TeachSettings> {
    const out: Partial<TeachSettings> = {};
    if (this.epochs > 0) out.epochs = Math.min(500, Math.round(this.epochs));
    if (this.learningRate > 0 && Number.isFinite(this.learningRate)) out.learningRate = this.learningRate;
    return out;
  }

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    const subjects = Object.fromEntries(Object.entries(FOCUS).map(([name, f]) => [name, { ...f, parts: PARTS[name][tier] }]));
    const active = this.classes.active;
    return { subjects, fallback: 'classes', contentKey: `${tier}|${this.classes.version}|${this.session.phase}|${this.camera.state}|${this.examplesOpen}|${active?.id}|${this.intakeNotes.length}` };
  }

  // ---- adding pictures ---------------------------------------------------------------

  private async intake(classId: number, run: () => Promise<Intake>): Promise<void> {
    this.intakeNotes = [];
    const intake = await run();
    const overflow = this.classes.addPictures(classId, intake.pictures);
    this.intakeNotes = intakeSummary(intake, overflow, MAX_PICTURES_PER_CLASS);
    this.busy = '';
    this.requestUpdate();
  }

  private addFiles(files: File[], origin: 'file' | 'drop' | 'paste'): void {
    const classId = this.classes.activeId;
    if (files.length === 0) return;
    this.busy = `Adding ${files.length === 1 ? 'the picture' : `${files.length} pictures`}…`;
    void this.intake(classId, () => picturesFromFiles(files, origin, (done, total) => {
      if (total > 1) this.busy = `Adding pictures: ${done} of ${total}…`;
    }));
  }

  private addOne(classId: number, made: Promise<NewPicture | string>): void {
    void this.intake(classId, async () => {
      const p = await made;
      return typeof p === 'string' ? { pictures: [], refused: [p], skipped: 0 } : { pictures: [p], refused: [], skipped: 0 };
    });
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (!isDroppable(e.dataTransfer) || this.session.running) return;
    e.preventDefault();
    this.dropping = true;
  };

  private readonly onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.dropping = false;
    if (this.session.running) return;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) this.addFiles(files, 'drop');
    else if (!anyFileFrom(e.dataTransfer)) this.intakeNotes = ['What was dropped holds no picture. Drop image files (many at once is fine).'];
  };

  private readonly onPaste = (e: ClipboardEvent): void => {
    const file = imageFileFrom(e.clipboardData);
    if (!file || this.session.running || isEditableTarget(e.composedPath()[0] ?? null)) return;
    e.preventDefault();
    this.addFiles([file], 'paste');
  };

  private readonly classHandlers: ClassesHandlers = {
    select: (id) => { this.classes.activeId = id; this.page = 0; this.intakeNotes = []; this.requestUpdate(); },
    addClass: () => { this.classes.add(); this.page = 0; this.requestUpdate(); void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#class-name')?.select()); },
    removeClass: (id) => { this.classes.remove(id); this.requestUpdate(); },
    rename: (id, name) => { this.classes.rename(id, name); this.requestUpdate(); },
    chooseFiles: (folder) => this.renderRoot.querySelector<HTMLInputElement>(folder ? '.folder-input' : '.file-input')?.click(),
    filesChosen: (e) => {
      const input = e.target as HTMLInputElement;
      this.addFiles([...(input.files ?? [])], 'file');
      input.value = '';
    },
    openCamera: () => { this.examplesOpen = false; void this.camera.open(); },
    closeCamera: () => this.camera.close(),
    takeOne: () => this.shoot(),
    burst: () => { void this.camera.burst((bitmap) => this.addOne(this.classes.activeId, pictureFromFrame(bitmap, `Webcam ${++this.webcamShots}`))); },
    toggleExamples: () => {
      this.examplesOpen = !this.examplesOpen;
      if (this.examplesOpen && this.examples.length === 0) {
        void loadExamples().then((list) => { this.examples = list.map((e) => ({ id: e.id, title: e.title, alt: e.alt, src: e.src })); },
          (err: Error) => { this.intakeNotes = [err.message]; });
      }
    },
    addExample: (ex) => this.addOne(this.classes.activeId, pictureFromAddress(ex.src, ex.title)),
    removePicture: (classId, pictureId) => { this.classes.removePicture(classId, pictureId); this.requestUpdate(); },
    clearClass: (id) => { this.classes.clearPictures(id); this.page = 0; this.requestUpdate(); },
    setPage: (page) => { this.page = page; },
    tabKey: (e, index) => {
      const n = this.classes.classes.length;
      const to = e.key === 'ArrowRight' ? (index + 1) % n : e.key === 'ArrowLeft' ? (index + n - 1) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
      if (to < 0) return;
      e.preventDefault();
      this.classHandlers.select(this.classes.classes[to].id);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.tab.chosen')?.focus());
    },
  };

  private shoot(): void {
    const classId = this.classes.activeId;
    void this.camera.frame().then((bitmap) => {
      this.addOne(classId, bitmap ? pictureFromFrame(bitmap, `Webcam ${++this.webcamShots}`) : Promise.resolve('The camera has not sent a picture yet. Wait a moment and try again.'));
    });
  }

  // ---- training ----------------------------------------------------------------------

  private readonly runHandlers: RunHandlers = {
    setMode: (mode) => { this.mode = mode; },
    train: () => void this.train(),
    stop: () => this.session.stop(),
  };

  private async train(): Promise<void> {
    if (this.classes.problems().length) return;
    this.camera.close();
    const arrays = this.classes.trainingArrays();
    const outcome = await this.session.start(arrays, this.mode, this.modelKey(), this.classes.version, this.settings);
    if (!outcome) return;
    this.announce(outcome.message, { force: true });
    if (!outcome.key) return;
    this.keeper.taught(outcome);
    this.dispatchEvent(new CustomEvent('cnn-taught', {
      detail: { key: outcome.key, classNames: outcome.classNames, outcome: outcome.outcome, heldOutAccuracy: outcome.heldOut?.accuracy ?? null },
      bubbles: true, composed: true,
    }));
  }

  private chartData(): ChartData {
    const r = this.session.report;
    const epochs = r?.epochs ?? this.settings.epochs ?? TEACH_DEFAULTS[this.mode].epochs;
    return {
      batches: this.session.batches,
      epochs: this.session.epochs,
      totalEpochs: epochs,
      stepsPerEpoch: r ? r.steps / r.epochs : 1,
      classes: Math.max(2, this.session.outcome?.classNames.length ?? this.classes.classes.length),
    };
  }

  // ---- rendering ---------------------------------------------------------------------

  private classesState(tier: FitTier): ClassesState {
    const held = this.session.outcome?.heldOut;
    const names = this.session.outcome?.classNames ?? [];
    const verdicts = new Map<number, { right: boolean; predicted: string }>();
    if (held && this.session.trainedVersion === this.classes.version) {
      for (const p of held.pictures) verdicts.set(this.session.refs[p.index].pictureId, { right: p.label === p.predicted, predicted: names[p.predicted] ?? '' });
    }
    const fitted = this.fit;
    const thumb = fitted && tier === 'small' ? 48 : 60;
    const cols = Math.max(3, Math.floor((this.size.width - 24 + 6) / (thumb + 6)));
    // The shortest box (360 × 740 phone) has room for one row beside the controls.
    const rows = fitted ? (this.camera.state !== 'closed' || this.examplesOpen || this.size.height < 400 ? 1 : FITTED_ROWS[tier]) : 6;
    return {
      classes: this.classes.classes, active: this.classes.active, canAdd: this.classes.canAdd, problems: this.classes.problems(),
      intakeNotes: this.intakeNotes, busy: this.busy,
      camera: { available: this.camera.available, state: this.camera.state, error: this.camera.error, remaining: this.camera.remaining },
      examplesOpen: this.examplesOpen, examples: this.examples, page: this.page, pageSize: cols * rows,
      brief: fitted && tier !== 'roomy', locked: this.session.running, verdicts,
    };
  }

  private get blocked(): string {
    const problems = this.classes.problems();
    if (problems.length === 0) return '';
    return problems.length === 1 ? problems[0].message : `${problems.length} things to fix first; see your classes.`;
  }

  private summary() {
    const s = this.session;
    const n = this.classes.classes.length;
    if (s.running && s.report) return html`Teaching <strong>${n}</strong> classes · epoch ${s.report.epoch} of ${s.report.epochs}`;
    if (this.keeper.inUse) return html`The page shows <strong>your model</strong>`;
    return html`Teach it <strong>${n}</strong> classes of your own · nothing leaves this device`;
  }

  override render() {
    const tier = this.fit ? fitTier(this.size.width, this.size.height) : (this.size.width >= 900 ? 'wide' : this.size.width >= 560 ? 'medium' : 'small');
    const runState = { session: this.session, mode: this.mode, blocked: this.blocked, chart: this.chartData(), stale: this.session.trainedVersion !== this.classes.version };
    const resultState = this.keeper.state();
    return html`<div class="teach ${this.fit ? `fit-root ${tier}` : tier} ${this.dropping ? 'dropping' : ''} subject-${this.frame.current}">
      ${this.fit ? fitHeadTemplate(nothing, this.summary()) : html`<p class="privacy" data-part="head">Your pictures stay on this device: they are cut to 64 × 64 and the network is trained inside this tab.</p>`}
      <div class="columns">
        <div class="col">${classesTemplate(this.classesState(this.fit ? tier as FitTier : 'roomy'), this.classHandlers)}</div>
        <div class="col">
          <section class="training" aria-label="Training">
            ${modeTemplate(runState, this.runHandlers)}
            ${runTemplate(runState, this.runHandlers)}
            ${trainingChartTemplate(runState)}
            ${kernelsTemplate(runState)}
          </section>
          <section class="outcome" aria-label="Your model">
            ${resultTemplate(resultState)}
            ${actionsTemplate(resultState, this.keeper.handlers as ResultHandlers)}
            ${savedTemplate(resultState, this.keeper.handlers as ResultHandlers)}
          </section>
        </div>
      </div>
      ${this.dropping ? html`<div class="drop-hint" aria-hidden="true">Drop the pictures to add them to “${this.classes.active?.name ?? ''}”</div>` : nothing}
      ${this.statusTemplate({ block: true })}
      ${this.liveRegion()}
    </div>`;
  }

  protected override statusText(): unknown {
    return this.network.error ? `The network to fine-tune from could not be loaded: ${this.network.error}` : '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.network.phase !== 'asleep') this.keeper.wake();
    const pictures = new Map(this.classes.classes.flatMap((c) => c.pictures.map((p) => [p.id, p.rgb] as const)));
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-picture]')) {
      const id = Number(canvas.dataset.picture);
      if (canvas.dataset.painted === String(id)) continue;
      const rgb = pictures.get(id);
      if (rgb) paintPicture(canvas, rgb);
      canvas.dataset.painted = String(id);
    }
    const kernels = this.renderRoot.querySelector<HTMLCanvasElement>('.kernel-canvas');
    if (kernels && this.session.kernels && kernels.dataset.step !== String(this.session.report?.step)) {
      paintKernels(kernels, this.session.kernels);
      kernels.dataset.step = String(this.session.report?.step);
    }
    const r = this.session.report;
    if (this.session.running && r?.epochDone) {
      const line = `Epoch ${r.epoch} of ${r.epochs}: ${Math.round(100 * r.epochDone.heldOutAccuracy)} % of the pictures kept aside named right.`;
      if (line !== this.lastAnnounced) {
        this.lastAnnounced = line;
        this.announce(line, { playing: true });
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-teach': CnnTeach;
  }
}
