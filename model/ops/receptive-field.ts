/**
 * Receptive fields: which positions of every earlier layer one value depends on. Pure
 * maths on layer geometry, no values and no layer kinds: each step of the network is
 * described by what it does to positions (see window-geometry.ts for TF's padding rules).
 *
 * - a window step (convolution or pooling): output position o reads input positions
 *   o · stride − padBefore … o · stride − padBefore + kernel − 1;
 * - an elementwise step (ReLU, softmax over a map's own value): o reads o;
 * - a step that reads everything (flatten, dense): any output reads the whole input.
 *
 * A field is traced back one step at a time and clipped to each layer's bounds (padding
 * cells hold no value and lead nowhere), so it is exact for 'valid' and 'same' padding.
 */
import { axisGeometry, type Padding } from './window-geometry';

/** Positions first … last along one axis, both included. */
export interface Span {
  first: number;
  last: number;
}

/** A rectangle of positions in one layer. */
export interface FieldRect {
  rows: Span;
  cols: Span;
}

/** What one step of the network does to positions. */
export type FieldStep =
  | { kind: 'window'; window: readonly [number, number]; strides: readonly [number, number]; padding: Padding }
  | { kind: 'elementwise' }
  | { kind: 'all' };

/** The number of positions in a span (0 for an empty one). */
export const spanLength = (s: Span): number => Math.max(0, s.last - s.first + 1);

/**
 * The input positions an output span reads through one window axis, clipped to the input
 * (0 … inSize − 1).
 */
export function spanThroughWindow(out: Span, inSize: number, kernel: number, stride: number, padding: Padding): Span {
  const { padBefore } = axisGeometry(inSize, kernel, stride, padding);
  const first = out.first * stride - padBefore;
  const last = out.last * stride - padBefore + kernel - 1;
  return { first: Math.max(0, first), last: Math.min(inSize - 1, last) };
}

/** The field one step's output rectangle has in that step's input, of size [h, w]. */
export function rectThroughStep(step: FieldStep, out: FieldRect, inSize: readonly [number, number]): FieldRect {
  const [h, w] = inSize;
  switch (step.kind) {
    case 'elementwise':
      return { rows: { first: Math.max(0, out.rows.first), last: Math.min(h - 1, out.rows.last) }, cols: { first: Math.max(0, out.cols.first), last: Math.min(w - 1, out.cols.last) } };
    case 'all':
      return { rows: { first: 0, last: h - 1 }, cols: { first: 0, last: w - 1 } };
    case 'window':
      return {
        rows: spanThroughWindow(out.rows, h, step.window[0], step.strides[0], step.padding),
        cols: spanThroughWindow(out.cols, w, step.window[1], step.strides[1], step.padding),
      };
  }
}

/**
 * The receptive field of the value at (row, col) of layer `target`, in every layer up to it.
 *
 * `sizes[i]` is layer i's [h, w] (layer 0 is the input; a vector layer counts as [1, n]);
 * `steps[i]` turns layer i − 1 into layer i (steps[0] is unused). Returns one rectangle per
 * layer 0 … target; entry `target` is the value itself.
 */
export function traceField(
  steps: readonly (FieldStep | null)[],
  sizes: readonly (readonly [number, number])[],
  target: number,
  row: number,
  col: number,
): FieldRect[] {
  if (!(target >= 0 && target < sizes.length)) throw new RangeError(`Layer ${target} is outside 0…${sizes.length - 1}`);
  const [h, w] = sizes[target];
  if (!(row >= 0 && row < h && col >= 0 && col < w)) throw new RangeError(`(${row}, ${col}) is outside a ${h} × ${w} layer`);
  const rects: FieldRect[] = new Array(target + 1);
  rects[target] = { rows: { first: row, last: row }, cols: { first: col, last: col } };
  for (let i = target; i > 0; i--) {
    const step = steps[i];
    if (!step) throw new RangeError(`Layer ${i} has no geometry to trace through`);
    rects[i - 1] = rectThroughStep(step, rects[i], sizes[i - 1]);
  }
  return rects;
}

/**
 * The unclipped size of one value's field in layer 0 along one axis, for a chain of
 * windows (kernel, stride) from the input up: r = 1 + Σ (kernel_i − 1) · Π_{j<i} stride_j.
 * Values near a 'same'-padded border see less (traceField clips); interior ones see this.
 */
export function fieldExtent(windows: readonly { kernel: number; stride: number }[]): number {
  let size = 1;
  let jump = 1;
  for (const { kernel, stride } of windows) {
    size += (kernel - 1) * jump;
    jump *= stride;
  }
  return size;
}
