import { css } from 'lit';

/**
 * Layout of <cnn-saliency>: the map (picture and overlay) beside the class list, the key
 * under the map; in a fitted figure the map sizes itself from the room left (a size
 * container), beside the classes where they show.
 */
export const saliencyStyles = css`
  .methods { display: inline-flex; flex-wrap: wrap; gap: 0.3rem; }
  .methods button[aria-pressed='true'] { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }

  .sal-main { display: grid; grid-template-columns: minmax(0, 24rem) minmax(13rem, 18rem); gap: 1rem 1.5rem; align-items: start; }
  @container (max-width: 620px) { .sal-main { grid-template-columns: minmax(0, 1fr); } }
  .map-col { margin: 0; display: grid; gap: 0.45rem; align-content: start; min-width: 0; }
  .side { display: grid; gap: 0.75rem; align-content: start; }

  .sal-map { cursor: crosshair; touch-action: pan-y; }
  .sal-map canvas { image-rendering: auto; }
  .sal-map .box.strongest { box-shadow: 0 0 0 2px #1d1d1f, 0 0 0 3px rgba(255, 255, 255, 0.9); }
  .sal-map .box.raising { box-shadow: none; outline: 2px dashed #1d1d1f; outline-offset: -1px; }
  .sal-map .busy {
    position: absolute; left: 0.5rem; bottom: 0.5rem; padding: 0.2rem 0.5rem; border-radius: 4px;
    background: rgba(255, 255, 255, 0.9); font-size: 13px; color: var(--muted);
  }
  .sal-map .busy.error { color: var(--bad); font-weight: 600; right: 0.5rem; }
  .sal-map .probe {
    position: absolute; left: 0.4rem; top: 0.4rem; right: 0.4rem; padding: 0.15rem 0.45rem; border-radius: 4px;
    background: rgba(255, 255, 255, 0.92); font-size: 12.5px; font-variant-numeric: tabular-nums; pointer-events: none;
  }

  .sal-legend { font-size: 12.5px; color: var(--muted); }
  .sal-legend .ramp { height: 10px; border-radius: 2px; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.12); }
  .sal-legend .ends { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; font-size: 12px; }
  .sal-legend .key { margin: 0.2rem 0 0; line-height: 1.35; color: var(--cnn-ink, #1d1d1f); }
  .sal-legend .key strong { font-weight: 600; }
  .sal-legend .pos { color: #b35806; font-weight: 700; }
  .sal-legend .neg { color: #542788; font-weight: 700; }

  .classes { display: grid; gap: 2px; }
  .class-row {
    display: grid; grid-template-columns: minmax(5.5rem, 1fr) minmax(2.5rem, 5rem) 3.6rem; gap: 0.5rem; align-items: center;
    text-align: left; min-height: 28px; padding: 0.1rem 0.45rem; border-color: transparent; background: transparent;
    font-variant-numeric: tabular-nums;
  }
  .class-row:hover { background: #f4f2ec; }
  .class-row[aria-pressed='true'] { background: #eef4fa; box-shadow: inset 3px 0 0 var(--accent); font-weight: 600; color: var(--accent); }
  .class-row .bar { height: 8px; background: #f1efe9; border-radius: 2px; overflow: hidden; }
  .class-row .bar span { display: block; height: 100%; background: var(--accent); }
  .class-row .p { text-align: right; font-size: 12.5px; }
  .opacity { display: flex; align-items: center; gap: 0.5rem; font-size: 13px; }
  .opacity input { flex: 1; min-width: 6rem; }
  .how { font-size: 13px; color: var(--muted); margin: 0.6rem 0 0; }
  .how strong { color: var(--cnn-ink, #1d1d1f); }

  /* Fitted: the map square from the room left, beside the classes when they show. */
  .sal-fit .methods button { min-height: 32px; padding: 0.15rem 0.6rem; font-size: 13px; }
  .sal-fit .controls-panel .methods { display: flex; }
  .sal-grow { display: flex; flex-direction: column; gap: 0.4rem; }
  .sal-row { --side: 0px; flex: 1 1 0; min-height: 0; container-type: size; display: flex; gap: 0.75rem; align-items: flex-start; }
  .sal-row.with-classes { --side: 14.5rem; }
  .sal-row .map-box { flex: none; width: max(6rem, min(100cqh, calc(100cqw - var(--side)))); }
  .sal-row .classes { flex: 1 1 0; min-width: 0; max-width: 20rem; }
  .sal-grow .sal-legend { flex: none; }
  .sal-fit .readout { padding: 0.35rem 0.55rem; font-size: 13px; min-height: 0; }
  .sal-fit .how { margin: 0; font-size: 12.5px; }
  .sal-fit.small .sal-legend .key { font-size: 12px; }
  .sal-fit.small .sal-row.with-classes { --side: 10.5rem; }
  .sal-fit.small .class-row { grid-template-columns: minmax(4.6rem, 1fr) 3.3rem; min-height: 24px; padding: 0 0.3rem; gap: 0.3rem; font-size: 13px; }
  .sal-fit.small .class-row .bar { display: none; }
  .sal-fit.small.subject-classes .sal-row { flex-direction: row-reverse; justify-content: flex-end; }
`;
