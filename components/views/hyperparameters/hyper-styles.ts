import { css } from 'lit';

/** Layout of <cnn-hyperparameters>: controls, formula and notes, then the two grids. */
export const hyperStyles = css`
  .controls {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.5rem 1.25rem;
    margin: 0 0 0.75rem;
  }
  .control { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 0 0.5rem; }
  .control label { font-weight: 600; }
  .control .symbol { font-style: italic; font-family: 'KaTeX_Math', 'Times New Roman', serif; font-weight: 400; color: var(--muted); }
  .control output { font-variant-numeric: tabular-nums; font-weight: 700; min-width: 1.5rem; text-align: right; }
  .control input[type='range'] { grid-column: 1 / -1; width: 100%; margin: 0; }
  .top { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 1.5rem; align-items: start; margin-bottom: 0.75rem; }
  .top .formula { margin: 0; }
  .notes { display: grid; gap: 0.4rem; }
  .notes .note { margin: 0; }
  .stage { overflow: hidden; }
  .grids { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
  .grids figure { margin: 0; max-width: 100%; min-width: 0; }
  .grids figcaption { font-size: 12px; color: var(--muted); margin-top: 0.3rem; max-width: 100%; }
  .grid {
    position: relative;
    display: grid;
    grid-template-columns: repeat(var(--n), var(--cell));
    grid-auto-rows: var(--cell);
    gap: 1px;
    width: max-content;
    padding: 1px;
    background: var(--rule);
    border-radius: 3px;
    font-variant-numeric: tabular-nums;
    touch-action: none;
  }
  .grid:focus { outline: none; }
  .grid:focus-visible { box-shadow: 0 0 0 2px var(--surface), 0 0 0 5px var(--accent); }
  .grid .c {
    display: grid;
    place-items: center;
    font-size: 11px; /* never smaller: cells too small for it print nothing */
    line-height: 1;
    overflow: hidden;
    position: relative;
  }
  .grid .c.pad {
    background: repeating-linear-gradient(135deg, #f6f4ef 0 4px, #e9e6de 4px 7px);
    color: var(--muted);
  }
  .grid .c.span { box-shadow: inset 0 0 0 1px var(--accent); }
  .grid .c.tap { box-shadow: inset 0 0 0 3px var(--accent); font-weight: 700; }
  .grid .c.probe { box-shadow: inset 0 0 0 3px #d9480f; }
  .grid .c.reader { box-shadow: inset 0 0 0 3px #d9480f; }
  .grid .c.todo { background: var(--surface); color: transparent; }
  .grid .c.current { box-shadow: inset 0 0 0 3px var(--accent); font-weight: 700; }
  .grid.out .c { background: var(--surface); }
  .rulers {
    display: grid;
    grid-template-columns: max-content max-content;
    gap: 0.35rem 0.6rem;
    align-items: center;
    font-size: 12px;
    color: var(--muted);
  }
  .ruler { display: flex; gap: 1px; }
  .ruler i { width: var(--cell); height: var(--cell); max-height: 18px; border-radius: 2px; background: #e9e6de; }
  .ruler.input i.on { background: #b3261e; opacity: 0.75; }
  .ruler.kernel i { box-shadow: inset 0 0 0 1px var(--bad); background: transparent; }
  .ruler.kernel i.on { background: var(--bad); }
  .no-output figcaption { color: var(--bad); font-weight: 600; font-size: 13px; }
  /* A window's first cell (the stride step): a dot in its corner. */
  .grid .c.start::before {
    content: '';
    position: absolute;
    top: 2px;
    left: 2px;
    width: max(6px, calc(var(--cell) * 0.28));
    height: max(6px, calc(var(--cell) * 0.28));
    border-radius: 50%;
    background: var(--accent);
    box-shadow: 0 0 0 1px #fff;
  }

  /* Fitted to the article's stage (the fit attribute): see hyper-fitted.ts. */
  .fit, .fit-body { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
  /* A swipe on a grid scrolls the article; a tap still picks a cell. */
  .fit .grid { touch-action: pan-y; }
  .fit-bar { display: flex; flex-wrap: wrap; gap: 0.4rem 0.75rem; align-items: center; }
  .fit-bar .status:empty { display: none; }
  .fit-controls { padding: 0.5rem 0.6rem; background: var(--soft); border-radius: 6px; }
  .fit-controls .controls { margin: 0 0 0.5rem; gap: 0.25rem 1rem; }
  .fit-controls .playback { margin: 0; }
  .fit .formula { margin: 0; }
  .fit .formula .katex-display { margin: 0.1rem 0; }
  .fit .formula.line { padding: 0.3rem 0.55rem; white-space: nowrap; }
  .fit .notes .note { margin: 0; padding: 0.35rem 0.55rem; font-size: 13px; }
  .fit .readout { margin: 0; min-height: 0; }
  .fit-grids { display: flex; gap: 16px; align-items: flex-start; }
  .fit-grids.stack { flex-direction: column; }
  /* Each grid's caption wraps at the grid's width. */
  .fit-grids figure { margin: 0; display: table; }
  .fit-grids figcaption { display: table-caption; caption-side: bottom; font-size: 12px; color: var(--muted); margin-top: 0.25rem; }
  @container (max-width: 760px) {
    .top { grid-template-columns: minmax(0, 1fr); gap: 0.6rem; }
    .controls { grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); }
  }
`;
