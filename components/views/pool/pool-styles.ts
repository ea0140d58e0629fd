import { css } from 'lit';

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
