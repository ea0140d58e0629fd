/**
 * CSS the four small views (ReLU, pooling, flatten, softmax) add to the shared view styles:
 * map columns with a heading, the lens of numbered cells, and the big formula line.
 */
import { css } from 'lit';

export const smallViewStyles = css`
  .stage { display: grid; gap: 1rem 1.5rem; }
  /* In | middle | out (ReLU, pooling); the middle moves below on narrow screens. */
  .three-up {
    grid-template-columns: minmax(0, 21rem) minmax(12rem, 16rem) minmax(0, 21rem);
    grid-template-areas: 'in middle out';
    align-items: start;
    justify-content: start;
  }
  .in { grid-area: in; }
  .out { grid-area: out; }
  .middle { grid-area: middle; align-self: center; justify-items: center; text-align: center; }
  @container (max-width: 700px) {
    .three-up {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'in out' 'middle middle';
      gap: 0.9rem 0.75rem;
    }
  }
  .column { display: grid; gap: 0.5rem; align-content: start; min-width: 0; }
  .column h3 { margin: 0; font-size: 13px; font-weight: 600; color: var(--muted); }
  .column h3 strong { color: var(--cnn-ink, #1d1d1f); }
  /* Outlines on edge cells stay whole: nothing else inside a map reaches past its edges. */
  .map { cursor: crosshair; overflow: visible; }
  .map .box.current { box-shadow: 0 0 0 2px var(--accent), 0 0 0 3px rgba(255, 255, 255, 0.9); }

  .lens { display: grid; gap: 2px; --label: 1.5rem; font-variant-numeric: tabular-nums; border-radius: 4px; }
  .lens:focus { outline: none; }
  .lens:focus-visible { box-shadow: 0 0 0 2px var(--surface), 0 0 0 5px var(--accent); }
  .lens-head, .lens-rows { font-size: 10px; color: var(--muted); }
  .lens-head { display: grid; grid-template-columns: var(--label) minmax(0, 1fr); }
  .lens-head .cols { display: grid; grid-template-columns: repeat(var(--n), minmax(0, 1fr)); gap: 2px; text-align: center; }
  .lens-body { display: grid; grid-template-columns: var(--label) minmax(0, 1fr); }
  .lens-rows { display: grid; gap: 2px; align-items: center; }
  .lens .cell { font-size: 11px; aspect-ratio: 1.25; cursor: default; position: relative; }
  .lens .cell.current { box-shadow: 0 0 0 2px var(--accent), 0 0 0 3px #fff; z-index: 1; font-weight: 700; }

  .equation {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: baseline;
    gap: 0.3rem;
    font-size: 17px;
    font-variant-numeric: tabular-nums;
  }
  .equation .result { font-weight: 700; color: var(--accent); }
  .legends { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin-top: 0.75rem; }
  @container (max-width: 560px) {
    .lens { --label: 1.1rem; }
    .lens .cell { font-size: 9.5px; }
  }
  @container (max-width: 420px) {
    .lens { --label: 0.95rem; }
    .lens .cell { font-size: 8.5px; letter-spacing: -0.02em; }
    .equation { font-size: 15px; }
  }
`;

/**
 * The fitted ReLU and pooling views' row of two maps (input and output) as large as the room
 * allows; each view adds how much its windows under the maps take (`.with-lens`).
 */
export const twoMapsRowStyles = css`
  .maps-row {
    --m: min(calc((100cqw - 12px) / 2), calc(100cqh - 26px));
    display: flex;
    justify-content: center;
    gap: 12px;
    /* No taller than two maps as wide as the figure need (the host's width, less the padding). */
    max-height: calc((100cqw - 22px) / 2 + 26px);
  }
  .maps-row .column { width: var(--m); gap: 6px; }
  .maps-row h3 { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .maps-row .map { width: var(--m); }
`;
