/**
 * The size of the one flexible region (`.slot`) of a fitted overview: whatever the box has
 * left once the fixed parts (the header, a panel's title, the key) took their natural
 * height. The overview sizes the slot's content (the network, the big map, the kernel
 * grids) to it, so the figure fills its box without overflowing. Re-renders on change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MeasuredSize } from '../shared/size-controller';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

export class SlotSize extends MeasuredSize implements ReactiveController {
  private observer?: ResizeObserver;
  private observed: Element | null = null;

  constructor(protected override readonly host: Host, private readonly selector = '.slot') {
    super(host);
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
}
