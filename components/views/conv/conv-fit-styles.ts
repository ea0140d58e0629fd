import { css } from 'lit';

/**
 * <cnn-conv-view> fitted to the article's stage (the fit attribute; conv-fitted.ts), and the
 * grid of all the layer's kernels (conv-count.ts), which the unfitted figure shows too.
 */
export const convFitStyles = css`
  .fit, .fit-body { display: flex; flex-direction: column; gap: 10px; min-width: 0; }
  .fit .legends, .fit .readout { margin: 0; }
  .fit .row-head span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .fit-bar { display: flex; flex-wrap: wrap; gap: 0.4rem 0.6rem; align-items: center; }
  .fit-bar .status:empty { display: none; }
  .fit-bar .where { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
  .switch { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center; }
  .switch button { padding: 0.15rem 0.55rem; }
  .switch button[aria-pressed='true'] { border-color: var(--accent); color: var(--accent); font-weight: 600; box-shadow: inset 0 0 0 1px var(--accent); }
  .fit-controls { padding: 0.5rem 0.6rem; background: var(--soft); border-radius: 6px; }
  .fit-controls .toolbar { margin: 0 0 0.5rem; }
  .fit .playback { margin: 0; }
  /* A swipe on a map scrolls the article; a tap still moves the window. */
  .fit .map { touch-action: pan-y; }
  .fit figure { margin: 0; min-width: 0; }
  .fit figcaption { font-size: 12px; color: var(--muted); line-height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .fit .kernel .cell { font-size: 11px; letter-spacing: -0.2px; }
  .fit .kernel .cell .n { display: inline; }
  .fit .kernel .cell .n:empty { display: none; }

  .fit-rows { display: grid; gap: 16px 24px; align-items: center; justify-content: start; }
  .fit-rows.side { grid-template-columns: auto auto; }
  .fit-rows .result .map { width: var(--out-map); }

  .fit-single { display: flex; flex-direction: column; gap: 8px; }
  .fs-maps { display: grid; grid-template-columns: var(--map) var(--map); gap: 0 12px; align-items: start; }
  .fs-maps .map { width: var(--map); }
  .fs-math { display: flex; align-items: center; gap: 6px 10px; }
  .fs-kernel { flex: none; }
  .fs-values { flex: 1 1 auto; min-width: 0; display: grid; gap: 6px; font-size: 13px; font-variant-numeric: tabular-nums; }
  .fs-values .value { font-size: 17px; font-weight: 700; color: var(--accent); }

  .fit-kernel { display: flex; flex-direction: column; gap: 8px; }
  .fk-kernels { display: grid; gap: 8px; justify-content: start; }
  .fk-kernels figcaption { text-align: center; }
  .fk-maps { display: flex; align-items: center; gap: 12px; }
  .fk-maps figure { width: var(--map); }
  .fk-maps .map { width: var(--map); }

  .fit-tiles { display: grid; gap: 8px; justify-content: start; }
  .fit-tiles figcaption { font-size: 11px; text-align: center; font-variant-numeric: tabular-nums; }

  .fit-formulas { display: grid; gap: 8px; }
  .fit-formulas.both { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }
  .fit .formula { margin: 0; }
  .fit .formula .katex-display { margin: 0.1rem 0; }

  .count { margin: 0; display: flex; flex-direction: column; gap: 6px; align-items: start; }
  .count .facts { margin: 0; font-size: 15px; }
  .count .facts strong { color: var(--accent); font-size: 17px; }
  .count-grid { display: grid; gap: var(--gap); }
  .count-row {
    display: grid;
    grid-template-columns: 22px repeat(var(--cin), var(--tile)) calc(var(--cell) * 2);
    gap: var(--gap);
    align-items: center;
    border-radius: 3px;
  }
  .count-row.head span { font-size: 11px; line-height: 12px; color: var(--muted); text-align: center; }
  .count-row .rh { font-size: 11px; line-height: 12px; color: var(--muted); text-align: right; padding-right: 3px; font-variant-numeric: tabular-nums; }
  .count-row.current { box-shadow: 0 0 0 2px var(--accent); }
  .count-row.current .rh { color: var(--accent); font-weight: 700; }
  .tile {
    display: grid;
    grid-template-columns: repeat(var(--kw), var(--cell));
    grid-auto-rows: var(--cell);
    gap: 1px;
    width: var(--tile);
    height: var(--tile);
    border-radius: 1px;
  }
  .tile i { display: block; }
  .tile:focus { outline: none; }
  .tile:focus-visible { box-shadow: 0 0 0 2px var(--surface), 0 0 0 4px var(--accent); position: relative; z-index: 1; }
  .count-row .bias { width: calc(var(--cell) * 2); height: var(--tile); border-radius: 2px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.1); }
  .count figcaption { font-size: 12px; color: var(--muted); white-space: normal; line-height: 1.4; min-height: 2.8em; }
  @container (max-width: 480px) {
    .count .facts { font-size: 13px; gap: 0.1rem 1rem; }
    .count .facts strong { font-size: 15px; }
  }
  .count-section { margin-top: 1rem; padding-top: 0.75rem; border-top: 1px solid var(--rule); }
  .count-section h3 { margin: 0 0 0.5rem; font-size: 15px; }
`;
