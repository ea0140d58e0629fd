/**
 * The WASM gradient kernels (model/train/wasm-gradients.ts) against the cpu backend's own
 * gradients, on small random tensors and through the whole Tiny VGG.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { buildTinyVgg } from '../../model/architecture';
import { Prng } from '../../model/train/prng';
import { useWasmBackend } from '../../model/train/wasm-gradients';

await useWasmBackend();

function randomArray(n: number, seed: string): Float32Array {
  const prng = new Prng(seed);
  return Float32Array.from({ length: n }, () => prng.uniform(-1, 1));
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs f on the cpu backend and on wasm, with the same inputs, and returns both results as arrays. */
async function onBoth(inputs: { shape: number[]; seed: string }[], f: (...xs: tf.Tensor[]) => tf.Tensor[]) {
  const results: Float32Array[][] = [];
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    results.push(
      tf.tidy(() => {
        const xs = inputs.map(({ shape, seed }) => tf.tensor(randomArray(size(shape), seed), shape));
        return f(...xs).map((t) => Float32Array.from(t.dataSync()));
      }),
    );
  }
  await tf.setBackend('wasm');
  return { cpu: results[0], wasm: results[1] };
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string, tolerance = 1e-4): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  let scale = 1e-6;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(worst / scale <= tolerance, `${what}: max |wasm − cpu| = ${worst} for values up to ${scale}`);
}

type Pad = 'valid' | 'same';
const convCases: { x: number[]; k: number; cout: number; stride: number; pad: Pad }[] = [
  { x: [2, 9, 8, 3], k: 3, cout: 4, stride: 1, pad: 'valid' },
  { x: [3, 7, 7, 2], k: 3, cout: 5, stride: 1, pad: 'same' },
  { x: [2, 10, 9, 3], k: 3, cout: 2, stride: 2, pad: 'valid' },
  { x: [2, 8, 8, 4], k: 2, cout: 3, stride: 2, pad: 'same' },
  { x: [4, 6, 6, 1], k: 1, cout: 3, stride: 1, pad: 'valid' },
];

for (const c of convCases) {
  test(`conv2d gradients match the cpu backend: input ${c.x.join('×')}, ${c.k}×${c.k} kernel, stride ${c.stride}, ${c.pad} padding`, async () => {
    const filter = [c.k, c.k, c.x[3], c.cout];
    const probe = (x: tf.Tensor, w: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad);
    const outShape = tf.tidy(() => probe(tf.zeros(c.x), tf.zeros(filter)).shape);
    const { cpu, wasm } = await onBoth(
      [{ shape: c.x, seed: 'x' }, { shape: filter, seed: 'w' }, { shape: outShape, seed: 'dy' }],
      (x, w, dy) => tf.grads((a: tf.Tensor, b: tf.Tensor) => probe(a, b).mul(dy).sum())([x, w]),
    );
    assertClose(wasm[0], cpu[0], 'dx');
    assertClose(wasm[1], cpu[1], 'dfilter');
  });
}

const poolCases: { x: number[]; size: number; stride: number; pad: Pad }[] = [
  { x: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
  { x: [2, 7, 9, 2], size: 3, stride: 2, pad: 'same' },
  { x: [1, 6, 6, 4], size: 2, stride: 1, pad: 'valid' },
];

for (const c of poolCases) {
  test(`max-pool gradient matches the cpu backend: input ${c.x.join('×')}, ${c.size}×${c.size} window, stride ${c.stride}, ${c.pad} padding`, async () => {
    const { cpu, wasm } = await onBoth([{ shape: c.x, seed: 'pool-x' }], (x) => {
      const out = tf.maxPool(x as tf.Tensor4D, c.size, c.stride, c.pad);
      const dy = tf.tensor(randomArray(out.size, 'pool-dy'), out.shape);
      return [tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, c.size, c.stride, c.pad).mul(dy).sum())(x)];
    });
    assertClose(wasm[0], cpu[0], 'dx');
  });
}

test('the gradients of the whole Tiny VGG loss match the cpu backend', async () => {
  const { cpu, wasm } = await onBoth([{ shape: [3, 64, 64, 3], seed: 'images' }], (x) => {
    const model = buildTinyVgg({ seed: 5, outputActivation: 'linear' });
    const y = tf.oneHot(tf.tensor1d([1, 4, 7], 'int32'), 10).toFloat();
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x.add(1).div(2)) as tf.Tensor) as tf.Scalar, vars);
    const out = vars.map((v) => grads[v.name]);
    model.dispose();
    return out;
  });
  assert.is(wasm.length, 10);
  wasm.forEach((g, i) => assertClose(g, cpu[i], `gradient ${i}`));
});

test('the kernels leave no tensors or wasm buffers behind', () => {
  const x = tf.tensor(randomArray(2 * 12 * 12 * 3, 'leak-x'), [2, 12, 12, 3]);
  const w = tf.tensor(randomArray(3 * 3 * 3 * 4, 'leak-w'), [3, 3, 3, 4]);
  const f = () => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.maxPool(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'), 2, 2, 'valid').sum())([x, w]);
  tf.dispose(f());
  const tensors = tf.memory().numTensors;
  const buffers = tf.engine().backend.numDataIds();
  for (let i = 0; i < 5; i++) tf.dispose(f());
  assert.is(tf.memory().numTensors, tensors, 'numTensors');
  assert.is(tf.engine().backend.numDataIds(), buffers, 'backend data buffers');
  tf.dispose([x, w]);
});

test.run();
