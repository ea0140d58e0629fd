/**
 * Sizes for the conv view fitted to a box (the article's stage), per subject: how large
 * the maps, kernels and tiles can be so that the subject fills the room it has without a
 * scroll. `room` is the height left once the bar, the controls and any formula have been
 * measured (see FitBudget); each layout says which block it sizes. Pure.
 */

export type ConvSubject = 'window' | 'kernel' | 'sum' | 'count';

export interface ConvDims {
  cin: number;
  cout: number;
  kh: number;
  kw: number;
  /** The layer reads the picture itself (its channels are red, green and blue). */
  picture: boolean;
}

/** Every input channel in a row: its map ⊛ kernel = its share; the output map beside or below (0: none). */
export interface RowsLayout { kind: 'rows'; rowMap: number; outMap: number; side: boolean; numbers: boolean }
/** One input channel at a time (a switcher picks it): its map and the output map side by side, the kernel below. */
export interface SingleLayout { kind: 'single'; map: number; cell: number; numbers: boolean }
/** The kernels in `cols` columns, the picture and the output map below them. */
export interface KernelsLayout { kind: 'kernels'; cell: number; cols: number; map: number; numbers: boolean }
/** Many channels' shares as small tiles in `cols` columns. */
export interface TilesLayout { kind: 'tiles'; tile: number; cols: number }
/** Every kernel of the layer: output channels down, input channels across, tiny cells. */
export interface CountLayout { kind: 'count'; cell: number; gap: number; header: boolean }

/** Each layout also says how tall it expects its sized block to be (FitBudget counts the rest). */
export type ConvFitLayout = (RowsLayout | SingleLayout | KernelsLayout | TilesLayout | CountLayout) & { given: number };

/** Below this width a box shows one input channel at a time. */
export const NARROW_BOX = 560;
/** Kernel cells this wide print their weights at 11 px ("−0.24" is about 29 px). */
export const KERNEL_NUMBER_CELL = 33;
const MAX_ROW_MAP = 140;
const MAX_OUT_MAP = 340;
const MAX_MAP = 300;
/** Heights of the small labels the blocks carry (one line of 11–12 px text). */
const LABEL = 18;
const GAP = 8;
/** Between kernels side by side. */
export const KERNEL_GAP = 8;

/** Width of a channel row around its three maps (labels, operators, share, gaps), as the styles lay it out. */
const rowChrome = (width: number) => (width > 760 ? 184 : 147);
const rowsHeight = (cin: number, m: number) => 16 + 6 + cin * Math.max(m, 28) + (cin - 1) * 6;
/** The output column: the sum line above the map, the caption below. */
const RESULT_CHROME = 64;
/** A kernel of `cell`-wide cells (2 px apart). */
const kernelSide = (cell: number, k: number) => k * cell + (k - 1) * 2;

function rowsLayout(subject: ConvSubject, width: number, room: number, d: ConvDims): ConvFitLayout | null {
  const maxByWidth = Math.floor((width - rowChrome(width)) / 3);
  let best: ConvFitLayout | null = null;
  let bestScore = -1;
  for (let m = Math.min(MAX_ROW_MAP, maxByWidth); m >= 40; m--) {
    const rowsH = rowsHeight(d.cin, m);
    if (rowsH > room) continue;
    const rowsW = rowChrome(width) + 3 * m;
    const sideOut = Math.min(MAX_OUT_MAP, width - rowsW - 24, room - RESULT_CHROME);
    const stackOut = Math.min(MAX_OUT_MAP, width, room - rowsH - 16 - RESULT_CHROME);
    // The window needs its output map; the sum can do without one when there is no room.
    const side = sideOut >= stackOut;
    let out = Math.max(side ? sideOut : stackOut, 0);
    if (out < 120) out = subject === 'window' ? -1 : 0;
    if (out < 0) continue;
    const score = subject === 'window' ? Math.min(out, 2.2 * m) : m * 4 + Math.min(out, 200);
    if (score > bestScore) {
      bestScore = score;
      const given = out === 0 ? rowsH : side ? Math.max(rowsH, out + RESULT_CHROME) : rowsH + 16 + out + RESULT_CHROME;
      best = { kind: 'rows', rowMap: m, outMap: out, side: out > 0 && side, numbers: d.cin <= 4 && (m - 4) / 3 >= KERNEL_NUMBER_CELL, given };
    }
  }
  return best;
}

function singleLayout(width: number, room: number, d: ConvDims): ConvFitLayout {
  // The maps first (150 px of height), then the kernel's cells.
  const cell = Math.max(16, Math.min(38, Math.floor((room - LABEL - GAP - 150 - (d.kh - 1) * 2) / d.kh)));
  const map = Math.max(60, Math.min(MAX_MAP, Math.floor((width - 12) / 2), room - LABEL - GAP - kernelSide(cell, d.kh)));
  return { kind: 'single', map, cell, numbers: cell >= KERNEL_NUMBER_CELL, given: LABEL + map + GAP + kernelSide(cell, d.kh) };
}

function kernelsLayout(width: number, room: number, d: ConvDims): ConvFitLayout {
  const maps = d.picture ? 2 : 1;
  let best: ConvFitLayout = { kind: 'kernels', cell: 8, cols: d.cin, map: 80, numbers: false, given: room };
  let bestScore = -1;
  for (let cols = d.cin; cols >= 1; cols--) {
    const rows = Math.ceil(d.cin / cols);
    // Of the arrangements with as many rows, the one with the fewest columns has the largest cells.
    if (cols > 1 && Math.ceil(d.cin / (cols - 1)) === rows) continue;
    const byWidth = Math.floor(((width - (cols - 1) * KERNEL_GAP) / cols - (d.kw - 1) * 2) / d.kw);
    const cell = Math.min(44, byWidth);
    if (cell < 8) continue;
    const kernelsH = rows * (LABEL + kernelSide(cell, d.kh)) + (rows - 1) * GAP;
    const map = Math.min(MAX_OUT_MAP, Math.floor((width - (maps - 1) * 36) / maps), room - kernelsH - GAP - LABEL);
    if (map < 100) continue;
    // Numbers in the kernels first, then the larger maps.
    const score = (cell >= KERNEL_NUMBER_CELL ? 1000 : 0) + Math.min(cell, 40) * 4 + Math.min(map, 240);
    if (score > bestScore) {
      bestScore = score;
      best = { kind: 'kernels', cell, cols, map, numbers: cell >= KERNEL_NUMBER_CELL, given: kernelsH + GAP + map + LABEL };
    }
  }
  return best;
}

function tilesLayout(width: number, room: number, d: ConvDims): ConvFitLayout {
  const heightOf = (tile: number, cols: number) => {
    const rows = Math.ceil(d.cin / cols);
    return rows * (tile + LABEL) + (rows - 1) * GAP;
  };
  let best = { tile: 40, cols: d.cin };
  for (let cols = d.cin; cols >= 1; cols--) {
    const rows = Math.ceil(d.cin / cols);
    const tile = Math.min(120, Math.floor((width - (cols - 1) * GAP) / cols), Math.floor((room - rows * LABEL - (rows - 1) * GAP) / rows));
    if (tile > best.tile || (tile === best.tile && cols > best.cols)) best = { tile, cols };
  }
  return { kind: 'tiles', ...best, given: heightOf(best.tile, best.cols) };
}

function countLayout(width: number, room: number, d: ConvDims): ConvFitLayout {
  for (let cell = 20; cell > 3; cell--) {
    const gap = Math.max(2, Math.round(cell / 2));
    const tile = kernelSide(cell, d.kh) - (d.kh - 1);
    const header = tile >= 14;
    const w = 26 + d.cin * (tile + gap) + 10 + cell * 2;
    // A row is as tall as its tiles, or its 12 px label.
    const h = (header ? 12 + gap : 0) + d.cout * (Math.max(tile, 12) + gap);
    if (w <= width && h <= room) return { kind: 'count', cell, gap, header, given: h };
  }
  return { kind: 'count', cell: 3, gap: 2, header: false, given: d.cout * 13 };
}

/** The layout for `subject` in a box `width` wide with `room` pixels of height for its sized block. */
export function convFitLayout(subject: ConvSubject, width: number, room: number, d: ConvDims): ConvFitLayout {
  const narrow = width < NARROW_BOX;
  switch (subject) {
    case 'window':
      return (!narrow && rowsLayout('window', width, room, d)) || singleLayout(width, room, d);
    case 'kernel':
      return kernelsLayout(width, room, d);
    case 'sum':
      return (d.cin <= 4 || !narrow ? rowsLayout('sum', width, room, d) : null) ?? tilesLayout(width, room, d);
    case 'count':
      return countLayout(width, room, d);
  }
}
