/**
 * The CLI trainer's Adam and weight average on plain arrays (model/train/adam.ts) against the
 * tensor version on the WASM backend, which the browser's trainer keeps: the same bits, step
 * after step, so moving the update off tensors changed no trained weight.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { adamMoments, adamStep, adamStepArrays, emaStepArrays } from '../../model/train/adam';
import { Prng } from '../../model/train/prng';
import { useWasmBackend } from '../../model/train/wasm-gradients';

await useWasmBackend();

function randomArray(n: number, prng: Prng, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => prng.uniform(-scale, scale));
}

/** Index and both values of the first element whose bits differ, or null. */
function firstDifference(a: Float32Array, b: Float32Array): string | null {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

for (const weightDecay of [0, 1e-4]) {
  test(`Adam on arrays gives the tensor Adam's bits for 300 steps (weight decay ${weightDecay})`, () => {
    assert.is(tf.getBackend(), 'wasm');
    const prng = new Prng(`adam/${weightDecay}`);
    const n = 4099;
    const start = randomArray(n, prng, 0.5);
    const w = tf.variable(tf.tensor1d(start));
    const { m, v } = adamMoments([w]);
    const arrays = { w: Float32Array.from(start), m: new Float32Array(n), v: new Float32Array(n) };
    const tensorsBefore = tf.memory().numTensors;
    for (let t = 1; t <= 300; t++) {
      // Gradients of every size, some exactly zero, and a learning rate that moves each step.
      const g = randomArray(n, prng, t % 7 === 0 ? 1e-6 : 2);
      if (t % 5 === 0) g.fill(0, 0, 100);
      const lr = 1.5e-3 * (0.5 + 0.5 * Math.cos(t / 40));
      tf.tidy(() => adamStep(w, tf.tensor1d(g), m[0], v[0], t, lr, weightDecay));
      adamStepArrays(arrays, g, t, lr, weightDecay);
      if (t % 50 === 0 || t < 4) {
        for (const [name, tensor, array] of [['w', w, arrays.w], ['m', m[0], arrays.m], ['v', v[0], arrays.v]] as const) {
          const diff = firstDifference(tensor.dataSync() as Float32Array, array);
          assert.is(diff, null, `step ${t}, ${name}: ${diff}`);
        }
      }
    }
    assert.is(tf.memory().numTensors, tensorsBefore);
    tf.dispose([w, m[0], v[0]]);
  });
}

test('the weight average on arrays gives the tensor expression\'s bits', () => {
  const prng = new Prng('ema');
  const n = 2053;
  const start = randomArray(n, prng, 1);
  const ema = tf.variable(tf.tensor1d(start));
  const array = Float32Array.from(start);
  for (let t = 1; t <= 200; t++) {
    const w = randomArray(n, prng, 1);
    const d = Math.min(0.998, (1 + t) / (10 + t));
    tf.tidy(() => ema.assign(ema.mul(d).add(tf.tensor1d(w).mul(1 - d))));
    emaStepArrays(array, w, d);
  }
  assert.is(firstDifference(ema.dataSync() as Float32Array, array), null);
  ema.dispose();
});

test.run();
