/**
 * A model and a variant of it: the same layers with other weights. Two kinds: the reader's
 * edits (kernels replaced, channels switched off; model/inspect/edit-codec.ts) and a training
 * checkpoint (model/train/checkpoint-format.ts). Every figure keys its runs by `variantKey`,
 * so the trained model and each variant have their own cache.
 */
import * as tf from '@tensorflow/tfjs';
import { describeModel } from './load-model';
import type { LoadedModel } from './types';

export type ModelVariant =
  | { edits: string }
  /** A training checkpoint: a file in `checkpoints/` beside model.json (its index.json describes the tensors). */
  | { checkpoint: string };

/**
 * The name of a model with a variant: the model's URL, and after `#` what differs. Figures
 * pass it where they would pass the URL (the fragment never reaches the server).
 */
export function variantKey(modelUrl: string, variant?: ModelVariant | null): string {
  const base = modelUrl.replace(/#.*$/, '');
  if (!variant) return base;
  if ('edits' in variant) return variant.edits ? `${base}#edits=${variant.edits}` : base;
  return `${base}#checkpoint=${encodeURIComponent(variant.checkpoint)}`;
}

/** The inverse of variantKey. */
export function parseVariantKey(key: string): { url: string; variant: ModelVariant | null } {
  const at = key.indexOf('#');
  if (at < 0) return { url: key, variant: null };
  const url = key.slice(0, at);
  const fragment = key.slice(at + 1);
  if (fragment.startsWith('edits=')) return { url, variant: { edits: fragment.slice(6) } };
  if (fragment.startsWith('checkpoint=')) return { url, variant: { checkpoint: decodeURIComponent(fragment.slice(11)) } };
  return { url, variant: null };
}

/**
 * A copy of `model` whose weights are `weights` (by TF.js weight name, e.g. 'conv_1_1/kernel');
 * weights not named keep their values. The caller disposes the copy's tfModel.
 */
export function withWeights(model: LoadedModel, weights: Readonly<Record<string, Float32Array>>, source: string): LoadedModel {
  const original = model.tfModel;
  const copy = tf.Sequential.fromConfig(tf.Sequential, original.getConfig(), {}, true) as tf.Sequential;
  try {
    tf.tidy(() => {
      copy.layers.forEach((layer, i) => {
        const own = original.layers[i].getWeights();
        if (own.length === 0) return;
        const names = original.layers[i].weights.map((w) => w.originalName);
        layer.setWeights(own.map((t, k) => {
          const given = weights[names[k]];
          if (!given) return t;
          if (given.length !== t.size) throw new Error(`${names[k]}: ${given.length} values where the model has ${t.size}`);
          return tf.tensor(given, t.shape);
        }));
      });
    });
    const metadata = original.getUserDefinedMetadata();
    if (metadata) copy.setUserDefinedMetadata(metadata);
    return { ...describeModel(copy, source), classNames: [...model.classNames] };
  } catch (err) {
    copy.dispose();
    throw err;
  }
}
