import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { PlaybackController } from '../../shared/playback-controller';
import { sharedViewStyles } from '../shared-view-styles';
import { cellFromPointer, paintMapChannel } from '../conv/map-canvas';
import { OperationView } from '../relu/operation-view';
import { smallViewStyles } from '../relu/small-view-styles';
import { boxTemplate, legendTemplate, lensTemplate, veilTemplate } from '../relu/map-pieces';
import {
  anchoredBlock, chooseChannel, chooseLayer, formatNumber, moveByKey, positionOfStep, stepOfPosition, type GridPosition,
} from '../relu/view-helpers';
import { buildPoolData, discardSentence, outputCellOf, poolLayerNames, poolSentence, windowAt, type PoolViewData } from './pool-data';
import { paintPoolInput, windowMathTemplate, windowsLensTemplate } from './pool-templates';
import { poolStyles } from './pool-styles';

/** Windows per side in the lens around the current one. */
const LENS = 3;

/**
 * Max pooling on the real numbers of the current image: the map that goes in, cut into
 * windows (2 × 2, stride 2 in Tiny VGG), each window's winner, and the smaller map that
 * comes out, linked window to cell. Playback walks through the windows; the losers fade on
 * the input map, which shows how much pooling throws away.
 *
 * @attr layer - A pooling layer name, e.g. `max_pool_1`; defaults to the first pooling layer.
 * @attr channel - The channel, 0 … c − 1; defaults to 0.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the current window and the result.
 */
@customElement('cnn-pool-view')
export class CnnPoolView extends OperationView {
  static override styles = [sharedViewStyles, smallViewStyles, poolStyles];

  @property({ reflect: true }) layer = '';
  @property({ type: Number, reflect: true }) channel = 0;

  /** An output cell pointed at (a preview; playback keeps its place). */
  @state() private preview: GridPosition | null = null;

  readonly playback = new PlaybackController(this, { autoplay: true, onStep: (step) => { if (!this.keepPace(step)) this.onStep(); } });

  /** What is on show; null until the model and the image have arrived. */
  data: PoolViewData | null = null;
  private checkedFor = '';
  private geometryKey = '';
  private wasPlaying = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const info = this.network.info;
    if (info && (changed.has('layer') || changed.has('channel') || this.checkedFor !== info.url)) {
      this.checkedFor = info.url;
      this.checkAttributes();
    }
    const data = buildPoolData(info, this.network.run, this.layer, this.channel);
    if (data?.key !== this.data?.key) this.useData(data);
  }

  /** Invalid attributes warn and fall back; they never throw. */
  private checkAttributes(): void {
    const info = this.network.info!;
    const layer = chooseLayer(this.layer, poolLayerNames(info), 'a pooling layer');
    this.warn(layer.problem);
    this.layer = layer.value;
    const count = info.layers.find((l) => l.name === this.layer)?.shape[2] ?? 1;
    const channel = chooseChannel(this.getAttribute('channel'), this.channel, count, this.layer);
    this.warn(channel.problem);
    this.channel = channel.value;
  }

  private useData(data: PoolViewData | null): void {
    this.data = data;
    this.preview = null;
    if (!data) return;
    const geometryKey = `${data.layer.name}|${data.channel}`;
    this.playback.setTotal(data.outShape[0] * data.outShape[1], { restart: geometryKey !== this.geometryKey });
    this.geometryKey = geometryKey;
    this.onStep(true);
  }

  /** The output cell playback has reached; the windows after it are not pooled yet. */
  get computedAt(): GridPosition {
    return positionOfStep(this.playback.step, this.data?.outShape[1] ?? 1);
  }

  get shownAt(): GridPosition {
    return this.preview ?? this.computedAt;
  }

  override render() {
    const names = poolLayerNames(this.network.info);
    const count = this.network.info?.layers.find((l) => l.name === this.layer)?.shape[2] ?? 0;
    return html`
      <div class="toolbar" part="toolbar">
        <label>Layer <select aria-label="Pooling layer" .value=${this.layer} @change=${(e: Event) => { this.layer = (e.target as HTMLSelectElement).value; }}>
          ${names.map((n) => html`<option value=${n} ?selected=${n === this.layer}>${n}</option>`)}</select></label>
        <label>Channel <select aria-label="Channel" .value=${String(this.channel)} @change=${(e: Event) => { this.channel = Number((e.target as HTMLSelectElement).value); }}>
          ${Array.from({ length: count }, (_, i) => html`<option value=${i} ?selected=${i === this.channel}>${i}</option>`)}</select></label>
        ${this.statusTemplate()}
      </div>
      ${this.data ? this.renderData(this.data) : nothing}
      ${this.liveRegion()}`;
  }

  private renderData(data: PoolViewData) {
    const [ih, iw] = data.inShape;
    const [oh, ow] = data.outShape;
    const [ph, pw] = data.geometry.poolSize;
    const [sh, sw] = data.geometry.strides;
    const at = this.shownAt;
    const win = windowAt(data, at);
    const top = Math.min(...win.cells.map((c) => c.row));
    const left = Math.min(...win.cells.map((c) => c.col));
    const best = 'argmax' in win ? win.cells[win.argmax] : null;
    const block = anchoredBlock(this.computedAt, at, LENS, oh, ow);
    const step = this.playback.step;
    const lensHandlers = { onWindow: (p: GridPosition) => this.setPreview(p), onLeave: this.onLeave, onKey: this.onMapKey };
    const mapLabel = (what: string) => `${what}; window (${at.row}, ${at.col}). Arrow keys move from window to window; Space plays.`;
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.layer.name}, channel ${data.channel}: ${ih} × ${iw} → <strong>${oh} × ${ow}</strong></span>
        <span>${ph} × ${pw} windows, stride ${sh === sw ? sh : `${sh} × ${sw}`}</span>
      </p>
      <p class="discard" data-role="discard">${discardSentence(data.budget, data.mode)}</p>
      ${this.playback.controls(`${data.layer.name} pooling`)}
      <div class="stage pool-stage" @keydown=${this.onStageKey}>
        <div class="column in">
          <h3>In: <strong>${data.inputLayer.name}</strong>, channel ${data.channel} (${ih} × ${iw})</h3>
          <div class="map input-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Input ${data.inputLayer.name}, ${ih} by ${iw}`)}
            @pointermove=${this.onInputPointer} @pointerleave=${this.onLeave} @click=${this.onInputClick} @keydown=${this.onMapKey}>
            <canvas data-kind="input"></canvas>
            ${boxTemplate(top, left, ph, pw, ih, iw, 'current')}
            ${best ? boxTemplate(best.row, best.col, 1, 1, ih, iw, 'winner') : nothing}
          </div>
          ${windowsLensTemplate(data, block, at, step, lensHandlers)}
        </div>
        <div class="column middle">${windowMathTemplate(data, at)}</div>
        <div class="column out">
          <h3>Out: <strong>${data.layer.name}</strong>, channel ${data.channel} (${oh} × ${ow})</h3>
          <div class="map output-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Output ${data.layer.name}, ${oh} by ${ow}`)}
            data-row=${at.row} data-col=${at.col} data-value=${String(data.output[at.row * ow + at.col])}
            @pointermove=${this.onOutputPointer} @pointerleave=${this.onLeave} @click=${this.onOutputClick} @keydown=${this.onMapKey}>
            <canvas data-kind="output"></canvas>
            ${veilTemplate(this.computedAt, oh, ow)}
            ${boxTemplate(at.row, at.col, 1, 1, oh, ow, 'current')}
          </div>
          ${lensTemplate({
            role: 'output', label: `Pooled values around (${at.row}, ${at.col})`, block, domain: data.domain, current: at,
            value: (r, c) => data.output[r * ow + c],
            hidden: (r, c) => r * ow + c > step && !(r === at.row && c === at.col),
            onCell: lensHandlers.onWindow, onLeave: lensHandlers.onLeave, onKey: this.onMapKey,
          })}
        </div>
      </div>
      <div class="legends">${legendTemplate('colour scale of both maps', data.domain)}
        ${data.mode === 'max' ? html`<p class="key"><span class="swatch faded"></span> faded: dropped by a window already pooled</p>` : nothing}</div>
      <div class="readout" data-role="readout">${this.readout(data, at)}</div>
      <p class="hint">Point at or focus a map or grid: the window and its output cell light up together. Arrow keys move; Space plays or pauses.</p>`;
  }

  private readout(data: PoolViewData, at: GridPosition) {
    return html`${poolSentence(data, at, (v) => formatNumber(v, 3))} ${this.preview ? '(pointed at)' : ''}`;
  }

  private onStep(force = false): void {
    const data = this.data;
    if (!data) return;
    this.announce(poolSentence(data, this.computedAt, (v) => formatNumber(v, 2)), { force, playing: this.playback.playing });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.wasPlaying && !this.playback.playing) this.onStep(true);
    this.wasPlaying = this.playback.playing;
    this.paint();
  }

  private paint(): void {
    const data = this.data;
    if (!data) return;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-kind]')) {
      const input = canvas.dataset.kind === 'input';
      // The input map changes with every step (the losers fade); the output only with the data.
      const key = `${data.key}|${canvas.dataset.kind}${input ? `|${this.playback.step}` : ''}`;
      if (canvas.dataset.painted === key) continue;
      canvas.dataset.painted = key;
      if (input) paintPoolInput(canvas, data, this.playback.step);
      else paintMapChannel(canvas, data.output, [data.outShape[0], data.outShape[1], 1], 0, data.domain);
    }
  }

  private seekTo(p: GridPosition): void {
    if (!this.data) return;
    this.playback.pause();
    this.playback.seek(stepOfPosition(p, this.data.outShape[1]));
    this.preview = null;
    this.onStep(true);
  }

  private inputCell(e: MouseEvent): GridPosition | null {
    const d = this.data;
    const cell = d && cellFromPointer(e, e.currentTarget as Element, d.inShape[0], d.inShape[1]);
    return cell && outputCellOf(d!, cell);
  }

  private outputCell(e: MouseEvent): GridPosition | null {
    const d = this.data;
    return d && cellFromPointer(e, e.currentTarget as Element, d.outShape[0], d.outShape[1]);
  }

  private setPreview(p: GridPosition | null): void {
    if (!p) return;
    this.cancelPreviewClear();
    if (p.row !== this.preview?.row || p.col !== this.preview?.col) this.preview = p;
  }

  private readonly onInputPointer = (e: PointerEvent) => this.setPreview(this.inputCell(e));
  private readonly onOutputPointer = (e: PointerEvent) => this.setPreview(this.outputCell(e));
  private readonly onLeave = () => this.clearPreviewSoon(() => { this.preview = null; });
  private readonly onInputClick = (e: MouseEvent) => { const p = this.inputCell(e); if (p) this.seekTo(p); };
  private readonly onOutputClick = (e: MouseEvent) => { const p = this.outputCell(e); if (p) this.seekTo(p); };

  /** On a focused map or grid, arrows move from window to window. */
  private readonly onMapKey = (e: KeyboardEvent) => {
    const d = this.data;
    if (!d) return;
    const next = moveByKey(e.key, this.computedAt, d.outShape[0], d.outShape[1]);
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    this.seekTo(next);
  };

  private readonly onStageKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0] as HTMLElement;
    if (target.closest?.('button, select, input, a')) return;
    if (this.playback.handleKey(e)) this.preview = null;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-pool-view': CnnPoolView;
  }
}
