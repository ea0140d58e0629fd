/**
 * CSS every figure starts from: a block that reads the page's theme through the --cnn-*
 * custom properties (as --accent, --muted, --rule, --surface), is a container for its own
 * container queries, hides with [hidden], the controls' common look and the toolbar. Each figure's
 * own styles come after it (type size, layout).
 */
import { css } from 'lit';

export const figureHostStyles = css`
  :host {
    display: block;
    position: relative;
    color: var(--cnn-ink, #1d1d1f);
    --accent: var(--cnn-accent, #0b62a4);
    --muted: var(--cnn-muted, #5b5f66);
    --rule: var(--cnn-rule, #e3e0d8);
    --surface: var(--cnn-surface, #ffffff);
    container-type: inline-size;
  }
  :host([hidden]) { display: none; }
  /* A fitted figure fills the box the page gives it and never scrolls inside (FrameController). */
  :host([fit]) { height: 100%; overflow: hidden; }
  [hidden] { display: none !important; }
  /* The subject the prose beside the figure talks about. */
  :host([subject]:not([subject=''])) [data-step-focus] { outline: 3px solid var(--cnn-subject, #e8a33d); outline-offset: 2px; border-radius: 3px; }
  .controls-toggle { font-weight: 600; }
  select, button {
    font: inherit;
    color: inherit;
    background: var(--surface);
    border: 1px solid #c9c5bb;
    border-radius: 6px;
    padding: 0.25rem 0.5rem;
    min-height: 32px;
  }
  /* A row of pickers and the status line above the figure. */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0 0 0.75rem;
  }
  .toolbar label { display: inline-flex; gap: 0.4rem; align-items: center; }
`;
