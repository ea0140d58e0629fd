/**
 * Loss and gradients of one batch: the arithmetic shared by the in-process trainer and the
 * gradient worker threads. Call inside tf.tidy; the returned tensors are the caller's.
 */
import * as tf from '@tensorflow/tfjs';

export interface LossSpec {
  labelSmoothing: number;
  /** L2 penalty on kernels, added to the loss. */
  l2: number;
  /** Knowledge distillation, when the caller passes the teacher's logits (see distillationLoss). */
  distill?: { weight: number; temperature: number };
}

/**
 * Hinton et al.'s distillation loss, per batch: (1 − w) · cross-entropy with the labels +
 * w · T² · KL(softmax(teacher / T) ‖ softmax(student / T)). The T² keeps the soft term's
 * gradients on the scale of the hard one's whatever the temperature. Label smoothing, if
 * any, applies to the hard term only.
 */
export function distillationLoss(
  y: tf.Tensor,
  logits: tf.Tensor,
  teacherLogits: tf.Tensor,
  weight: number,
  temperature: number,
  labelSmoothing = 0,
): tf.Scalar {
  const hard = tf.losses.softmaxCrossEntropy(y, logits, undefined, labelSmoothing) as tf.Scalar;
  const t = teacherLogits.div(temperature);
  const soft = tf.softmax(t);
  const kl = soft.mul(tf.logSoftmax(t).sub(tf.logSoftmax(logits.div(temperature)))).sum(1).mean();
  return hard.mul(1 - weight).add(kl.mul(weight * temperature * temperature)) as tf.Scalar;
}

export interface BatchGradients {
  /** Mean loss over the batch (with the L2 term). */
  loss: tf.Scalar;
  /** How many images the logits classify correctly. */
  correct: tf.Scalar;
  /** One gradient per variable, in the order of `vars`. */
  grads: tf.Tensor[];
}

/** The number of classes a model's output scores. */
export function outputUnits(model: tf.LayersModel): number {
  const shape = model.outputs[0].shape;
  return shape[shape.length - 1] as number;
}

export function batchGradients(
  model: tf.LayersModel,
  vars: tf.Variable[],
  isKernel: boolean[],
  x: tf.Tensor4D,
  labels: tf.Tensor1D,
  spec: LossSpec,
  /** The teacher's logits for x (distillation, with spec.distill). */
  teacherLogits?: tf.Tensor2D,
): BatchGradients {
  if (spec.distill && !teacherLogits) throw new Error('batchGradients: distillation needs the teacher\'s logits');
  const y = tf.oneHot(labels, outputUnits(model)).toFloat();
  const kept: tf.Scalar[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(x, { training: true }) as tf.Tensor2D;
    kept.push(tf.keep(logits.argMax(1).equal(labels).sum()));
    let loss =
      spec.distill && teacherLogits
        ? distillationLoss(y, logits, teacherLogits, spec.distill.weight, spec.distill.temperature, spec.labelSmoothing)
        : (tf.losses.softmaxCrossEntropy(y, logits, undefined, spec.labelSmoothing) as tf.Scalar);
    if (spec.l2 > 0) loss = loss.add(tf.addN(vars.filter((_, i) => isKernel[i]).map((w) => w.square().sum())).mul(spec.l2)) as tf.Scalar;
    return loss;
  }, vars);
  return { loss: value, correct: kept[0], grads: vars.map((w) => grads[w.name]) };
}
