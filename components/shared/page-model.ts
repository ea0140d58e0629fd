/**
 * The page's model, beside its picture (picture-store.ts): which network every figure
 * without its own `model` attribute shows. Empty means the shipped Tiny VGG; the reader can
 * switch all figures to a model they taught (cnn-teach) and back. One per copy of the module,
 * like the network store.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PageModelChoice {
  /** The model's key for NetworkController.setModel (e.g. `taught:1` or `indexeddb://cnn-teach/cups`). */
  key: string;
  /** What the reader calls it, e.g. “your model (cups, pens)”. */
  label: string;
  classNames: readonly string[];
}

export class PageModel {
  current: PageModelChoice | null = null;
  private readonly listeners = new Set<(choice: PageModelChoice | null) => void>();

  /** Switches every following figure to `choice`; null goes back to the shipped model. */
  choose(choice: PageModelChoice | null): void {
    if (choice?.key === this.current?.key && choice?.label === this.current?.label) return;
    this.current = choice;
    for (const listener of [...this.listeners]) listener(choice);
  }

  subscribe(listener: (choice: PageModelChoice | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const pageModel = new PageModel();

/** Calls `onChange` whenever the page's model changes while the host is connected. */
export class PageModelController implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost, private readonly onChange: () => void) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = pageModel.subscribe(() => this.onChange());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
