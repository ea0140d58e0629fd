import { css } from 'lit';
import { figureHostStyles } from '../shared/figure-styles';

export const overviewStyles = [figureHostStyles, css`
  :host {
    font: 13px/1.4 var(--cnn-font-ui, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  select:focus-visible, button:focus-visible, input:focus-visible, a:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .status {
    min-height: 1.4em;
    color: var(--muted);
  }
  .status[data-kind='error'] { color: #a1260d; font-weight: 600; }
  .failed { padding: 1.5rem 1rem; border: 1px solid #e3c9c2; border-radius: 6px; background: #fdf6f4; }
  .failed .status { font-size: 15px; max-width: 40em; }
  .status .notice { color: #6b4e00; }
  progress { width: 12rem; vertical-align: middle; accent-color: var(--accent); }
  .network { position: relative; }
  .wide { position: relative; }
  .edges { position: absolute; left: 0; pointer-events: none; overflow: visible; }
  .edges path { fill: none; stroke: #9a958a; stroke-opacity: 0.16; stroke-width: 0.6; }
  .edges .hot path { stroke: var(--accent); stroke-opacity: 0.75; stroke-width: 1.3; }
  canvas.map {
    image-rendering: pixelated;
    image-rendering: crisp-edges;
    border-radius: 2px;
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.12);
    cursor: pointer;
    background: #eceae4;
  }
  .wide canvas.map, .mini canvas.map { position: absolute; }
  .narrow canvas.map { width: 100%; height: auto; aspect-ratio: 1; }
  canvas.map, canvas.thumb { display: block; }
  canvas.map:focus { outline: none; }
  canvas.map:focus-visible, canvas.map.active {
    box-shadow: 0 0 0 2px var(--surface), 0 0 0 4px var(--accent);
  }
  canvas.map.source { box-shadow: 0 0 0 2px var(--accent); }
  canvas.map.selected { box-shadow: 0 0 0 2px var(--surface), 0 0 0 4px #d9480f; }
  .skeleton canvas.map, .skeleton .bar { animation: pulse 1.4s ease-in-out infinite; }
  @keyframes pulse { 50% { opacity: 0.45; } }
  @media (prefers-reduced-motion: reduce) { .skeleton canvas.map, .skeleton .bar { animation: none; } }
  .col-label {
    position: absolute;
    top: 0;
    text-align: center;
    font-size: 11px;
    line-height: 14px;
    white-space: nowrap;
    transform: translateX(-50%);
  }
  .col-label .line, .col-label .shape { display: block; }
  .col-label .shape { color: var(--muted); }
  .col-shape { position: absolute; transform: translateX(-50%); font-size: 11px; line-height: 14px; white-space: nowrap; color: var(--muted); }
  .layer-band {
    position: absolute;
    border-radius: 6px;
    background: color-mix(in srgb, var(--accent) 7%, transparent);
    box-shadow: 0 0 0 1px color-mix(in srgb, var(--accent) 22%, transparent);
  }
  .ov { position: absolute; pointer-events: none; box-sizing: border-box; }
  .ov-field { border: 1.5px solid #0b7a3e; background: rgba(11, 122, 62, 0.18); box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.7); }
  .ov-value { border: 2px solid #0b7a3e; box-shadow: 0 0 0 1px #fff; }
  .ov-patch { border: 2px solid var(--accent); box-shadow: 0 0 0 1px #fff; }
  .info {
    display: inline-grid;
    place-items: center;
    width: 14px;
    height: 14px;
    margin-left: 3px;
    border: 1.5px solid var(--accent);
    border-radius: 50%;
    color: var(--accent);
    font: 700 11px/1 Georgia, serif;
    font-style: italic;
    text-decoration: none;
    vertical-align: 1px;
  }
  .info:hover { background: var(--accent); color: var(--surface); }
  .legend { position: absolute; font-size: 11px; color: var(--muted); text-align: center; }
  .legend .ramp { height: 8px; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0,0,0,0.12); }
  .legend .ends { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; }
  .legend.narrow .ends span:nth-child(2) { visibility: hidden; }
  .outputs { position: absolute; }
  .class-row {
    position: absolute;
    left: 0;
    right: 0;
    display: grid;
    grid-template-columns: 5.6rem 1fr 3.2rem;
    align-items: center;
    gap: 0.35rem;
    border-radius: 4px;
    padding: 0 2px;
    cursor: default;
  }
  .class-row:focus-visible { outline: 3px solid var(--accent); }
  /* A narrow output column: name and percentage on one line, the bar under them. */
  .outputs.tight .class-row { grid-template-columns: minmax(0, 1fr) auto; grid-template-rows: auto 5px; row-gap: 2px; align-content: center; line-height: 1.2; }
  .outputs.tight .class-row .bar { grid-column: 1 / -1; grid-row: 2; height: 5px; }
  .class-row.top .name { font-weight: 700; }
  .class-row .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .bar { height: 10px; background: #eceae4; border-radius: 2px; overflow: hidden; }
  .bar span { display: block; height: 100%; background: var(--accent); }
  .pct { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
  .readout {
    margin-top: 0.75rem;
    min-height: 2.8em;
    padding: 0.4rem 0.6rem;
    background: #f4f2ec;
    border-radius: 6px;
    font-variant-numeric: tabular-nums;
  }
  .narrow .layer { margin: 0 0 1rem; }
  .narrow h3 { font-size: 13px; margin: 0 0 0.35rem; display: flex; gap: 0.4rem; align-items: baseline; flex-wrap: wrap; }
  .narrow h3 .shape { color: var(--muted); font-weight: 400; }
  .narrow .grid { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 6px; }
  .narrow .grid.input { grid-template-columns: repeat(3, minmax(0, 1fr)); max-width: 60%; }
  .narrow .legend { position: static; margin: 0.3rem 0 0; max-width: 14rem; }
  .narrow .outputs { position: static; }
  .narrow .class-row { position: static; margin: 0 0 4px; min-height: 28px; }
  .source { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-start; margin: 0 0 0.6rem; }
  .source > cnn-image-picker { flex: 1 1 100%; }
  .picker-drawer { flex: 1 1 100%; order: 2; }
  .picker-drawer > summary { cursor: pointer; color: var(--accent); font-weight: 600; min-height: 32px; display: inline-flex; align-items: center; }
  .picker-drawer[open] > summary { margin-bottom: 0.5rem; }
  .crop { display: flex; gap: 0.6rem; align-items: center; }
  .crop canvas { width: 64px; height: 64px; image-rendering: pixelated; border-radius: 3px; box-shadow: 0 0 0 1px rgba(0,0,0,.15); }
  .key { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; margin: 0.5rem 0 0; font-size: 12px; color: var(--muted); align-items: center; }
  .key span { display: inline-flex; align-items: center; gap: 2px; white-space: nowrap; }
  .key .sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.15); }
  .key .sw + .sw { margin-left: -1px; }
  .key .key-input .sw { width: 22px; margin-right: 2px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`];
