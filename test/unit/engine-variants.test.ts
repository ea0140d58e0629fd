import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadModel } from '../../model/engine/load-model';
import { fileIOHandler } from '../../model/node/file-io-handler';
import { runModel } from '../../model/engine/run-model';
import { parseVariantKey, variantKey, withWeights } from '../../model/engine/model-variants';
import { decodeCheckpointArrays } from '../../model/train/checkpoint-format';

const ROOT = join(import.meta.dirname, '../..');
const MODEL = join(ROOT, 'assets/model/model.json');

test('a variant\'s key is the model\'s URL with what differs after #, and reads back', () => {
  const url = 'https://x.org/dist/assets/model/model.json';
  assert.is(variantKey(url), url);
  assert.is(variantKey(url, { edits: '' }), url, 'no edits is the trained model');
  assert.is(variantKey(`${url}#old`, { edits: '1*a.conv_2_1.4' }), `${url}#edits=1*a.conv_2_1.4`);
  assert.equal(parseVariantKey(variantKey(url, { checkpoint: 'epoch-005.bin' })), { url, variant: { checkpoint: 'epoch-005.bin' } });
  assert.equal(parseVariantKey(variantKey(url, { edits: '1*a.conv_2_1.4' })), { url, variant: { edits: '1*a.conv_2_1.4' } });
  assert.equal(parseVariantKey(url), { url, variant: null });
});

test('a checkpoint put into the model gives the numbers of a model built from its weights directly', async () => {
  await tf.setBackend('cpu');
  const base = await loadModel(fileIOHandler(MODEL), { source: 'shipped' });
  const index = JSON.parse(readFileSync(join(ROOT, 'assets/model/checkpoints/index.json'), 'utf8'));
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'assets/model/checkpoints/epoch-003.bin')));
  const arrays = decodeCheckpointArrays(index.tensors, bytes);
  const before = tf.memory().numTensors;
  const variant = withWeights(base, Object.fromEntries(index.tensors.map((t: { name: string }, k: number) => [t.name, arrays[k]])), 'epoch 3');
  // Independently: set the same arrays on the base model's own layers in order, and compare outputs.
  const input = new Float32Array(64 * 64 * 3).map((_, i) => ((i * 7919) % 255) / 255);
  const got = await runModel(variant, input);
  const direct = tf.tidy(() => {
    const copy = tf.Sequential.fromConfig(tf.Sequential, base.tfModel.getConfig(), {}, true) as tf.Sequential;
    copy.setWeights(arrays.map((a, k) => tf.tensor(a, index.tensors[k].shape)));
    const out = (copy.predict(tf.tensor4d(input, [1, 64, 64, 3])) as tf.Tensor).dataSync();
    copy.dispose();
    return Float32Array.from(out);
  });
  got.probabilities.forEach((p, k) => assert.ok(Math.abs(p - direct[k]) < 1e-6, `class ${k}: ${p} vs ${direct[k]}`));
  const trained = await runModel(base, input);
  assert.ok(trained.probabilities.some((p, k) => Math.abs(p - got.probabilities[k]) > 1e-3), 'epoch 3 answers differently from the trained weights');
  variant.tfModel.dispose();
  assert.is(tf.memory().numTensors, before);
  base.tfModel.dispose();
});

test('weights of the wrong size are refused with the tensor named, and nothing is left behind', async () => {
  const base = await loadModel(fileIOHandler(MODEL), { source: 'shipped' });
  const before = tf.memory().numTensors;
  assert.throws(() => withWeights(base, { 'conv_1_1/kernel': new Float32Array(5) }, 'bad'), /conv_1_1\/kernel: 5 values where the model has 270/);
  assert.is(tf.memory().numTensors, before);
  base.tfModel.dispose();
});

test.run();
