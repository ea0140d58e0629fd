import { css } from 'lit';

/** Layout of <cnn-relu-view>: in | the rule and its graph | out; the graph moves below on narrow screens. */
export const reluStyles = css`
  .relu-stage {
    grid-template-columns: minmax(0, 21rem) minmax(12rem, 16rem) minmax(0, 21rem);
    grid-template-areas: 'in middle out';
    align-items: start;
    justify-content: start;
  }
  .in { grid-area: in; }
  .out { grid-area: out; }
  .middle { grid-area: middle; align-self: center; justify-items: center; text-align: center; }
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
    .relu-stage {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'in out' 'middle middle';
      gap: 0.9rem 0.75rem;
    }
    .lens .cell { aspect-ratio: 1; }
    .relu-graph { max-width: 13rem; }
  }
`;
