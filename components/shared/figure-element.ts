/**
 * The base of every figure (`cnn-*` element that shows the network): the `image`, `model`
 * and `subject` attributes, the live network and the picture it runs, the size of the
 * element's content box, a console warning in one form, the status line and a polite live
 * region that speaks at a calm pace while something plays.
 *
 * A figure extends FigureElement (or OperationView, for the operation views) and renders
 * `statusTemplate()` and `liveRegion()` where they belong in its layout.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { NetworkController } from './network-controller';
import { NetworkStore } from './network-store';
import { ImageSourceController } from './image-source-controller';
import { SizeController } from './size-controller';
import { assetUrl, DEFAULT_MODEL_PATH } from './asset-base';
import { networkStatus } from './network-status';
import { FrameController, WHOLE_FIGURE, type FrameSpec } from './frame-controller';
import { variantKey } from '../../model/engine/variant-key';
import { PageModelController, pageModel } from './page-model';

/** While something plays, the live region speaks at most this often. */
export const ANNOUNCE_EVERY_MS = 4000;

export abstract class FigureElement extends LitElement {
  /** An example id (assets/examples/manifest.json) or an image URL; empty means the first example. */
  @property({ reflect: true }) image = '';
  /** URL of a TF.js layers-model; empty means the page's model (the shipped Tiny VGG unless the reader switched the page to a model they taught). */
  @property({ reflect: true }) model = '';
  /** The reader's changes to the network (kernels replaced, channels off) in the edits' link format; empty for the trained weights. */
  @property({ reflect: true }) edits = '';
  /** The part of the figure the surrounding prose is talking about: one of the figure's subjects (see frameSpec). */
  @property({ reflect: true }) subject = '';
  /** Fit the element's box (which the page sizes): show only what the subject needs, never scroll inside. */
  @property({ type: Boolean, reflect: true }) fit = false;

  @state() protected announcement = '';

  /**
   * A figure's first render waits for a task of its own: the page's scripts finish
   * evaluating, then each figure draws, so no one task does all of it.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await new Promise((resolve) => setTimeout(resolve, 0));
    super.scheduleUpdate();
  }

  /** Whether the figure paints the shipped model's first-run snapshot while the model loads (first-run.ts). */
  protected paintsFirstRun(): boolean {
    return false;
  }

  readonly network = new NetworkController(this, { firstRun: () => this.paintsFirstRun() });
  readonly source = new ImageSourceController(this, this.network);
  /** The content box, for layouts that change with the space the figure is given. */
  readonly size = new SizeController(this);
  /** Marks the subject's element, and in a fitted figure hides the parts it does not need. */
  readonly frame = new FrameController(this, () => this.frameSpec());
  /** Follows the page's model (page-model.ts) when the figure names none. */
  readonly pageModel = new PageModelController(this, () => { if (!this.model) this.network.setModel(this.modelKey()); });

  private lastAnnounceAt = -Infinity;

  /** The content box's width in CSS pixels; 0 until measured. */
  protected get width(): number {
    return this.size.width;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('model') || changed.has('edits') || !this.hasUpdated) this.refreshModel();
    if (changed.has('image') || !this.hasUpdated) this.source.request(this.image);
  }

  /** The model the figure shows, without edits: its `model`, else the page's (a taught model), else the shipped one. */
  protected baseModel(): string {
    return this.model || pageModel.current?.key || assetUrl(DEFAULT_MODEL_PATH);
  }

  /** The key of the model the figure shows, with the edits in force. */
  protected modelKey(): string {
    const edits = this.modelEdits();
    return variantKey(this.baseModel(), edits ? { edits } : null);
  }

  /** The edits the network runs with: `edits`, unless a figure that reads them found them unusable (EditsController). */
  protected modelEdits(): string {
    return this.edits;
  }

  /** Points the network at the model with the edits in force (again, when modelEdits() changed its answer). */
  refreshModel(): void {
    this.network.setModel(this.modelKey());
  }

  /** The store of the model without edits, to set an edited run beside the trained one. */
  trainedStore(): NetworkStore {
    return NetworkStore.for(this.baseModel());
  }

  /**
   * The figure's subjects: for each, the parts (`data-part` in the template) it needs when
   * the figure must fit a box, and the element the prose talks about. Figures override it.
   */
  protected frameSpec(): FrameSpec {
    return WHOLE_FIGURE;
  }

  /** Console warning in the figures' common form: `<cnn-x>: …`. */
  protected warn(problem: string): void {
    if (problem) console.warn(`<${this.localName}>: ${problem}`);
  }

  /** Milliseconds for pacing the live region; performance.now (tests may replace it). */
  protected now(): number {
    return performance.now();
  }

  /** Whether the status line reports a failure. */
  protected get failed(): boolean {
    return Boolean(this.network.error || this.source.error);
  }

  /** What the status line says: loading, running or failed; empty once the run is on screen. */
  protected statusText(): unknown {
    return networkStatus(this.network, this.source);
  }

  /** The status line; `block` puts it on a line of its own (a div) rather than in a toolbar. */
  protected statusTemplate({ block = false } = {}) {
    const kind = this.failed ? 'error' : 'info';
    const text = this.statusText();
    return block
      ? html`<div class="status" role="status" data-kind=${kind}>${text || nothing}</div>`
      : html`<span class="status" role="status" data-kind=${kind}>${text}</span>`;
  }

  /** Fills the live region; while `playing`, no more often than ANNOUNCE_EVERY_MS unless forced. */
  protected announce(text: string, { force = false, playing = false } = {}): void {
    const now = this.now();
    if (!force && playing && now - this.lastAnnounceAt < ANNOUNCE_EVERY_MS) return;
    this.lastAnnounceAt = now;
    this.announcement = text;
  }

  protected liveRegion() {
    return html`<div class="sr-only" aria-live="polite" data-role="announcement">${this.announcement}</div>`;
  }
}
