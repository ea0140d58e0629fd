/**
 * How the playground lays out its two grids when it must fit a box (the article's stage):
 * the cell sizes of the padded input and of the output, side by side or one above the
 * other, whichever makes the subject's grid larger. Pure.
 */

export type HyperSubject = 'formula' | 'padding' | 'kernel' | 'stride';

export interface HyperFitLayout {
  /** Cell sides in CSS pixels. */
  inCell: number;
  outCell: number;
  /** The grids side by side (else stacked, the input on top). */
  side: boolean;
  /** Whether numbers fit in the cells (at 11 px). */
  inNumbers: boolean;
  outNumbers: boolean;
  /** Whether the padding's zeros can be printed (a "0" fits a smaller cell). */
  padZeros: boolean;
  /** The height the grids and their captions are expected to take (FitBudget counts the rest). */
  given: number;
}

/** Cells at least this wide print their numbers (11 px text); "0" needs less. */
export const NUMBER_CELL_FIT = 28;
const ZERO_CELL = 16;
const MAX_CELL = 48;
const MIN_CELL = 6;
/** Between the grids, and the grid's own border (1 px on each side and a 1 px gap per cell). */
const GAP = 16;
const gridSide = (cells: number, cell: number) => cells * (cell + 1) + 1;
/** A caption of `chars` characters (12 px text) under a grid `width` wide: lines of 16 px, and its margin. */
const captionHeight = (chars: number, width: number) => 4 + 16 * Math.max(1, Math.ceil((chars * 6.6) / Math.max(40, width)));

/** Output cell size relative to the input's: the subject's grid gets the room. */
const OUT_RATIO: Record<HyperSubject, number> = { formula: 1, padding: 0.55, kernel: 0.6, stride: 2 };

/**
 * Cell sizes for a padded input of `padded` cells and an output of `out` cells in a box
 * `width` wide with `room` pixels of height for the grids and their captions (of
 * `captions` characters: the input's, the output's).
 */
export function hyperFitLayout(subject: HyperSubject, width: number, room: number, padded: number, out: number, captions: [number, number] = [40, 16]): HyperFitLayout {
  const ratio = OUT_RATIO[subject];
  const outOf = (inCell: number) => Math.max(MIN_CELL, Math.min(MAX_CELL * 1.5, Math.round(inCell * ratio)));
  const m = Math.max(out, 1);
  const measures = (inCell: number, side: boolean, outCell = outOf(inCell)) => {
    const a = gridSide(padded, inCell);
    // With no output, a short note and two rulers stand in for the output grid.
    const b = out > 0 ? gridSide(m, outCell) : Math.min(width, 240);
    const ha = a + captionHeight(captions[0], a);
    const hb = out > 0 ? b + captionHeight(captions[1], b) : 90;
    return side ? { w: a + GAP + b, h: Math.max(ha, hb) } : { w: Math.max(a, b), h: ha + GAP + hb };
  };
  const fits = (inCell: number, side: boolean, outCell = outOf(inCell)) => {
    const { w, h } = measures(inCell, side, outCell);
    return w <= width && h <= room;
  };
  const largest = (side: boolean) => {
    for (let c = MAX_CELL; c > MIN_CELL; c--) if (fits(c, side)) return c;
    return MIN_CELL;
  };
  const sideCell = largest(true);
  const stackCell = largest(false);
  // The subject's grid decides: the larger it gets, the better (side by side on a tie).
  const focusSize = (c: number) => (subject === 'stride' ? outOf(c) : c);
  const side = focusSize(sideCell) >= focusSize(stackCell);
  const inCell = side ? sideCell : stackCell;
  // Room left over goes to the output: up to the input's size for the formula, four fifths of it where the input is the subject.
  let outCell = outOf(inCell);
  const outCap = subject === 'stride' ? MAX_CELL * 1.5 : subject === 'formula' ? inCell : Math.max(outCell, Math.floor(inCell * 0.8));
  while (out > 0 && outCell < outCap && fits(inCell, side, outCell + 1)) outCell++;
  return {
    inCell,
    outCell,
    side,
    // The stride step is about where windows start (dots on the input), not the input's values.
    inNumbers: subject !== 'stride' && inCell >= NUMBER_CELL_FIT,
    outNumbers: outCell >= NUMBER_CELL_FIT,
    padZeros: inCell >= ZERO_CELL,
    given: measures(inCell, side, outCell).h,
  };
}
