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

/** Adam's state for one variable held in plain arrays (the CLI trainer's main thread). */
export interface AdamArrays {
  w: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

const f32 = Math.fround;

/**
 * adamStep on plain float32 arrays, in place: the same float32 operations in the same order
 * as the tensor version (each product, sum, quotient and square root rounded to float32, as
 * the backend's element-wise kernels do), so both give the same bits; a test holds them to
 * it. Without tensors there is no op dispatch: ~0.2 s an epoch of the CLI's main thread,
 * during which the gradient workers waited.
 */
export function adamStepArrays({ w, m, v }: AdamArrays, g: Float32Array, t: number, lr: number, weightDecay = 0): void {
  const b1 = f32(ADAM.beta1), nb1 = f32(1 - ADAM.beta1);
  const b2 = f32(ADAM.beta2), nb2 = f32(1 - ADAM.beta2);
  const c1 = f32(1 - ADAM.beta1 ** t), c2 = f32(1 - ADAM.beta2 ** t);
  const eps = f32(ADAM.epsilon), rate = f32(lr), decay = f32(weightDecay);
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const mj = f32(f32(m[j] * b1) + f32(gj * nb1));
    const vj = f32(f32(v[j] * b2) + f32(f32(gj * gj) * nb2));
    m[j] = mj;
    v[j] = vj;
    let update = f32(f32(mj / c1) / f32(f32(Math.sqrt(f32(vj / c2))) + eps));
    if (weightDecay > 0) update = f32(update + f32(w[j] * decay));
    w[j] = f32(w[j] - f32(update * rate));
  }
}

/** The moving average `ema ← ema·d + w·(1 − d)` in float32, as the tensor expression computes it. */
export function emaStepArrays(ema: Float32Array, w: Float32Array, d: number): void {
  const keep = f32(d), take = f32(1 - d);
  for (let j = 0; j < w.length; j++) ema[j] = f32(f32(ema[j] * keep) + f32(w[j] * take));
}
