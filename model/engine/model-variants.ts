/**
 * A model and a variant of it: the same layers with other weights. Two kinds: the reader's
 * edits (kernels replaced, channels switched off; model/inspect/edit-codec.ts) and a training
 * checkpoint (model/train/checkpoint-format.ts). Every figure keys its runs by `variantKey`,
 * so the trained model and each variant have their own cache.
 */
import * as tf from '@tensorflow/tfjs';
import { describeModel } from './load-model';
import type { LoadedModel } from './types';


export { variantKey, parseVariantKey, type ModelVariant } from './variant-key';

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
