/**
 * Occlusion (Zeiler & Fergus, 2014): slide a grey patch over the picture and record how much
 * each class's probability drops with the patch in each place. One forward pass per patch
 * position, run in batches; every class's probabilities are kept, so another class's map
 * costs nothing (occlusionDrops).
 *
 * Patches never hang off the picture: their top-left corners are 0, stride, 2·stride, …
 * and, when that misses the far edge, size − patch as well (see patchOrigins).
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../engine/types';
import { checkClass, forwardRange, inputBatch, inputSize, logitsIndex } from './forward';

/** A fill colour: one grey level, an RGB triple (0 … 1), or the picture's mean colour. */
export type OcclusionFill = number | readonly number[] | 'mean';

export interface OcclusionOptions {
  /** Side of the square patch, in input pixels. */
  patch?: number;
  /** Step between patch positions, in input pixels. */
  stride?: number;
  fill?: OcclusionFill;
  /** Occluded pictures per forward pass. */
  batchSize?: number;
}

/**
 * Defaults that keep one map within the browser's 300 ms on the WASM backend: a 12-pixel
 * patch every 6 pixels is 10 × 10 = 100 forward passes of Tiny VGG.
 */
export const OCCLUSION_DEFAULTS = { patch: 12, stride: 6, fill: 0.5, batchSize: 25 } as const;

export interface OcclusionMap {
  classIndex: number;
  patch: number;
  stride: number;
  /** Top rows of the patch positions, top to bottom. */
  rows: number[];
  /** Left columns of the patch positions, left to right. */
  cols: number[];
  /** The class's probability for the picture as it is. */
  baseline: number;
  /**
   * baseline − probability with the patch at (rows[i], cols[j]), at i * cols.length + j:
   * positive where hiding that part lowers the class's probability.
   */
  drops: Float32Array;
  /** Every class's probability for the picture as it is. */
  baselineProbabilities: Float32Array;
  /** Every class's probability for each patch position: [position][class]. */
  probabilities: Float32Array;
}

/** Patch origins along an axis of `size` pixels: 0, stride, … and size − patch if missed. */
export function patchOrigins(size: number, patch: number, stride: number): number[] {
  if (!(Number.isInteger(patch) && patch >= 1 && patch <= size)) throw new RangeError(`The patch must be a whole number of pixels from 1 to ${size}, got ${patch}`);
  if (!(Number.isInteger(stride) && stride >= 1)) throw new RangeError(`The stride must be a whole number of pixels of at least 1, got ${stride}`);
  const origins: number[] = [];
  for (let o = 0; o + patch <= size; o += stride) origins.push(o);
  if (origins[origins.length - 1] !== size - patch) origins.push(size - patch);
  return origins;
}

function fillColour(fill: OcclusionFill, input: Float32Array, channels: number): Float32Array {
  if (fill === 'mean') {
    const mean = new Float32Array(channels);
    for (let i = 0; i < input.length; i++) mean[i % channels] += input[i];
    return mean.map((v) => v / (input.length / channels));
  }
  const colour = typeof fill === 'number' ? new Array<number>(channels).fill(fill) : [...fill];
  if (colour.length !== channels || colour.some((v) => !Number.isFinite(v))) {
    throw new RangeError(`The fill must be a number, ${channels} numbers or 'mean', got ${JSON.stringify(fill)}`);
  }
  return Float32Array.from(colour);
}

/** A copy of the picture with a patch × patch square at (top, left) painted in `colour`. */
export function occlude(
  input: Float32Array,
  shape: readonly [number, number, number],
  top: number,
  left: number,
  patch: number,
  colour: Float32Array,
): Float32Array {
  const [, w, c] = shape;
  const out = Float32Array.from(input);
  for (let y = top; y < top + patch; y++) {
    for (let x = left; x < left + patch; x++) out.set(colour, (y * w + x) * c);
  }
  return out;
}

/** The softmax probabilities of a list of pictures, `batchSize` at a time, as one [n][class] array. */
export function probabilitiesOf(model: LoadedModel, pictures: readonly Float32Array[], batchSize: number): Float32Array {
  const classes = model.classNames.length;
  const out = new Float32Array(pictures.length * classes);
  const last = logitsIndex(model);
  for (let start = 0; start < pictures.length; start += batchSize) {
    const chunk = pictures.slice(start, start + batchSize);
    const probs = tf.tidy(() => tf.softmax(forwardRange(model, inputBatch(model, chunk), 0, last) as tf.Tensor2D).dataSync());
    out.set(probs, start * classes);
  }
  return out;
}

/** The occlusion map of one class for one picture (see OcclusionMap). */
export function occlusionMap(model: LoadedModel, input: Float32Array, classIndex: number, options: OcclusionOptions = {}): OcclusionMap {
  checkClass(model, classIndex);
  const shape = model.inputShape;
  if (input.length !== inputSize(model)) throw new RangeError(`Expected a picture of ${inputSize(model)} values (HWC), got ${input.length}`);
  const patch = options.patch ?? OCCLUSION_DEFAULTS.patch;
  const stride = options.stride ?? OCCLUSION_DEFAULTS.stride;
  const batchSize = options.batchSize ?? OCCLUSION_DEFAULTS.batchSize;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`The batch size must be a whole number of at least 1, got ${batchSize}`);
  const rows = patchOrigins(shape[0], patch, stride);
  const cols = patchOrigins(shape[1], patch, stride);
  const colour = fillColour(options.fill ?? OCCLUSION_DEFAULTS.fill, input, shape[2]);
  const pictures = [input];
  for (const top of rows) for (const left of cols) pictures.push(occlude(input, shape, top, left, patch, colour));
  const all = probabilitiesOf(model, pictures, batchSize);
  const classes = model.classNames.length;
  const map: OcclusionMap = {
    classIndex,
    patch,
    stride,
    rows,
    cols,
    baseline: all[classIndex],
    drops: new Float32Array(0),
    baselineProbabilities: all.slice(0, classes),
    probabilities: all.slice(classes),
  };
  map.drops = occlusionDrops(map, classIndex);
  return map;
}

/** The drops of another class from the same occlusion run (no new forward pass). */
export function occlusionDrops(map: OcclusionMap, classIndex: number): Float32Array {
  const classes = map.baselineProbabilities.length;
  if (!(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < classes)) throw new RangeError(`Class ${classIndex} is outside 0…${classes - 1}`);
  const n = map.rows.length * map.cols.length;
  const drops = new Float32Array(n);
  for (let i = 0; i < n; i++) drops[i] = map.baselineProbabilities[classIndex] - map.probabilities[i * classes + classIndex];
  return drops;
}

/**
 * The drops over the input pixels (height × width, row-major): each pixel gets the mean
 * drop of the patch positions that cover it.
 */
export function occlusionPixels(map: OcclusionMap, drops: Float32Array, height: number, width: number): Float32Array {
  const sum = new Float32Array(height * width);
  const count = new Uint16Array(height * width);
  map.rows.forEach((top, i) => {
    map.cols.forEach((left, j) => {
      const d = drops[i * map.cols.length + j];
      for (let y = top; y < Math.min(height, top + map.patch); y++) {
        for (let x = left; x < Math.min(width, left + map.patch); x++) {
          sum[y * width + x] += d;
          count[y * width + x]++;
        }
      }
    });
  });
  return sum.map((s, p) => (count[p] ? s / count[p] : 0));
}
