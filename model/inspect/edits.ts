/**
 * "Change it and see": the edits (edit-model.ts, pure) applied to a copy of a TF.js model.
 */
import * as tf from '@tensorflow/tfjs';
import { describeModel } from '../engine/load-model';
import type { LoadedModel } from '../engine/types';
import { editParams, type Edits } from './edit-model';

export * from './edit-model';

/**
 * A copy of the model whose forward pass uses the edited weights: a new tf.Sequential with
 * its own weights, described by the engine like any loaded model (runModel works on it).
 * The caller owns it: dispose it with `edited.tfModel.dispose()`. With no edits it still
 * returns a copy.
 */
export function applyEdits(model: LoadedModel, edits: Edits, source = `${model.source} (edited)`): LoadedModel {
  const params = editParams(model, edits);
  const original = model.tfModel;
  const copy = tf.Sequential.fromConfig(tf.Sequential, original.getConfig(), {}, true) as tf.Sequential;
  try {
    tf.tidy(() => {
      copy.layers.forEach((layer, i) => {
        const weights = original.layers[i].getWeights();
        const p = params[layer.name];
        if (weights.length === 0) return;
        if (p && p !== model.params[layer.name] && p.kind === 'conv') {
          const kernel = tf.tensor(p.kernel, p.kernelShape);
          layer.setWeights(weights.length > 1 ? [kernel, tf.tensor(p.bias)] : [kernel]);
        } else {
          layer.setWeights(weights);
        }
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
