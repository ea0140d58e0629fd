/**
 * The one thing the inspection tools need of receptive fields: which input pixels one value
 * of a map sees. This folder computes no receptive field itself; the caller passes a
 * function, e.g. the overview's tracer in model/ops/receptive-field.ts:
 *
 *   const fieldOf: ReceptiveFieldOf = (layerIndex, row, col) => traceField(steps, sizes, layerIndex, row, col)[0];
 *
 * (its FieldRect has this shape). Rectangles are clipped to the input, both ends included.
 */

/** Positions first … last along one axis, both included. */
export interface InputSpan {
  first: number;
  last: number;
}

/** A rectangle of input pixels. */
export interface InputRect {
  rows: InputSpan;
  cols: InputSpan;
}

/**
 * The input pixels that the value at (row, col) of step `layerIndex` (an index in
 * `model.layers`, input first) depends on, clipped to the input.
 */
export type ReceptiveFieldOf = (layerIndex: number, row: number, col: number) => InputRect;

/** Height and width of a rectangle (0 when empty). */
export function rectSize(rect: InputRect): [number, number] {
  return [Math.max(0, rect.rows.last - rect.rows.first + 1), Math.max(0, rect.cols.last - rect.cols.first + 1)];
}

/** The pixels two rectangles share, over the pixels either covers (0 … 1). */
export function rectOverlap(a: InputRect, b: InputRect): number {
  const inter: InputRect = {
    rows: { first: Math.max(a.rows.first, b.rows.first), last: Math.min(a.rows.last, b.rows.last) },
    cols: { first: Math.max(a.cols.first, b.cols.first), last: Math.min(a.cols.last, b.cols.last) },
  };
  const area = (r: InputRect) => rectSize(r)[0] * rectSize(r)[1];
  const shared = area(inter);
  const union = area(a) + area(b) - shared;
  return union > 0 ? shared / union : 0;
}
