/**
 * CSS shared by the operation views (convolution, hyperparameters, and the other views):
 * the same type, colours and controls as <cnn-overview>, the playback bar, the live
 * readout, number grids and the formula box. Each view adds its own layout on top.
 *
 * Custom properties: --cnn-accent, --cnn-ink, --cnn-muted, --cnn-rule, --cnn-surface,
 * --cnn-font-ui (the same names the overview reads).
 */
import { css } from 'lit';
import { figureHostStyles } from '../../shared/figure-styles';

export const sharedViewStyles = [figureHostStyles, css`
  :host {
    font: 14px/1.45 var(--cnn-font-ui, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --soft: #f4f2ec;
    --warn: #8a4b00;
    --bad: #a1260d;
    max-width: 100%;
  }
  *, *::before, *::after { box-sizing: border-box; }

  button { cursor: pointer; }
  button:disabled { opacity: 0.45; cursor: default; }
  input[type='range'] { accent-color: var(--accent); min-height: 32px; }
  select:focus-visible, button:focus-visible, input:focus-visible, a:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }

  .status { color: var(--muted); }
  div.status:not(:empty) { margin: 0 0 0.6rem; }
  .status[data-kind='error'] { color: var(--bad); font-weight: 600; }
  progress { width: 10rem; max-width: 40vw; vertical-align: middle; accent-color: var(--accent); }

  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0 0 0.75rem;
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .facts strong { color: var(--cnn-ink, #1d1d1f); font-weight: 600; }

  /* The playback bar that PlaybackController.controls() renders. */
  .playback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.5rem;
    margin: 0 0 0.75rem;
  }
  .playback button { min-width: 40px; min-height: 36px; font-size: 15px; line-height: 1; }
  .playback button.play { min-width: 48px; }
  .playback button svg { display: block; margin: auto; }
  .playback input[type='range'] { flex: 1 1 10rem; min-width: 8rem; }
  .playback .speed { display: inline-flex; gap: 0.35rem; align-items: center; }
  .playback .step-count { color: var(--muted); font-variant-numeric: tabular-nums; min-width: 5.5rem; }

  .readout {
    margin-top: 0.75rem;
    min-height: 2.8em;
    padding: 0.45rem 0.65rem;
    background: var(--soft);
    border-radius: 6px;
    font-variant-numeric: tabular-nums;
  }
  .hint { color: var(--muted); font-size: 13px; margin: 0.35rem 0 0; }

  /* A square map drawn at its native size and scaled up crisply, with boxes laid over it. */
  .map {
    position: relative;
    display: block;
    width: 100%;
    aspect-ratio: 1;
    background: #eceae4;
    border-radius: 2px;
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.12);
    touch-action: none;
    overflow: hidden;
  }
  .map canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    image-rendering: pixelated;
    image-rendering: crisp-edges;
  }
  .map .box {
    position: absolute;
    pointer-events: none;
    box-shadow: 0 0 0 2px var(--accent), 0 0 0 3px rgba(255, 255, 255, 0.85);
  }
  .map .box.probe { box-shadow: 0 0 0 2px #d9480f, 0 0 0 3px rgba(255, 255, 255, 0.85); }
  .map .veil { position: absolute; pointer-events: none; background: rgba(250, 249, 246, 0.78); }
  .map:focus { outline: none; }
  .map:focus-visible { box-shadow: 0 0 0 2px var(--surface), 0 0 0 5px var(--accent); }

  /* Small grids of numbers (kernels, patches, products). */
  .cells {
    display: grid;
    gap: 2px;
    font-variant-numeric: tabular-nums;
  }
  .cell {
    display: grid;
    place-items: center;
    min-width: 0;
    aspect-ratio: 1;
    border-radius: 3px;
    font-size: 11px;
    line-height: 1;
    box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.08);
  }
  .cell:focus { outline: none; }
  .cell:focus-visible { box-shadow: 0 0 0 2px var(--surface), 0 0 0 4px var(--accent); position: relative; z-index: 1; }

  .legend { font-size: 11px; color: var(--muted); width: 11rem; max-width: 100%; }
  .legend .ramp { height: 8px; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.12); }
  .legend .ends { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; }

  .formula {
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.65rem;
    border-left: 3px solid var(--accent);
    background: var(--soft);
    border-radius: 0 6px 6px 0;
    overflow-x: auto;
    overflow-y: hidden;
    max-width: 100%;
  }
  .formula .katex-display { margin: 0.35rem 0; }
  @container (max-width: 560px) {
    .formula { padding: 0.4rem 0.5rem; }
    .formula .katex { font-size: 1.02em; }
  }

  .note {
    margin: 0.6rem 0 0;
    padding: 0.5rem 0.7rem;
    border-radius: 6px;
    border-left: 4px solid;
  }
  .note[data-kind='impossible'] { background: #fbeae5; border-color: var(--bad); }
  .note[data-kind='warning'] { background: #fdf3e1; border-color: #c77800; }
  .note[data-kind='ok'] { background: #eaf3ec; border-color: #2f7d45; }
  .note strong { display: block; margin-bottom: 0.15rem; }

  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * { transition: none !important; animation: none !important; }
  }
`];
