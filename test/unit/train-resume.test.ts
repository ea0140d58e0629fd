/** --resume: a run interrupted after epoch k and resumed ends with exactly the weights of an uninterrupted run. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { train, type TrainResult } from '../../model/train/trainer';
import { useWasmBackend } from '../../model/train/wasm-gradients';
import { smallData, smokeConfig } from './train-fixtures';

await useWasmBackend();
const tmp = mkdtempSync(join(tmpdir(), 'train-resume-'));
const data = smallData(4);
const config = smokeConfig({ epochs: 3, batchSize: 8 });

function weightsOf(result: TrainResult): number[][] {
  const out = result.model!.getWeights().map((w) => Array.from(w.dataSync()));
  result.model!.dispose();
  return out;
}

const withoutTimes = (r: TrainResult) => r.history.map(({ seconds: _, ...rest }) => rest);

test('an interrupted run resumed from its state ends with the same weights as an uninterrupted one', async () => {
  const straight = await train({ data, config, stateDir: join(tmp, 'straight') });
  const stateDir = join(tmp, 'interrupted');
  const first = await train({ data, config, stateDir, stopAfterEpoch: 1 });
  assert.not.ok(first.completed);
  assert.is(first.model, null);
  assert.is(first.history.length, 1);
  const resumed = await train({ data, config, stateDir, resume: true });
  assert.ok(resumed.completed);
  assert.is(resumed.resumedFromEpoch, 1);
  assert.equal(withoutTimes(resumed), withoutTimes(straight), 'same losses, accuracies and learning rates');
  assert.equal(resumed.selection, straight.selection);
  assert.equal(weightsOf(resumed), weightsOf(straight), 'bit-identical weights');
});

test('with gradient worker threads, a resumed run also matches, and the first epoch matches the single-thread run up to rounding', async () => {
  const threaded = { ...config, epochs: 2, workers: 2 };
  const straight = await train({ data, config: threaded });
  const stateDir = join(tmp, 'threaded');
  await train({ data, config: threaded, stateDir, stopAfterEpoch: 1 });
  const resumed = await train({ data, config: threaded, stateDir, resume: true });
  assert.is(resumed.resumedFromEpoch, 1);
  assert.equal(withoutTimes(resumed), withoutTimes(straight));
  assert.equal(weightsOf(resumed), weightsOf(straight), 'bit-identical weights');
  const single = await train({ data, config: { ...threaded, workers: 0 } });
  single.model?.dispose();
  const [a, b] = [single.history[0], straight.history[0]];
  assert.ok(Math.abs(a.loss - b.loss) < 1e-4, `first-epoch loss ${a.loss} (one thread) vs ${b.loss} (two workers)`);
  assert.is(a.accuracy, b.accuracy);
});

test('two runs with the same seed agree, and a different seed differs', async () => {
  const a = await train({ data, config: { ...config, epochs: 2 } });
  const b = await train({ data, config: { ...config, epochs: 2 } });
  const c = await train({ data, config: { ...config, epochs: 2, seed: 99 } });
  const wa = weightsOf(a);
  assert.equal(weightsOf(b), wa);
  assert.not.equal(weightsOf(c), wa);
});

test('a state saved for another config is not resumed', async () => {
  const stateDir = join(tmp, 'other');
  await train({ data, config, stateDir, stopAfterEpoch: 1 });
  const other = await train({ data, config: { ...config, learningRate: config.learningRate / 2 }, stateDir, resume: true });
  assert.is(other.resumedFromEpoch, 0);
  other.model?.dispose();
});

test('the tensor count is the same before and after the runs', () => {
  assert.ok(tf.memory().numTensors < 5, `${tf.memory().numTensors} tensors left`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
