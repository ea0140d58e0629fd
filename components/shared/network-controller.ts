/**
 * The one controller every figure uses to get the live network: it wakes when its host
 * comes near the viewport, loads the model through the page's shared store, runs images,
 * and delivers only the newest image's result (a stale run is dropped, never shown).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NetworkStore } from './network-store';
import type { ModelInfo, NetworkRun } from './network-types';
import type { ImageInput } from './worker-protocol';

/** `preview`: a first-run snapshot is on show (first-run.ts); it looks ready, and the live run is on its way. */
export type NetworkPhase = 'asleep' | 'loading' | 'running' | 'ready' | 'preview' | 'error';

export class NetworkController implements ReactiveController {
  info: ModelInfo | null = null;
  run: NetworkRun | null = null;
  phase: NetworkPhase = 'asleep';
  /** Model download progress, 0 to 1. */
  progress = 0;
  /** What went wrong, in words for a reader; empty when nothing did. */
  error = '';

  private store?: NetworkStore;
  private awake = false;
  private observer?: IntersectionObserver;
  private ticket = 0;
  private wanted?: { key: string; source: () => Promise<ImageInput> };
  /** A new variant's info, published together with its first run (never beside the old variant's run). */
  private staged: ModelInfo | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: { wakeMargin?: string; firstRun?: () => boolean } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.awake) return;
    if (typeof IntersectionObserver === 'undefined') {
      this.wake();
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => { if (entries.some((e) => e.isIntersecting)) this.wake(); },
      { rootMargin: this.options.wakeMargin ?? '800px 0px' },
    );
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Switches model. The current image is run again on the new one (a variant of the same model keeps the old run on show meanwhile). */
  setModel(modelUrl: string): void {
    const store = NetworkStore.for(modelUrl);
    if (store === this.store) return;
    // Another variant of the same model (the reader's edits, a checkpoint): the old maps
    // stay on screen until the new ones arrive, so an edit does not blank the figure.
    const sameModel = this.store && this.store.modelUrl.replace(/#.*$/, '') === store.modelUrl.replace(/#.*$/, '');
    this.store = store;
    this.staged = null;
    if (!sameModel) {
      this.info = null;
      this.run = null;
    }
    if (this.awake) this.start();
  }

  /** Asks for an image; `key` names it so that figures showing the same image share a run. */
  showImage(key: string, source: () => Promise<ImageInput>): void {
    if (this.wanted?.key === key && this.run?.imageKey === key) return;
    this.wanted = { key, source };
    this.keyAsked.resolve(key);
    if (this.awake) this.runWanted();
  }

  get imageKey(): string | undefined {
    return this.wanted?.key;
  }

  /** The image asked for, to run it on another model too (e.g. the trained one beside an edited one). */
  get wantedImage(): { key: string; source: () => Promise<ImageInput> } | undefined {
    return this.wanted;
  }

  private wake(): void {
    this.awake = true;
    this.observer?.disconnect();
    this.start();
  }

  private start(): void {
    const store = this.store;
    if (!store) return;
    this.phase = 'loading';
    this.error = '';
    this.host.requestUpdate();
    if (!this.run && this.options.firstRun?.()) void this.showFirstRun(store);
    store
      .load((f) => { this.progress = f; this.host.requestUpdate(); })
      .then((info) => {
        if (store !== this.store) return;
        if (this.run && this.info && this.wanted) this.staged = info;
        else this.info = info;
        this.phase = this.run ? (this.info?.preview ? 'preview' : 'ready') : 'running';
        this.host.requestUpdate();
        this.runWanted();
      })
      .catch((err: Error) => {
        if (store !== this.store) return;
        this.fail(`The network could not be loaded: ${err.message}`);
      });
  }

  private runWanted(): void {
    const store = this.store;
    const wanted = this.wanted;
    if (!store || !wanted || !(this.staged ?? this.info)) return;
    const ticket = ++this.ticket;
    // The snapshot of this very picture stays on show, as it is, until the live run replaces it.
    this.phase = this.info?.preview && this.run?.imageKey === wanted.key ? 'preview' : 'running';
    this.host.requestUpdate();
    store.run(wanted.key, wanted.source).then(
      (run) => {
        if (ticket !== this.ticket || store !== this.store) return; // a newer image won
        if (this.staged) {
          this.info = this.staged;
          this.staged = null;
        } else if (this.info?.preview && store.loaded) {
          this.info = store.loaded;
        }
        this.run = run;
        this.phase = 'ready';
        this.error = '';
        this.host.requestUpdate();
        this.host.dispatchEvent(new CustomEvent('cnn-run', { detail: { imageKey: run.imageKey, inferenceMs: run.inferenceMs } }));
      },
      (err: Error) => {
        if (ticket !== this.ticket) return;
        this.fail(err.message);
      },
    );
  }

  /**
   * Paints the model's first-run snapshot (first-run.ts) while the model loads, when it is of
   * the picture asked for and nothing else has arrived; the live run replaces it as any newer
   * run does. It looks ready (phase `preview`): the live run brings the same picture, only exact to the last bit.
   */
  private async showFirstRun(store: NetworkStore): Promise<void> {
    const first = await store.preview();
    // Decoded in this task; drawn in the next, so that neither runs long.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!first || store !== this.store || this.run || this.info || store.loaded) return;
    // The picture asked for may be known only later (examples load from their manifest).
    const key = this.wanted?.key ?? (await this.keyAsked.promise);
    if (key !== first.run.imageKey || store !== this.store || this.run || this.info || store.loaded) return;
    this.info = first.info;
    this.run = first.run;
    this.phase = 'preview';
    this.host.requestUpdate();
  }

  /** Settles with the key of the first picture asked for; later calls to resolve change nothing. */
  private readonly keyAsked = (() => {
    let resolve: (key: string) => void = () => {};
    const promise = new Promise<string>((r) => { resolve = r; });
    return { promise, resolve };
  })();

  private fail(message: string): void {
    this.error = message;
    this.phase = this.run ? 'ready' : 'error';
    this.host.requestUpdate();
  }
}
