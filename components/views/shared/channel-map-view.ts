/**
 * What <cnn-conv-view>, <cnn-relu-view> and <cnn-pool-view> share on top of OperationView:
 * the `layer` and `channel` attributes (checked, with a warning and a fallback), the data
 * built for them, a playback that walks the output map cell by cell, the layer and channel
 * pickers, and a cell pointed at or focused on either map, grid or keyboard.
 *
 * With no `channel` attribute a view whose spec has a channel rule (`autoChannel`) shows the
 * channel the rule picks on the live activations, and picks again for a new picture or
 * layer; the choice is not written back to the attribute (so a page's address does not
 * fill with it). A channel named by the page, by script or by the reader's menu sets the
 * attribute and sticks. A spec may also feature a cell (`featured`): the one a finished
 * pass shows, so that the finished state shows the operation at work.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ModelInfo, NetworkRun } from '../../shared/network-types';
import { OperationView } from './operation-view';
import { cellFromPointer } from './map-canvas';
import { chooseChannel, chooseLayer, moveByKey, positionOfStep, stepOfPosition, type ChannelChoice, type GridPosition, type LayerChannelData } from './view-helpers';

export type { ChannelChoice } from './view-helpers';

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
  /** The channel to show when none is named; without a rule, channel 0. */
  autoChannel?(info: ModelInfo, run: NetworkRun, layer: string): ChannelChoice | null;
  /** The output cell a finished pass shows; without one, the last cell. */
  featured?(data: D): GridPosition | null;
}

/** A channel, as most views call it. */
export const PLAIN_CHANNEL = { warning: 'a channel', label: 'Channel' };

/** The output grid of data that carries its output shape. */
export const outputShapeGrid = (data: { outShape: readonly number[] }): readonly [number, number] => [data.outShape[0], data.outShape[1]];

export abstract class ChannelMapView<D extends ChannelMapData> extends OperationView {
  @property({ reflect: true }) layer = '';

  /**
   * The channel on show. Setting it (the attribute, script or the reader's menu) names it,
   * and it is written to the attribute; removing the attribute (or setting null) hands the
   * choice back to the view's rule.
   */
  @property({ type: Number, noAccessor: true })
  get channel(): number {
    return this.channelShown;
  }
  set channel(value: number | null) {
    const old = this.channelShown;
    const wasNamed = this.channelNamed;
    this.channelNamed = value !== null && value !== undefined;
    this.channelShown = this.channelNamed ? (value as number) : 0;
    this.ruleKey = '';
    // Naming a channel, or handing the choice back, is a change even when the number stays.
    this.requestUpdate('channel', wasNamed === this.channelNamed ? old : undefined);
  }

  /** A cell pointed at (a preview; playback keeps its place). */
  @state() protected preview: GridPosition | null = null;

  /** What is on show; null until the model and the image have arrived. */
  data: D | null = null;
  /** The rule's pick while no channel is named; null when a channel is named (or no rule applies yet). */
  channelChoice: ChannelChoice | null = null;
  private channelShown = 0;
  private channelNamed = false;
  private ruleKey = '';
  private checkedFor = '';
  private geometryKey = '';
  /** The cell a finished pass shows, and whether it is on show (until playback moves). */
  private featuredCell: GridPosition | null = null;
  private showingFeatured = false;
  private lastPlaying = false;
  private builtFor?: { info: ModelInfo | null; run: NetworkRun | null; layer: string; channel: number };

  /** The view's layers and data (see ChannelMapSpec). */
  protected abstract readonly spec: ChannelMapSpec<D>;
  /** What the live region says of the output cell playback has reached. */
  protected abstract stepSentence(data: D, at: GridPosition): string;
  protected abstract renderData(data: D): unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { info, run } = this.network;
    if (info && (changed.has('layer') || changed.has('channel') || this.checkedFor !== info.url)) {
      this.checkedFor = info.url;
      this.checkAttributes();
    }
    if (info && run) this.applyChannelRule(info, run);
    // Built once per model, run, layer and channel: not on every playback frame.
    const b = this.builtFor;
    if (!b || b.info !== info || b.run !== run || b.layer !== this.layer || b.channel !== this.channel) {
      this.builtFor = { info, run, layer: this.layer, channel: this.channel };
      const data = this.spec.build(info, run, this.layer, this.channel);
      if (data?.key !== this.data?.key) this.useData(data);
    }
    // A pass that stops on its last cell (played to the end, or sent there while playing) is finished.
    const playing = this.playback.playing;
    if (this.lastPlaying && !playing && this.atEnd) this.showingFeatured = true;
    this.lastPlaying = playing;
  }

  /** Invalid attributes warn and fall back; they never throw. */
  private checkAttributes(): void {
    const info = this.network.info!;
    const layer = chooseLayer(this.layer, this.spec.layerNames(info), this.spec.layer.warning);
    this.warn(layer.problem);
    if (layer.value !== this.layer) this.ruleKey = '';
    this.layer = layer.value;
    if (!this.channelNamed) return;
    const count = info.layers.find((l) => l.name === this.layer)?.shape[2] ?? 1;
    const channel = chooseChannel(this.getAttribute('channel'), this.channel, count, this.layer, this.spec.channel.warning);
    this.warn(channel.problem);
    this.channel = channel.value;
  }

  /** With no channel named, the rule picks one for this picture and layer (once per pair). */
  private applyChannelRule(info: ModelInfo, run: NetworkRun): void {
    if (this.channelNamed) {
      this.channelChoice = null;
      return;
    }
    const key = `${info.url}|${run.imageKey}|${this.layer}`;
    if (key === this.ruleKey) return;
    this.ruleKey = key;
    this.channelChoice = this.spec.autoChannel?.(info, run, this.layer) ?? null;
    this.channelShown = this.channelChoice?.channel ?? 0;
  }

  /** Names a channel as the page or the reader would: it sticks, and shows in the attribute. */
  protected nameChannel(channel: number): void {
    this.channel = channel;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.channelNamed && this.getAttribute('channel') !== String(this.channel)) this.setAttribute('channel', String(this.channel));
    super.updated(changed);
  }

  private useData(data: D | null): void {
    this.data = data;
    this.preview = null;
    if (!data) return;
    this.dataChanged(data);
    const [rows, cols] = this.spec.outputGrid(data);
    // A rule's new pick for a new picture is no new pass: only the reader's layer or channel is.
    const geometryKey = `${data.layer.name}|${this.channelNamed ? data.channel : 'rule'}`;
    // A new layer or channel starts a new pass; a new image keeps the reader's place.
    this.playback.setTotal(rows * cols, { restart: geometryKey !== this.geometryKey });
    this.geometryKey = geometryKey;
    this.featuredCell = this.spec.featured?.(data) ?? null;
    this.showingFeatured = this.atEnd && !this.playback.playing;
    this.onStep(true);
  }

  private get atEnd(): boolean {
    return this.playback.step >= this.playback.total - 1;
  }

  /** Playback moved: the featured cell gives way to the cell playback reached. */
  protected override stepChanged(): void {
    this.showingFeatured = false;
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

  /**
   * The cell on show when nothing is pointed at: a finished pass shows the featured cell
   * (until playback moves), otherwise the cell playback has reached.
   */
  get restingAt(): GridPosition {
    return this.showingFeatured && this.featuredCell ? this.featuredCell : this.computedAt;
  }

  /** The cell on show: the one pointed at, else the resting cell. */
  get shownAt(): GridPosition {
    return this.preview ?? this.restingAt;
  }

  /** The layer and channel pickers (the toolbar's, or a fitted figure's controls). */
  protected pickers() {
    const names = this.spec.layerNames(this.network.info);
    const count = this.network.info?.layers.find((l) => l.name === this.layer)?.shape[2] ?? 0;
    return html`<label>Layer <select aria-label=${this.spec.layer.label} .value=${this.layer} @change=${(e: Event) => { this.layer = (e.target as HTMLSelectElement).value; }}>
          ${names.map((n) => html`<option value=${n} ?selected=${n === this.layer}>${n}</option>`)}</select></label>
        <label>${this.spec.channel.label} <select aria-label=${this.spec.channel.label} .value=${String(this.channel)} @change=${(e: Event) => this.nameChannel(Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: count }, (_, i) => html`<option value=${i} ?selected=${i === this.channel}>${i}</option>`)}</select></label>`;
  }

  /** The layer and channel pickers and the status line. */
  protected toolbarTemplate() {
    return html`<div class="toolbar" part="toolbar">${this.pickers()}${this.statusTemplate()}</div>`;
  }

  override render() {
    if (this.fit) {
      return html`${this.beforeToolbar()}
        ${this.data ? this.renderFitted(this.data, this.toolbarTemplate()) : this.statusTemplate({ block: true })}
        ${this.liveRegion()}`;
    }
    return html`${this.beforeToolbar()}
      ${this.toolbarTemplate()}
      ${this.data ? this.renderData(this.data) : nothing}
      ${this.liveRegion()}`;
  }

  /** The layout when the figure must fit its box (see FrameController); by default the full one. */
  protected renderFitted(data: D, toolbar: unknown): unknown {
    return html`${toolbar}${this.renderData(data)}`;
  }

  /** The channel on show for a figure's text, with the rule that chose it: "channel 4" or "channel 4, where the most values are non-zero". */
  protected channelText(channel: number): string {
    return this.channelChoice ? `channel ${channel}, ${this.channelChoice.rule}` : `channel ${channel}`;
  }

  protected override onStep(force = false): void {
    const data = this.data;
    if (!data) return;
    this.announce(this.stepSentence(data, this.restingAt), { force, playing: this.playback.playing });
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
    const next = moveByKey(e.key, this.restingAt, rows, cols);
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    this.seekTo(next);
  };

  protected override previewEnded(): void {
    this.preview = null;
  }
}
