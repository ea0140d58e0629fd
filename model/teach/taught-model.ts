/**
 * The reader's taught model as the page runs and saves it: Tiny VGG with one output per
 * class, softmax fused into `output` (as the shipped model), and the class names in
 * `userDefinedMetadata.classes`, where the engine reads them (classNamesFor).
 */
import * as tf from '@tensorflow/tfjs';
import { buildTinyVgg, PREPROCESSING } from '../architecture';
import type { NamedWeights } from '../train/checkpoint-format';
import type { LoadedModel } from '../engine/types';
import type { TeachMode } from './teach-trainer';

/** What the model file says of how it was taught. */
export interface TaughtAbout {
  mode: TeachMode;
  epochs: number;
  pictures: number;
  heldOutAccuracy: number;
}

/** A softmax Tiny VGG with the taught weights (model order) and the class names; the caller disposes it. */
export function taughtModel(weights: readonly NamedWeights[], classNames: readonly string[], about?: TaughtAbout): tf.Sequential {
  const model = buildTinyVgg({ classes: classNames.length, outputActivation: 'softmax' });
  try {
    if (weights.length !== model.weights.length) throw new Error(`Expected ${model.weights.length} weight arrays, got ${weights.length}`);
    tf.tidy(() => model.setWeights(weights.map((w, i) => tf.tensor(w.values, model.weights[i].shape as number[]))));
  } catch (err) {
    model.dispose();
    throw err;
  }
  model.setUserDefinedMetadata({
    classes: [...classNames],
    preprocessing: PREPROCESSING as unknown as {},
    ...(about ? { taught: { ...about, by: 'cnn-teach: taught in the browser, on pictures that never left the device' } } : {}),
  });
  return model;
}

/**
 * The convolutions fine-tuning starts from: [kernel, bias] of each conv step of `model`, in
 * order. Throws, in plain words, when they are not Tiny VGG's four 3×3×10 convolutions.
 */
export function startingConvolutions(model: Pick<LoadedModel, 'layers' | 'params'>): Float32Array[] {
  const reference = buildTinyVgg({ classes: 2 });
  const want = reference.weights.slice(0, 8).map((w) => w.shape.join('×'));
  reference.dispose();
  const convs = model.layers.filter((l) => l.kind === 'conv').map((l) => model.params[l.name]);
  const got = convs.flatMap((p) => (p ? [p.kernelShape.join('×'), String(p.bias.length)] : []));
  if (got.length !== want.length || got.some((s, i) => s !== want[i])) {
    throw new Error(`Fine-tuning starts from Tiny VGG's four convolutions (${want.filter((_, i) => i % 2 === 0).join(', ')}), but this model's are ${got.filter((_, i) => i % 2 === 0).join(', ') || 'missing'}. Teach it from scratch instead.`);
  }
  return convs.flatMap((p) => [p!.kernel, p!.bias]);
}
