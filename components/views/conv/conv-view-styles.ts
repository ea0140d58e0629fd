import { css } from 'lit';

/** Layout of <cnn-conv-view>: the channel rows and the output side by side when there is room. */
export const convViewStyles = css`
  .stage { --row-map: 112px; --out-map: 340px; }
  .stage.many { --row-map: 60px; }

  .elastic {
    display: grid;
    grid-template-columns: minmax(0, auto) minmax(0, 1fr);
    gap: 1rem 1.5rem;
    align-items: center;
  }
  .rows { display: grid; gap: 6px; }
  .row, .row-head {
    display: grid;
    grid-template-columns: 3.6rem var(--row-map) 1.1rem var(--row-map) 1.1rem var(--row-map) 4.2rem;
    align-items: center;
    gap: 0 4px;
  }
  .row-head { font-size: 11px; color: var(--muted); text-align: center; align-items: end; }
  .row-head span:last-child { text-align: right; }
  .row-label {
    min-height: 28px;
    padding: 0.1rem 0.3rem;
    font-size: 12px;
    text-align: left;
    border-color: transparent;
    background: transparent;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .row.current .row-label { border-color: var(--accent); color: var(--accent); font-weight: 600; }
  .op { text-align: center; color: var(--muted); font-size: 15px; }
  .share { font-variant-numeric: tabular-nums; font-size: 12px; text-align: right; }
  .kernel { grid-template-columns: repeat(var(--kw, 3), minmax(0, 1fr)); }
  .kernel .cell { cursor: default; }
  .kernel .cell.shown { box-shadow: 0 0 0 2px var(--accent); position: relative; z-index: 1; }

  .result { display: grid; gap: 0.5rem; justify-items: center; align-content: center; }
  .result .map { width: min(100%, var(--out-map)); }
  .sum-line { font-variant-numeric: tabular-nums; text-align: center; }
  .sum-line .value { font-size: 18px; font-weight: 700; color: var(--accent); }
  .result .legend { width: min(100%, 12rem); }
  .legends { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin-top: 0.5rem; }

  .detail {
    margin-top: 1rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--rule);
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 0.5rem 2rem;
  }
  .detail h3 {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 15px;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
    align-items: center;
  }
  .detail h3 label { font-weight: 400; font-size: 13px; display: inline-flex; gap: 0.4rem; align-items: center; }
  .window-math {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr) auto minmax(0, 1fr);
    gap: 0.4rem;
    align-items: center;
    max-width: 30rem;
  }
  .window-math figure { margin: 0; min-width: 0; }
  .window-math figcaption { font-size: 11px; color: var(--muted); text-align: center; margin-top: 2px; }
  .window-math .cells .cell { font-size: 11px; }
  .running { grid-column: 1 / -1; }
  .running ol {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 0.35rem;
    list-style: none;
    padding: 0;
    margin: 0.2rem 0 0;
    font-variant-numeric: tabular-nums;
    font-size: 12px;
  }
  .running li::after { content: ' →'; color: var(--muted); }
  .running li:last-child::after { content: ''; }
  .running li:last-child { font-weight: 700; }

  table.shares { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; width: 100%; max-width: 26rem; }
  table.shares th, table.shares td { padding: 0.15rem 0.5rem; text-align: right; border-bottom: 1px solid var(--rule); }
  table.shares th:first-child, table.shares td:first-child { text-align: left; }
  table.shares th { font-weight: 600; color: var(--muted); font-size: 12px; }
  table.shares tr.current td { background: #eef4fa; }
  table.shares tr.total td { font-weight: 700; border-bottom: none; }

  @container (max-width: 760px) {
    .stage, .stage.many { --row-map: minmax(0, 1fr); --out-map: 320px; }
    .elastic { grid-template-columns: minmax(0, 1fr); }
    .row, .row-head { grid-template-columns: 2.6rem var(--row-map) 0.9rem var(--row-map) 0.9rem var(--row-map) 3.3rem; }
    .row-label { font-size: 11px; padding: 0.1rem 0.2rem; }
    .kernel .cell { font-size: 9px; }
    .detail { grid-template-columns: minmax(0, 1fr); }
  }
  @container (max-width: 480px) {
    /* Too narrow for numbers in the row kernels: focus or hover shows each value, the detail shows them all. */
    .kernel .cell .n { display: none; }
    .window-math .cells .cell { font-size: 10px; letter-spacing: -0.3px; }
  }
`;
