import { css } from 'lit';

/** The overview's panels, and its fitted layouts (header, controls, flexible slot, phone forms). */
export const panelStyles = css`
  .muted { color: var(--muted); }
  .panels { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; margin: 0.9rem 0 0; align-items: flex-start; }
  .panel { min-width: 0; }
  .panel-title { margin: 0 0 0.4rem; font-size: 12.5px; line-height: 1.35; }
  .panel figure { margin: 0; }
  .panel figcaption { font-size: 11px; color: var(--muted); text-align: center; line-height: 14px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .frame { position: relative; flex: none; }
  .frame canvas.thumb { width: 100%; height: 100%; image-rendering: pixelated; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.14); background: #eceae4; }
  canvas[data-control] { cursor: crosshair; }
  canvas[data-control]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }

  /* Kernels: one grid of weights per input channel. */
  .kernels { display: grid; gap: 6px; justify-content: start; padding: 1px; }
  .kgrid { display: grid; gap: 1px; background: #fff; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); }
  .w { display: grid; place-items: center; font-size: 11px; font-variant-numeric: tabular-nums; letter-spacing: -0.02em; overflow: hidden; }
  .bias { display: flex; flex-wrap: wrap; gap: 0.2rem 0.5rem; align-items: center; margin: 0.45rem 0 0; font-size: 12px; }
  .bias .bias-value { display: inline-grid; min-width: 3.2rem; height: 24px; padding: 0 4px; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); }

  /* Numbers: a patch of a map, written out. */
  .numbers-body { display: flex; gap: 14px; align-items: flex-start; }
  .numbers-body.stacked { flex-direction: column; gap: 8px; }
  table.patch { border-collapse: separate; border-spacing: 1px; background: #fff; font-variant-numeric: tabular-nums; }
  table.patch td { padding: 0; text-align: center; font-size: 11px; line-height: 13px; }
  table.patch td b { display: block; font-weight: 700; font-size: 12px; }
  table.patch td span { display: block; opacity: 0.9; }
  .table-side p { margin: 0.35rem 0 0; font-size: 11.5px; max-width: 24rem; }

  /* The receptive field: a value and the pixels it depends on. */
  .panel-field > .panel-body { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: flex-start; }
  .panel-field > .panel-body > .field-chain { flex-direction: column; margin: 0; }
  .field-pair { display: flex; gap: 6px; align-items: center; }
  .field-pair .arrow { font-size: 20px; color: var(--muted); }
  .field-chain { display: flex; flex-wrap: wrap; gap: 0.15rem 0.7rem; margin: 0.4rem 0 0; padding: 0; list-style: none; font-size: 11.5px; color: var(--muted); }
  .field-chain b { color: var(--cnn-ink, #1d1d1f); font-weight: 600; }
  .field-strip { display: flex; gap: 4px; margin: 8px 0 0; }
  .field-strip figure { display: grid; justify-items: center; }
  .column-strip { display: flex; gap: 3px; flex-wrap: nowrap; }
  .fitted .strip-slot { display: flex; align-items: center; }

  /* The input's channels; the map panel; large class rows. */
  .tiles { display: grid; gap: 10px; }
  .map-slot { display: flex; flex-direction: column; align-items: flex-start; padding: 5px; }
  .big-map canvas.map { width: 100%; height: 100%; }
  .strip-caption { margin: 6px 0 3px; font-size: 11px; }
  .off-note { color: #a93226; }
  .strip { display: grid; gap: 4px; }
  .strip canvas.map { width: 100%; aspect-ratio: 1; height: auto; }
  .outputs.big-rows { position: static; }
  .outputs.big-rows .class-row { position: static; height: var(--row); grid-template-columns: 6.5rem 1fr 3.4rem; }

  /* Legends as a list. */
  .legend-mode { margin: 0.3rem 0 0.2rem; font-size: 12px; }
  .legend-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
  .legend-list li { display: grid; grid-template-columns: 10.5rem minmax(8rem, 16rem); gap: 0.6rem; align-items: center; font-size: 11.5px; }
  .legend-list .legend { position: static; }
  .legend-names { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }

  /* A fitted figure: a column that fills the box; one flexible slot takes what is left. */
  :host([fit]) .network { height: 100%; }
  .fitted { display: flex; flex-direction: column; height: 100%; box-sizing: border-box; padding: 4px 4px 2px; gap: 6px; position: relative; }
  .fitted > * { flex: none; }
  /* The slot clips: content sized for an older measurement never pushes the figure out of its box. */
  .fitted .slot { flex: 1 1 0; min-height: 0; min-width: 0; position: relative; overflow: hidden; box-sizing: border-box; }
  /* Room for the ring around a network inside its slot. */
  .fitted .mini-slot, .fitted .net-slot { padding: 5px; }
  .fitted .panel:has(> .slot), .fitted .panel:has(> .numbers-body.slot) { flex: 1 1 0; min-height: 0; display: flex; flex-direction: column; }
  .fitted .panel > .slot { flex: 1 1 0; }
  .head { display: flex; align-items: center; gap: 8px; min-height: 34px; }
  .head-crop { width: 32px; height: 32px; image-rendering: pixelated; border-radius: 3px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.15); flex: none; }
  .head-words { margin: 0; flex: 1 1 auto; min-width: 0; font-size: 12.5px; line-height: 1.3; }
  .head-words .status { min-height: 0; }
  .head .controls-toggle { flex: none; margin-left: auto; }
  .controls-panel {
    position: absolute; z-index: 5; left: 4px; right: 4px; top: 44px;
    padding: 8px; border-radius: 8px; background: var(--surface); box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22);
  }
  .controls-panel .toolbar { margin: 0 0 6px; gap: 0.3rem 1rem; }
  /* The header already shows the crop the network sees. */
  .controls-panel .crop { display: none; }
  .controls-panel .source { margin: 0; }
  .source-fit .source { margin: 0; gap: 6px 10px; }
  .fitted .readout { margin: 0; min-height: 2.8em; font-size: 12.5px; }
  .fitted .wide { margin: 0 auto; }
  .fitted .key { margin: 0; }
  .fitted .panel { margin: 0 2px; }

  /* The miniature network (phones). */
  .mini { position: relative; width: 100%; }
  .mini-label { position: absolute; top: 0; display: flex; flex-direction: column; justify-content: flex-end; align-items: center; }
  .mini-label span { writing-mode: vertical-rl; transform: rotate(180deg); font-size: 11px; line-height: 12px; white-space: nowrap; }
  .mini canvas.map { border-radius: 1px; }
  .mini-out { position: absolute; display: flex; align-items: center; cursor: pointer; }
  .mini-out span { display: block; height: 60%; min-width: 2px; background: color-mix(in srgb, var(--accent) 35%, #ddd); border-radius: 1px; }
  .mini-out.top span { background: var(--accent); }
  .mini-out:focus-visible { outline: 2px solid var(--accent); }
  .mini-top { position: absolute; right: 0; margin: 0; font-size: 11.5px; white-space: nowrap; }
`;
