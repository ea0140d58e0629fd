import { LitElement, css, html } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from './shared/define-element';

/**
 * A thin bar fixed to the top of the viewport that fills as the reader scrolls through
 * the document. It exposes its value to assistive technology as a progressbar.
 *
 * @cssprop --cnn-accent - The bar's colour.
 * @csspart bar - The filled part of the bar.
 */
@customElement('cnn-reading-progress')
export class CnnReadingProgress extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0 0 auto 0;
      height: 4px;
      z-index: 100;
      pointer-events: none;
      background: transparent;
    }
    .bar {
      height: 100%;
      background: var(--cnn-accent, #0b62a4);
      transform-origin: 0 50%;
    }
  `;

  /** Fraction of the document read, from 0 to 1. */
  @state() progress = 0;

  private frame = 0;
  private readonly onScroll = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.progress = readingFraction(document.documentElement);
    });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    this.progress = readingFraction(document.documentElement);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    super.disconnectedCallback();
  }

  override render() {
    const percent = Math.round(this.progress * 100);
    return html`<div
      class="bar"
      part="bar"
      role="progressbar"
      aria-label="Reading progress"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
      style="transform: scaleX(${this.progress})"
    ></div>`;
  }
}

/** How far through a scrolling element the reader is, clamped to [0, 1]. */
export function readingFraction(el: { scrollTop: number; scrollHeight: number; clientHeight: number }): number {
  const range = el.scrollHeight - el.clientHeight;
  if (range <= 0) return 1;
  return Math.min(1, Math.max(0, el.scrollTop / range));
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-reading-progress': CnnReadingProgress;
  }
}
