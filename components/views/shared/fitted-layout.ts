/**
 * The fitted form of the small views (ReLU, pooling, flatten, softmax): what they show when
 * the article's stage tells them to fit its box (`fit`). One column as tall as the box: a
 * head line (the Controls button and a one-line summary), the controls folded into a panel
 * that opens over the figure, and the step's subject, which takes the room that is left.
 *
 * Elastic regions (`.fit-grow`) are size containers: the maps and graphs inside size
 * themselves from the room left (cqw, cqh), so the layout fits by construction, at full
 * type size, instead of being scaled down.
 */
import { css, html, nothing, type TemplateResult } from 'lit';

/** How much room a fitted figure has: beside the prose on a desktop, a laptop's, a phone's. */
export type FitTier = 'roomy' | 'medium' | 'small';

/** The tier of a box: roomy from 760 × 760, medium from 520 × 560, small below. */
export function fitTier(width: number, height: number): FitTier {
  if (width >= 760 && height >= 760) return 'roomy';
  if (width >= 520 && height >= 560) return 'medium';
  return 'small';
}

/** Subject → tier → the parts it shows. */
export type TieredParts = Readonly<Record<string, Readonly<Record<FitTier, readonly string[]>>>>;

/**
 * The head of a fitted figure: the Controls button (from the FrameController) and a
 * summary of what is on show, in one line where it fits.
 */
export function fitHeadTemplate(button: unknown, summary: TemplateResult | typeof nothing) {
  return html`<div class="fit-head" data-part="head">${button}<p class="fit-summary">${summary}</p></div>`;
}

/** The folded controls: a panel over the figure while open. */
export function controlsPanelTemplate(...controls: unknown[]) {
  return html`<div class="controls-panel" data-part="controls">${controls}</div>`;
}

export const fittedStyles = css`
  .fit-root {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    height: 100%;
    min-height: 0;
    position: relative;
    /* Room for the subject's ring, which the host's box would clip. */
    padding: 5px;
  }
  .fit-root > * { flex: none; min-width: 0; }
  .fit-root > .fit-grow { flex: 1 1 0; min-height: 0; container-type: size; }
  .fit-head { display: flex; align-items: flex-start; gap: 0.35rem 0.7rem; min-height: 32px; }
  .fit-summary { align-self: center; }
  .fit-head .controls-toggle { flex: none; min-height: 32px; padding: 0.15rem 0.6rem; font-size: 13px; }
  .fit-summary { margin: 0; font-size: 12.5px; line-height: 1.3; color: var(--muted); font-variant-numeric: tabular-nums; min-width: 0; }
  .fit-summary strong { color: var(--cnn-ink, #1d1d1f); font-weight: 600; }
  .controls-panel {
    position: absolute;
    /* Just under the Controls button, which heads the figure. */
    top: calc(5px + 32px + 6px);
    left: 5px;
    right: 5px;
    z-index: 3;
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem;
    background: var(--surface);
    border-radius: 8px;
    box-shadow: 0 6px 18px rgba(0, 0, 0, 0.18), 0 0 0 1px var(--rule);
  }
  .controls-panel .toolbar, .controls-panel .playback { margin: 0; }
  .fit-root .readout { margin: 0; min-height: 0; font-size: 13px; }
  .fit-root .legends, .fit-root .legend-row { margin: 0; }
  .fit-root .equation { margin: 0; }
  /* A swipe over a map scrolls the article (the pointer still reads cells, a tap still picks). */
  .fit-root .map { touch-action: pan-y; }
`;
