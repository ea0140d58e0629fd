import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { sharedViewStyles } from '../shared/view-styles';
import { katexStylesheet, renderTex } from '../shared/katex-render';

import { buildHyperData, HYPER_KEYS, HYPER_RANGES, hyperWindow, readersOf, shrinkChannel, validSetting, type HyperData, type HyperKey, type HyperSettings } from './hyper-data';
import { explain, sizeLineTex, sizeTex } from './hyper-explain';
import { inputGrid, outputGrid, type Cell, type GridHandlers, type GridState } from './hyper-templates';
import { hyperStyles } from './hyper-styles';
import { hyperFitLayout, type HyperFitLayout, type HyperSubject } from './hyper-fit';
import { fittedBody } from './hyper-fitted';
import { OperationView } from '../shared/operation-view';
import { positionOfStep, stepOfPosition } from '../shared/view-helpers';
import { FitBudget, naturalHeight } from '../shared/fit-budget';
import { shrinkFormulasToFit } from '../shared/formula-fit';
import type { FrameSpec, SubjectTable } from '../../shared/frame-controller';
import { formatNumber } from '../../shared/numbers';

const MAX_CELL = 40;
const MIN_CELL = 12;
/** Numbers are printed in cells at least this wide. */
const NUMBER_CELL = 30;

/** What each step of the article talks about; fitted, the figure shows just that (see hyper-fitted.ts). */
const HYPER_SUBJECTS: SubjectTable = {
  formula: { parts: ['formula', 'grids'], focus: '[data-formula="size"]', about: 'the output-size formula with the numbers filled in' },
  padding: { parts: ['line', 'grids'], focus: '.grid.in', about: 'the padded input, its ring of zeros' },
  kernel: { parts: ['line', 'grids'], focus: '.grid.in', about: 'the window on the input' },
  stride: { parts: ['line', 'grids'], focus: '.grid.out', about: 'the output grid, and where each window starts' },
};

/** A fitted box at least this large shows the sliders and the playback beside the subject. */
const ROOMY = { width: 700, height: 760 };

const cellOf = (e: PointerEvent | MouseEvent): Cell | null => {
  const el = (e.composedPath()[0] as HTMLElement).closest?.('[data-row]') as HTMLElement | null;
  return el ? { row: Number(el.dataset.row), col: Number(el.dataset.col) } : null;
};

/**
 * Input size, padding, kernel size, stride and dilation, tried on a patch of the real
 * image: the window slides over the red channel of the network's input (shrunk to n × n),
 * the output-size formula updates with the numbers, and combinations that cannot work, or
 * waste part of the input, are explained in words.
 *
 * @attr input-size - n, 3 … 14 (default 7).
 * @attr padding - p, 0 … 4 (default 0): zeros added on every side.
 * @attr kernel-size - k, 1 … 7 (default 3).
 * @attr stride - s, 1 … 4 (default 1).
 * @attr dilation - d, 1 … 3 (default 1): the gap between the kernel's taps.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @cssprop --cnn-accent - Accent colour for the window and focus.
 */
@customElement('cnn-hyperparameters')
export class CnnHyperparameters extends OperationView {
  static override styles = [sharedViewStyles, hyperStyles];

  @property({ type: Number, reflect: true, attribute: 'input-size' }) inputSize = HYPER_RANGES.inputSize.initial;
  @property({ type: Number, reflect: true }) padding = HYPER_RANGES.padding.initial;
  @property({ type: Number, reflect: true, attribute: 'kernel-size' }) kernelSize = HYPER_RANGES.kernelSize.initial;
  @property({ type: Number, reflect: true }) stride = HYPER_RANGES.stride.initial;
  @property({ type: Number, reflect: true }) dilation = HYPER_RANGES.dilation.initial;

  @state() private preview: Cell | null = null;
  @state() private probe: Cell | null = null;

  /** What is on show; null until the image's run has arrived. */
  data: HyperData | null = null;
  /** Output values, row-major, from the ops. */
  outputs = new Float32Array(0);
  private dataKey = '';
  private started = false;
  private probeFocused = false;
  private readonly budget = new FitBudget(this);
  private fitted: { key: string; layout: HyperFitLayout } | null = null;

  /** The first pass starts once the image has arrived (see useData); later ones wait for the reader. */
  protected override get autoplays(): boolean {
    return false;
  }

  get settings(): HyperSettings {
    return { inputSize: this.inputSize, padding: this.padding, kernelSize: this.kernelSize, stride: this.stride, dilation: this.dilation };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    for (const key of HYPER_KEYS) {
      if ((changed.has(key) || !this.hasUpdated) && !validSetting(key, this[key])) {
        const r = HYPER_RANGES[key];
        this.warn(`${r.attribute}="${this.getAttribute(r.attribute) ?? this[key]}" is not a whole number from ${r.min} to ${r.max}; using ${r.initial}.`);
        this[key] = r.initial;
      }
    }
    const run = this.network.run;
    const key = `${run?.imageKey}|${HYPER_KEYS.map((k) => this[k]).join(',')}`;
    if (run && key !== this.dataKey) {
      this.dataKey = key;
      this.useData(run.values[0], this.network.info?.layers[0]?.shape ?? [64, 64, 3]);
    }
  }

  private useData(input: Float32Array, shape: number[]): void {
    const patch = shrinkChannel(input, shape, 0, this.inputSize);
    const data = buildHyperData(this.settings, patch);
    this.data = data;
    const m = data.outSize;
    this.outputs = new Float32Array(m * m);
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) this.outputs[r * m + c] = hyperWindow(data, r, c).sum;
    this.preview = null;
    this.probe = null;
    const total = Math.max(1, m * m);
    const playing = this.playback.playing;
    this.playback.setTotal(total, { restart: true });
    if (m === 0) {
      this.playback.pause();
    } else if (!this.started) {
      // The first pass plays by itself unless the reader asked for less motion.
      this.started = true;
      if (!this.playback.reduced) this.playback.play();
    } else if (!playing) {
      // A changed setting while paused: show the whole result at once.
      this.playback.seek(total - 1);
    }
    this.onStep(true);
  }

  private get computedAt(): Cell {
    const m = Math.max(1, this.data?.outSize ?? 1);
    return positionOfStep(this.playback.step, m);
  }

  private get shownAt(): Cell {
    return this.preview ?? this.computedAt;
  }

  /** Cell size that lets both grids sit side by side, or stack them when that gets too small. */
  private cellSize(data: HyperData): number {
    const w = this.width || 360;
    const across = Math.floor((w - 48) / (data.paddedSize + Math.max(data.outSize, 4))) - 1;
    if (across >= 24) return Math.min(MAX_CELL, across);
    return Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((w - 4) / data.paddedSize) - 1));
  }

  private get roomy(): boolean {
    return this.size.width >= ROOMY.width && this.size.height >= ROOMY.height;
  }

  protected override frameSpec(): FrameSpec {
    const subjects = this.roomy
      ? Object.fromEntries(Object.entries(HYPER_SUBJECTS).map(([k, v]) => [k, { ...v, parts: [...v.parts, 'controls'] }]))
      : HYPER_SUBJECTS;
    return { subjects, fallback: 'formula', controls: ['controls'], contentKey: `${this.dataKey}|${JSON.stringify(this.fitted?.layout ?? null)}` };
  }

  override render() {
    if (this.fit) return this.renderFitted();
    const data = this.data;
    return html`${katexStylesheet()}
      ${this.statusTemplate({ block: true })}
      <div class="controls" part="controls">${HYPER_KEYS.map((k) => this.control(k))}</div>
      ${data ? this.renderData(data) : nothing}
      ${this.liveRegion()}`;
  }

  /** Fitted to the stage's box: the subject large, the controls behind one button (beside it when there is room). */
  private renderFitted() {
    const data = this.data;
    return html`${katexStylesheet()}
      <div class="fit">
        <div class="fit-bar">${this.frame.controlsButton()}${this.statusTemplate()}</div>
        <div class="fit-controls" data-part="controls">
          <div class="controls" part="controls">${HYPER_KEYS.map((k) => this.control(k))}</div>
          ${this.playback.controls('Sliding window')}
        </div>
        ${data ? this.fittedData(data) : nothing}
      </div>
      ${this.liveRegion()}`;
  }

  private fittedData(data: HyperData) {
    const subject = this.frame.current as HyperSubject;
    const key = `${subject}|${this.size.width}x${this.size.height}|${this.frame.controlsOpen}|${data.paddedSize}|${data.outSize}|${explain(data).length}`;
    const room = this.budget.room(key, this.size.height, subject === 'formula' ? 190 : 80);
    const layout = hyperFitLayout(subject, (this.size.width || 360) - 8, room, data.paddedSize, data.outSize, [subject === 'stride' ? 60 : 28, 12]);
    this.fitted = { key, layout };
    const tex = renderTex(subject === 'formula' ? sizeTex(data) : sizeLineTex(data), subject === 'formula', () => this.requestUpdate());
    const at = this.shownAt;
    return fittedBody({
      subject, data, layout, tex,
      notes: explain(data),
      wide: this.roomy,
      readout: this.readout(data, at),
      imageLabel: this.source.label,
      grid: {
        data, cell: layout.inCell, numbers: layout.inNumbers, outCell: layout.outCell, outNumbers: layout.outNumbers,
        padZeros: layout.padZeros, starts: subject === 'stride', short: true,
        rulerCell: Math.max(4, Math.min(layout.inCell, Math.floor(((this.size.width || 360) - 120) / data.span) - 1)),
        outputs: this.outputs, at, computedUpTo: this.playback.step, probe: this.probe,
        readers: this.probe ? readersOf(data, this.probe.row, this.probe.col) : [],
      },
    }, this.handlers, this.onStageKey);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const fit = this.fitted;
    const box = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (this.fit) shrinkFormulasToFit(this.renderRoot, '.fit .formula');
    if (this.fit && fit && box) this.budget.measure(fit.key, naturalHeight(box), fit.layout.given);
    if (!this.fit) this.fitted = null;
  }

  private control(key: HyperKey) {
    const r = HYPER_RANGES[key];
    const id = `control-${key}`;
    return html`<div class="control">
      <label for=${id}>${r.label} <span class="symbol">${r.symbol}</span></label>
      <output for=${id} data-role="value-${key}">${this[key]}</output>
      <input id=${id} type="range" min=${r.min} max=${r.max} step="1" .value=${String(this[key])} data-key=${key}
        @input=${(e: Event) => { this[key] = Number((e.target as HTMLInputElement).value); }}>
    </div>`;
  }

  private renderData(data: HyperData) {
    const tex = renderTex(sizeTex(data), true, () => this.requestUpdate());
    const notes = explain(data);
    const cell = this.cellSize(data);
    const at = this.shownAt;
    const s: GridState = {
      data, cell,
      numbers: cell >= NUMBER_CELL,
      rulerCell: Math.max(4, Math.min(cell, Math.floor(((this.width || 360) - 120) / data.span) - 1)),
      outputs: this.outputs,
      at,
      computedUpTo: this.playback.step,
      probe: this.probe,
      readers: this.probe ? readersOf(data, this.probe.row, this.probe.col) : [],
    };
    return html`<div class="top">
        <div class="formula" data-formula="size" data-out-size=${data.outSize}>${tex ? unsafeHTML(tex) : html`<span class="status">Loading the formula…</span>`}</div>
        <div class="notes" aria-live="polite">${notes.map((n) => html`<p class="note" data-kind=${n.kind}><strong>${n.title}</strong>${n.text}</p>`)}</div>
      </div>
      ${this.playback.controls('Sliding window')}
      <div class="stage" @keydown=${this.onStageKey}>
        <div class="grids">${inputGrid(s, this.handlers, this.source.label)}${outputGrid(s, this.handlers)}</div>
      </div>
      <div class="readout" data-role="readout">${this.readout(data, at)}</div>
      <p class="hint">Point at or focus a grid: an output cell shows its window, an input cell the outputs that read it. Arrow keys move; Space plays or pauses.</p>`;
  }

  private readout(data: HyperData, at: Cell) {
    if (data.outSize === 0) return 'Nothing to compute: no position of the window fits (see the note above).';
    if (this.probe) {
      const readers = readersOf(data, this.probe.row, this.probe.col);
      const v = data.padded[this.probe.row * data.paddedSize + this.probe.col];
      return html`Input cell (${this.probe.row}, ${this.probe.col}) = ${formatNumber(v)} is read by
        ${readers.length === 0 ? 'no output cell: no tap ever lands on it.' : `${readers.length} output cell${readers.length === 1 ? '' : 's'}.`}`;
    }
    const win = hyperWindow(data, at.row, at.col);
    const taps = win.inputs.filter((_, i) => win.weights[i] !== 0);
    const shown = taps.slice(0, 9).map((v) => formatNumber(v)).join(', ');
    return html`Output (${at.row}, ${at.col}) = mean of ${taps.length} cells (${shown}${taps.length > 9 ? ', …' : ''}) =
      <strong data-role="output" data-value=${String(win.sum)}>${formatNumber(win.sum, 3)}</strong>.
      Its window starts at input (${win.inputRow}, ${win.inputCol}).`;
  }

  /** Fills the live region with the output cell playback has reached (see FigureElement.announce). */
  protected override onStep(force = false): void {
    const data = this.data;
    if (!data) return;
    const playing = this.playback.playing;
    if (data.outSize === 0) {
      this.announce(explain(data)[0].text, { force, playing });
      return;
    }
    const at = this.computedAt;
    const win = hyperWindow(data, at.row, at.col);
    this.announce(`Output (${at.row}, ${at.col}) = mean of ${data.settings.kernelSize ** 2} cells = ${formatNumber(win.sum)}`, { force, playing });
  }

  private seekTo(c: Cell): void {
    const data = this.data;
    if (!data || data.outSize === 0) return;
    this.playback.pause();
    this.playback.seek(stepOfPosition(c, data.outSize));
    this.onStep(true);
  }

  protected override previewEnded(): void {
    this.preview = null;
  }

  private readonly handlers: GridHandlers = {
    onInputPointer: (e) => {
      const c = cellOf(e);
      if (c && (c.row !== this.probe?.row || c.col !== this.probe?.col)) this.probe = c;
    },
    onInputLeave: () => { if (!this.probeFocused) this.probe = null; },
    onInputFocus: () => {
      this.probeFocused = true;
      const d = this.data;
      if (!this.probe && d) {
        const at = this.computedAt;
        this.probe = { row: Math.min(d.paddedSize - 1, at.row * d.settings.stride), col: Math.min(d.paddedSize - 1, at.col * d.settings.stride) };
      }
    },
    onInputBlur: () => { this.probeFocused = false; this.probe = null; },
    onInputKey: (e) => {
      const d = this.data;
      const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const m = move[e.key];
      if (!d || !this.probe) return;
      if (e.key === 'Escape') { this.probe = null; return; }
      if (!m) return;
      e.preventDefault();
      e.stopPropagation();
      const clamp = (v: number) => Math.max(0, Math.min(d.paddedSize - 1, v));
      this.probe = { row: clamp(this.probe.row + m[0]), col: clamp(this.probe.col + m[1]) };
    },
    onOutputPointer: (e) => {
      const c = cellOf(e);
      if (c && (c.row !== this.preview?.row || c.col !== this.preview?.col)) this.preview = c;
    },
    onOutputLeave: () => { this.preview = null; },
    onOutputClick: (e) => {
      const c = cellOf(e);
      if (c) { this.preview = null; this.seekTo(c); }
    },
    onOutputKey: (e) => {
      const d = this.data;
      if (!d || d.outSize === 0 || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      e.stopPropagation();
      const at = this.computedAt;
      this.preview = null;
      this.seekTo({ row: Math.max(0, Math.min(d.outSize - 1, at.row + (e.key === 'ArrowUp' ? -1 : 1))), col: at.col });
    },
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-hyperparameters': CnnHyperparameters;
  }
}
