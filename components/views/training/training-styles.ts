import { css } from 'lit';

/**
 * Layout of <cnn-training>: the scrubber on top, then the kernels, the curves, the maps and
 * the prediction; two columns where the figure is wide, one where it is narrow.
 */
export const trainingStyles = css`
  .training-root { display: grid; gap: 0.75rem; }
  .facts { margin: 0; }
  h3 { margin: 0 0 0.4rem; font-size: 13px; font-weight: 600; color: var(--muted); }
  h3 strong { color: var(--cnn-ink, #1d1d1f); }

  /* The scrubber. */
  .scrub { display: flex; align-items: center; gap: 0.4rem 0.5rem; flex-wrap: nowrap; --thumb: 16px; }
  .scrub button { min-width: 38px; min-height: 36px; padding: 0 0.4rem; }
  .scrub button.play { min-width: 46px; }
  .scrub button svg { display: block; margin: auto; }
  .track { position: relative; flex: 1 1 auto; min-width: 6rem; padding-bottom: 15px; }
  .track input { display: block; width: 100%; margin: 0; }
  .ticks { position: absolute; left: 0; right: 0; bottom: 0; height: 15px; pointer-events: none; }
  .stop-tick { position: absolute; top: 0; width: 1px; height: 5px; background: #a9a59b; transform: translateX(-50%); }
  .stop-tick.shipped { width: 3px; height: 7px; background: var(--cnn-ink, #1d1d1f); }
  .stop-tick.on { background: var(--accent); }
  .stop-label { position: absolute; top: 4px; font-size: 11px; line-height: 11px; color: var(--muted); transform: translateX(-50%); white-space: nowrap; }
  .stop-label:first-of-type { transform: none; margin-left: -4px; }
  .stop-label.end { transform: translateX(-100%); margin-left: 4px; }
  /* Narrow: the epoch beside the buttons, the slider on a row of its own. */
  @container (max-width: 560px) {
    .scrub { flex-wrap: wrap; }
    .scrub .track { order: 5; flex-basis: 100%; }
    .epoch-now { margin-left: auto; min-width: 0; }
  }
  .epoch-now { flex: none; min-width: 8.6rem; font-variant-numeric: tabular-nums; font-size: 14px; }
  .epoch-now .of { color: var(--muted); }
  .epoch-now .badge { font-size: 11px; padding: 1px 5px; border-radius: 8px; background: var(--cnn-ink, #1d1d1f); color: #fff; vertical-align: 1px; }
  .epoch-now .pending { color: var(--muted); font-size: 12px; }

  .failure { margin: 0; }
  .blocks { display: grid; gap: 1rem 1.5rem; grid-template-columns: minmax(0, 1fr); }
  .prediction { order: 1; }
  .curves { order: 2; }
  .maps { order: 3; }
  @container (min-width: 900px) {
    .blocks { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); grid-template-rows: auto auto minmax(0, 1fr); grid-template-areas: 'kernels curves' 'maps curves' 'maps prediction'; align-items: start; }
    .kernels { grid-area: kernels; }
    .curves { grid-area: curves; }
    .maps { grid-area: maps; }
    .prediction { grid-area: prediction; }
  }
  .block { min-width: 0; margin: 0; }
  .block .legend { width: 15rem; }
  .blocks.stale .units, .blocks.stale .map-grid, .blocks.stale .classes { opacity: 0.55; transition: opacity 0.2s; }
  .blocks.failed .units, .blocks.failed .map-grid, .blocks.failed .kernel-foot, .blocks.failed .maps .legend, .blocks.failed .classes, .blocks.failed .note-line { display: none; }
  .missing { display: none; margin: 0; color: var(--muted); font-size: 13px; }
  .blocks.failed .missing { display: block; }

  /* Kernels: per output channel, its colour picture over its R, G and B kernels. */
  .units { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 10px 8px; max-width: 34rem; }
  @container (min-width: 520px) { .units { grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); max-width: none; } }
  .unit { display: grid; gap: 3px; justify-items: center; min-width: 0; }
  .unit-name { font-size: 11px; line-height: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
  .unit canvas, .map canvas, .crop-preview { image-rendering: pixelated; image-rendering: crisp-edges; }
  .unit .composite { width: 100%; aspect-ratio: 1; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); background: #808080; }
  .unit .rgb { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 2px; width: 100%; }
  .unit .kernel { width: 100%; aspect-ratio: 1; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.1); background: #f7f6f2; }
  .unit .rgb canvas:nth-child(1) { border-top: 2px solid #d33; }
  .unit .rgb canvas:nth-child(2) { border-top: 2px solid #2a2; }
  .unit .rgb canvas:nth-child(3) { border-top: 2px solid #36c; }
  .kernel-foot { display: flex; flex-wrap: wrap; align-items: end; gap: 0.3rem 1.25rem; margin-top: 0.5rem; }
  .kernel-foot .kernel-key { flex: 1 1 18rem; margin: 0; }
  .kernel-key { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.2rem 0.45rem; align-items: center; margin: 0.5rem 0; font-size: 12px; color: var(--muted); }
  .swatch-composite { width: 14px; height: 14px; border-radius: 2px; background: linear-gradient(135deg, #e0b040, #808080 50%, #4a6fd0); }
  .rgb-key { display: inline-flex; gap: 2px; }
  .rgb-key b { font-size: 10px; width: 10px; text-align: center; border-top: 2px solid; line-height: 11px; }
  .rgb-key .r { border-color: #d33; } .rgb-key .g { border-color: #2a2; } .rgb-key .b { border-color: #36c; }

  /* Maps. */
  .map-grid { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 6px; max-width: 34rem; }
  @container (min-width: 900px) { .map-grid { max-width: none; } }
  .map-grid .map { cursor: default; touch-action: auto; }

  /* Prediction. */
  .prediction-head { display: flex; align-items: center; gap: 0.6rem; margin-bottom: 0.4rem; }
  .prediction-head h3 { margin: 0; }
  .crop-preview { width: 40px; height: 40px; border-radius: 3px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); flex: none; }
  .classes { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
  .classes th, .classes td { padding: 2px 0.4rem 2px 0; text-align: left; font-weight: normal; }
  .classes thead th { font-size: 11px; color: var(--muted); }
  .classes tbody th { white-space: nowrap; }
  .classes tr.top th { font-weight: 600; }
  .classes td:nth-child(2) { width: 100%; }
  .bar-cell { display: flex; align-items: center; gap: 0.4rem; }
  .bar { position: relative; flex: 1 1 auto; height: 12px; background: #eceae4; border-radius: 2px; }
  .bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent); border-radius: 2px; }
  .then-mark { position: absolute; top: -3px; bottom: -3px; width: 3px; margin-left: -1.5px; background: var(--cnn-ink, #1d1d1f); border-radius: 1px; }
  .then-mark.inline { position: static; display: inline-block; height: 12px; vertical-align: -2px; margin: 0 2px; }
  .bar-cell .p { min-width: 3.2em; text-align: right; }
  .classes .then { color: var(--muted); text-align: right; white-space: nowrap; }
  .note-line { margin: 0.35rem 0 0; font-size: 12px; color: var(--muted); }

  /* Curves. */
  .charts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.5rem 0.75rem; cursor: pointer; touch-action: pan-y; }
  @container (max-width: 520px) { .charts { grid-template-columns: minmax(0, 1fr); } }
  .chart { margin: 0; display: flex; flex-direction: column; height: 11.5rem; min-width: 0; }
  .chart figcaption { font-size: 12px; font-weight: 600; }
  .chart figcaption span { font-weight: normal; color: var(--muted); }
  .chart svg { display: block; flex: 1 1 0; min-height: 0; width: 100%; overflow: visible; }
  .chart .axis text { font-size: 11px; fill: var(--muted); font-family: inherit; }
  .chart .axis path, .chart .axis line { stroke: #b8b4aa; }
  .chart .grid line { stroke: #efede7; }
  .chart .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
  .line.train, .swatch.train line { stroke: #6b6f76; stroke-dasharray: 4 3; }
  .line.early, .swatch.early line { stroke: var(--accent); }
  .line.heldOut, .swatch.heldOut line { stroke: #d9480f; }
  .swatch line { stroke-width: 2.5; }
  .chart .dot { stroke: #fff; stroke-width: 1.5; }
  .dot.train { fill: #6b6f76; } .dot.early { fill: var(--accent); } .dot.heldOut { fill: #d9480f; }
  .chart .marker { stroke: var(--cnn-ink, #1d1d1f); stroke-width: 1.5; }
  .chart .shipped line { stroke: var(--cnn-ink, #1d1d1f); stroke-width: 1; stroke-dasharray: 2 3; }
  .chart .shipped text { font-size: 11px; fill: var(--cnn-ink, #1d1d1f); }
  .curve-key { list-style: none; margin: 0.4rem 0 0; padding: 0; display: grid; gap: 0.15rem; font-size: 12px; color: var(--muted); }
  .curve-key strong { color: var(--cnn-ink, #1d1d1f); font-weight: 600; }
  .curve-key .swatch { vertical-align: 1px; margin-right: 0.3rem; }
  .curve-key .mid { display: none; }
  .curves-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.3rem 0.75rem; margin-bottom: 0.3rem; }
  .curves-head h3 { margin: 0; }
  .chart-switch { display: inline-flex; }
  .chart-switch button { min-height: 32px; font-size: 13px; border-radius: 0; }
  .chart-switch button:first-child { border-radius: 6px 0 0 6px; }
  .chart-switch button:last-child { border-radius: 0 6px 6px 0; margin-left: -1px; }
  .chart-switch button[aria-pressed='true'] { background: var(--cnn-ink, #1d1d1f); color: #fff; border-color: var(--cnn-ink, #1d1d1f); }
`;

/**
 * The fitted form: a head line, the scrubber, and the blocks the subject needs in the room
 * left (a size container, so kernels and maps size themselves from it).
 */
export const trainingFittedStyles = css`
  .training-fit { gap: 0.45rem; }
  .training-fit .scrub { --thumb: 16px; }
  .training-fit > .blocks { flex: 1 1 0; min-height: 0; container-type: size; align-content: start; gap: 0.6rem 1rem; }
  .training-fit.small .kernel-key { display: none; }
  .training-fit.small .curve-key .long { display: none; }
  .training-fit.small .curve-key .mid { display: inline; }
  .training-fit .units { max-width: none; }
  .training-fit .map-grid { max-width: none; }

  /* Roomy: kernels across the top, curves beside the prediction, the maps below. */
  .training-fit.roomy .blocks { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); grid-template-areas: 'kernels kernels' 'curves curves' 'maps prediction'; }
  .training-fit.roomy .kernels { grid-area: kernels; }
  .training-fit.roomy .curves { grid-area: curves; }
  .training-fit.roomy .prediction { grid-area: prediction; }
  .training-fit.roomy .maps { grid-area: maps; }
  .training-fit.roomy .units { grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); }
  .training-fit.roomy .charts { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .training-fit.roomy .chart { height: 10rem; }

  /* Medium and small: one column, the subject first. */
  .training-fit.subject-kernels .kernels, .training-fit.subject-curves .curves, .training-fit.subject-maps .maps, .training-fit.subject-prediction .prediction { order: -1; }
  .training-fit.medium .units { grid-template-columns: repeat(var(--cols), minmax(0, 1fr)); gap: 8px 5px; }
  .training-fit.medium .map-grid { grid-template-columns: repeat(10, minmax(0, 1fr)); gap: 4px; }
  .training-fit.medium.subject-maps .map-grid { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 6px; }
  .training-fit.medium .charts { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .training-fit.medium .chart { height: 10rem; }
  .training-fit.medium.subject-curves .chart { height: 14rem; }

  /* Small: the one block the subject needs fills the room. */
  .training-fit.small .units {
    --u: min(calc((100cqw - 4 * 8px) / 5), calc((100cqh - 18px - 42px - 2 * 20px - 10px) / 2 / 1.36));
    grid-template-columns: repeat(5, var(--u));
    justify-content: center;
  }
  .training-fit.small .map-grid {
    --m: min(calc((100cqw - 4 * 6px) / 5), calc((100cqh - 18px - 42px - 6px) / 2));
    grid-template-columns: repeat(5, var(--m));
    justify-content: center;
  }
  .training-fit.small .charts { grid-template-columns: minmax(0, 1fr); gap: 0.3rem; }
  .training-fit.small .chart { height: min(15rem, calc(100cqh - 46px - 5.4rem)); min-height: 7rem; }
  .training-fit.small .chart figcaption { display: none; }
  .training-fit.small .curve-key { font-size: 11.5px; gap: 0; }
  .training-fit.small .classes { font-size: 13px; }
`;
