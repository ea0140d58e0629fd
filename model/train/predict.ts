/**
 * A set of pictures through a model: the plain batch (no augmentation) and the predicted
 * labels with the mean loss. Shared by the CLI's trainer and the browser's (model/teach/).
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_SHAPE } from '../architecture';
import { writePlain } from './augment';
import { IMAGE_BYTES, type ImageSet } from './image-set';

/** Images → RGB/255 floats, one picture after another (no augmentation). */
export function plainArray(set: ImageSet): Float32Array {
  const x = new Float32Array(set.count * IMAGE_BYTES);
  for (let n = 0; n < set.count; n++) writePlain(set.rgb, n, x, n * IMAGE_BYTES);
  return x;
}

/** Images → one float32 tensor of RGB/255 (no augmentation). */
export function plainBatch(set: ImageSet): tf.Tensor4D {
  return tf.tensor4d(plainArray(set), [set.count, ...INPUT_SHAPE]);
}

/** argmax labels and mean cross-entropy of a logits (or probabilities, `probabilities`) model. */
export function predictLabels(model: tf.LayersModel, x: tf.Tensor4D, labels?: Int32Array, probabilities = false) {
  return tf.tidy(() => {
    const out = model.predict(x, { batchSize: 128 }) as tf.Tensor2D;
    const predicted = out.argMax(1).dataSync() as Int32Array;
    let loss = NaN;
    if (labels) {
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), out.shape[1]).toFloat();
      loss = (probabilities ? tf.losses.logLoss(y, out) : tf.losses.softmaxCrossEntropy(y, out)).dataSync()[0];
    }
    return { predicted: Int32Array.from(predicted), loss };
  });
}

