/**
 * What the operation views (<cnn-conv-view>, <cnn-relu-view>, <cnn-pool-view>,
 * <cnn-flatten-view>, <cnn-softmax-view>, <cnn-hyperparameters>) add to FigureElement:
 * one playback (which keeps a pass on its clock), frame-batched renders while it plays, the
 * after-render round (a step announced where playback stops, then the canvases painted),
 * the stage's keys, and pointer previews that clear without shifting the layout.
 */
import type { PropertyValues } from 'lit';
import { FigureElement } from '../../shared/figure-element';
import { PlaybackController } from '../../shared/playback-controller';

export { ANNOUNCE_EVERY_MS } from '../../shared/figure-element';

export abstract class OperationView extends FigureElement {
  readonly playback = new PlaybackController(this, { autoplay: this.autoplays, onStep: () => { this.stepChanged(); this.onStep(); } });

  private previewClear: ReturnType<typeof setTimeout> | undefined;
  private wasPlaying = false;

  /** Whether a new pass plays by itself (never under reduced motion). */
  protected get autoplays(): boolean {
    return true;
  }

  /** Playback moved to another step (before onStep announces it). */
  protected stepChanged(): void {}

  /** Announces the step on show; `force` speaks even while playing (see announce). */
  protected abstract onStep(force?: boolean): void;

  /** Paints the view's canvases after each render (those whose content changed). */
  protected paint(): void {}

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

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.wasPlaying && !this.playback.playing) this.onStep(true);
    this.wasPlaying = this.playback.playing;
    this.paint();
  }

  /** Keys on the stage (outside its controls) drive playback; a handled key ends a preview. */
  protected readonly onStageKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0] as HTMLElement;
    if (target.closest?.('button, select, input, a, summary')) return;
    if (this.playback.handleKey(e)) this.previewEnded();
  };

  /** Drops a pointer preview, if the view keeps one. */
  protected previewEnded(): void {}

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
}
