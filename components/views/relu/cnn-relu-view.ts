import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { PlaybackController } from '../../shared/playback-controller';
import { sharedViewStyles } from '../shared-view-styles';
import { cellFromPointer, paintMapChannel } from '../conv/map-canvas';
import { OperationView } from './operation-view';
import { smallViewStyles } from './small-view-styles';
import { reluStyles } from './relu-styles';
import { buildReluData, cellAt, reluLayerNames, reluSentence, type ReluViewData } from './relu-data';
import { reluGraphTemplate } from './relu-graph';
import { boxTemplate, legendTemplate, lensTemplate, veilTemplate } from './map-pieces';
import {
  anchoredBlock, chooseChannel, chooseLayer, formatCount, formatNumber, moveByKey, positionOfStep, stepOfPosition, type GridPosition,
} from './view-helpers';

const LENS = 5;

/**
 * ReLU on the real numbers of the current image: the map that goes in (the convolution
 * before it), the rule max(0, x), and the map that comes out, linked cell to cell. Playback
 * walks through every cell; pointing at or focusing a cell shows x → max(0, x) on both maps
 * and on a graph of the function.
 *
 * @attr layer - A ReLU layer name, e.g. `relu_1_1`; defaults to the first ReLU layer.
 * @attr channel - The channel, 0 … c − 1; defaults to 0.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the current cell and the result.
 */
@customElement('cnn-relu-view')
export class CnnReluView extends OperationView {
  static override styles = [sharedViewStyles, smallViewStyles, reluStyles];

  @property({ reflect: true }) layer = '';
  @property({ type: Number, reflect: true }) channel = 0;

  /** A cell pointed at (a preview; playback keeps its place). */
  @state() private preview: GridPosition | null = null;

  readonly playback = new PlaybackController(this, { autoplay: true, onStep: (step) => { if (!this.keepPace(step)) this.onStep(); } });

  /** What is on show; null until the model and the image have arrived. */
  data: ReluViewData | null = null;
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
    const data = buildReluData(info, this.network.run, this.layer, this.channel);
    if (data?.key !== this.data?.key) this.useData(data);
  }

  /** Invalid attributes warn and fall back; they never throw. */
  private checkAttributes(): void {
    const info = this.network.info!;
    const layer = chooseLayer(this.layer, reluLayerNames(info), 'a ReLU layer');
    this.warn(layer.problem);
    this.layer = layer.value;
    const count = info.layers.find((l) => l.name === this.layer)?.shape[2] ?? 1;
    const channel = chooseChannel(this.getAttribute('channel'), this.channel, count, this.layer);
    this.warn(channel.problem);
    this.channel = channel.value;
  }

  private useData(data: ReluViewData | null): void {
    this.data = data;
    this.preview = null;
    if (!data) return;
    const geometryKey = `${data.layer.name}|${data.channel}`;
    // A new layer or channel starts a new pass; a new image keeps the reader's place.
    this.playback.setTotal(data.shape[0] * data.shape[1], { restart: geometryKey !== this.geometryKey });
    this.geometryKey = geometryKey;
    this.onStep(true);
  }

  /** The cell playback has reached; cells after it are not computed yet. */
  get computedAt(): GridPosition {
    return positionOfStep(this.playback.step, this.data?.shape[1] ?? 1);
  }

  /** The cell on show: the one pointed at, else the playback position. */
  get shownAt(): GridPosition {
    return this.preview ?? this.computedAt;
  }

  override render() {
    const names = reluLayerNames(this.network.info);
    const count = this.network.info?.layers.find((l) => l.name === this.layer)?.shape[2] ?? 0;
    return html`
      <div class="toolbar" part="toolbar">
        <label>Layer <select aria-label="ReLU layer" .value=${this.layer} @change=${(e: Event) => { this.layer = (e.target as HTMLSelectElement).value; }}>
          ${names.map((n) => html`<option value=${n} ?selected=${n === this.layer}>${n}</option>`)}</select></label>
        <label>Channel <select aria-label="Channel" .value=${String(this.channel)} @change=${(e: Event) => { this.channel = Number((e.target as HTMLSelectElement).value); }}>
          ${Array.from({ length: count }, (_, i) => html`<option value=${i} ?selected=${i === this.channel}>${i}</option>`)}</select></label>
        ${this.statusTemplate()}
      </div>
      ${this.data ? this.renderData(this.data) : nothing}
      ${this.liveRegion()}`;
  }

  private renderData(data: ReluViewData) {
    const [h, w] = data.shape;
    const at = this.shownAt;
    const upTo = this.computedAt;
    const cell = cellAt(data, at);
    const total = h * w;
    const pending = (r: number, c: number) => stepOfPosition({ row: r, col: c }, w) > this.playback.step && !(r === at.row && c === at.col);
    const block = anchoredBlock(upTo, at, LENS, h, w);
    const lens = (role: 'input' | 'output', label: string) => lensTemplate({
      role, label, block, domain: data.domain, current: at,
      value: (r, c) => (role === 'input' ? data.input : data.output)[r * w + c],
      hidden: role === 'output' ? pending : undefined,
      classes: (r, c) => (data.input[r * w + c] < 0 ? 'negative' : ''),
      onCell: (p) => this.setPreview(p),
      onLeave: this.onMapLeave,
      onKey: this.onMapKey,
    });
    const mapLabel = (what: string) => `${what}, ${h} by ${w}; cell (${at.row}, ${at.col}). Arrow keys move; Space plays.`;
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.layer.name}, channel ${data.channel}: ${h} × ${w} = <strong>${formatCount(total)}</strong> values</span>
        <span data-role="negative-count" data-value=${data.negatives}><strong>${formatCount(data.negatives)}</strong> negative → set to 0
          (${Math.round((100 * data.negatives) / total)}%)</span>
      </p>
      ${this.playback.controls(`${data.layer.name} ReLU`)}
      <div class="stage relu-stage" @keydown=${this.onStageKey}>
        <div class="column in">
          <h3>In: <strong>${data.inputLayer.name}</strong>, channel ${data.channel}</h3>
          <div class="map input-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Input ${data.inputLayer.name}`)}
            @pointermove=${this.onMapPointer} @pointerleave=${this.onMapLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
            <canvas data-kind="input"></canvas>
            ${boxTemplate(at.row, at.col, 1, 1, h, w, 'current')}
          </div>
          ${lens('input', `Values going in around (${at.row}, ${at.col})`)}
        </div>
        <div class="column middle">
          ${reluGraphTemplate(data, cell.x, cell.relu)}
          <p class="equation" data-row=${at.row} data-col=${at.col}>
            <span>max(0, <span data-role="x" data-value=${String(cell.x)}>${formatNumber(cell.x, 3)}</span>) =</span>
            <span class="result" data-role="y" data-value=${String(cell.relu)}>${formatNumber(cell.relu, 3)}</span>
          </p>
          <p class="verdict">${cell.x > 0 ? 'Positive: passes unchanged.' : cell.x < 0 ? 'Negative: becomes 0.' : 'Zero stays 0.'}</p>
        </div>
        <div class="column out">
          <h3>Out: <strong>${data.layer.name}</strong>, channel ${data.channel}</h3>
          <div class="map output-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Output ${data.layer.name}`)}
            data-row=${at.row} data-col=${at.col} data-value=${String(cell.engine)}
            @pointermove=${this.onMapPointer} @pointerleave=${this.onMapLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
            <canvas data-kind="output"></canvas>
            ${veilTemplate(upTo, h, w)}
            ${boxTemplate(at.row, at.col, 1, 1, h, w, 'current')}
          </div>
          ${lens('output', `Values coming out around (${at.row}, ${at.col})`)}
        </div>
      </div>
      <div class="legends">${legendTemplate('colour scale of both maps', data.domain)}</div>
      <div class="readout" data-role="readout">${this.readout(data, at)}</div>
      <p class="hint">Point at or focus either map or grid: the same cell lights up in the other. Arrow keys move; Space plays or pauses.</p>`;
  }

  private readout(data: ReluViewData, at: GridPosition) {
    const { x, relu } = cellAt(data, at);
    const fate = x > 0 ? 'It is positive, so it passes through unchanged.' : x < 0 ? 'It is negative, so ReLU replaces it with 0.' : 'It is exactly 0 and stays 0.';
    return html`Cell (${at.row}, ${at.col}): ${data.inputLayer.name} gave <strong>${formatNumber(x, 3)}</strong>; max(0, ${formatNumber(x, 3)}) =
      <strong>${formatNumber(relu, 3)}</strong>. ${fate} ${this.preview ? '(pointed at)' : ''}`;
  }

  private onStep(force = false): void {
    const data = this.data;
    if (!data) return;
    const at = this.computedAt;
    const { x, relu } = cellAt(data, at);
    this.announce(reluSentence(at, x, relu, (v) => formatNumber(v, 2)), { force, playing: this.playback.playing });
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
    const [h, w] = data.shape;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-kind]')) {
      const key = `${data.key}|${canvas.dataset.kind}`;
      if (canvas.dataset.painted === key) continue;
      canvas.dataset.painted = key;
      paintMapChannel(canvas, canvas.dataset.kind === 'input' ? data.input : data.output, [h, w, 1], 0, data.domain);
    }
  }

  private seekTo(p: GridPosition): void {
    if (!this.data) return;
    this.playback.pause();
    this.playback.seek(stepOfPosition(p, this.data.shape[1]));
    this.preview = null;
    this.onStep(true);
  }

  private setPreview(p: GridPosition | null): void {
    if (!p) return;
    this.cancelPreviewClear();
    if (p.row !== this.preview?.row || p.col !== this.preview?.col) this.preview = p;
  }

  private readonly onMapPointer = (e: PointerEvent) => {
    const d = this.data;
    this.setPreview(d && cellFromPointer(e, e.currentTarget as Element, d.shape[0], d.shape[1]));
  };

  private readonly onMapLeave = () => this.clearPreviewSoon(() => { this.preview = null; });

  private readonly onMapClick = (e: MouseEvent) => {
    const d = this.data;
    const p = d && cellFromPointer(e, e.currentTarget as Element, d.shape[0], d.shape[1]);
    if (p) this.seekTo(p);
  };

  /** On a focused map or grid, arrows move the cell (up and down by rows). */
  private readonly onMapKey = (e: KeyboardEvent) => {
    const d = this.data;
    if (!d) return;
    const next = moveByKey(e.key, this.computedAt, d.shape[0], d.shape[1]);
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
    'cnn-relu-view': CnnReluView;
  }
}
