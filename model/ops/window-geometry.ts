/**
 * Where a sliding window (convolution kernel or pooling window) sits, with TF's rules.
 *
 * - 'valid': no padding; out = floor((in - k) / stride) + 1.
 * - 'same':  out = ceil(in / stride); TF pads total = max((out - 1) * stride + k - in, 0)
 *            and puts floor(total / 2) before (top/left), the rest after.
 *
 * Output position o reads input positions origin + 0 … origin + k - 1, with
 * origin = o * stride - padBefore (negative or past the end means padding).
 */
export type Padding = 'valid' | 'same';

export interface AxisGeometry {
  outSize: number;
  padBefore: number;
}

export function axisGeometry(inSize: number, kernel: number, stride: number, padding: Padding): AxisGeometry {
  if (!(kernel >= 1 && stride >= 1)) throw new RangeError(`Bad window: kernel ${kernel}, stride ${stride}`);
  if (padding === 'valid') {
    return { outSize: Math.max(0, Math.floor((inSize - kernel) / stride) + 1), padBefore: 0 };
  }
  const outSize = Math.ceil(inSize / stride);
  const total = Math.max((outSize - 1) * stride + kernel - inSize, 0);
  return { outSize, padBefore: Math.floor(total / 2) };
}

/** Output height and width, and the window's top-left input position for output (0, 0). */
export function windowGeometry(
  inHeight: number,
  inWidth: number,
  window: readonly [number, number],
  strides: readonly [number, number],
  padding: Padding,
): { outHeight: number; outWidth: number; padTop: number; padLeft: number } {
  const rows = axisGeometry(inHeight, window[0], strides[0], padding);
  const cols = axisGeometry(inWidth, window[1], strides[1], padding);
  return { outHeight: rows.outSize, outWidth: cols.outSize, padTop: rows.padBefore, padLeft: cols.padBefore };
}

/** Throws unless `values` holds h × w × c numbers. */
export function checkMap(values: ArrayLike<number>, shape: readonly number[], what = 'map'): [number, number, number] {
  if (shape.length !== 3) throw new RangeError(`A ${what} needs a shape [h, w, c], got [${shape}]`);
  const [h, w, c] = shape;
  if (values.length !== h * w * c) {
    throw new RangeError(`A ${what} of shape [${shape}] needs ${h * w * c} values, got ${values.length}`);
  }
  return [h, w, c];
}

/** Throws unless 0 ≤ i < n (i an integer). */
export function checkIndex(i: number, n: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${what} ${i} is outside 0…${n - 1}`);
}
