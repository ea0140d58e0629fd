/**
 * The look of <cnn-teach>: classes as tabs over the chosen class's panel; training and the
 * result beside them on a wide figure, below them on a narrow one; in a fitted figure one
 * column as tall as the box, the subject's part taking the room left. Touch targets are 44 px
 * where the pointer is coarse or the box is small.
 */
import { css } from 'lit';
import { sharedViewStyles } from '../views/shared/view-styles';

export const teachStyles = [...sharedViewStyles, css`
  .teach { position: relative; display: grid; gap: 0.75rem; }
  .privacy { margin: 0; color: var(--muted); font-size: 13px; }
  .columns { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); min-width: 0; }
  .teach.wide .columns { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); align-items: start; }
  .col { display: grid; gap: 0.9rem; min-width: 0; align-content: start; }
  section { display: grid; gap: 0.6rem; min-width: 0; }
  .hint { margin: 0; color: var(--muted); font-size: 13px; }
  p { margin: 0; }

  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
  button { min-height: 36px; }
  input[type='text'] { font: inherit; min-height: 36px; padding: 0.25rem 0.5rem; border: 1px solid #b9bfc7; border-radius: 6px; min-width: 0; }
  input[aria-invalid='true'] { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }

  /* Classes */
  .tabs { display: flex; flex-wrap: wrap; gap: 0.35rem; }
  .tab { display: inline-flex; align-items: center; gap: 0.4rem; max-width: 12rem; border-radius: 999px; padding: 0.2rem 0.45rem 0.2rem 0.75rem; }
  .tab-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .tab.chosen { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 12%, #fff); color: var(--accent); font-weight: 600; }
  .count { min-width: 1.6rem; padding: 0 0.35rem; border-radius: 999px; background: #e7eef5; color: #22415f; font-size: 12px; font-variant-numeric: tabular-nums; text-align: center; }
  .count.short { background: #fbe7d5; color: var(--warn); }
  .add-class { border-style: dashed; border-radius: 999px; color: var(--accent); }
  .class-panel { display: grid; gap: 0.5rem; padding: 0.6rem; border: 1px solid var(--rule); border-radius: 10px; background: var(--surface); }
  .name-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.5rem; }
  .name-row label { font-weight: 600; }
  .name-row input { flex: 1 1 8rem; }
  .picture-count { color: var(--muted); font-variant-numeric: tabular-nums; }
  .field-problem { color: var(--bad); font-size: 13px; }
  .add-row { display: flex; flex-wrap: wrap; gap: 0.4rem; }
  .add-row button { flex: 1 1 auto; }
  .remove-class, .clear { color: var(--bad); }

  .camera { display: grid; gap: 0.4rem; grid-template-columns: minmax(0, 1fr); }
  .camera video { width: 100%; max-height: 240px; aspect-ratio: 4 / 3; object-fit: cover; border-radius: 8px; background: #111; }
  .camera-actions { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
  .shelf { display: grid; grid-template-columns: repeat(auto-fill, minmax(48px, 1fr)); gap: 0.3rem; }
  .example { padding: 2px; min-height: 0; aspect-ratio: 1; }
  .example img { display: block; width: 100%; height: 100%; object-fit: cover; border-radius: 4px; }

  .pictures { display: grid; gap: 0.35rem; }
  .thumbs { display: grid; grid-template-columns: repeat(auto-fill, 60px); gap: 6px; margin: 0; padding: 0; list-style: none; }
  .thumb { position: relative; width: 60px; height: 60px; }
  .thumb canvas { display: block; width: 100%; height: 100%; border-radius: 4px; image-rendering: pixelated; background: #eceef1; }
  .thumb.right canvas { box-shadow: 0 0 0 2px #2f8a3a; }
  .thumb.wrong canvas { box-shadow: 0 0 0 2px var(--bad); }
  .thumb .verdict { position: absolute; left: 2px; bottom: 2px; padding: 0 3px; border-radius: 3px; background: rgba(255, 255, 255, 0.9); font-size: 12px; font-weight: 700; }
  .thumb.right .verdict { color: #2f8a3a; }
  .thumb.wrong .verdict { color: var(--bad); }
  .thumb .remove { position: absolute; top: 1px; right: 1px; min-height: 0; width: 22px; height: 22px; padding: 0; border-radius: 50%; line-height: 1; font-size: 15px; background: rgba(255, 255, 255, 0.92); opacity: 0; }
  .thumb:hover .remove, .thumb .remove:focus-visible { opacity: 1; }
  @media (pointer: coarse) { .thumb .remove { opacity: 1; } }
  .pager { display: flex; align-items: center; gap: 0.5rem; color: var(--muted); font-variant-numeric: tabular-nums; }
  .pager button { min-width: 40px; }
  .empty { color: var(--muted); font-size: 13px; }
  .message { padding: 0.4rem 0.6rem; border-radius: 6px; font-size: 13px; }
  .message.error { background: #fdeeee; border-left: 4px solid #c62828; color: #7a1616; }
  .message.note, .message.busy { background: #eef4fa; border-left: 4px solid var(--accent); }
  .message p + p { margin-top: 0.25rem; }
  .problems { margin: 0; padding: 0.4rem 0.6rem 0.4rem 1.6rem; border-radius: 6px; background: #fff6ea; color: var(--warn); font-size: 13px; }
  .problems li + li { margin-top: 0.2rem; }
  .ready { color: #2f6b35; font-size: 13px; font-weight: 600; }
  .teach.dropping { outline: 3px dashed var(--accent); outline-offset: 2px; }
  .drop-hint { position: absolute; inset: 0; display: grid; place-items: center; background: rgba(255, 255, 255, 0.85); color: var(--accent); font-weight: 600; pointer-events: none; }

  /* Training */
  .modes { display: grid; gap: 0.35rem; margin: 0; padding: 0; border: 0; min-width: 0; }
  .modes legend { padding: 0; margin-bottom: 0.25rem; font-weight: 600; }
  .mode { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.35rem 0.5rem; border: 1px solid var(--rule); border-radius: 8px; cursor: pointer; }
  .mode.chosen { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 7%, #fff); }
  .mode input { margin: 0.2rem 0 0; accent-color: var(--accent); }
  .mode .about { color: var(--muted); font-size: 13px; }
  .run { display: grid; gap: 0.35rem; }
  .run-row { display: flex; align-items: center; gap: 0.5rem 0.75rem; flex-wrap: wrap; }
  .run-row .train, .run-row .stop { min-width: 7rem; min-height: 40px; }
  .stop { border-color: var(--bad); color: var(--bad); font-weight: 600; }
  .progress { flex: 1 1 8rem; height: 10px; border-radius: 5px; background: #ebe8e0; overflow: hidden; }
  .progress .bar { display: block; height: 100%; background: var(--accent); }
  .progress-text { flex-basis: 100%; color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; min-height: 1.2em; }

  .chart-wrap { min-width: 0; }
  .chart { display: grid; gap: 0.4rem; margin: 0; }
  .panel { display: grid; gap: 0.15rem; }
  .panel-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.6rem; font-size: 13px; }
  .panel-head .key { color: var(--muted); font-size: 12px; }
  .panel-head .now { margin-left: auto; font-variant-numeric: tabular-nums; }
  .panel-head .now b { color: var(--accent); }
  .swatch { display: inline-block; width: 14px; height: 3px; margin: 0 0.2rem 0.2rem 0.3rem; vertical-align: middle; background: #8c8c8c; }
  .swatch.batch { background: #cfcac0; }
  .swatch.held { background: var(--accent); height: 4px; }
  .plot { position: relative; height: 92px; margin-left: 2.4rem; }
  .plot .y { position: absolute; left: -2.4rem; width: 2.2rem; text-align: right; font-size: 11px; color: var(--muted); font-variant-numeric: tabular-nums; }
  .plot .y-top { top: -0.35rem; }
  .plot .y-bottom { bottom: -0.35rem; }
  .plot-svg { display: block; width: 100%; height: 100%; overflow: visible; }
  .plot-bg { fill: #faf9f6; stroke: var(--rule); vector-effect: non-scaling-stroke; }
  .grid { stroke: #ebe8e0; }
  .line { fill: none; stroke-linejoin: round; }
  .line.batch { stroke: #cfcac0; stroke-width: 1; }
  .line.train { stroke: #6e6e6e; stroke-width: 1.5; }
  .line.held { stroke: var(--accent); stroke-width: 2.5; }
  .x-axis { display: flex; justify-content: space-between; margin-left: 2.4rem; font-size: 11px; color: var(--muted); }
  .kernels { display: flex; align-items: center; gap: 0.6rem; font-size: 13px; color: var(--muted); }
  .kernel-canvas { flex: none; width: 156px; height: 12px; image-rendering: pixelated; }

  /* Result */
  .result { display: grid; gap: 0.5rem; }
  .summary { font-weight: 600; }
  .summary.error { color: var(--bad); }
  .per-class { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
  .per-class caption { text-align: left; color: var(--muted); margin-bottom: 0.2rem; }
  .per-class th, .per-class td { padding: 0.15rem 0.4rem; border-bottom: 1px solid var(--rule); text-align: left; }
  .per-class th { font-weight: 500; max-width: 10rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .per-class .num { text-align: right; white-space: nowrap; }
  .per-class .bar-cell { width: 45%; }
  .acc-bar { display: block; height: 8px; background: #f1efe9; border-radius: 2px; overflow: hidden; }
  .acc-bar span { display: block; height: 100%; background: var(--accent); }
  .per-class tfoot th, .per-class tfoot td { border-bottom: none; }
  .actions { display: grid; gap: 0.5rem; }
  .use-row, .keep-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.6rem; }
  .use-row .use { min-height: 40px; }
  .keep-row label { font-weight: 600; }
  .keep-row input { flex: 1 1 7rem; }
  .saved { display: grid; gap: 0.3rem; font-size: 13px; }
  .saved-head { font-weight: 600; }
  .saved ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.3rem; }
  .saved li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.5rem; }
  .saved-name { font-weight: 600; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

  /* Small screens and touch: big targets. */
  .teach.small button, .teach.small input[type='text'] { min-height: 44px; }
  @media (pointer: coarse) { button, input[type='text'] { min-height: 44px; } }
  .teach.small .tab { min-height: 40px; }

  /* Fitted: one column as tall as the box. */
  .fit-root .columns, .fit-root .col { display: contents; }
  .fit-root section.training, .fit-root section.outcome { display: contents; }
  .fit-root .class-panel { padding: 0.45rem; }
  .fit-root.small .mode .about, .fit-root.small .kernels span { display: none; }
  .fit-root.small .modes { grid-template-columns: 1fr 1fr; }
  .fit-root.small .modes legend { display: none; }
  .fit-root.small .thumbs { grid-template-columns: repeat(auto-fill, 48px); }
  .fit-root.small .thumb { width: 48px; height: 48px; }
  .fit-root.small .camera video { max-height: 120px; }
  .fit-root.small .add-row button { padding: 0.2rem 0.4rem; }
  /* Narrow: the count is on the tab, the name row stays one line, a picture's × stays round. */
  .teach.small .picture-count, .teach.small .remove-class .long { display: none; }
  .teach.small .name-row { flex-wrap: nowrap; }
  .teach.small .name-row input { flex: 1 1 0; min-width: 0; }
  .teach.small .thumb .remove { min-height: 0; }
  .add-row .clear { flex: 0 0 auto; }
  .fit-root .chart-wrap { flex: 1 1 0; min-height: 120px; display: flex; }
  .fit-root .chart-wrap .chart { flex: 1; grid-template-rows: auto minmax(0, 1fr) auto minmax(0, 1fr) auto; }
  .fit-root .chart .panel { display: contents; }
  .fit-root .chart .plot { height: auto; min-height: 40px; }
  .fit-root .kernels { flex: none; }
`];
