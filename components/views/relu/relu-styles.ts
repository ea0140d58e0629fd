import { css } from 'lit';
import { twoMapsRowStyles } from '../shared/small-view-styles';

/** Layout of <cnn-relu-view>: the rule and its graph between in and out (small-view-styles' three-up stage). */
export const reluStyles = css`
  .out .lens .cell.negative { color: var(--muted) !important; font-style: italic; }
  .out .lens .cell[data-role='output'] { transition: background-color 0.15s; }
  .verdict { margin: 0; color: var(--muted); font-size: 13px; }

  .relu-graph { width: 100%; max-width: 15rem; height: auto; overflow: visible; }
  .relu-graph .axis { stroke: #8a8f98; stroke-width: 1; }
  .relu-graph .curve { fill: none; stroke: var(--cnn-ink, #1d1d1f); stroke-width: 2.5; stroke-linejoin: round; }
  .relu-graph .guide { stroke: var(--accent); stroke-width: 1; stroke-dasharray: 3 3; }
  .relu-graph .marker { fill: var(--accent); stroke: #fff; stroke-width: 2; }
  .relu-graph .bar { fill: #c9c5bb; }
  .relu-graph .bar.zeroed { fill: #b9b0d6; }
  .relu-graph .tick, .relu-graph .label { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }

  @container (max-width: 700px) {
    .lens .cell { aspect-ratio: 1; }
    .relu-graph { max-width: 13rem; }
  }
`;

/**
 * The fitted form (see fitted-layout.ts): the two maps side by side as large as the room
 * left allows (lenses under them when shown), the rule below, the graph alone filling the
 * room when it is the subject on a small screen.
 */
export const reluFittedStyles = css`
  ${twoMapsRowStyles}
  .with-lens .maps-row { --m: min(calc((100cqw - 12px) / 2), calc((100cqh - 34px) / 1.8)); max-height: calc((100cqw - 22px) / 2 * 1.8 + 34px); }
  .maps-row .lens .cell { aspect-ratio: 1.25; font-size: 11px; }
  .maps-row .lens { --label: 1.5rem; }

  .rule-row { display: flex; align-items: center; justify-content: center; gap: 0.4rem 1.25rem; flex-wrap: wrap; }
  .rule-row .relu-graph { width: 15rem; max-width: none; }
  .rule-words { display: grid; gap: 0.3rem; justify-items: center; text-align: center; }
  .rule-row.alone { flex-direction: column; flex-wrap: nowrap; gap: 0.3rem; max-height: calc((100cqw - 10px) * 170 / 240 + 64px); }
  .rule-row.alone .relu-graph { width: min(100cqw, calc((100cqh - 64px) * 240 / 170)); }
  .rule-row.beside { flex-wrap: nowrap; }
  .rule-row.beside .relu-graph { width: min(calc(100cqw - 15rem), calc((100cqh - 4px) * 240 / 170)); }
  .relu-fit .legends { justify-content: center; }
`;
