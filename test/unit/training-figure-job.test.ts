/**
 * The training figure's worker job, run in Node as the page runs it where workers are
 * blocked: a checkpoint, as a model variant served over HTTP, on a picture. Its kernels,
 * maps and probabilities equal the checkpoint read by the format's description alone and
 * run with plain TF.js ops; a variant dropped for newer ones comes back; no tensor is left
 * behind.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { readCheckpoint, readIndex, runTinyVgg } from '../support/checkpoint-reader';
import { jobContext, jobNamed } from '../../components/shared/worker-jobs';
import '../../components/shared/worker-job-modules';
import { TRAINING_SNAPSHOT_JOB, type Snapshot, type SnapshotPayload } from '../../components/views/training/training-snapshot';
import { variantKey } from '../../model/engine/variant-key';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'assets/model/checkpoints');
const index = readIndex(DIR);
let server: StaticServer;
let modelUrl = '';

test.before(async () => {
  server = await startStaticServer({ root: ROOT });
  modelUrl = `${server.url}/assets/model/model.json`;
});
test.after(async () => { await server?.close(); });

const ctx = () => jobContext(() => undefined, () => false);
const picture = Float32Array.from({ length: 64 * 64 * 3 }, (_, i) => ((i * 7919) % 256) / 255);

async function snapshotOf(file: string): Promise<Snapshot> {
  const payload: SnapshotPayload = { modelKey: variantKey(modelUrl, { checkpoint: file }), input: picture, wasmBase: '', backend: 'cpu' };
  return (await jobNamed(TRAINING_SNAPSHOT_JOB)(payload, ctx())).result as Snapshot;
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.is(a.length, b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
  return w;
}

test('each checkpoint\'s kernels, maps and probabilities equal the checkpoint read by the format\'s description and run with plain TF.js', async () => {
  const files = index.checkpoints.map((c) => c.file);
  for (const file of [files[0], files[Math.floor(files.length / 2)], files[files.length - 1]]) {
    const got = await snapshotOf(file);
    const weights = readCheckpoint(DIR, file, index);
    const want = runTinyVgg(weights, index.tensors, picture);
    assert.is(got.layer, 'conv_1_1');
    assert.equal(got.kernelShape, index.tensors[0].shape);
    assert.ok(worst(got.kernel, weights.get('conv_1_1/kernel')!) <= 1e-6, `${file}: kernels`);
    assert.ok(worst(got.bias, weights.get('conv_1_1/bias')!) <= 1e-6, `${file}: biases`);
    assert.ok(worst(got.maps, want.conv1) <= 1e-4, `${file}: maps`);
    assert.ok(worst(got.probabilities, want.probabilities) <= 1e-4, `${file}: probabilities`);
  }
});

test('epochs differ: the first and the last checkpoints have other kernels and answer otherwise', async () => {
  const files = index.checkpoints.map((c) => c.file);
  const a = await snapshotOf(files[0]);
  const b = await snapshotOf(files[files.length - 1]);
  assert.ok(worst(a.kernel, b.kernel) > 0.05);
  assert.ok(worst(a.probabilities, b.probabilities) > 0.01);
});

test('a checkpoint asked for again after more others than the worker keeps gives the same numbers, and a run leaves no tensor behind', async () => {
  const files = index.checkpoints.map((c) => c.file);
  const first = await snapshotOf(files[1]);
  // More variants than the worker keeps: the first is dropped, then asked for again.
  for (const f of files.slice(2, 10)) await snapshotOf(f);
  const again = await snapshotOf(files[1]);
  assert.equal(Array.from(again.probabilities), Array.from(first.probabilities));
  const before = tf.memory().numTensors;
  await snapshotOf(files[1]);
  assert.is(tf.memory().numTensors, before, 'the same checkpoint again: no new tensor');
});

test('a checkpoint that is not there is reported in plain words', async () => {
  await snapshotOf('epoch-999.bin').then(
    () => assert.unreachable('a missing checkpoint ran'),
    (err: Error) => assert.match(err.message, /The training checkpoint was not found at .*epoch-999\.bin \(the server answered 404\)/),
  );
});

test.run();
