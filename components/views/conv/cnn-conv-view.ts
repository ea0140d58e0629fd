import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { sharedViewStyles } from '../shared/view-styles';
import { convViewStyles } from './conv-view-styles';
import { convFitStyles } from './conv-fit-styles';
import { buildConvData, channelWindowAt, convLayerNames, inputChannelName, outputsReading, windowAt, type ConvViewData } from './conv-data';
import { channelTex, outputTex, stepSentence } from './conv-formula';
import { convFacts, detailTemplate, elasticTemplate, legendsTemplate, type ConvHandlers, type ConvTemplateState, type WeightRef } from './conv-templates';
import { convFitLayout, NARROW_BOX, type ConvDims, type ConvFitLayout, type ConvSubject } from './conv-fit-layout';
import { channelSwitch, fittedSubject } from './conv-fitted';
import { countTemplate, type CountHandlers, type KernelRef } from './conv-count';
import { moveInSheet, type KernelSheet } from './kernel-sheet';
import { convReadout } from './conv-readout';
import { editorLayout, KernelEditor, kernelEditorStyles } from './kernel-editor';
import { EditsController } from '../../shared/edits-controller';
import { cellFromPointer } from '../shared/map-canvas';
import { katexStylesheet, renderTex } from '../shared/katex-render';
import { ChannelMapView, outputShapeGrid, type ChannelMapSpec } from '../shared/channel-map-view';
import { FitBudget, naturalHeight } from '../shared/fit-budget';
import { shrinkFormulasToFit } from '../shared/formula-fit';
import { moveByKey, type GridPosition } from '../shared/view-helpers';
import type { FrameSpec } from '../../shared/frame-controller';
import { paintMapChannel, paintRgb } from '../../shared/map-painter';

/** While playing, the formulas are typeset at most this often (KaTeX is the costly part). */
const TEX_EVERY_MS = 150;

/** What the article's steps talk about; fitted, the figure shows just that (conv-fitted.ts). */
type Subject = ConvSubject | 'edit';
const CONV_SUBJECTS: Record<Subject, { focus: string; about: string }> = {
  window: { focus: '[data-subject="window"]', about: 'the window sliding over the input, the output map filling in' },
  kernel: { focus: '[data-subject="kernels"], .stage [data-subject="rows"]', about: 'the kernels, and the output map where their pattern turned up' },
  sum: { focus: '[data-formula="output"]', about: 'each channel\'s share and their sum plus the bias' },
  count: { focus: '[data-subject="count"]', about: 'the layer\'s kernels and parameters, counted' },
  edit: { focus: '[data-subject="edit"]', about: 'one kernel, changed by the reader, and what the network now says' },
};

/**
 * One convolution layer on the real numbers of the current image: each input channel with
 * its kernel gives an intermediate map; their sum plus the bias is the output channel.
 * The window slides over every output position (playback), and the sum behind the position
 * on show is taken apart number by number.
 *
 * @attr layer - A conv layer name, e.g. `conv_1_1`; defaults to the first conv layer.
 * @attr channel - The output channel, 0 … cout − 1; defaults to 0.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @attr edits - The reader's changes to the network in the edits' link format (model/inspect/edit-codec.ts); the figure runs with them and its kernel editor writes them.
 * @attr subject - `window`, `kernel`, `sum`, `count` or `edit` (the kernel editor: type, drag or pick a preset; the prediction before → after; Reset).
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @fires cnn-edits - The reader changed a kernel or pressed Reset: detail `{ edits }` (the new `edits` value, '' for the trained weights). Bubbles, composed.
 * @csspart edits-bar - The prediction before → after and the Reset button.
 * @cssprop --cnn-accent - Accent colour for focus, windows and the output value.
 */
@customElement('cnn-conv-view')
export class CnnConvView extends ChannelMapView<ConvViewData> {
  static override styles = [sharedViewStyles, convViewStyles, convFitStyles, ...kernelEditorStyles];

  protected override readonly spec: ChannelMapSpec<ConvViewData> = {
    layer: { warning: 'a convolution layer', label: 'Convolution layer' },
    channel: { warning: 'an output channel', label: 'Output channel' },
    layerNames: convLayerNames,
    build: buildConvData,
    outputGrid: outputShapeGrid,
  };

  @state() private detailChannel = 0;
  @state() private probe: GridPosition | null = null;
  @state() private weightFocus: WeightRef = { ci: 0, ky: 0, kx: 0 };
  @state() private weightShown: WeightRef | null = null;

  /** The kernel in focus in the grid of all kernels (null: the first of the output channel on show). */
  @state() private countFocus: KernelRef | null = null;
  @state() private countFocused = false;

  private probeFocused = false;
  private weightFocused = false;
  private focusWeightAfterRender = false;
  private focusKernelAfterRender = false;
  private tex = { key: '', at: 0, channel: null as string | null, output: null as string | null };
  /** How the kernels on show are laid out, for the arrow keys. */
  private kernelSheet: KernelSheet = { channels: [], cols: 1, kh: 3, kw: 3 };
  private readonly budget = new FitBudget(this);
  /** The reader's edits and the trained network's prediction beside them. */
  readonly edited = new EditsController(this);
  private readonly editor = new KernelEditor({ edited: this.edited, requestUpdate: () => this.requestUpdate(), onDetailChannel: (ci) => this.handlers.onDetailChannel(ci) });
  private fitted: { key: string; layout: ConvFitLayout } | null = null;

  protected override dataChanged(data: ConvViewData): void {
    this.probe = null;
    this.weightShown = null;
    const cin = data.inShape[2];
    if (this.detailChannel >= cin) this.detailChannel = 0;
    if (this.weightFocus.ci >= cin) this.weightFocus = { ci: 0, ky: 0, kx: 0 };
    this.countFocus = null;
  }

  /** The edits the network runs with: unreadable or unfitting ones warn once and give way to the trained weights. */
  protected override modelEdits(): string {
    return this.edited.usable(this.edits);
  }

  private get wideWindow(): boolean {
    return this.size.width >= NARROW_BOX;
  }

  protected override frameSpec(): FrameSpec {
    const parts: Record<Subject, string[]> = { window: this.wideWindow ? ['window', 'playback'] : ['window'], kernel: ['kernel'], sum: ['sum'], count: ['count'], edit: ['edit'] };
    const subjects = Object.fromEntries(Object.entries(CONV_SUBJECTS).map(([k, v]) => [k, { ...v, parts: parts[k as Subject] }]));
    return { subjects, fallback: 'window', controls: ['controls'], contentKey: `${this.data?.key}|${JSON.stringify(this.fitted?.layout ?? null)}|${this.size.width}x${this.size.height}|${this.edits}` };
  }

  override render() {
    if (!this.fit) return super.render();
    const data = this.data;
    const subject = this.frame.current as Subject;
    const inlinePlayback = subject === 'window' && this.wideWindow;
    // The subject first: the bar above it depends on its layout.
    const body = !data ? nothing : subject === 'edit'
      ? html`<div class="fit-body" data-part="edit">${this.editor.template(data, this.detailChannel, editorLayout(this.size.width, this.size.height, true))}</div>`
      : this.renderSubject(data, subject);
    return html`${katexStylesheet()}
      <div class="fit">
        <div class="fit-bar">${this.frame.controlsButton()}${data ? this.fitBar(data, subject) : nothing}${this.statusTemplate()}</div>
        <div class="fit-controls" data-part="controls">
          <div class="toolbar" part="toolbar">${this.pickers()}</div>
          ${inlinePlayback ? nothing : this.playback.controls(`${this.layer} convolution`)}
        </div>
        ${body}
      </div>
      ${this.liveRegion()}`;
  }

  /** Beside the Controls button: which channel is on show (and a switcher when one channel shows at a time). */
  private fitBar(data: ConvViewData, subject: Subject) {
    if (this.fitted?.layout.kind === 'single') return channelSwitch(data, this.detailChannel, (ci) => this.handlers.onDetailChannel(ci));
    const at = this.shownAt;
    return html`<span class="where">${data.layer.name} · output channel ${data.channel}${subject === 'sum' || subject === 'window' ? ` · at (${at.row}, ${at.col})` : ''}</span>`;
  }

  /** The subject alone, sized to the box (conv-fit-layout.ts, conv-fitted.ts). */
  private renderSubject(data: ConvViewData, subject: ConvSubject) {
    const [kh, kw, cin] = [data.kernelSize[0], data.kernelSize[1], data.inShape[2]];
    const dims: ConvDims = { cin, cout: data.outShape[2], kh, kw, picture: data.inputLayer.kind === 'input' };
    const width = Math.max(200, (this.size.width || 360) - 2);
    const key = `${subject}|${this.size.width}x${this.size.height}|${this.frame.controlsOpen}|${data.layer.name}`;
    const guess = subject === 'sum' ? 180 : subject === 'count' ? 110 : subject === 'window' && this.wideWindow ? 110 : 50;
    const layout = convFitLayout(subject, width, this.budget.room(key, this.size.height, guess), dims);
    this.fitted = { key, layout };
    const at = this.shownAt;
    const both = subject === 'sum' && width >= 760;
    const formulaWidth = both ? width / 2 : width;
    const s = this.templateState(data, at, 'numbers' in layout && layout.numbers, (win, detailWin) => subject === 'sum'
      ? this.formulas(data, at, win, detailWin, Math.max(1, Math.floor((formulaWidth - 110) / 72)), Math.max(1, Math.min(kw, Math.floor((formulaWidth - 120) / 110))))
      : { channelTex: null, outputTex: null });
    const win = s.win;
    const channels = Array.from({ length: cin }, (_, i) => i);
    this.kernelSheet = layout.kind === 'single' ? { channels: [this.detailChannel], cols: 1, kh, kw }
      : layout.kind === 'kernels' ? { channels, cols: layout.cols, kh, kw } : { channels, cols: 1, kh, kw };
    const body = layout.kind === 'count'
      ? countTemplate(data, layout, this.countRef(data), this.countFocused, this.countHandlers)
      : fittedSubject(s, this.handlers, layout, subject, both);
    return html`<div class="fit-body" data-part=${subject} @keydown=${this.onStageKey}>
        ${subject === 'window' && this.wideWindow ? html`<div data-part="playback">${this.playback.controls(`${data.layer.name} convolution`)}</div>` : nothing}
        ${body}
        ${subject === 'window' && layout.kind === 'rows' ? html`${legendsTemplate(data)}<div class="readout" data-role="readout">${this.readout(data, at, win)}</div>` : nothing}
      </div>`;
  }

  /** What the templates draw at the cell on show; `formulas` typesets its windows (or not). */
  private templateState(data: ConvViewData, at: GridPosition, showKernelNumbers: boolean,
    formulas: (win: ReturnType<typeof windowAt>, detailWin: ReturnType<typeof windowAt>) => Pick<ConvTemplateState, 'channelTex' | 'outputTex'>): ConvTemplateState {
    const win = windowAt(data, at);
    const detailWin = channelWindowAt(data, this.detailChannel, at);
    return {
      data, at, win, detailWin,
      computedUpTo: this.computedAt,
      detailChannel: this.detailChannel,
      probe: this.probe,
      reading: this.probe ? outputsReading(data, this.probe) : null,
      weightFocus: this.weightFocus,
      weightShown: this.weightShown,
      showKernelNumbers,
      ...formulas(win, detailWin),
    };
  }

  private countRef(data: ConvViewData): KernelRef {
    return this.countFocus ?? { co: data.channel, ci: 0 };
  }

  protected override beforeToolbar() {
    return katexStylesheet();
  }

  /** What the live region says at the output position playback has reached. */
  protected override stepSentence(data: ConvViewData, at: GridPosition): string {
    const win = windowAt(data, at);
    const per = data.kernelSize[0] * data.kernelSize[1];
    const shares = data.intermediate.map((m) => m[at.row * data.outShape[1] + at.col]);
    return stepSentence(at, shares, win.runningSums[per * data.inShape[2] - 1], data.bias, win.sum);
  }

  protected override renderData(data: ConvViewData) {
    const at = this.shownAt;
    const s = this.templateState(data, at, data.inShape[2] <= 4, (win, detailWin) => this.formulas(data, at, win, detailWin));
    const win = s.win;
    this.kernelSheet = { channels: Array.from({ length: data.inShape[2] }, (_, i) => i), cols: 1, kh: data.kernelSize[0], kw: data.kernelSize[1] };
    const dims: ConvDims = { cin: data.inShape[2], cout: data.outShape[2], kh: data.kernelSize[0], kw: data.kernelSize[1], picture: false };
    const countLayout = convFitLayout('count', Math.min(this.width || 360, 520), 420, dims);
    return html`<p class="facts">${convFacts(data, this.source.label)}</p>
      ${this.playback.controls(`${data.layer.name} convolution`)}
      <div class="stage ${data.inShape[2] > 4 ? 'many' : ''}" @keydown=${this.onStageKey}>
        ${elasticTemplate(s, this.handlers)}
        <div class="readout" data-role="readout">${this.readout(data, at, win)}</div>
        <p class="hint">Point at or focus a map: the output map shows its input windows, an input map the output cells that read a cell.
          Arrow keys move; Space plays or pauses.</p>
        ${detailTemplate(s, this.handlers)}
        <section class="edit-section" aria-label="Change a kernel">
          <h3>Change a kernel and see</h3>
          ${this.editor.template(data, this.detailChannel, editorLayout(this.width || 360, 0, false))}
        </section>
        <section class="count-section" aria-label="All the layer's kernels">
          <h3>All ${data.kernelCount} kernels of ${data.layer.name}</h3>
          ${countLayout.kind === 'count' ? countTemplate(data, countLayout, this.countRef(data), this.countFocused, this.countHandlers) : nothing}
        </section>
      </div>`;
  }

  /** KaTeX strings for the position on show; typeset at a calmer pace while playing. */
  private formulas(data: ConvViewData, at: GridPosition, win: ReturnType<typeof windowAt>, detailWin: ReturnType<typeof windowAt>,
    termsPerLine = this.width > 0 && this.width < 560 ? 3 : 5, productsPerLine = this.width > 0 && this.width < 420 ? 2 : data.kernelSize[1]) {
    const key = `${data.key}|${at.row},${at.col}|${this.detailChannel}|${termsPerLine}|${productsPerLine}`;
    const now = performance.now();
    if (key !== this.tex.key && (!this.playback.playing || now - this.tex.at >= TEX_EVERY_MS || !this.tex.output)) {
      const again = () => { this.tex.key = ''; this.requestUpdate(); };
      const cin = data.inShape[2];
      const shares = Array.from({ length: cin }, (_, i) => data.intermediate[i][at.row * data.outShape[1] + at.col]);
      const names = Array.from({ length: cin }, (_, i) => (data.inputLayer.kind === 'input' ? inputChannelName(data, i) : String(i)));
      const channelName = data.inputLayer.kind === 'input' ? inputChannelName(data, this.detailChannel) : String(this.detailChannel);
      const channel = renderTex(channelTex(channelName, detailWin, data.kernelSize[1], at, productsPerLine), true, again);
      const output = renderTex(outputTex(names, shares, data.bias, win.sum, at, termsPerLine), true, again);
      this.tex = { key: channel && output ? key : '', at: now, channel, output };
    }
    return { channelTex: this.tex.channel, outputTex: this.tex.output };
  }

  private readout(data: ConvViewData, at: GridPosition, win: ReturnType<typeof windowAt>) {
    return convReadout(data, at, win, { weight: this.weightShown, probe: this.probe, detailChannel: this.detailChannel, preview: Boolean(this.preview) });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusWeightAfterRender) {
      this.focusWeightAfterRender = false;
      const f = this.weightFocus;
      this.renderRoot.querySelector<HTMLElement>(`.kernel .cell[data-ci="${f.ci}"][data-ky="${f.ky}"][data-kx="${f.kx}"]`)?.focus();
    }
    if (this.focusKernelAfterRender && this.data) {
      this.focusKernelAfterRender = false;
      const k = this.countRef(this.data);
      this.renderRoot.querySelector<HTMLElement>(`.tile[data-co="${k.co}"][data-ci="${k.ci}"]`)?.focus();
    }
    const fitted = this.fitted;
    if (this.fit && fitted) {
      shrinkFormulasToFit(this.renderRoot, '.fit .formula');
      const box = this.renderRoot.querySelector<HTMLElement>('.fit');
      if (box) this.budget.measure(fitted.key, naturalHeight(box), fitted.layout.given);
    }
    if (!this.fit) this.fitted = null;
  }

  protected override paint(): void {
    const data = this.data;
    if (!data) return;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-kind]')) {
      const key = `${data.key}|${canvas.dataset.kind}|${canvas.dataset.ci ?? ''}`;
      if (canvas.dataset.painted === key) continue;
      canvas.dataset.painted = key;
      const ci = Number(canvas.dataset.ci);
      const [oh, ow] = data.outShape;
      if (canvas.dataset.kind === 'rgb') paintRgb(canvas, data.input, data.inShape);
      else if (canvas.dataset.kind === 'input') paintMapChannel(canvas, data.input, data.inShape, ci, data.domains.input);
      else if (canvas.dataset.kind === 'intermediate') paintMapChannel(canvas, data.intermediate[ci], [oh, ow, 1], 0, data.domains.intermediate);
      else paintMapChannel(canvas, data.output, [oh, ow, 1], 0, data.domains.output);
    }
  }

  private readonly handlers: ConvHandlers = {
    onInputPointer: (e) => {
      const d = this.data;
      const cell = d && cellFromPointer(e, e.currentTarget as Element, d.inShape[0], d.inShape[1]);
      if (cell && (cell.row !== this.probe?.row || cell.col !== this.probe?.col)) this.probe = cell;
    },
    onInputLeave: () => { if (!this.probeFocused) this.probe = null; },
    onInputFocus: (e) => {
      this.probeFocused = true;
      this.detailChannel = Number((e.currentTarget as HTMLElement).dataset.ci);
      if (!this.probe && this.data) {
        const win = windowAt(this.data, this.computedAt);
        this.probe = { row: Math.max(0, win.inputRow), col: Math.max(0, win.inputCol) };
      }
    },
    onInputBlur: () => { this.probeFocused = false; this.probe = null; },
    onInputKey: (e) => {
      const d = this.data;
      const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (!d || !this.probe) return;
      if (e.key === 'Escape') { this.probe = null; return; }
      const m = move[e.key];
      if (!m) return;
      e.preventDefault();
      e.stopPropagation();
      this.probe = {
        row: Math.max(0, Math.min(d.inShape[0] - 1, this.probe.row + m[0])),
        col: Math.max(0, Math.min(d.inShape[1] - 1, this.probe.col + m[1])),
      };
    },
    onOutputPointer: (e) => {
      const d = this.data;
      const cell = d && cellFromPointer(e, e.currentTarget as Element, d.outShape[0], d.outShape[1]);
      if (cell && (cell.row !== this.preview?.row || cell.col !== this.preview?.col)) this.preview = cell;
    },
    onOutputLeave: () => { this.preview = null; },
    onOutputClick: (e) => {
      const d = this.data;
      const cell = d && cellFromPointer(e, e.currentTarget as Element, d.outShape[0], d.outShape[1]);
      if (cell) this.seekTo(cell);
    },
    onOutputKey: (e) => {
      const d = this.data;
      if (!d || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      e.stopPropagation();
      const at = this.computedAt;
      this.seekTo({ row: Math.max(0, Math.min(d.outShape[0] - 1, at.row + (e.key === 'ArrowUp' ? -1 : 1))), col: at.col });
    },
    onWeightEnter: (e) => { this.weightShown = weightRefOf(e.currentTarget as HTMLElement); },
    onWeightLeave: () => { this.weightShown = this.weightFocused ? this.weightFocus : null; },
    onWeightFocus: (e) => {
      const ref = weightRefOf(e.currentTarget as HTMLElement);
      this.weightFocused = true;
      this.weightFocus = ref;
      this.weightShown = ref;
      this.detailChannel = ref.ci;
    },
    onWeightBlur: () => { this.weightFocused = false; this.weightShown = null; },
    onWeightKey: (e) => {
      const next = moveInSheet(this.kernelSheet, this.weightFocus, e.key);
      if (!this.data || !next) return;
      e.preventDefault();
      e.stopPropagation();
      this.weightFocus = next;
      this.focusWeightAfterRender = true;
    },
    onDetailChannel: (ci) => {
      if (!this.data || ci < 0 || ci >= this.data.inShape[2]) return;
      this.detailChannel = ci;
      // Where one kernel shows at a time, the kernels' tab stop follows the channel.
      if (this.kernelSheet.channels.length === 1) this.weightFocus = { ...this.weightFocus, ci };
    },
  };

  private readonly countHandlers: CountHandlers = {
    onKernelFocus: (e) => {
      const el = e.currentTarget as HTMLElement;
      this.countFocus = { co: Number(el.dataset.co), ci: Number(el.dataset.ci) };
      this.countFocused = true;
    },
    onKernelBlur: () => { this.countFocused = false; },
    onKernelKey: (e) => {
      const d = this.data;
      const k = d && this.countRef(d);
      const next = k && moveByKey(e.key, { row: k.co, col: k.ci }, d.outShape[2], d.inShape[2]);
      if (!next) return;
      e.preventDefault();
      e.stopPropagation();
      this.countFocus = { co: next.row, ci: next.col };
      this.focusKernelAfterRender = true;
    },
  };
}

function weightRefOf(el: HTMLElement): WeightRef {
  return { ci: Number(el.dataset.ci), ky: Number(el.dataset.ky), kx: Number(el.dataset.kx) };
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-conv-view': CnnConvView;
  }
}
