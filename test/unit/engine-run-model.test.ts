import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModel, runModelSync } from '../../model/engine/run-model';
import type { LoadedModel } from '../../model/engine/types';
import { softmax } from '../../model/ops/softmax';
import { loadReferenceModel, maxAbsDiff, randomValues, roundTrip, testWithShared, useCpu, valImages } from './engine-fixtures';

const shared = testWithShared({ data: true });

let reference: LoadedModel | undefined;
let image: Float32Array;

test.before(async () => {
  await useCpu();
});

async function referenceModel(): Promise<LoadedModel> {
  if (!reference) {
    reference = await loadReferenceModel();
    image = valImages(1)[0].input;
  }
  return reference;
}

shared('one call records the input, every layer, the logits and the probabilities', async () => {
  const model = await referenceModel();
  const record = await runModel(model, image);
  assert.equal(record.layers.map((l) => l.name), model.layers.map((l) => l.name));
  assert.is(maxAbsDiff(record.input, image), 0);
  assert.is(record.layers[0].values, record.input);
  for (const layer of record.layers) {
    assert.ok(layer.values instanceof Float32Array, layer.name);
    assert.is(layer.values.length, layer.shape.reduce((a, b) => a * b, 1), `${layer.name} length matches its shape`);
  }
  assert.is(record.layers[1].params, model.params.conv_1_1, 'a conv step refers to its parameters');
  assert.is(record.params, model.params);
  assert.is(record.logits, record.layers[record.layers.length - 2].values, 'logits are the dense output before softmax');
  assert.is(record.probabilities, record.layers[record.layers.length - 1].values);
  assert.ok(Math.abs(record.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  assert.ok(record.inferenceMs >= 0);
});

shared('the probabilities equal plain model.predict and the logits equal W·x + b of the flatten output', async () => {
  const model = await referenceModel();
  const record = runModelSync(model, image);
  const predicted = tf.tidy(() => (model.tfModel.predict(tf.tensor4d(image, [1, 64, 64, 3])) as tf.Tensor).dataSync());
  assert.ok(maxAbsDiff(record.probabilities, predicted) < 1e-6);
  const flat = record.layers.find((l) => l.kind === 'flatten')!.values;
  const dense = model.params.output;
  const [inputs, units] = dense.kernelShape;
  const logits = Array.from({ length: units }, (_, o) => {
    let acc = dense.bias[o];
    for (let i = 0; i < inputs; i++) acc += flat[i] * dense.kernel[i * units + o];
    return acc;
  });
  assert.ok(maxAbsDiff(record.logits, logits) < 1e-4, `logits differ by ${maxAbsDiff(record.logits, logits)}`);
  assert.ok(maxAbsDiff(softmax(record.logits), record.probabilities) < 1e-6);
});

shared('each map is HWC row-major: index (row * W + col) * C + channel, as in TF', async () => {
  const model = await referenceModel();
  const record = runModelSync(model, image);
  const conv = record.layers[1];
  const [h, w, c] = conv.shape;
  const expected = tf.tidy(() => {
    const out = tf.sequential({ layers: [model.tfModel.layers[0]] }).predict(tf.tensor4d(image, [1, 64, 64, 3])) as tf.Tensor;
    return out.arraySync() as number[][][][];
  });
  for (const [row, col, ch] of [[0, 0, 0], [5, 17, 3], [h - 1, w - 1, c - 1], [30, 2, 9]]) {
    assert.ok(Math.abs(conv.values[(row * w + col) * c + ch] - expected[0][row][col][ch]) < 1e-6);
  }
});

shared('the async and sync calls give the same record', async () => {
  const model = await referenceModel();
  const a = await runModel(model, image);
  const b = runModelSync(model, image);
  for (let i = 0; i < a.layers.length; i++) assert.is(maxAbsDiff(a.layers[i].values, b.layers[i].values), 0);
});

shared('100 calls leave no tensor behind', async () => {
  const model = await referenceModel();
  await runModel(model, image);
  const baseline = tf.memory().numTensors;
  for (let i = 0; i < 50; i++) await runModel(model, image);
  for (let i = 0; i < 50; i++) runModelSync(model, image);
  assert.is(tf.memory().numTensors, baseline);
});

test('a model without softmax gets probabilities computed from its logits', async () => {
  const model = await roundTrip(
    tf.sequential({ layers: [tf.layers.flatten({ inputShape: [3, 3, 3] }), tf.layers.dense({ units: 4 })] }),
  );
  const record = runModelSync(model, randomValues(27, 7));
  assert.is(record.logits, record.layers[2].values);
  assert.equal(Array.from(record.probabilities), Array.from(softmax(record.logits)));
  model.tfModel.dispose();
});

test('a dense layer followed by a separate softmax Activation yields logits and probabilities', async () => {
  const built = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 3, kernelSize: 3, activation: 'relu' }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 5 }),
      tf.layers.activation({ activation: 'softmax' }),
    ],
  });
  const model = await roundTrip(built);
  const input = randomValues(8 * 8 * 3, 3);
  const record = runModelSync(model, input);
  const predicted = tf.tidy(() => (built.predict(tf.tensor4d(input, [1, 8, 8, 3])) as tf.Tensor).dataSync());
  assert.ok(maxAbsDiff(record.probabilities, predicted) < 1e-6);
  assert.ok(maxAbsDiff(softmax(record.logits), predicted) < 1e-6);
  const conv = record.layers[1].values;
  const relu = record.layers[2].values;
  assert.ok(conv.some((v) => v < 0), 'the conv step holds pre-activation values');
  assert.equal(Array.from(relu), Array.from(conv, (v) => Math.max(0, v)));
  model.tfModel.dispose();
});

test('an input of the wrong size is refused', async () => {
  const model = await roundTrip(
    tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 2, 3] }), tf.layers.dense({ units: 2 })] }),
  );
  assert.throws(() => runModelSync(model, new Float32Array(5)), /2×2×3 = 12 values/);
  model.tfModel.dispose();
});

test.run();
