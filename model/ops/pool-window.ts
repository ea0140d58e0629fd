/**
 * Pooling arithmetic for the views, on HWC row-major maps (values[(row * W + col) * C + c]),
 * with TF's rules: each channel is pooled on its own; with 'same' padding, cells outside
 * the input are ignored (max pool never picks them; avg pool divides by the number of
 * cells inside the input, as TF does).
 */
import { checkIndex, checkMap, windowGeometry, type Padding } from './window-geometry';

export interface PoolGeometry {
  /** [ph, pw]. */
  poolSize: readonly [number, number];
  /** [rowStride, colStride]; Keras defaults them to the pool size. */
  strides: readonly [number, number];
  padding: Padding;
}

export interface PoolCell {
  /** Input position. */
  row: number;
  col: number;
  value: number;
}

export interface PoolWindow {
  channel: number;
  row: number;
  col: number;
  /** The input cells under the window, row-major within the window; padding cells left out. */
  cells: PoolCell[];
}

export interface MaxPoolWindow extends PoolWindow {
  max: number;
  /** Index into `cells` of the maximum: the first one in row-major order on a tie. */
  argmax: number;
}

export interface AvgPoolWindow extends PoolWindow {
  mean: number;
}

/** Output shape [h, w, c] of a pooling layer. */
export function poolOutputShape(inShape: readonly number[], geometry: PoolGeometry): [number, number, number] {
  const g = windowGeometry(inShape[0], inShape[1], geometry.poolSize, geometry.strides, geometry.padding);
  return [g.outHeight, g.outWidth, inShape[2]];
}

/** The input cells that output (row, col) of `channel` pools over. */
export function poolWindow(
  input: ArrayLike<number>,
  inShape: readonly number[],
  channel: number,
  row: number,
  col: number,
  geometry: PoolGeometry,
): PoolWindow {
  const [h, w, c] = checkMap(input, inShape, 'pool input');
  const [ph, pw] = geometry.poolSize;
  const g = windowGeometry(h, w, geometry.poolSize, geometry.strides, geometry.padding);
  checkIndex(channel, c, 'Channel');
  checkIndex(row, g.outHeight, 'Output row');
  checkIndex(col, g.outWidth, 'Output column');
  const r0 = row * geometry.strides[0] - g.padTop;
  const c0 = col * geometry.strides[1] - g.padLeft;
  const cells: PoolCell[] = [];
  for (let dy = 0; dy < ph; dy++) {
    for (let dx = 0; dx < pw; dx++) {
      const r = r0 + dy;
      const cc = c0 + dx;
      if (r < 0 || r >= h || cc < 0 || cc >= w) continue;
      cells.push({ row: r, col: cc, value: input[(r * w + cc) * c + channel] });
    }
  }
  return { channel, row, col, cells };
}

/** One max-pool output with the cell it came from. */
export function maxPoolWindow(
  input: ArrayLike<number>,
  inShape: readonly number[],
  channel: number,
  row: number,
  col: number,
  geometry: PoolGeometry,
): MaxPoolWindow {
  const win = poolWindow(input, inShape, channel, row, col, geometry);
  let argmax = 0;
  for (let i = 1; i < win.cells.length; i++) if (win.cells[i].value > win.cells[argmax].value) argmax = i;
  return { ...win, max: win.cells[argmax].value, argmax };
}

/** One average-pool output. */
export function avgPoolWindow(
  input: ArrayLike<number>,
  inShape: readonly number[],
  channel: number,
  row: number,
  col: number,
  geometry: PoolGeometry,
): AvgPoolWindow {
  const win = poolWindow(input, inShape, channel, row, col, geometry);
  let acc = 0;
  for (const cell of win.cells) acc += cell.value;
  return { ...win, mean: acc / win.cells.length };
}

/** A whole pooled map, HWC row-major, like the pooling layer's output. */
export function poolMap(
  input: ArrayLike<number>,
  inShape: readonly number[],
  geometry: PoolGeometry,
  mode: 'max' | 'avg',
): Float32Array {
  const [oh, ow, c] = poolOutputShape(inShape, geometry);
  const out = new Float32Array(oh * ow * c);
  if (mode === 'max') return maxPoolInto(out, input, inShape, geometry);
  for (let row = 0; row < oh; row++) {
    for (let col = 0; col < ow; col++) {
      for (let ch = 0; ch < c; ch++) {
        out[(row * ow + col) * c + ch] = avgPoolWindow(input, inShape, ch, row, col, geometry).mean;
      }
    }
  }
  return out;
}

/** poolMap's max pooling without building windows: the same cells, the same first maximum. */
function maxPoolInto(out: Float32Array, input: ArrayLike<number>, inShape: readonly number[], geometry: PoolGeometry): Float32Array {
  const [h, w, c] = checkMap(input, inShape, 'pool input');
  const [ph, pw] = geometry.poolSize;
  const [sh, sw] = geometry.strides;
  const g = windowGeometry(h, w, geometry.poolSize, geometry.strides, geometry.padding);
  for (let row = 0; row < g.outHeight; row++) {
    const r0 = row * sh - g.padTop;
    for (let col = 0; col < g.outWidth; col++) {
      const c0 = col * sw - g.padLeft;
      for (let ch = 0; ch < c; ch++) {
        let max = -Infinity;
        for (let r = Math.max(0, r0); r < Math.min(h, r0 + ph); r++) {
          for (let q = Math.max(0, c0); q < Math.min(w, c0 + pw); q++) {
            const v = input[(r * w + q) * c + ch];
            if (v > max) max = v;
          }
        }
        out[(row * g.outWidth + col) * c + ch] = max;
      }
    }
  }
  return out;
}
