import { css } from 'lit';
import { twoMapsRowStyles } from '../shared/small-view-styles';

/** Layout of <cnn-pool-view>: the window taken apart between in and out (small-view-styles' three-up stage). */
export const poolStyles = css`
  .discard { margin: -0.25rem 0 0.75rem; font-weight: 600; }
  .verdict { margin: 0; color: var(--muted); font-size: 13px; }

  .map .box.winner { box-shadow: 0 0 0 2px #d9480f, 0 0 0 3px rgba(255, 255, 255, 0.9); }

  .lens.windows { display: grid; gap: 6px; padding: 2px; }
  .window { display: grid; gap: 1px; padding: 2px; border-radius: 4px; background: var(--rule); }
  .window.current { background: var(--accent); }
  .window .cell { aspect-ratio: 1.2; font-size: 10.5px; cursor: default; }
  .window .cell.lost { color: var(--muted) !important; }
  .window .cell.winner { box-shadow: inset 0 0 0 2px #d9480f; font-weight: 700; }
  .window .cell.pad { background: repeating-linear-gradient(45deg, #eee 0 3px, #f8f8f8 3px 6px); }

  .window-zoom { margin: 0; display: grid; gap: 0.35rem; justify-items: center; }
  .window-zoom .cells { width: 9rem; gap: 3px; }
  .window-zoom .cell { font-size: 14px; aspect-ratio: 1; }
  .window-zoom .cell.winner { box-shadow: inset 0 0 0 3px #d9480f; }
  .window-zoom figcaption { font-size: 12px; color: var(--muted); }

  .key { display: inline-flex; align-items: center; gap: 0.4rem; margin: 0; font-size: 12px; color: var(--muted); }
  .swatch { width: 14px; height: 14px; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); }
  .swatch.faded { background: #eceae4; }

  @container (max-width: 700px) {
    .lens.windows { gap: 3px; }
    .window .cell { font-size: 8.5px; }
    .window-zoom .cells { width: 7rem; }
  }
`;

/**
 * The fitted form (see fitted-layout.ts): the two maps side by side as large as the room
 * left allows (the windows under them when shown), and the window on show taken apart in
 * one row below: its four values, the rule and the value it gives.
 */
export const poolFittedStyles = css`
  ${twoMapsRowStyles}
  .with-lens .maps-row { --m: min(calc((100cqw - 12px) / 2), calc((100cqh - 40px) / 1.95)); max-height: calc((100cqw - 22px) / 2 * 1.95 + 40px); }
  .maps-row .window .cell { font-size: 10.5px; }
  .pool-fit .discard { margin: 0; font-size: 13px; }

  .window-row {
    display: grid;
    grid-template-columns: auto minmax(0, auto);
    grid-template-areas: 'zoom equation' 'zoom verdict';
    align-items: center;
    gap: 0.2rem 1rem;
    justify-content: center;
    align-self: center;
  }
  .window-row .window-zoom { grid-area: zoom; }
  .window-row .window-zoom .cells { width: 6.5rem; }
  .window-row .window-zoom .cell { font-size: 13px; }
  .window-row .window-zoom figcaption { font-size: 11px; max-width: 8.5rem; text-align: center; }
  .window-row .equation { grid-area: equation; justify-content: flex-start; align-self: end; }
  .window-row .verdict { grid-area: verdict; align-self: start; font-size: 12.5px; }
  .pool-fit .legends { justify-content: center; }
  .pool-fit.small .window-row .window-zoom figcaption { display: none; }
`;
