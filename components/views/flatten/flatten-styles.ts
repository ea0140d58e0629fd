import { css } from 'lit';

/** Layout of <cnn-flatten-view>: the tiles in one row (two on phones), the strip, its zoom, the formula. */
export const flattenStyles = css`
  .flatten-stage section { display: grid; gap: 0.5rem; min-width: 0; }
  .flatten-stage h3 { margin: 0; font-size: 13px; font-weight: 600; color: var(--muted); }
  .flatten-stage h3 strong { color: var(--cnn-ink, #1d1d1f); }

  .tiles { display: grid; grid-template-columns: repeat(var(--channels), minmax(0, 1fr)); gap: 0.5rem; max-width: 60rem; }
  .tile { margin: 0; display: grid; gap: 2px; }
  .tile figcaption { font-size: 11px; color: var(--muted); text-align: center; font-variant-numeric: tabular-nums; }
  .tile.current figcaption { color: var(--accent); font-weight: 700; }
  .tile.current .map { box-shadow: 0 0 0 2px var(--accent); }
  .tile .box { box-shadow: 0 0 0 1.5px #1d1d1f, 0 0 0 2.5px rgba(255, 255, 255, 0.85); }
  .tile .box.current { box-shadow: 0 0 0 2px var(--accent), 0 0 0 3px rgba(255, 255, 255, 0.9); }

  .strip-wrap { display: grid; grid-template-columns: 2.4rem minmax(0, 1fr); gap: 0 4px; }
  .strip-rows { display: grid; grid-template-rows: repeat(var(--rows), minmax(0, 1fr)); font-size: 9px; color: var(--muted); text-align: right; align-items: center; font-variant-numeric: tabular-nums; line-height: 1; }
  .map.strip { min-height: calc(var(--rows) * 11px); }
  .map.strip .box.pixel { box-shadow: 0 0 0 1px #1d1d1f; background: rgba(255, 255, 255, 0.12); }

  .zoom { display: flex; flex-wrap: nowrap; gap: 6px; align-items: end; min-width: 0; overflow: hidden; padding: 3px 2px; }
  .zoom-key { display: grid; grid-template-rows: auto 1fr auto; gap: 2px; font-size: 10px; color: var(--muted); align-self: stretch; padding-top: 1.2rem; text-align: right; }
  .zoom-key span:nth-child(2) { display: flex; align-items: center; justify-content: flex-end; writing-mode: vertical-rl; transform: rotate(180deg); }
  .pixel-group { flex: 1 1 0; min-width: 0; display: grid; gap: 2px; padding: 2px; border-radius: 5px; }
  .pixel-group.current { background: #eef4fa; }
  .group-head { font-size: 11px; color: var(--muted); text-align: center; font-variant-numeric: tabular-nums; }
  .pixel-group.current .group-head { color: var(--accent); font-weight: 600; }
  .entries { display: grid; grid-template-columns: repeat(var(--channels), minmax(0, 1fr)); gap: 2px; }
  .entry { display: grid; gap: 1px; text-align: center; font-variant-numeric: tabular-nums; cursor: default; min-width: 0; }
  .entry .k, .entry .i { font-size: 10px; color: var(--muted); overflow: hidden; }
  .entry .v { display: grid; place-items: center; aspect-ratio: 1; border-radius: 3px; font-size: 10.5px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.08); overflow: hidden; }
  .entry.current .v { box-shadow: 0 0 0 2px var(--accent), 0 0 0 3px #fff; font-weight: 700; position: relative; z-index: 1; }
  .entry.current .k, .entry.current .i { color: var(--accent); font-weight: 700; }

  .formula-row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 22rem); gap: 0.75rem 1.5rem; align-items: center; }
  .formula-row .formula { margin: 0; }
  .entry-facts { margin: 0; display: grid; gap: 2px; font-variant-numeric: tabular-nums; font-size: 13px; }
  .entry-facts div { display: flex; justify-content: space-between; gap: 1rem; border-bottom: 1px solid var(--rule); padding: 1px 0; }
  .entry-facts dt { color: var(--muted); }
  .entry-facts dd { margin: 0; font-weight: 600; }
  .logit-line { margin: 0; font-variant-numeric: tabular-nums; }
  .muted { color: var(--muted); }

  @container (max-width: 999px) {
    .formula-row { grid-template-columns: minmax(0, 1fr); }
    .entry-facts { max-width: 26rem; }
  }
  @container (max-width: 640px) {
    .tiles { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 0.4rem; }
    .strip-wrap { grid-template-columns: 1.8rem minmax(0, 1fr); }
    .entry .v { font-size: 9px; }
    .entry .i { font-size: 8.5px; }
  }
`;

/**
 * The fitted form (see fitted-layout.ts): the ten maps in one row, the vector stretched to
 * the room left (never below 11 px a row), a zoom of one to three pixels' entries, and the
 * index formula beside or under the entry's facts.
 */
export const flattenFittedStyles = css`
  .fit-root > .order-block { display: flex; flex-direction: column; gap: 0.5rem; }
  .fit-root > .order-block.grows { flex: 1 1 0; min-height: 0; }
  .fit-root .tiles { grid-template-columns: repeat(var(--channels), minmax(0, 1fr)); gap: 4px; max-width: none; }
  .fit-root .tile figcaption { font-size: 11px; letter-spacing: -0.02em; white-space: nowrap; }
  .strip-block { display: flex; flex-direction: column; gap: 4px; flex: 1 1 0; min-height: calc(13 * 11px + 22px); }
  .strip-block h3 { margin: 0; font-size: 12px; font-weight: 600; color: var(--muted); }
  .strip-room { flex: 1 1 0; min-height: 0; container-type: size; }
  .strip-room .strip-wrap { height: min(100cqh, 13 * 26px); grid-template-columns: 2.2rem minmax(0, 1fr); }
  .strip-room .map.strip { height: 100%; min-height: 0; aspect-ratio: auto !important; }
  .strip-room .strip-rows { font-size: 10px; }
  .fit-root .zoom { padding-top: 0; }
  .fit-root .entry .v { font-size: 10.5px; }
  .fit-root .entry .k, .fit-root .entry .i, .fit-root .zoom-key { font-size: 10px; }
  .fit-root .formula-row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 19rem); gap: 0.5rem 1rem; align-items: center; }
  .flatten-fit.small .tiles { gap: 3px; }
  .fit-root .formula { margin: 0; }
  .fit-root .formula .katex { font-size: 1.15em; }
  .fit-root .entry-facts { max-width: none; }
  .fit-root .logit-line { font-size: 13px; }
  .flatten-fit .legends { justify-content: center; }
  @container (max-width: 700px) {
    .fit-root .formula-row { grid-template-columns: minmax(0, 1fr); }
  }
`;
