/**
 * The height a fitted figure can give to the parts it sizes itself (maps, grids, kernels):
 * the box's height minus everything else (the bar, opened controls, formulas, captions),
 * as measured at the last render. A figure lays out with `room()`; after each render it
 * calls `measure()` with its content's height and the height its layout gave out. When the
 * rest turned out taller or shorter than assumed, the figure renders once more with the
 * measured value (at most a few times per layout, so it always settles).
 */
import type { ReactiveControllerHost } from 'lit';

const MAX_TRIES = 3;

export class FitBudget {
  private rest = new Map<string, { px: number; tries: number }>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** What the rest took at the last measurement under `key`, else `guess`. */
  restOf(key: string, guess: number): number {
    return this.rest.get(key)?.px ?? guess;
  }

  /** Height left for the sized parts under layout `key` in a box `boxHeight` tall (2 px spare for rounding). */
  room(key: string, boxHeight: number, guess: number): number {
    return Math.max(0, boxHeight - this.restOf(key, guess) - 2);
  }

  /**
   * After a render under layout `key`: `total` is the content's height, `given` what the
   * layout gave to the sized parts. Renders again when the rest changed by more than a pixel.
   */
  measure(key: string, total: number, given: number): void {
    const px = Math.ceil(total - given);
    const known = this.rest.get(key);
    if (known && (Math.abs(known.px - px) <= 1 || known.tries >= MAX_TRIES)) return;
    this.rest.set(key, { px, tries: (known?.tries ?? 0) + 1 });
    this.host.requestUpdate();
  }
}

/**
 * An element's height as laid out without the zoom a FrameController may have put on it
 * (text reflows under a zoom, so a zoomed height says little about the unzoomed one).
 */
export function naturalHeight(el: HTMLElement): number {
  const zoom = el.style.zoom;
  if (!zoom) return el.offsetHeight;
  el.style.removeProperty('zoom');
  const h = el.offsetHeight;
  el.style.zoom = zoom;
  return h;
}
