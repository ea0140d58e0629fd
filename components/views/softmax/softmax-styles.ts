import { css } from 'lit';

/** Layout of <cnn-softmax-view>: the table of terms beside the formula and the split sum; stacked on narrow screens. */
export const softmaxStyles = css`
  .softmax-stage { grid-template-columns: minmax(0, 36rem) minmax(0, 1fr); align-items: start; }
  .side { display: grid; gap: 0.75rem; min-width: 0; }
  .side .formula { margin: 0; }

  .table-wrap { overflow-x: auto; max-width: 100%; }
  .note .name { font-weight: 600; }
  .side .note { margin: 0; }
  table.terms { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 13px; }
  table.terms th, table.terms td { padding: 0.2rem 0.45rem; text-align: right; border-bottom: 1px solid var(--rule); white-space: nowrap; }
  table.terms th:first-child { text-align: left; font-weight: 500; }
  table.terms thead th { font-weight: 600; color: var(--muted); font-size: 12px; }
  table.terms tbody tr { cursor: pointer; }
  table.terms tbody tr:focus { outline: none; }
  table.terms tbody tr:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
  table.terms tr.highlighted { background: #eef4fa; }
  table.terms tr.highlighted th { color: var(--accent); font-weight: 700; }
  table.terms tr.computing td, table.terms tr.computing th { box-shadow: inset 0 -2px 0 #d9480f; }
  table.terms tfoot th, table.terms tfoot td { border-bottom: none; font-weight: 600; }
  .pending { color: #b5b1a8; }

  .with-bar { display: inline-flex; gap: 0.4rem; align-items: center; justify-content: flex-end; }
  .logit-bar { position: relative; width: 4.5rem; height: 8px; background: #f1efe9; border-radius: 2px; flex: none; }
  .logit-bar::after { content: ''; position: absolute; left: 50%; top: -2px; bottom: -2px; width: 1px; background: #9a9a9a; }
  .logit-bar span { position: absolute; top: 0; bottom: 0; border-radius: 2px; }
  .logit-bar .pos { background: #e08214; }
  .logit-bar .neg { background: #8073ac; }
  .prob-bar { width: 5rem; height: 8px; background: #f1efe9; border-radius: 2px; overflow: hidden; flex: none; }
  .prob-bar span { display: block; height: 100%; background: var(--accent); }

  .sum-figure { margin: 0; }
  .sum-bar { display: flex; height: 30px; border-radius: 4px; overflow: hidden; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); background: #f4f2ec; }
  .sum-bar.empty { align-items: center; justify-content: center; color: var(--muted); font-size: 12px; box-shadow: inset 0 0 0 1px var(--rule); }
  .segment { display: grid; place-items: center; font-size: 11px; color: #1d1d1f; background: #d9d5cc; overflow: hidden; white-space: nowrap; min-width: 0; }
  .segment:nth-child(even) { background: #c9c4b8; }
  .segment.highlighted { background: var(--accent); color: #fff; font-weight: 600; }
  .sum-figure figcaption { font-size: 13px; margin-top: 0.35rem; color: var(--muted); font-variant-numeric: tabular-nums; }

  .temperature { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.75rem; margin: 0.9rem 0 0; padding-top: 0.75rem; border-top: 1px solid var(--rule); }
  .temperature label { display: inline-flex; align-items: center; gap: 0.5rem; font-weight: 600; }
  .temperature input[type='range'] { width: 14rem; max-width: 55vw; }
  .temperature output { font-variant-numeric: tabular-nums; min-width: 4.5rem; font-weight: 600; }
  .temperature .hint { flex-basis: 100%; margin: 0; }

  .note ul.rescaled { columns: 2; margin: 0.35rem 0 0; padding-left: 1.1rem; font-variant-numeric: tabular-nums; }
  .note li.bad { color: var(--bad); }
  .note summary { cursor: pointer; margin-top: 0.35rem; }

  @container (max-width: 820px) {
    .softmax-stage { grid-template-columns: minmax(0, 1fr); }
  }
  @container (max-width: 480px) {
    table.terms th, table.terms td { padding: 0.2rem 0.25rem; font-size: 12px; }
    .logit-bar { width: 2.2rem; }
    .prob-bar { width: 2.4rem; }
    .note ul.rescaled { columns: 1; }
  }
`;

/**
 * The fitted form (see fitted-layout.ts): the table beside the formula, sum and note where
 * there is room, stacked otherwise; on a phone a tighter table, and with the slider only the
 * columns it changes.
 */
export const softmaxFittedStyles = css`
  .softmax-main { display: grid; gap: 0.6rem 1.25rem; align-items: start; }
  .softmax-main.two { grid-template-columns: auto minmax(0, 1fr); }
  .softmax-fit .side { gap: 0.6rem; }
  .softmax-fit .temperature { margin: 0; padding-top: 0.5rem; }
  .softmax-fit .formula .katex { font-size: 1.2em; }
  .softmax-fit .sum-figure figcaption { font-size: 12.5px; }
  .softmax-fit .note { font-size: 13px; line-height: 1.4; }
  .softmax-fit table.terms th, .softmax-fit table.terms td { padding: 0.12rem 0.4rem; line-height: 1.3; }
  .softmax-fit.small table.terms th, .softmax-fit.small table.terms td { padding: 0.08rem 0.25rem; font-size: 12px; }
  .softmax-fit.small table.terms thead th { font-size: 11px; }
  .softmax-fit.small table.terms sup { font-size: 10px; }
  .softmax-fit.small .temperature { gap: 0.25rem 0.6rem; }
  .softmax-fit.small .temperature label { flex: 1 1 8rem; }
  .softmax-fit.small .temperature .word { display: none; }
  .softmax-fit.small .temperature output { min-width: 0; }
  .softmax-fit.small .temperature input[type='range'] { flex: 1 1 auto; width: auto; min-width: 5rem; max-width: none; }
  .softmax-fit.small .temperature .how { display: none; }
  .softmax-fit.small .temperature .hint { font-size: 12.5px; }
  /* The slider changes the probabilities: on a phone the table keeps the logits and those. */
  .softmax-fit.small.subject-temperature table.terms tr > :nth-child(3) { display: none; }
  .softmax-fit.small.subject-temperature table.terms tfoot { display: none; }
`;
