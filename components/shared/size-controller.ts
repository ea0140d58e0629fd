/**
 * The size of a figure's content box, kept up to date with a ResizeObserver: `width` and
 * `height` in whole CSS pixels, 0 until the first measurement. The host re-renders when
 * either changes, so a figure can choose a layout that fits the box it is given.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SizeController implements ReactiveController {
  width = 0;
  height = 0;
  /** Measured 0×0 after a real size: hidden, with its last size kept. */
  private hidden = false;

  private observer?: ResizeObserver;

  constructor(private readonly host: ReactiveControllerHost & Element) {
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

  /** Takes a new measurement; the host updates only when a whole-pixel size changed. */
  measured(width: number, height: number): void {
    const w = Math.floor(width);
    const h = Math.floor(height);
    // Hidden (display: none measures 0×0): keep the last size, so that the figure keeps what it
    // drew instead of rendering at no size and drawing everything again when it comes back.
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
