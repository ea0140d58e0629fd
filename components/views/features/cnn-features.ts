import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../shared/define-element';
import { FigureElement } from '../../shared/figure-element';
import type { FrameSpec } from '../../shared/frame-controller';
import { paintRgb } from '../../shared/map-painter';
import { loadExamples } from '../../shared/examples';
import { sharedViewStyles } from '../shared/view-styles';
import { controlsPanelTemplate, fitHeadTemplate, fitTier, fittedStyles, type TieredParts } from '../shared/fitted-layout';
import { chooseChannel, chooseLayer } from '../shared/view-helpers';
import { INSPECT_JOBS, type PatchPicture, type PatchesResult } from '../../inspect/inspect-protocol';
import { LatestJob, modelRef } from '../../inspect/inspect-client';
import { atlasActivation, atlasFitsInfo, atlasUrlFor, convLayerNames, drawAtlasTile, loadAtlas, type Atlas } from './features-data';
import { LiveFeatures } from './live-features';
import { gridTemplate, lookTemplate, patchesTemplate, type FeaturesHandlers, type LookState } from './features-templates';
import { featuresStyles } from './features-styles';

const EVERYTHING = ['head', 'look', 'patches', 'grid'];
/** What each subject shows when fitted, by room. */
const FEATURES_PARTS: TieredParts = {
  'looks-for': { small: ['head', 'look'], medium: ['head', 'look', 'grid'], roomy: EVERYTHING },
  patches: { small: ['head', 'patches'], medium: ['head', 'look', 'patches'], roomy: EVERYTHING },
  grid: { small: ['head', 'grid'], medium: ['head', 'grid', 'look'], roomy: EVERYTHING },
};

const SUBJECTS: Record<string, { focus: string; about: string }> = {
  'looks-for': { focus: '[data-part="look"]', about: 'the input that excites the channel most' },
  patches: { focus: '[data-part="patches"]', about: 'where the channel is strongest in real pictures' },
  grid: { focus: '[data-part="grid"]', about: 'every channel of the layer, to pick from' },
};

/** Patches over all pictures, at most two from one picture, and the picture on show's own. */
const PATCHES = { k: 8, perPicture: 2, kCurrent: 3 };

/**
 * "What each channel looks for": for one channel of a convolution layer, the input that
 * excites it most, found by gradient ascent on the input (random jitter, a fading blur,
 * colours kept in range), beside the places of the example pictures and of the picture on
 * show where it is strongest (each crop is the receptive field of one value), and a grid of
 * every channel of the layer to pick from. For the shipped weights the pictures come
 * precomputed (assets/model/features/, used only when its fingerprint matches the weights);
 * for any other model (the reference model, an edited one) they are computed live in the
 * worker, with a progress bar and a Stop button.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `looks-for` (the channel's picture),
 * `patches` (the strongest patches of real pictures) and `grid` (every channel of the layer).
 *
 * @attr layer - A convolution layer (e.g. `conv_2_1`); other names warn and show the first convolution.
 * @attr channel - The channel, from 0; out of range values warn and show 0.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL: the picture on show.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @attr edits - The reader's changes to the network, in the edits' link format (always computed live).
 * @attr subject - The part the prose talks about: `looks-for`, `patches` or `grid`.
 * @attr fit - Fit the element's box, showing only what the subject needs.
 * @fires cnn-channel - The reader picked a layer or channel: detail `{ layer, channel }`.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the chosen channel and the progress bar.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 * @csspart toolbar - The layer and channel pickers and the status line.
 */
@customElement('cnn-features')
export class CnnFeatures extends FigureElement {
  static override styles = [sharedViewStyles, fittedStyles, featuresStyles];

  @property({ reflect: true }) layer = '';
  @property({ type: Number, reflect: true }) channel = 0;

  /** The shipped model's atlas, when it fits the loaded weights; null otherwise (then: live). */
  atlas: Atlas | null = null;
  /** Where the channel pictures come from: 'atlas' or 'live' once known; '' while the atlas is being checked. */
  @state() origin: '' | 'atlas' | 'live' = '';
  /** The patches on show, and what they were found for. */
  patches: (PatchesResult & { key: string }) | null = null;
  readonly live = new LiveFeatures(this);

  @state() private patchesBusy = false;
  @state() private patchesError = '';
  private readonly patchJob = new LatestJob();
  private checkedFor = '';
  private atlasFor = '';
  private patchesWanted = '';

  get layerInfo() {
    return this.network.info?.layers.find((l) => l.name === this.layer) ?? null;
  }

  get channelCount(): number {
    return this.layerInfo?.shape[2] ?? 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live.stop();
    this.patchJob.cancel();
    this.patchesWanted = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const info = this.network.info;
    if (!info) return;
    // A removed channel attribute (as the article's stage does for "no channel named") means channel 0.
    if ((this.channel as number | null) === null) this.channel = 0;
    if (this.checkedFor !== info.url || changed.has('layer') || changed.has('channel')) {
      this.checkedFor = info.url;
      const layer = chooseLayer(this.layer, convLayerNames(info), 'a convolution layer');
      this.warn(layer.problem);
      this.layer = layer.value;
      const channel = chooseChannel(this.getAttribute('channel'), this.channel, this.channelCount, this.layer);
      this.warn(channel.problem);
      this.channel = channel.value;
    }
    if (this.atlasFor !== info.url) this.checkAtlas(info.url);
    if (this.origin === 'live') this.live.want(info.url, this.layer, this.channel);
    const run = this.network.run;
    if (run) this.wantPatches(info.url, run.imageKey, run.values[0]);
  }

  /** Uses the atlas when it is the shipped model's and fits its weights; else everything is live. */
  private checkAtlas(modelKey: string): void {
    this.atlasFor = modelKey;
    this.atlas = null;
    this.origin = '';
    const url = atlasUrlFor(modelKey);
    const decided = (atlas: Atlas | null) => {
      if (this.atlasFor !== modelKey) return;
      const info = this.network.info;
      this.atlas = atlas && info && atlasFitsInfo(atlas.index, info) ? atlas : null;
      this.origin = this.atlas ? 'atlas' : 'live';
    };
    if (!url) decided(null);
    else void loadAtlas(url).then(decided);
  }

  private wantPatches(modelKey: string, imageKey: string, input: Float32Array): void {
    const key = `${modelKey}|${imageKey}|${this.layer}|${this.channel}`;
    if (key === this.patchesWanted) return;
    this.patchesWanted = key;
    void this.findPatches(key, modelKey, input);
  }

  private async findPatches(key: string, modelKey: string, input: Float32Array): Promise<void> {
    this.patchesBusy = true;
    this.patchesError = '';
    const examples = await loadExamples().catch(() => []);
    const currentId = this.source_id();
    const own = Float32Array.from(input);
    const pictures: PatchPicture[] = [
      { id: currentId, label: this.source.label || 'The picture on show', input: own },
      ...examples.filter((e) => e.id !== currentId).map((e) => ({ id: e.id, label: e.title, url: e.src })),
    ];
    const payload = { ...modelRef(modelKey), layer: this.layer, channel: this.channel, pictures, current: currentId, ...PATCHES };
    const outcome = await this.patchJob.start<PatchesResult>(INSPECT_JOBS.patches, payload, { transfer: [own.buffer] });
    if (key !== this.patchesWanted) return;
    this.patchesBusy = false;
    if (outcome.ok) this.patches = { ...outcome.result, key };
    else if (!outcome.cancelled) this.patchesError = `The patches could not be found: ${outcome.message}`;
  }

  /** The id of the picture on show among the patches' pictures: its example id, else one of its own. */
  private source_id(): string {
    return this.source.exampleId || 'picture-on-show';
  }

  /** Picks a channel (and layer) as the reader does: reflected, and announced with an event. */
  selectChannel(channel: number, layer = this.layer): void {
    if (channel === this.channel && layer === this.layer) return;
    this.layer = layer;
    this.channel = channel;
    this.dispatchEvent(new CustomEvent('cnn-channel', { detail: { layer, channel }, bubbles: true, composed: true }));
    this.announce(`Channel ${channel} of ${layer}.`, { force: true });
  }

  private readonly handlers: FeaturesHandlers = {
    onStop: () => this.live.stop(),
    onRestart: () => { const info = this.network.info; if (info) this.live.want(info.url, this.layer, this.channel, { again: true }); },
    onChannel: (c) => this.selectChannel(c),
    onFillGrid: () => { const info = this.network.info; if (info) this.live.fill(info.url, this.layer, this.channelCount); },
  };

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    void this.paint();
  }

  /** Paints the channel's picture, the grid, the crops and the picture on show (each only when it changed). */
  private async paint(): Promise<void> {
    const root = this.renderRoot;
    const info = this.network.info;
    if (!info) return;
    const stamp = (c: HTMLCanvasElement, s: string) => (c.dataset.painted === s ? false : ((c.dataset.painted = s), true));
    const look = root.querySelector<HTMLCanvasElement>('canvas.look-image');
    const thumbs = [...root.querySelectorAll<HTMLCanvasElement>('canvas.thumb-image')];
    if (this.origin === 'atlas' && this.atlas) {
      const atlas = this.atlas;
      if (look && stamp(look, `atlas|${this.layer}|${this.channel}`)) await drawAtlasTile(look, atlas, this.layer, this.channel);
      for (const t of thumbs) if (stamp(t, `atlas|${this.layer}|${t.dataset.channel}`)) await drawAtlasTile(t, atlas, this.layer, Number(t.dataset.channel));
    } else if (this.origin === 'live') {
      const shape = info.layers[0].shape;
      const shown = this.live.imageFor(info.url, this.layer, this.channel);
      if (look && shown && stamp(look, shown.stamp)) paintRgb(look, shown.image, shape);
      for (const t of thumbs) {
        const r = this.live.imageFor(info.url, this.layer, Number(t.dataset.channel), { finishedOnly: true });
        if (r && stamp(t, r.stamp)) paintRgb(t, r.image, shape);
      }
    }
    const run = this.network.run;
    const current = root.querySelector<HTMLCanvasElement>('canvas.current-image');
    if (current && run && stamp(current, run.imageKey)) paintRgb(current, run.values[0], info.layers[0].shape);
    const patches = this.patches;
    if (patches) {
      for (const c of root.querySelectorAll<HTMLCanvasElement>('canvas.patch-crop')) {
        const p = patches.patches[Number(c.dataset.patch)];
        if (p && stamp(c, `${patches.key}|${c.dataset.patch}`)) paintRgb(c, p.crop, [p.height, p.width, 3]);
      }
    }
  }

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    const subjects = Object.fromEntries(Object.entries(SUBJECTS).map(([name, f]) => [name, { ...f, parts: FEATURES_PARTS[name][tier] }]));
    return { subjects, fallback: 'looks-for', controls: ['controls'], contentKey: `${tier}|${this.layer}|${this.channel}|${this.origin}|${this.patches?.key ?? ''}|${this.live.running}` };
  }

  /** What the channel's picture shows now (for the templates and tests). */
  lookState(): LookState {
    const info = this.network.info;
    const live = this.origin === 'live' && info ? this.live.stateFor(info.url, this.layer, this.channel) : null;
    const atlasAct = this.atlas ? atlasActivation(this.atlas.index, this.layer, this.channel) : null;
    return {
      layer: this.layer,
      channel: this.channel,
      channels: this.channelCount,
      source: this.origin || 'atlas',
      progress: live?.progress ?? null,
      done: this.origin === 'atlas' || Boolean(live?.done),
      stopped: Boolean(live?.stopped),
      activation: this.origin === 'atlas' ? atlasAct : live?.activation ?? null,
      steps: this.origin === 'atlas' ? this.atlas?.index.settings.steps ?? 0 : live?.total ?? 96,
      taken: live?.steps ?? 0,
      error: live?.error ?? '',
    };
  }

  private pickers() {
    const info = this.network.info;
    const layers = convLayerNames(info);
    return html`<label>Layer <select aria-label="Convolution layer" @change=${(e: Event) => this.selectChannel(0, (e.target as HTMLSelectElement).value)}>
        ${layers.map((n) => html`<option value=${n} ?selected=${n === this.layer}>${n}</option>`)}</select></label>
      <label>Channel <select aria-label="Channel" @change=${(e: Event) => this.selectChannel(Number((e.target as HTMLSelectElement).value))}>
        ${Array.from({ length: this.channelCount }, (_, c) => html`<option value=${c} ?selected=${c === this.channel}>${c}</option>`)}</select></label>`;
  }

  private parts(compact: boolean) {
    const info = this.network.info!;
    const [h, w] = info.layers[0].shape;
    const patchState = {
      layer: this.layer, channel: this.channel, patches: this.patches?.patches ?? null, current: this.patches?.current ?? null,
      currentId: this.source_id(), label: this.source.label || 'The picture on show', busy: this.patchesBusy, size: [h, w] as [number, number],
    };
    const grid = { layer: this.layer, channels: this.channelCount, selected: this.channel, source: this.origin || 'atlas', ready: this.live.readyChannels(info.url, this.layer), computing: this.live.computingChannel(info.url, this.layer) } as const;
    return {
      look: lookTemplate(this.lookState(), this.handlers, compact),
      patches: html`${patchesTemplate(patchState, compact ? 4 : Infinity)}${this.patchesError ? html`<p class="status" data-kind="error">${this.patchesError}</p>` : nothing}`,
      grid: gridTemplate(grid, this.handlers),
    };
  }

  override render() {
    if (!this.network.info || !this.origin) return html`${this.statusTemplate({ block: true })}${this.liveRegion()}`;
    if (this.fit) return this.renderFitted();
    const p = this.parts(false);
    return html`<div class="toolbar" part="toolbar">${this.pickers()}${this.statusTemplate()}</div>
      <div class="feat-main">${p.look}${p.patches}</div>
      ${p.grid}
      ${this.liveRegion()}`;
  }

  private renderFitted() {
    const tier = fitTier(this.size.width, this.size.height);
    const p = this.parts(tier === 'small');
    return html`<div class="fit-root feat-fit ${tier} subject-${this.frame.current}">
      ${fitHeadTemplate(this.frame.controlsButton(), html`<strong>${this.layer}</strong>, channel <strong>${this.channel}</strong> of ${this.channelCount}`)}
      ${controlsPanelTemplate(html`<div class="toolbar">${this.pickers()}${this.statusTemplate()}</div>`)}
      <div class="fit-grow"><div class="feat-body">${p.look}${p.patches}${p.grid}</div></div>
      ${this.liveRegion()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-features': CnnFeatures;
  }
}
