/**
 * The size of a figure's content box, kept up to date with a ResizeObserver: `width` and
 * `height` in whole CSS pixels, 0 until the first measurement. The host re-renders when
 * either changes, so a figure can choose a layout that fits the box it is given.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A whole-pixel size that updates its host when it changes. Hidden (display: none measures
 * 0×0), it keeps its last size, so that the figure keeps what it drew instead of rendering
 * at no size and drawing everything again when it comes back; shown again, it updates once.
 */
export class MeasuredSize {
  width = 0;
  height = 0;
  private hidden = false;

  constructor(protected readonly host: ReactiveControllerHost) {}

  /** Takes a new measurement; the host updates only when a whole-pixel size changed, or on being shown again. */
  measured(width: number, height: number): void {
    const w = Math.floor(width);
    const h = Math.floor(height);
    if (w === 0 && h === 0 && (this.width > 0 || this.height > 0)) {
      this.hidden = true;
      return;
    }
    const shownAgain = this.hidden;
    this.hidden = false;
    if (w === this.width && h === this.height && !shownAgain) return;
    this.width = w;
    this.height = h;
    this.host.requestUpdate();
  }
}

export class SizeController extends MeasuredSize implements ReactiveController {
  private observer?: ResizeObserver;

  constructor(protected override readonly host: ReactiveControllerHost & Element) {
    super(host);
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.measured(box.width, box.height);
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
