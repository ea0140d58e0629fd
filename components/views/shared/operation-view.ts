/**
 * What the operation views (<cnn-conv-view>, <cnn-relu-view>, <cnn-pool-view>,
 * <cnn-flatten-view>, <cnn-softmax-view>) have in common: the `image` and `model`
 * attributes, the live network and the picture it runs, the element's width (for layouts
 * that change with it), frame-batched renders and a clock that keeps a pass on time, the
 * status line, a polite live region that speaks at a calm pace while playback runs, and
 * the after-render round: a step announced where playback stops, then the canvases painted.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { NetworkController } from '../../shared/network-controller';
import { ImageSourceController } from '../../shared/image-source-controller';
import { assetUrl, DEFAULT_MODEL_PATH } from '../../shared/asset-base';
import type { PlaybackController } from '../../shared/playback-controller';
import { networkStatus } from './network-status';

/** While playing, the live region speaks at most this often. */
export const ANNOUNCE_EVERY_MS = 4000;

export abstract class OperationView extends LitElement {
  /** An example id (assets/examples/manifest.json) or an image URL; empty means the first example. */
  @property({ reflect: true }) image = '';
  /** URL of a TF.js layers-model; empty means the shipped Tiny VGG. */
  @property({ reflect: true }) model = '';

  @state() protected width = 0;
  @state() protected announcement = '';

  readonly network = new NetworkController(this);
  readonly source = new ImageSourceController(this, this.network);
  /** Each view's playback; the base keeps a pass on time (see keepPace). */
  abstract readonly playback: PlaybackController;

  private resizeObserver?: ResizeObserver;
  private lastAnnounceAt = 0;
  private previewClear: ReturnType<typeof setTimeout> | undefined;
  private playClock: { t0: number; step0: number; stepMs: number } | null = null;
  private catchingUp = false;
  private wasPlaying = false;

  /** Announces the step on show; `force` speaks even while playing (see announce). */
  protected abstract onStep(force?: boolean): void;

  /** Paints the view's canvases after each render (those whose content changed). */
  protected paint(): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w !== this.width) this.width = w;
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizeObserver?.disconnect();
    super.disconnectedCallback();
  }

  /**
   * While playing, renders wait for the next frame: steps of a few milliseconds (3,844 cells
   * in 20 s) then share one render instead of one render each.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.playback?.playing && typeof requestAnimationFrame === 'function') {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    super.scheduleUpdate();
  }

  /**
   * Keeps a pass on schedule where the device cannot step as fast as asked: while playing,
   * playback jumps to the step the clock says is due (every step stays reachable by stepping
   * and scrubbing). Call it first in the playback's onStep; true means it jumped, and the
   * jump has reported its own step.
   */
  protected keepPace(step: number): boolean {
    const p = this.playback;
    if (!p.playing) {
      this.playClock = null;
      return false;
    }
    if (!this.playClock || this.playClock.stepMs !== p.stepMs || step < this.playClock.step0) {
      this.playClock = { t0: performance.now(), step0: step, stepMs: p.stepMs };
      return false;
    }
    const due = this.playClock.step0 + Math.floor((performance.now() - this.playClock.t0) / this.playClock.stepMs);
    if (due <= step + 1 || this.catchingUp) return false;
    this.catchingUp = true;
    p.seek(Math.min(p.total - 1, due));
    this.catchingUp = false;
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('model') || !this.hasUpdated) this.network.setModel(this.model || assetUrl(DEFAULT_MODEL_PATH));
    if (changed.has('image') || !this.hasUpdated) this.source.request(this.image);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.wasPlaying && !this.playback.playing) this.onStep(true);
    this.wasPlaying = this.playback.playing;
    this.paint();
  }

  /**
   * Clears a pointer preview once the current event has been dispatched. A pointer moving
   * from one linked element straight onto another gets the leave event first; clearing at
   * once would re-render (a microtask) before the enter event, and the layout would shift
   * under the pointer. A new preview in the meantime cancels the clearing.
   */
  protected clearPreviewSoon(clear: () => void): void {
    this.cancelPreviewClear();
    this.previewClear = setTimeout(() => { this.previewClear = undefined; clear(); }, 0);
  }

  protected cancelPreviewClear(): void {
    if (this.previewClear !== undefined) clearTimeout(this.previewClear);
    this.previewClear = undefined;
  }

  /** Console warning in the views' common form: `<cnn-x-view>: …`. */
  protected warn(problem: string): void {
    if (problem) console.warn(`<${this.localName}>: ${problem}`);
  }

  /** The status line: loading, running or failed; empty once the run is on screen. */
  protected statusTemplate() {
    const failed = Boolean(this.network.error || this.source.error);
    return html`<span class="status" role="status" data-kind=${failed ? 'error' : 'info'}>${networkStatus(this.network, this.source)}</span>`;
  }

  /** Fills the live region; while `playing`, no more often than ANNOUNCE_EVERY_MS unless forced. */
  protected announce(text: string, { force = false, playing = false } = {}): void {
    const now = performance.now();
    if (!force && playing && now - this.lastAnnounceAt < ANNOUNCE_EVERY_MS) return;
    this.lastAnnounceAt = now;
    this.announcement = text;
  }

  protected liveRegion() {
    return html`<div class="sr-only" aria-live="polite" data-role="announcement">${this.announcement}</div>`;
  }
}
