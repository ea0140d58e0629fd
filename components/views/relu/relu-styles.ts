import { css } from 'lit';

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
