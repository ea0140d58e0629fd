/**
 * Differentiable passes through a loaded model, for the inspection tools: any range of the
 * engine's steps (model/engine/layer-plan.ts) on a batch of pictures, the class score, and
 * the steps the tools look for (by name, or by the engine's layer kinds, never by names).
 *
 * Every function here builds tensors: call it inside tf.tidy (or tf.grad) and dispose what
 * it returns. Pictures are HWC Float32Arrays in [0, 1] of the model's input shape.
 */
import * as tf from '@tensorflow/tfjs';
import { planOf } from '../engine/load-model';
import type { LoadedModel } from '../engine/types';

/** What a class score is read from: the logit (pre-softmax) or the softmax probability. */
export type ScoreKind = 'logit' | 'probability';

/** The index in `model.layers` of the step called `name`; throws in plain words if there is none. */
export function stepIndex(model: LoadedModel, name: string): number {
  const i = model.layers.findIndex((l) => l.name === name);
  if (i < 0) throw new RangeError(`This model has no step called "${name}" (it has ${model.layers.map((l) => l.name).join(', ')})`);
  return i;
}

/**
 * The index of a step whose output is a stack of maps [h, w, c] (any step but the input),
 * after checking `channel` (when given) is one of its channels.
 */
export function mapStepIndex(model: LoadedModel, name: string, channel?: number): number {
  const i = stepIndex(model, name);
  const layer = model.layers[i];
  if (i === 0 || layer.shape.length !== 3) {
    throw new RangeError(`"${name}" is not a layer of maps (its output has shape [${layer.shape}])`);
  }
  if (channel !== undefined) checkRange(channel, layer.shape[2], `Channel ${channel} of "${name}"`);
  return i;
}

/** The step whose output is the logits: the input of a final softmax step, else the last step. */
export function logitsIndex(model: LoadedModel): number {
  const last = model.layers.length - 1;
  return model.layers[last].kind === 'softmax' && last > 1 ? last - 1 : last;
}

/**
 * The maps Grad-CAM weighs: those of the last conv step, rectified when the step after it
 * is a ReLU (its usual form: the feature maps A^k of Selvaraju et al.).
 */
export function lastConvMapsIndex(model: LoadedModel): number {
  let conv = -1;
  model.layers.forEach((l, i) => {
    if (l.kind === 'conv') conv = i;
  });
  if (conv < 0) throw new RangeError('This model has no conv layer');
  return model.layers[conv + 1]?.kind === 'relu' ? conv + 1 : conv;
}

/** Throws unless i is an integer in 0 … n − 1. */
export function checkRange(i: number, n: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${what} is outside 0…${n - 1}`);
}

export function checkClass(model: LoadedModel, classIndex: number): void {
  checkRange(classIndex, model.classNames.length, `Class ${classIndex}`);
}

/** The number of values in one input picture. */
export const inputSize = (model: LoadedModel): number => model.inputShape[0] * model.inputShape[1] * model.inputShape[2];

/** One picture, or several stacked, as a batch tensor [n, h, w, c]. */
export function inputBatch(model: LoadedModel, pictures: Float32Array | readonly Float32Array[]): tf.Tensor4D {
  const list = pictures instanceof Float32Array ? [pictures] : pictures;
  const size = inputSize(model);
  const [h, w, c] = model.inputShape;
  const data = new Float32Array(size * list.length);
  list.forEach((p, i) => {
    if (p.length !== size) throw new RangeError(`Expected a picture of ${h}×${w}×${c} = ${size} values (HWC), got ${p.length}`);
    data.set(p, i * size);
  });
  return tf.tensor4d(data, [list.length, h, w, c]);
}

/**
 * Applies the steps after `from` up to and including `to` (indices in model.layers) to `x`,
 * the output of step `from` for a batch. `from` = 0 starts at the input.
 */
export function forwardRange(model: LoadedModel, x: tf.Tensor, from: number, to: number): tf.Tensor {
  const steps = planOf(model).steps;
  let y = x;
  for (let i = from + 1; i <= to; i++) y = steps[i].apply(y);
  return y;
}

/** Scores [n] of one class for a batch of logits [n, classes]. */
export function scoreFromLogits(logits: tf.Tensor, classIndex: number, of: ScoreKind): tf.Tensor1D {
  const scores = of === 'probability' ? tf.softmax(logits as tf.Tensor2D) : logits;
  const n = scores.shape[0];
  return tf.reshape(tf.slice(scores, [0, classIndex], [n, 1]), [n]) as tf.Tensor1D;
}

/** Sum over the batch of one class's score, from the output of step `from`: what gradients differentiate. */
export function classScoreFrom(model: LoadedModel, x: tf.Tensor, from: number, classIndex: number, of: ScoreKind): tf.Scalar {
  const logits = forwardRange(model, x, from, logitsIndex(model));
  return tf.sum(scoreFromLogits(logits, classIndex, of));
}
