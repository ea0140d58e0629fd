import { css } from 'lit';

/**
 * Layout of <cnn-features>: the channel's picture beside the patches of real pictures, the
 * grid of the layer's channels below; stacked on narrow screens. Fitted, the parts size
 * themselves from the room left (the body is a size container).
 */
export const featuresStyles = css`
  h3 { margin: 0 0 0.4rem; font-size: 13px; font-weight: 600; }
  .muted { color: var(--muted); font-weight: 400; }
  .feat-main { display: grid; grid-template-columns: minmax(12rem, 18rem) minmax(0, 1fr); gap: 1rem 1.5rem; align-items: start; }
  @container (max-width: 640px) { .feat-main { grid-template-columns: minmax(0, 1fr); } }

  .look { margin: 0; display: grid; gap: 0.45rem; align-content: start; min-width: 0; }
  .look-caption { font-size: 13px; line-height: 1.4; }
  .look-frame { display: flex; }
  .look-map { max-width: 18rem; }
  .look-status { display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; align-items: center; font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
  .look-status progress { width: 7rem; }
  .look-status button { min-height: 30px; padding: 0.1rem 0.6rem; font-size: 13px; }
  .look-status .stop { border-color: var(--bad); color: var(--bad); font-weight: 600; }
  .look-status .activation strong { color: var(--cnn-ink, #1d1d1f); }

  .patch-row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-start; }
  .current { margin: 0; width: 10rem; display: grid; gap: 0.3rem; }
  .current figcaption { font-size: 12px; color: var(--muted); line-height: 1.3; }
  .current-map .box.place { box-shadow: 0 0 0 2px #d9480f, 0 0 0 3px rgba(255, 255, 255, 0.9); }
  .current-map .box.place span {
    position: absolute; top: -1px; left: -1px; padding: 0 3px; font-size: 10px; line-height: 13px; font-weight: 700;
    background: #d9480f; color: #fff; border-radius: 0 0 3px 0;
  }
  .patch-grid { flex: 1 1 16rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(4.6rem, 1fr)); gap: 0.6rem 0.5rem; min-width: 0; }
  .patch { margin: 0; display: grid; gap: 0.2rem; min-width: 0; }
  .patch .map { max-width: 5.5rem; }
  .patch.on-show .map { box-shadow: 0 0 0 2px #d9480f; }
  .patch figcaption { font-size: 11.5px; line-height: 1.25; color: var(--muted); overflow-wrap: anywhere; }
  .patch .value { color: var(--cnn-ink, #1d1d1f); font-weight: 600; font-variant-numeric: tabular-nums; }

  .grid { margin-top: 1rem; }
  .thumbs { display: grid; grid-template-columns: repeat(auto-fill, minmax(3.6rem, 1fr)); gap: 0.4rem; max-width: 48rem; }
  .thumb { position: relative; padding: 0; border: 0; background: #eceae4; border-radius: 3px; aspect-ratio: 1; min-height: 0; overflow: hidden; }
  .thumb canvas { position: absolute; inset: 0; width: 100%; height: 100%; image-rendering: pixelated; }
  .thumb .num {
    position: absolute; left: 0; bottom: 0; padding: 0 4px; font-size: 11px; line-height: 15px; font-weight: 600;
    background: rgba(255, 255, 255, 0.88); color: #1d1d1f; border-radius: 0 3px 0 0;
  }
  .thumb[aria-pressed='true'] { box-shadow: 0 0 0 3px var(--accent); }
  .thumb[aria-pressed='true'] .num { background: var(--accent); color: #fff; }
  .thumb .spin {
    position: absolute; right: 4px; top: 4px; width: 12px; height: 12px; border-radius: 50%;
    border: 2px solid var(--accent); border-right-color: transparent; animation: spin 0.9s linear infinite;
  }
  @keyframes spin { to { transform: rotate(360deg); } }
  .grid-note { font-size: 12.5px; color: var(--muted); margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; align-items: center; }
  .grid-note button { min-height: 30px; font-size: 13px; }

  /* Fitted: one body that is a size container; each tier places the parts the subject shows. */
  .feat-body { height: 100%; display: flex; flex-direction: column; gap: 0.6rem; }
  .feat-fit .grid { margin: 0; }
  .feat-fit .look-map { width: min(18rem, 34cqh, 100cqw); }
  .feat-fit.roomy .feat-body { display: grid; grid-template-columns: auto minmax(0, 1fr); grid-template-rows: auto auto; align-content: start; gap: 0.75rem 1.25rem; }
  .feat-fit.roomy .grid { grid-column: 1 / -1; }
  .feat-fit.roomy .look { width: 17rem; }
  .feat-fit.small.subject-looks-for .look-map { width: min(100cqw, calc(100cqh - 7.5rem)); max-width: none; }
  .feat-fit.medium.subject-looks-for .look-map { width: min(100cqw, calc(100cqh - 15rem)); max-width: none; }
  .feat-fit.small .patches h3 .muted { display: none; }
  .feat-fit.small .patch-row { flex-wrap: nowrap; gap: 0.6rem; }
  .feat-fit.small .current { width: min(9.5rem, 44cqw); flex: none; }
  .feat-fit.small .patch-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); flex: 1 1 0; }
  .feat-fit .thumbs { grid-template-columns: repeat(5, minmax(0, 1fr)); max-width: min(100cqw, calc((100cqh - 4.5rem) * 2.5)); }
  .feat-fit.roomy .thumbs, .feat-fit.medium .thumbs { grid-template-columns: repeat(10, minmax(0, 1fr)); max-width: none; }
  .feat-fit.medium.subject-grid .thumbs { grid-template-columns: repeat(5, minmax(0, 1fr)); max-width: min(100cqw, 30rem); }
`;
