/**
 * The hyperparameter playground's data: a patch of the real image (the red channel of the
 * network's input, shrunk to n × n), zero padding p, a k × k averaging kernel with
 * dilation d and stride s. Output sizes and every output value come from model/ops: the
 * padded patch and the dilated kernel (zeros in its holes) go through windowGeometry and
 * convWindow as a 'valid' convolution. No DOM.
 */
import { convWindow, type ConvWindow } from '../../../model/ops/conv-window';
import { axisGeometry } from '../../../model/ops/window-geometry';

export interface HyperSettings {
  inputSize: number;
  padding: number;
  kernelSize: number;
  stride: number;
  dilation: number;
}

export type HyperKey = keyof HyperSettings;

/** Each setting's range, default and attribute, in the order the controls show them. */
export const HYPER_RANGES: Record<HyperKey, { min: number; max: number; initial: number; attribute: string; label: string; symbol: string }> = {
  inputSize: { min: 3, max: 14, initial: 7, attribute: 'input-size', label: 'Input size', symbol: 'n' },
  padding: { min: 0, max: 4, initial: 0, attribute: 'padding', label: 'Padding', symbol: 'p' },
  kernelSize: { min: 1, max: 7, initial: 3, attribute: 'kernel-size', label: 'Kernel size', symbol: 'k' },
  stride: { min: 1, max: 4, initial: 1, attribute: 'stride', label: 'Stride', symbol: 's' },
  dilation: { min: 1, max: 3, initial: 1, attribute: 'dilation', label: 'Dilation', symbol: 'd' },
};

export const HYPER_KEYS = Object.keys(HYPER_RANGES) as HyperKey[];

/** Whether a value is a whole number inside the setting's range. */
export function validSetting(key: HyperKey, value: number): boolean {
  const r = HYPER_RANGES[key];
  return Number.isInteger(value) && value >= r.min && value <= r.max;
}

/**
 * Channel `channel` of an HWC image shrunk to n × n: each cell is the mean of the block of
 * pixels it covers (rows ⌊i·H/n⌋ … ⌊(i+1)·H/n⌋ − 1, likewise for columns).
 */
export function shrinkChannel(values: ArrayLike<number>, shape: readonly number[], channel: number, n: number): Float32Array {
  const [h, w, c] = shape;
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const r0 = Math.floor((i * h) / n);
    const r1 = Math.max(r0 + 1, Math.floor(((i + 1) * h) / n));
    for (let j = 0; j < n; j++) {
      const c0 = Math.floor((j * w) / n);
      const c1 = Math.max(c0 + 1, Math.floor(((j + 1) * w) / n));
      let sum = 0;
      for (let r = r0; r < r1; r++) for (let col = c0; col < c1; col++) sum += values[(r * w + col) * c + channel];
      out[i * n + j] = sum / ((r1 - r0) * (c1 - c0));
    }
  }
  return out;
}

export interface HyperData {
  settings: HyperSettings;
  /** Side of the padded input: n + 2p. */
  paddedSize: number;
  /** Span of the dilated kernel: d·(k − 1) + 1. */
  span: number;
  /** Output side from the ops (0 when no window fits). */
  outSize: number;
  /** The padded patch, [paddedSize, paddedSize, 1]. */
  padded: Float32Array;
  /** The dilated averaging kernel, [span, span, 1, 1]: 1/k² on the taps, 0 in the holes. */
  kernel: { kernelShape: [number, number, number, number]; kernel: Float32Array; bias: Float32Array };
  /** The numerator of the size formula, n + 2p − d(k − 1) − 1, and the formula's raw result. */
  numerator: number;
  rawOutSize: number;
  /** Padded cells never read by any window at the right and bottom edge (stride leftovers). */
  leftover: number;
}

export function buildHyperData(settings: HyperSettings, patch: Float32Array): HyperData {
  const { inputSize: n, padding: p, kernelSize: k, stride: s, dilation: d } = settings;
  const paddedSize = n + 2 * p;
  const span = d * (k - 1) + 1;
  const padded = new Float32Array(paddedSize * paddedSize);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) padded[(r + p) * paddedSize + c + p] = patch[r * n + c];
  const kernel = new Float32Array(span * span);
  for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) kernel[ky * d * span + kx * d] = 1 / (k * k);
  const outSize = axisGeometry(paddedSize, span, s, 'valid').outSize;
  const numerator = n + 2 * p - d * (k - 1) - 1;
  const leftover = outSize > 0 ? paddedSize - ((outSize - 1) * s + span) : 0;
  return {
    settings, paddedSize, span, outSize, padded,
    kernel: { kernelShape: [span, span, 1, 1], kernel, bias: new Float32Array(1) },
    numerator,
    rawOutSize: Math.floor(numerator / s) + 1,
    leftover,
  };
}

/** The window behind output (row, col): its inputs in span × span order, and its mean. */
export function hyperWindow(data: HyperData, row: number, col: number): ConvWindow {
  const s = data.settings.stride;
  return convWindow(data.padded, [data.paddedSize, data.paddedSize, 1], data.kernel, 0, row, col, { strides: [s, s], padding: 'valid' });
}

/** Whether padded cell offset (dy, dx) inside a window is one of the kernel's taps. */
export function isTap(data: HyperData, dy: number, dx: number): boolean {
  const d = data.settings.dilation;
  return dy % d === 0 && dx % d === 0 && dy < data.span && dx < data.span;
}

/** Output indices along one axis whose window has a tap on padded index i. */
function readersOnAxis(data: HyperData, i: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < data.outSize; o++) {
    const offset = i - o * data.settings.stride;
    if (offset >= 0 && offset < data.span && offset % data.settings.dilation === 0) out.push(o);
  }
  return out;
}

/** The output cells that read padded cell (row, col) through one of their taps. */
export function readersOf(data: HyperData, row: number, col: number): { row: number; col: number }[] {
  const rows = readersOnAxis(data, row);
  const cols = readersOnAxis(data, col);
  return rows.flatMap((r) => cols.map((c) => ({ row: r, col: c })));
}
