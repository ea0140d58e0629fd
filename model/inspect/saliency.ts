/**
 * "Why it said that", from gradients: the gradient of a class score with respect to the
 * input picture, and Grad-CAM (Selvaraju et al., 2017) on the last conv layer.
 *
 * Both run synchronously in one tf.tidy and download with dataSync (fine in the worker and
 * in Node). On the WASM backend, call registerWasmConvGradients() (model/train/wasm-gradients.ts)
 * once first: tfjs-backend-wasm 4.x has no Conv2DBackpropFilter and a slow MaxPoolGrad.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../engine/types';
import {
  checkClass,
  classScoreFrom,
  forwardRange,
  inputBatch,
  lastConvMapsIndex,
  type ScoreKind,
} from './forward';
import type { ReceptiveFieldOf } from './input-field';

/**
 * d score / d input for one picture: HWC, the same layout and length as `input`.
 * `of` = 'logit' (default) differentiates the pre-softmax score, 'probability' the softmax output.
 */
export function inputGradient(model: LoadedModel, input: Float32Array, classIndex: number, of: ScoreKind = 'logit'): Float32Array {
  checkClass(model, classIndex);
  return tf.tidy(() => {
    const x = inputBatch(model, input);
    const grad = tf.grad((t: tf.Tensor) => classScoreFrom(model, t, 0, classIndex, of))(x);
    return Float32Array.from(grad.dataSync());
  });
}

/**
 * A per-pixel saliency from an HWC gradient: the largest |gradient| over the channels
 * (Simonyan et al., 2014). Length h × w, row-major.
 */
export function gradientMagnitude(gradient: Float32Array, shape: readonly [number, number, number]): Float32Array {
  const [h, w, c] = shape;
  if (gradient.length !== h * w * c) throw new RangeError(`A gradient of shape [${shape}] needs ${h * w * c} values, got ${gradient.length}`);
  const out = new Float32Array(h * w);
  for (let p = 0; p < h * w; p++) {
    let m = 0;
    for (let k = 0; k < c; k++) m = Math.max(m, Math.abs(gradient[p * c + k]));
    out[p] = m;
  }
  return out;
}

export interface GradCamOptions {
  /** Differentiate the logit (default, as in the paper) or the probability. */
  of?: ScoreKind;
  /**
   * Where each map value sits over the input. With it, the map is upsampled by placing each
   * value at the centre of its receptive field; without it, the map is stretched over the
   * input (half-pixel centres), which misplaces it when valid convolutions shrink the maps.
   */
  receptiveField?: ReceptiveFieldOf;
}

export interface GradCam {
  /** The step whose maps are weighed (the last conv, or the ReLU right after it). */
  layer: string;
  layerIndex: number;
  classIndex: number;
  /** [h, w] of the map. */
  shape: [number, number];
  /** α_k: the mean over positions of d score / d A_k, one per channel. */
  weights: Float32Array;
  /** ReLU(Σ_k α_k A_k), h × w row-major. */
  map: Float32Array;
  /** The map over the input, input height × width row-major (bilinear, clamped at the edges). */
  upsampled: Float32Array;
  upsampledBy: 'receptive-field' | 'stretch';
}

/** Grad-CAM of one class for one picture, on the last conv layer's maps. */
export function gradCam(model: LoadedModel, input: Float32Array, classIndex: number, options: GradCamOptions = {}): GradCam {
  checkClass(model, classIndex);
  const layerIndex = lastConvMapsIndex(model);
  const [h, w, c] = model.layers[layerIndex].shape;
  const { weights, map } = tf.tidy(() => {
    const maps = forwardRange(model, inputBatch(model, input), 0, layerIndex);
    const grad = tf.grad((a: tf.Tensor) => classScoreFrom(model, a, layerIndex, classIndex, options.of ?? 'logit'))(maps);
    const alpha = tf.mean(grad, [0, 1, 2]);
    const cam = tf.relu(tf.sum(tf.mul(maps, alpha), 3));
    return { weights: Float32Array.from(alpha.dataSync()), map: Float32Array.from(cam.dataSync()) };
  });
  if (weights.length !== c) throw new Error(`Grad-CAM expected ${c} channels, got ${weights.length}`);
  const [inH, inW] = model.inputShape;
  const fieldOf = options.receptiveField;
  const rowCentres = Array.from({ length: h }, (_, r) => (fieldOf ? centre(fieldOf(layerIndex, r, 0).rows) : stretched(r, h, inH)));
  const colCentres = Array.from({ length: w }, (_, k) => (fieldOf ? centre(fieldOf(layerIndex, 0, k).cols) : stretched(k, w, inW)));
  return {
    layer: model.layers[layerIndex].name,
    layerIndex,
    classIndex,
    shape: [h, w],
    weights,
    map,
    upsampled: resampleSeparable(map, rowCentres, colCentres, inH, inW),
    upsampledBy: fieldOf ? 'receptive-field' : 'stretch',
  };
}

const centre = (span: { first: number; last: number }): number => (span.first + span.last) / 2;

/** Where map position i of n sits over `size` input pixels when the map is stretched over them. */
const stretched = (i: number, n: number, size: number): number => ((i + 0.5) * size) / n - 0.5;

/** For output pixel p: the two map positions around it and the weight of the second. */
function interpolation(centres: readonly number[], size: number): { lo: Int32Array; hi: Int32Array; t: Float32Array } {
  const lo = new Int32Array(size);
  const hi = new Int32Array(size);
  const t = new Float32Array(size);
  let j = 0;
  for (let p = 0; p < size; p++) {
    while (j + 1 < centres.length && centres[j + 1] <= p) j++;
    if (p <= centres[0]) {
      lo[p] = hi[p] = 0;
    } else if (j + 1 >= centres.length) {
      lo[p] = hi[p] = centres.length - 1;
    } else {
      lo[p] = j;
      hi[p] = j + 1;
      t[p] = (p - centres[j]) / (centres[j + 1] - centres[j]);
    }
  }
  return { lo, hi, t };
}

/**
 * Bilinear resampling of an h × w map whose rows and columns sit at the given input
 * coordinates (increasing), onto an outH × outW grid; values beyond the first or last
 * centre repeat the edge.
 */
export function resampleSeparable(
  map: Float32Array,
  rowCentres: readonly number[],
  colCentres: readonly number[],
  outH: number,
  outW: number,
): Float32Array {
  const w = colCentres.length;
  if (map.length !== rowCentres.length * w) throw new RangeError(`A ${rowCentres.length} × ${w} map needs ${rowCentres.length * w} values, got ${map.length}`);
  const rows = interpolation(rowCentres, outH);
  const cols = interpolation(colCentres, outW);
  const out = new Float32Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    const r0 = rows.lo[y] * w;
    const r1 = rows.hi[y] * w;
    const ty = rows.t[y];
    for (let x = 0; x < outW; x++) {
      const c0 = cols.lo[x];
      const c1 = cols.hi[x];
      const tx = cols.t[x];
      const top = map[r0 + c0] * (1 - tx) + map[r0 + c1] * tx;
      const bottom = map[r1 + c0] * (1 - tx) + map[r1 + c1] * tx;
      out[y * outW + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}
