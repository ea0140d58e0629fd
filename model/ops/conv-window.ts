/**
 * Convolution arithmetic for the views, on plain arrays (no TF.js), with TF's layouts:
 * - maps are HWC row-major: value(row, col, c) = values[(row * W + col) * C + c];
 * - kernels are [kh, kw, cin, cout]: weight(ky, kx, ci, co) = kernel[((ky * kw + kx) * cin + ci) * cout + co].
 *
 * Like TF (and Keras) a "convolution" is a cross-correlation: the kernel is not flipped.
 * Output (row, col, co) = bias[co] + Σ_ci Σ_ky Σ_kx input(r0 + ky, c0 + kx, ci) · weight(ky, kx, ci, co)
 * with (r0, c0) the window's top-left input position (see window-geometry.ts); positions
 * outside the input (only with 'same' padding) count as 0. Arithmetic runs in float64.
 */
import { checkIndex, checkMap, windowGeometry, type Padding } from './window-geometry';

/** What the ops need of a conv layer's parameters (ConvParams from the engine fits). */
export interface ConvWeights {
  /** [kh, kw, cin, cout]. */
  kernelShape: readonly number[];
  kernel: ArrayLike<number>;
  /** [cout]. */
  bias: ArrayLike<number>;
}

export interface ConvGeometry {
  strides: readonly [number, number];
  padding: Padding;
}

const DEFAULT_GEOMETRY: ConvGeometry = { strides: [1, 1], padding: 'valid' };

/** One output value, taken apart. */
export interface ConvWindow {
  outChannel: number;
  row: number;
  col: number;
  /** Input position of the window's top-left cell (negative inside 'same' padding). */
  inputRow: number;
  inputCol: number;
  /**
   * Input values, weights and their products, all in the order the sum runs:
   * input channel first, then kernel row, then kernel column,
   * i.e. entry i = (ci * kh + ky) * kw + kx. Padding cells hold input 0.
   */
  inputs: number[];
  weights: number[];
  products: number[];
  /** runningSums[i] = products[0] + … + products[i] (no bias). */
  runningSums: number[];
  bias: number;
  /** The output value: the last running sum + bias. */
  sum: number;
}

function kernelDims(weights: ConvWeights, cin: number): [number, number, number] {
  const [kh, kw, kcin, cout] = weights.kernelShape;
  if (weights.kernelShape.length !== 4 || kcin !== cin) {
    throw new RangeError(`Kernel shape [${weights.kernelShape}] does not fit an input with ${cin} channels`);
  }
  if (weights.kernel.length !== kh * kw * kcin * cout || weights.bias.length !== cout) {
    throw new RangeError(`Kernel or bias size does not match kernel shape [${weights.kernelShape}]`);
  }
  return [kh, kw, cout];
}

/** Output shape [h, w, cout] of a conv layer. */
export function convOutputShape(
  inShape: readonly number[],
  weights: ConvWeights,
  geometry: ConvGeometry = DEFAULT_GEOMETRY,
): [number, number, number] {
  const [kh, kw, , cout] = weights.kernelShape;
  const g = windowGeometry(inShape[0], inShape[1], [kh, kw], geometry.strides, geometry.padding);
  return [g.outHeight, g.outWidth, cout];
}

/** The 3×3×Cin (kh×kw×cin) products and running sum behind one output value. */
export function convWindow(
  input: ArrayLike<number>,
  inShape: readonly number[],
  weights: ConvWeights,
  outChannel: number,
  row: number,
  col: number,
  geometry: ConvGeometry = DEFAULT_GEOMETRY,
): ConvWindow {
  const [h, w, cin] = checkMap(input, inShape, 'conv input');
  const [kh, kw, cout] = kernelDims(weights, cin);
  const g = windowGeometry(h, w, [kh, kw], geometry.strides, geometry.padding);
  checkIndex(outChannel, cout, 'Output channel');
  checkIndex(row, g.outHeight, 'Output row');
  checkIndex(col, g.outWidth, 'Output column');
  const inputRow = row * geometry.strides[0] - g.padTop;
  const inputCol = col * geometry.strides[1] - g.padLeft;
  const inputs: number[] = [];
  const ws: number[] = [];
  const products: number[] = [];
  const runningSums: number[] = [];
  let acc = 0;
  for (let ci = 0; ci < cin; ci++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const r = inputRow + ky;
        const c = inputCol + kx;
        const x = r >= 0 && r < h && c >= 0 && c < w ? input[(r * w + c) * cin + ci] : 0;
        const wt = weights.kernel[((ky * kw + kx) * cin + ci) * cout + outChannel];
        const p = x * wt;
        acc += p;
        inputs.push(x);
        ws.push(wt);
        products.push(p);
        runningSums.push(acc);
      }
    }
  }
  const bias = weights.bias[outChannel];
  return { outChannel, row, col, inputRow, inputCol, inputs, weights: ws, products, runningSums, bias, sum: acc + bias };
}

/**
 * The per-input-channel intermediate maps of one output channel, before the sum and bias:
 * maps[ci][(row * outW + col)] = Σ_ky Σ_kx input(r0 + ky, c0 + kx, ci) · weight(ky, kx, ci, co).
 * Each map is [outH, outW] row-major (a single channel, so no channel stride).
 */
export function convIntermediateMaps(
  input: ArrayLike<number>,
  inShape: readonly number[],
  weights: ConvWeights,
  outChannel: number,
  geometry: ConvGeometry = DEFAULT_GEOMETRY,
): Float32Array[] {
  const [h, w, cin] = checkMap(input, inShape, 'conv input');
  const [kh, kw, cout] = kernelDims(weights, cin);
  checkIndex(outChannel, cout, 'Output channel');
  const g = windowGeometry(h, w, [kh, kw], geometry.strides, geometry.padding);
  const [sr, sc] = geometry.strides;
  const maps: Float32Array[] = [];
  for (let ci = 0; ci < cin; ci++) {
    const map = new Float32Array(g.outHeight * g.outWidth);
    for (let row = 0; row < g.outHeight; row++) {
      for (let col = 0; col < g.outWidth; col++) {
        const r0 = row * sr - g.padTop;
        const c0 = col * sc - g.padLeft;
        let acc = 0;
        for (let ky = 0; ky < kh; ky++) {
          const r = r0 + ky;
          if (r < 0 || r >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const c = c0 + kx;
            if (c < 0 || c >= w) continue;
            acc += input[(r * w + c) * cin + ci] * weights.kernel[((ky * kw + kx) * cin + ci) * cout + outChannel];
          }
        }
        map[row * g.outWidth + col] = acc;
      }
    }
    maps.push(map);
  }
  return maps;
}

/**
 * One output channel as [outH, outW] row-major: the intermediate maps summed over input
 * channels (in channel order), plus the bias. Equals the conv layer's channel `outChannel`.
 */
export function sumIntermediateMaps(maps: readonly Float32Array[], bias: number): Float32Array {
  if (maps.length === 0) throw new RangeError('No intermediate maps to sum');
  const out = new Float32Array(maps[0].length);
  for (let i = 0; i < out.length; i++) {
    let acc = 0;
    for (const m of maps) acc += m[i];
    out[i] = acc + bias;
  }
  return out;
}
