/**
 * What <cnn-conv-view>, <cnn-relu-view> and <cnn-pool-view> share on top of OperationView:
 * the `layer` and `channel` attributes (checked, with a warning and a fallback), the data
 * built for them, a playback that walks the output map cell by cell, the layer and channel
 * pickers, and a cell pointed at or focused on either map, grid or keyboard.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ModelInfo, NetworkRun } from '../../shared/network-types';
import { OperationView } from './operation-view';
import { cellFromPointer } from './map-canvas';
import { chooseChannel, chooseLayer, moveByKey, positionOfStep, stepOfPosition, type GridPosition, type LayerChannelData } from './view-helpers';

/** The least a channel map view's data holds. */
export type ChannelMapData = Pick<LayerChannelData, 'key' | 'layer' | 'channel'>;

/** Where a channel map view's data comes from, and what its layers are called. */
export interface ChannelMapSpec<D> {
  /** The layers' kind, for a warning ("a pooling layer") and the picker's label ("Pooling layer"). */
  layer: { warning: string; label: string };
  /** What the channel is, for a warning ("a channel") and the picker's label ("Channel"). */
  channel: { warning: string; label: string };
  /** The layers the view shows, in the model's order. */
  layerNames(info: ModelInfo | null): string[];
  build(info: ModelInfo | null, run: NetworkRun | null, layer: string, channel: number): D | null;
  /** Rows and columns of the output map, which playback walks row by row. */
  outputGrid(data: D): readonly [number, number];
}

/** A channel, as most views call it. */
export const PLAIN_CHANNEL = { warning: 'a channel', label: 'Channel' };

/** The output grid of data that carries its output shape. */
export const outputShapeGrid = (data: { outShape: readonly number[] }): readonly [number, number] => [data.outShape[0], data.outShape[1]];

export abstract class ChannelMapView<D extends ChannelMapData> extends OperationView {
  @property({ reflect: true }) layer = '';
  @property({ type: Number, reflect: true }) channel = 0;

  /** A cell pointed at (a preview; playback keeps its place). */
  @state() protected preview: GridPosition | null = null;

  /** What is on show; null until the model and the image have arrived. */
  data: D | null = null;
  private checkedFor = '';
  private geometryKey = '';

  /** The view's layers and data (see ChannelMapSpec). */
  protected abstract readonly spec: ChannelMapSpec<D>;
  /** What the live region says of the output cell playback has reached. */
  protected abstract stepSentence(data: D, at: GridPosition): string;
  protected abstract renderData(data: D): unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const info = this.network.info;
    if (info && (changed.has('layer') || changed.has('channel') || this.checkedFor !== info.url)) {
      this.checkedFor = info.url;
      this.checkAttributes();
    }
    const data = this.spec.build(info, this.network.run, this.layer, this.channel);
    if (data?.key !== this.data?.key) this.useData(data);
  }

  /** Invalid attributes warn and fall back; they never throw. */
  private checkAttributes(): void {
    const info = this.network.info!;
    const layer = chooseLayer(this.layer, this.spec.layerNames(info), this.spec.layer.warning);
    this.warn(layer.problem);
    this.layer = layer.value;
    const count = info.layers.find((l) => l.name === this.layer)?.shape[2] ?? 1;
    const channel = chooseChannel(this.getAttribute('channel'), this.channel, count, this.layer, this.spec.channel.warning);
    this.warn(channel.problem);
    this.channel = channel.value;
  }

  private useData(data: D | null): void {
    this.data = data;
    this.preview = null;
    if (!data) return;
    this.dataChanged(data);
    const [rows, cols] = this.spec.outputGrid(data);
    const geometryKey = `${data.layer.name}|${data.channel}`;
    // A new layer or channel starts a new pass; a new image keeps the reader's place.
    this.playback.setTotal(rows * cols, { restart: geometryKey !== this.geometryKey });
    this.geometryKey = geometryKey;
    this.onStep(true);
  }

  /** A new image, layer or channel is on show: a view resets what it keeps of the old one. */
  protected dataChanged(_data: D): void {}

  /** What goes before the toolbar (a stylesheet, say). */
  protected beforeToolbar(): unknown {
    return nothing;
  }

  /** The output cell playback has reached; the cells after it are not computed yet. */
  get computedAt(): GridPosition {
    return positionOfStep(this.playback.step, this.data ? this.spec.outputGrid(this.data)[1] : 1);
  }

  /** The cell on show: the one pointed at, else the playback position. */
  get shownAt(): GridPosition {
    return this.preview ?? this.computedAt;
  }

  /** The layer and channel pickers (the toolbar's, or a fitted figure's controls). */
  protected pickers() {
    const names = this.spec.layerNames(this.network.info);
    const count = this.network.info?.layers.find((l) => l.name === this.layer)?.shape[2] ?? 0;
    return html`<label>Layer <select aria-label=${this.spec.layer.label} .value=${this.layer} @change=${(e: Event) => { this.layer = (e.target as HTMLSelectElement).value; }}>
          ${names.map((n) => html`<option value=${n} ?selected=${n === this.layer}>${n}</option>`)}</select></label>
        <label>${this.spec.channel.label} <select aria-label=${this.spec.channel.label} .value=${String(this.channel)} @change=${(e: Event) => { this.channel = Number((e.target as HTMLSelectElement).value); }}>
          ${Array.from({ length: count }, (_, i) => html`<option value=${i} ?selected=${i === this.channel}>${i}</option>`)}</select></label>`;
  }

  override render() {
    return html`${this.beforeToolbar()}
      <div class="toolbar" part="toolbar">
        ${this.pickers()}
        ${this.statusTemplate()}
      </div>
      ${this.data ? this.renderData(this.data) : nothing}
      ${this.liveRegion()}`;
  }

  protected override onStep(force = false): void {
    const data = this.data;
    if (!data) return;
    this.announce(this.stepSentence(data, this.computedAt), { force, playing: this.playback.playing });
  }

  protected seekTo(p: GridPosition): void {
    if (!this.data) return;
    this.playback.pause();
    this.playback.seek(stepOfPosition(p, this.spec.outputGrid(this.data)[1]));
    this.preview = null;
    this.onStep(true);
  }

  protected setPreview(p: GridPosition | null): void {
    if (!p) return;
    this.cancelPreviewClear();
    if (p.row !== this.preview?.row || p.col !== this.preview?.col) this.preview = p;
  }

  /** The output cell under the pointer on a map drawn at the output's size (both of ReLU's maps, pooling's output map). */
  protected mapCell(e: MouseEvent): GridPosition | null {
    const d = this.data;
    if (!d) return null;
    const [rows, cols] = this.spec.outputGrid(d);
    return cellFromPointer(e, e.currentTarget as Element, rows, cols);
  }

  protected readonly onMapPointer = (e: PointerEvent) => this.setPreview(this.mapCell(e));
  protected readonly onLeave = () => this.clearPreviewSoon(() => { this.preview = null; });
  protected readonly onMapClick = (e: MouseEvent) => { const p = this.mapCell(e); if (p) this.seekTo(p); };

  /** On a focused map or grid, arrows move the output cell (up and down by rows). */
  protected readonly onMapKey = (e: KeyboardEvent) => {
    const d = this.data;
    if (!d) return;
    const [rows, cols] = this.spec.outputGrid(d);
    const next = moveByKey(e.key, this.computedAt, rows, cols);
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    this.seekTo(next);
  };

  protected override previewEnded(): void {
    this.preview = null;
  }
}
