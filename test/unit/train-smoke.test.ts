/**
 * A few epochs on a few dozen images: the loss falls, the tensor count stays flat, and the
 * shipped model saves, reloads with plain tf.loadLayersModel and predicts the same.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CLASS_NAMES } from '../../model/classes';
import { SHARED_DATA_DIR } from '../../model/node/dataset';
import { evaluateModelFile } from '../../model/train/evaluate';
import { fileLoader } from '../../model/train/node-io';
import { saveShippedModel } from '../../model/train/outputs';
import { runTraining } from '../../model/train/run';
import { plainBatch, train } from '../../model/train/trainer';
import { useWasmBackend } from '../../model/train/wasm-gradients';
import { HAVE_SHARED_DATA, smallData, smokeConfig } from './train-fixtures';

await useWasmBackend();
const tmp = mkdtempSync(join(tmpdir(), 'train-smoke-'));
const data = smallData(6);

test('training runs on the wasm backend with the custom gradient kernels', () => {
  assert.is(tf.getBackend(), 'wasm');
  for (const k of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad']) assert.ok(tf.getKernel(k, 'wasm'), k);
});

test('a few epochs lower the loss, keep the tensor count flat, and the model reloads with the same predictions', async () => {
  const before = tf.memory().numTensors;
  const result = await train({ data, config: smokeConfig({ epochs: 6, learningRate: 3e-3 }) });
  assert.ok(result.completed && result.model && result.selection);
  const losses = result.history.map((h) => h.loss);
  assert.ok(losses[losses.length - 1] < losses[0] - 0.05, `loss ${losses.map((l) => l.toFixed(3)).join(' → ')}`);
  const model = result.model!;
  assert.is(tf.memory().numTensors, before + model.weights.length, 'only the returned model holds tensors');

  const dir = join(tmp, 'model');
  await saveShippedModel(model, dir, { seed: 1 });
  assert.ok(existsSync(join(dir, 'model.json')) && existsSync(join(dir, 'group1-shard1of1.bin')));
  const reloaded = await tf.loadLayersModel(fileLoader(join(dir, 'model.json')));
  const x = plainBatch(data.val);
  const [a, b] = [model.predict(x) as tf.Tensor, reloaded.predict(x) as tf.Tensor];
  assert.equal(Array.from(b.dataSync()), Array.from(a.dataSync()), 'same probabilities');
  const sums = tf.tidy(() => b.sum(1).dataSync());
  assert.ok(sums.every((s) => Math.abs(s - 1) < 1e-4), 'the output is softmax probabilities');
  assert.equal(reloaded.layers.map((l) => l.name).slice(0, 2), ['conv_1_1', 'relu_1_1']);

  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  assert.equal(json.userDefinedMetadata.classes, [...CLASS_NAMES]);
  assert.equal(json.userDefinedMetadata.preprocessing.input, [64, 64, 3]);
  assert.is(json.userDefinedMetadata.preprocessing.scale, 'RGB/255');
  tf.dispose([x, a, b]);
  model.dispose();
  reloaded.dispose();
  assert.is(tf.memory().numTensors, before);
});

test('npm run train writes the model, the report and small checkpoints; the plain evaluator agrees with the report', async () => {
  if (!HAVE_SHARED_DATA) {
    console.log(`  (skipped: needs the Tiny ImageNet copy at ${SHARED_DATA_DIR}; the runs above cover the trainer)`);
    return;
  }
  const out = join(tmp, 'run');
  const config = smokeConfig({ epochs: 3 });
  const summary = await runTraining({ dataDir: SHARED_DATA_DIR, outDir: out, limit: 5, config });
  assert.ok(summary.completed && summary.report);
  const report = summary.report!;
  assert.is(report.evaluation.allVal.images, 50);
  assert.is(report.evaluation.earlyStopHalf.images + report.evaluation.testHalf.images, 50);
  assert.is(report.epochs.length, 3);
  assert.is(report.seed, config.seed);
  const index = JSON.parse(readFileSync(join(out, 'checkpoints/index.json'), 'utf8'));
  assert.equal(index.checkpoints.map((c: { label: string }) => c.label), ['epoch 0', 'epoch 1', 'epoch 2', 'final']);
  for (const c of index.checkpoints) assert.ok(c.bytes < 30_000, `${c.file}: ${c.bytes} bytes`);
  const evaluated = await evaluateModelFile(join(out, 'model.json'), SHARED_DATA_DIR, 5);
  assert.ok(Math.abs(evaluated.allVal.accuracy - report.evaluation.allVal.accuracy) <= 1 / 50 + 1e-9);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
