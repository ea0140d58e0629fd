import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InferenceRunner, type RunOutcome } from '../../model/engine/inference-runner';
import { getSharedModel, getSharedRunner, releaseSharedModel } from '../../model/engine/shared-cache';
import type { ActivationRecord, LoadedModel } from '../../model/engine/types';
import { randomValues, rejectsWith, roundTrip, useCpu } from './engine-fixtures';

let model: LoadedModel;
const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const input = (seed: number) => randomValues(8 * 8 * 3, seed);
function done(o: RunOutcome): ActivationRecord {
  if (o.status !== 'done') throw new Error(`Expected a done outcome, got ${o.status} for ${o.key}`);
  return o.record;
}

test.before(async () => {
  await useCpu();
  model = await roundTrip(
    tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    }),
  );
});

test('a run superseded before it starts is skipped and resolves as superseded', async () => {
  const runner = new InferenceRunner(model);
  const [a, b] = await Promise.all([runner.run('a', input(1)), runner.run('b', input(2))]);
  assert.equal([a.status, b.status], ['superseded', 'done']);
  assert.equal(a, { status: 'superseded', key: 'a', latestKey: 'b' });
  assert.is(runner.inferenceCount, 1);
});

/** A runner whose model arrives only when open() is called: runs wait in flight until then. */
function gatedRunner(): { runner: InferenceRunner; open: () => void } {
  let open!: () => void;
  const gate = new Promise<LoadedModel>((resolve) => {
    open = () => resolve(model);
  });
  return { runner: new InferenceRunner(gate), open };
}

test('a stale result that finishes after a newer request is never delivered', async () => {
  const { runner, open } = gatedRunner();
  const first = runner.run('a', input(1));
  await new Promise((r) => setTimeout(r, 0));
  const second = runner.run('b', input(2));
  open();
  assert.equal(await first, { status: 'superseded', key: 'a', latestKey: 'b' });
  assert.is(done(await second).input[0], input(2)[0]);
  assert.is(runner.inferenceCount, 2, 'the first had started, so it ran, but its result was dropped');
});

test('the same key shares one inference and one record', async () => {
  const runner = new InferenceRunner(model);
  const [x, y] = await Promise.all([runner.run('a', input(1)), runner.run('a', input(1))]);
  assert.is(done(x), done(y));
  const again = await runner.run('a', input(1));
  assert.is(done(again), done(x));
  assert.is(runner.inferenceCount, 1);
});

test('a key asked for again after being superseded is run', async () => {
  const runner = new InferenceRunner(model);
  const outcomes = await Promise.all([runner.run('a', input(1)), runner.run('b', input(2)), runner.run('a', input(1))]);
  assert.equal(outcomes.map((o) => o.status), ['done', 'superseded', 'done']);
  assert.is(runner.inferenceCount, 1);
  const back = await runner.run('b', input(2));
  assert.is(done(back).input[0], input(2)[0]);
});

test('a failure rejects for the latest key only, and nothing is left unhandled', async () => {
  const runner = new InferenceRunner(model);
  await rejectsWith(() => runner.run('bad', new Float32Array(3)), /8×8×3 = 192 values/);
  const gated = gatedRunner();
  const stale = gated.runner.run('bad', new Float32Array(3));
  await new Promise((r) => setTimeout(r, 0));
  const fresh = gated.runner.run('good', input(3));
  gated.open();
  assert.is((await stale).status, 'superseded', 'a stale failure resolves as superseded');
  assert.is((await fresh).status, 'done');
  const broken = new InferenceRunner(Promise.reject(new Error('no model')));
  await rejectsWith(() => broken.run('x', input(1)), /no model/);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(unhandled, []);
});

test('RGBA pixels are preprocessed to the model input size', async () => {
  const runner = new InferenceRunner(model);
  const pixels = { width: 16, height: 12, data: new Uint8ClampedArray(16 * 12 * 4).fill(255) };
  const record = done(await runner.run('white', pixels));
  assert.is(record.input.length, 8 * 8 * 3);
  assert.ok(record.input.every((v) => v === 1));
});

test('100 runs, most of them superseded, leave no tensor behind', async () => {
  const runner = new InferenceRunner(model, { cacheSize: 4 });
  await runner.run('warm-up', input(99));
  const baseline = tf.memory().numTensors;
  const pending: Promise<RunOutcome>[] = [];
  for (let i = 0; i < 100; i++) {
    pending.push(runner.run(`k${i}`, input(i + 1)));
    if (i % 10 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  const outcomes = await Promise.all(pending);
  assert.is(outcomes[99].status, 'done');
  assert.ok(outcomes.filter((o) => o.status === 'superseded').length >= 80);
  assert.ok(runner.inferenceCount < 30, `superseded runs are skipped (${runner.inferenceCount} ran)`);
  assert.is(tf.memory().numTensors, baseline);
});

/** Serves a saved model over HTTP and counts the requests for model.json. */
async function serveModel(): Promise<{ url: string; loads: () => number; server: Server }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.tfModel.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = artifacts!;
  const json = JSON.stringify({
    modelTopology: a.modelTopology,
    format: 'layers-model',
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
  });
  let count = 0;
  const server = createServer((req, res) => {
    if (req.url === '/model.json') {
      count++;
      res.end(json);
    } else res.end(Buffer.from(a.weightData as ArrayBuffer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.json`, loads: () => count, server };
}

test('components asking for the same model URL share one load, and one runner per channel', async () => {
  const { url, loads, server } = await serveModel();
  try {
    const [m1, m2] = await Promise.all([getSharedModel(url), getSharedModel(url)]);
    assert.is(m1, m2);
    assert.is(loads(), 1);
    assert.equal(m1.layers.map((l) => l.kind), model.layers.map((l) => l.kind));
    assert.is(getSharedRunner(url), getSharedRunner(url, 'main'));
    assert.is.not(getSharedRunner(url, 'figure-2'), getSharedRunner(url));
    assert.is(done(await getSharedRunner(url).run('a', input(1))).layers.length, model.layers.length);
    await releaseSharedModel(url);
    await getSharedModel(url);
    assert.is(loads(), 2, 'a released model loads again');
    await releaseSharedModel(url);
  } finally {
    server.close();
  }
});

test.run();
