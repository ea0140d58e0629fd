/**
 * "What each channel looks for": the input that excites one channel most, found by gradient
 * ascent on the input (Olah, Mordvintsev & Schubert, "Feature Visualization", Distill 2017),
 * with the usual regularisers:
 *
 * - colour range: the image is sigmoid(p) of an unconstrained parameter p, so every value
 *   stays in (0, 1);
 * - jitter: each step sees the image rolled (wrapping around) by a random shift of up to
 *   `jitter` pixels, so that no pattern tied to one place can win; at the default, half the
 *   picture, every pixel is treated alike (no frame along the edges, a seamless texture);
 * - blur: every `blurEvery` steps p is mixed with a 3 × 3 Gaussian blur of itself, which
 *   damps the high frequencies that gradients put in; the blur's weight falls linearly from
 *   `blur` to 0 over the ascent (coarse to fine), so that a first-layer channel, which sees
 *   3 × 3 pixels, can still end on the fine pattern it wants;
 * - frequency penalty: `smoothness` × the mean squared difference between neighbouring
 *   pixels (a total-variation penalty) is subtracted from the objective.
 *
 * The objective is the channel's mean over all positions as the next layer sees it: for a
 * conv step followed by a ReLU (or for that ReLU), the mean of relu(W·x + b); for any other
 * step of maps, the mean of its output. During the ascent the ReLU is replaced by a leaky
 * one (slope LEAK below zero), so that positions still below zero get a gradient: a
 * channel that a grey picture leaves at zero everywhere could not start otherwise.
 * Everything random comes from the seed, so a seed gives the same image on the same backend.
 * Adam does the ascent. The loop awaits a macrotask every `yieldEvery` steps so that a
 * worker can receive a stop message; `shouldStop` is read before each step.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../engine/types';
import { forwardRange, inputBatch, mapStepIndex } from './forward';
import { SeededRandom } from './seeded-random';

export interface FeatureVisProgress {
  step: number;
  steps: number;
  /** channelActivation of the image so far. */
  activation: number;
  /** The image so far (downloads it: call only when you show it). */
  image: () => Float32Array;
}

export interface FeatureVisOptions {
  steps?: number;
  seed?: number;
  /** Adam's learning rate on p. */
  lr?: number;
  /** Largest shift, in pixels, of the random roll applied at each step (default: half the picture's smaller side). */
  jitter?: number;
  /** Blur p every this many steps (0: never). */
  blurEvery?: number;
  /** How much of the blurred p replaces p at the start (0 … 1); falls linearly to 0. */
  blur?: number;
  /** Weight of the penalty on differences between neighbouring pixels. */
  smoothness?: number;
  /** Call onProgress every this many steps (and after the last). */
  progressEvery?: number;
  onProgress?: (progress: FeatureVisProgress) => void;
  /** Read before each step; true stops the ascent and returns the image so far. */
  shouldStop?: () => boolean;
  /** Await a macrotask every this many steps (0: never). */
  yieldEvery?: number;
}

export const FEATURE_VIS_DEFAULTS = {
  steps: 96,
  seed: 0,
  lr: 0.08,
  blurEvery: 4,
  blur: 0.5,
  smoothness: 0,
  progressEvery: 8,
  yieldEvery: 4,
} as const;

export interface FeatureVisResult {
  layer: string;
  channel: number;
  /** HWC RGB in [0, 1], the model's input shape. */
  image: Float32Array;
  /** channelActivation of `image`: the objective, without jitter or penalty. */
  activation: number;
  /** Steps taken (fewer than asked when stopped). */
  steps: number;
  stopped: boolean;
}

/** Slope below zero of the ReLU's stand-in during the ascent. */
export const LEAK = 0.1;

/** Which step's output the objective reads, and whether it rectifies it (see the top of this file). */
export function featureTarget(model: LoadedModel, layerName: string, channel: number): { index: number; rectified: boolean } {
  const i = mapStepIndex(model, layerName, channel);
  if (model.layers[i].kind === 'relu') return { index: i - 1, rectified: true };
  return { index: i, rectified: model.layers[i + 1]?.kind === 'relu' };
}

/**
 * The objective itself, for one picture: the mean over positions of one channel, rectified
 * when a ReLU follows (see featureTarget).
 */
export function channelActivation(model: LoadedModel, input: Float32Array, layerName: string, channel: number): number {
  const target = featureTarget(model, layerName, channel);
  return tf.tidy(() => {
    const maps = forwardRange(model, inputBatch(model, input), 0, target.index);
    return channelObjective(target.rectified ? tf.relu(maps) : maps, channel).dataSync()[0];
  });
}

function channelObjective(maps: tf.Tensor, channel: number): tf.Scalar {
  const [n, h, w] = maps.shape;
  return tf.mean(tf.slice(maps, [0, 0, 0, channel], [n, h, w, 1]));
}

/** x rolled by `shift` along `axis` (wrapping around). */
function roll(x: tf.Tensor4D, shift: number, axis: 1 | 2): tf.Tensor4D {
  const size = x.shape[axis];
  const s = ((shift % size) + size) % size;
  if (s === 0) return x;
  const begin = [0, 0, 0, 0];
  const tail = [...x.shape];
  const head = [...x.shape];
  begin[axis] = size - s;
  tail[axis] = s;
  head[axis] = size - s;
  return tf.concat([tf.slice(x, begin, tail), tf.slice(x, [0, 0, 0, 0], head)], axis);
}

/** Mean squared difference between vertically and horizontally neighbouring pixels. */
function roughness(img: tf.Tensor4D): tf.Scalar {
  const [n, h, w, c] = img.shape;
  const dy = tf.squaredDifference(tf.slice(img, [0, 1, 0, 0], [n, h - 1, w, c]), tf.slice(img, [0, 0, 0, 0], [n, h - 1, w, c]));
  const dx = tf.squaredDifference(tf.slice(img, [0, 0, 1, 0], [n, h, w - 1, c]), tf.slice(img, [0, 0, 0, 0], [n, h, w - 1, c]));
  return tf.add(tf.mean(dy), tf.mean(dx));
}

function gaussianKernel(channels: number): tf.Tensor4D {
  const g = [1, 2, 1];
  const values: number[] = [];
  for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) for (let c = 0; c < channels; c++) values.push((g[y] * g[x]) / 16);
  return tf.tensor4d(values, [3, 3, channels, 1]);
}

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function checkOptions(o: Required<Omit<FeatureVisOptions, 'onProgress' | 'shouldStop'>>): void {
  const whole = (v: number, min: number, what: string) => {
    if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`${what} must be a whole number of at least ${min}, got ${v}`);
  };
  whole(o.steps, 0, 'steps');
  whole(o.jitter, 0, 'jitter');
  whole(o.blurEvery, 0, 'blurEvery');
  whole(o.progressEvery, 1, 'progressEvery');
  whole(o.yieldEvery, 0, 'yieldEvery');
  if (!Number.isInteger(o.seed)) throw new RangeError(`seed must be a whole number, got ${o.seed}`);
  if (!(o.lr > 0)) throw new RangeError(`lr must be above 0, got ${o.lr}`);
  if (!(o.blur >= 0 && o.blur <= 1)) throw new RangeError(`blur must be from 0 to 1, got ${o.blur}`);
  if (!(o.smoothness >= 0)) throw new RangeError(`smoothness must be 0 or more, got ${o.smoothness}`);
}

/**
 * The picture that excites `channel` of step `layerName` most (see the top of this file).
 * Tensors: everything it makes is disposed before it resolves, also when it throws.
 */
export async function featureVisualisation(
  model: LoadedModel,
  layerName: string,
  channel: number,
  options: FeatureVisOptions = {},
): Promise<FeatureVisResult> {
  const target = featureTarget(model, layerName, channel);
  const [h, w, c] = model.inputShape;
  const o = { ...FEATURE_VIS_DEFAULTS, jitter: Math.floor(Math.min(h, w) / 2), ...withoutUndefined(options) };
  checkOptions(o);
  const random = new SeededRandom(o.seed);
  // Start near grey: p = 0 is 0.5 everywhere; a little noise breaks the symmetry.
  const start = Float32Array.from({ length: h * w * c }, () => 0.1 * random.normal());
  const init = tf.tensor4d(start, [1, h, w, c]);
  const p = tf.variable(init);
  init.dispose();
  const optimizer = tf.train.adam(o.lr);
  const kernel = gaussianKernel(c);
  const image = () => tf.tidy(() => Float32Array.from(tf.sigmoid(p).dataSync()));
  const activationNow = () => channelActivation(model, image(), layerName, channel);
  let step = 0;
  let stopped = false;
  try {
    for (; step < o.steps; step++) {
      if (o.shouldStop?.()) {
        stopped = true;
        break;
      }
      const dy = random.integer(-o.jitter, o.jitter);
      const dx = random.integer(-o.jitter, o.jitter);
      const cost = optimizer.minimize(
        () => {
          const img = tf.sigmoid(p) as tf.Tensor4D;
          const seen = roll(roll(img, dy, 1), dx, 2);
          const maps = forwardRange(model, seen, 0, target.index);
          let loss = tf.neg(channelObjective(target.rectified ? tf.leakyRelu(maps, LEAK) : maps, channel));
          if (o.smoothness > 0) loss = tf.add(loss, tf.mul(roughness(img), o.smoothness));
          return loss as tf.Scalar;
        },
        true,
        [p],
      );
      cost?.dispose();
      if (o.blurEvery > 0 && o.blur > 0 && (step + 1) % o.blurEvery === 0) {
        tf.tidy(() => {
          const padded = tf.mirrorPad(p, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect');
          const blurred = tf.depthwiseConv2d(padded as tf.Tensor4D, kernel, 1, 'valid');
          const weight = o.blur * (1 - step / o.steps);
          p.assign(tf.add(tf.mul(p, 1 - weight), tf.mul(blurred, weight)) as tf.Tensor4D);
        });
      }
      const done = step + 1;
      if (o.onProgress && (done % o.progressEvery === 0 || done === o.steps)) {
        o.onProgress({ step: done, steps: o.steps, activation: activationNow(), image });
      }
      if (o.yieldEvery > 0 && done % o.yieldEvery === 0 && done < o.steps) await nextMacrotask();
    }
    const result = image();
    return { layer: layerName, channel, image: result, activation: channelActivation(model, result, layerName, channel), steps: step, stopped };
  } finally {
    p.dispose();
    optimizer.dispose();
    kernel.dispose();
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
