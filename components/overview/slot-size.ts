/**
 * The size of the one flexible region (`.slot`) of a fitted overview: whatever the box has
 * left once the fixed parts (the header, a panel's title, the key) took their natural
 * height. The overview sizes the slot's content (the network, the big map, the kernel
 * grids) to it, so the figure fills its box without overflowing. Re-renders on change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

export class SlotSize implements ReactiveController {
  width = 0;
  height = 0;
  /** Measured 0×0 after a real size: hidden, with its last size kept. */
  private hidden = false;
  private observer?: ResizeObserver;
  private observed: Element | null = null;

  constructor(private readonly host: Host, private readonly selector = '.slot') {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.measured(box.width, box.height);
    });
    if (this.observed) this.observer.observe(this.observed);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Follows the slot of the newest render (a new subject may render a new one). */
  hostUpdated(): void {
    const el = this.host.renderRoot.querySelector(this.selector);
    if (el === this.observed) return;
    if (this.observed) this.observer?.unobserve(this.observed);
    this.observed = el;
    if (!el) {
      this.width = 0;
      this.height = 0;
      return;
    }
    this.observer?.observe(el);
  }

  private measured(width: number, height: number): void {
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
