/**
 * Index mappings between a map's two orders:
 * - HWC (TF's memory and Flatten order): index = (row * W + col) * C + channel;
 * - channel-major (CHW, the display order: channel 0's rows, then channel 1's, …):
 *   index = (channel * H + row) * W + col.
 * A Flatten layer's output is the HWC order unchanged, so flatten index i is
 * the HWC index i of the map before it.
 */
import { checkIndex, checkMap } from './window-geometry';

export interface MapPosition {
  row: number;
  col: number;
  channel: number;
}

function dims(shape: readonly number[]): [number, number, number] {
  if (shape.length !== 3) throw new RangeError(`A map needs a shape [h, w, c], got [${shape}]`);
  return [shape[0], shape[1], shape[2]];
}

/** HWC (= flatten) index of a position. */
export function hwcIndex(shape: readonly number[], { row, col, channel }: MapPosition): number {
  const [, w, c] = dims(shape);
  return (row * w + col) * c + channel;
}

/** Channel-major (CHW) index of a position. */
export function chwIndex(shape: readonly number[], { row, col, channel }: MapPosition): number {
  const [h, w] = dims(shape);
  return (channel * h + row) * w + col;
}

/** Position of an HWC (= flatten) index. */
export function hwcPosition(shape: readonly number[], index: number): MapPosition {
  const [h, w, c] = dims(shape);
  checkIndex(index, h * w * c, 'Flatten index');
  const channel = index % c;
  const pixel = (index - channel) / c;
  return { row: Math.floor(pixel / w), col: pixel % w, channel };
}

/** Position of a channel-major (CHW) index. */
export function chwPosition(shape: readonly number[], index: number): MapPosition {
  const [h, w, c] = dims(shape);
  checkIndex(index, h * w * c, 'Channel-major index');
  const col = index % w;
  const rest = (index - col) / w;
  return { row: rest % h, col, channel: Math.floor(rest / h) };
}

/** Flatten (HWC) index → channel-major index. */
export const flattenToChannelMajor = (shape: readonly number[], index: number): number =>
  chwIndex(shape, hwcPosition(shape, index));

/** Channel-major index → flatten (HWC) index. */
export const channelMajorToFlatten = (shape: readonly number[], index: number): number =>
  hwcIndex(shape, chwPosition(shape, index));

/** Reorders a whole HWC map (or flatten vector) into channel-major order. */
export function hwcToChannelMajor(values: ArrayLike<number>, shape: readonly number[]): Float32Array {
  const [h, w, c] = checkMap(values, shape);
  const out = new Float32Array(values.length);
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      for (let ch = 0; ch < c; ch++) out[(ch * h + row) * w + col] = values[(row * w + col) * c + ch];
    }
  }
  return out;
}

/** Reorders a channel-major map back into HWC (= flatten) order. */
export function channelMajorToHwc(values: ArrayLike<number>, shape: readonly number[]): Float32Array {
  const [h, w, c] = checkMap(values, shape);
  const out = new Float32Array(values.length);
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      for (let ch = 0; ch < c; ch++) out[(row * w + col) * c + ch] = values[(ch * h + row) * w + col];
    }
  }
  return out;
}

/** One channel of an HWC map, as an [h, w] row-major plane. */
export function channelPlane(values: ArrayLike<number>, shape: readonly number[], channel: number): Float32Array {
  const [h, w, c] = checkMap(values, shape);
  checkIndex(channel, c, 'Channel');
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = values[i * c + channel];
  return out;
}
