/**
 * One Adam step on one variable: the update both trainers take (the CLI's, model/train/
 * trainer.ts, and the browser's, model/teach/). Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';

export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Zeroed first and second moments, one pair per variable; the caller disposes them. */
export function adamMoments(vars: readonly tf.Variable[]): { m: tf.Variable[]; v: tf.Variable[] } {
  return tf.tidy(() => ({
    m: vars.map((w) => tf.variable(tf.zerosLike(w), false)),
    v: vars.map((w) => tf.variable(tf.zerosLike(w), false)),
  }));
}

/**
 * Step `t` (1 for the first) of Adam with learning rate `lr`: moments updated, bias
 * corrected, and `w` moved; `weightDecay` > 0 adds decoupled weight decay (AdamW).
 */
export function adamStep(w: tf.Variable, g: tf.Tensor, m: tf.Variable, v: tf.Variable, t: number, lr: number, weightDecay = 0): void {
  const c1 = 1 - ADAM.beta1 ** t;
  const c2 = 1 - ADAM.beta2 ** t;
  m.assign(m.mul(ADAM.beta1).add(g.mul(1 - ADAM.beta1)));
  v.assign(v.mul(ADAM.beta2).add(g.square().mul(1 - ADAM.beta2)));
  let update = m.div(c1).div(v.div(c2).sqrt().add(ADAM.epsilon));
  if (weightDecay > 0) update = update.add(w.mul(weightDecay));
  w.assign(w.sub(update.mul(lr)));
}
