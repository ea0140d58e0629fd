/**
 * The first-run snapshot's file format (model/engine/run-snapshot.ts), on a live run of the
 * shipped model in Node: the picture comes back exactly, every convolution within half a
 * code step, ReLU and pooling recomputed as the network computes them, the scores as float32;
 * bytes that are not a snapshot are refused in plain words.
 */
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { join } from 'node:path';
import { loadModel } from '../../model/engine/load-model';
import { runModelSync } from '../../model/engine/run-model';
import { decodeRunSnapshot, encodeRunSnapshot, snapshotTolerance, type RunSnapshot } from '../../model/engine/run-snapshot';
import { fileIOHandler } from '../../model/node/file-io-handler';
import { maxAbsDiff, useCpu } from './engine-fixtures';

const ROOT = join(import.meta.dirname, '../..');

async function liveRun(): Promise<RunSnapshot> {
  await useCpu();
  const model = await loadModel(fileIOHandler(join(ROOT, 'assets/model/model.json')));
  // A picture of whole bytes, as a decoded image is: a smooth gradient with a bright square.
  const [h, w] = model.inputShape;
  const input = new Float32Array(h * w * 3).map((_, i) => {
    const p = Math.floor(i / 3);
    const r = Math.floor(p / w);
    const c = p % w;
    const square = r > 20 && r < 40 && c > 10 && c < 30 ? 120 : 0;
    return Math.min(255, (r * 3 + c * (i % 3) + square) % 256) / 255;
  });
  const rec = runModelSync(model, input);
  model.tfModel.dispose();
  return { imageKey: 'example:test', classNames: model.classNames, layers: model.layers, values: rec.layers.map((l) => l.values), logits: rec.logits, probabilities: rec.probabilities };
}

test('a run comes back within half a code step, the picture exactly, derived layers as the network computes them', async () => {
  const run = await liveRun();
  const bytes = encodeRunSnapshot(run);
  const back = decodeRunSnapshot(bytes);
  const tol = snapshotTolerance(bytes);
  assert.is(back.imageKey, 'example:test');
  assert.equal(back.layers, run.layers);
  assert.equal(back.classNames, run.classNames);
  assert.is(maxAbsDiff(back.values[0], run.values[0]), 0, 'the picture is stored as its bytes');
  run.layers.forEach((l, i) => {
    const err = maxAbsDiff(back.values[i], run.values[i]);
    assert.ok(err <= tol[i], `${l.name} (${l.kind}): off by ${err}, tolerance ${tol[i]}`);
    if (l.kind === 'conv') assert.ok(err > 0 && tol[i] < 0.02 * Math.max(...run.values[i].map(Math.abs)), `${l.name} is quantised, finely`);
  });
  assert.is(maxAbsDiff(back.probabilities, run.probabilities), 0);
  assert.is(maxAbsDiff(back.logits, run.logits), 0);
  // ReLU and pooling are not stored: the file is little more than the picture and the convolutions.
  const stored = run.layers.reduce((n, l, i) => n + (l.kind === 'conv' ? run.values[i].length : l.kind === 'input' ? run.values[i].length : 0), 0);
  assert.ok(bytes.byteLength < stored + 8192, `${bytes.byteLength} bytes for ${stored} stored values`);
});

test('bytes that are not a snapshot, or are cut short, are refused in plain words', async () => {
  assert.throws(() => decodeRunSnapshot(new TextEncoder().encode('{"not":"a snapshot"}')), /not a run snapshot/);
  const bytes = encodeRunSnapshot(await liveRun());
  assert.throws(() => decodeRunSnapshot(bytes.subarray(0, bytes.byteLength - 100)), /cut short/);
});

test.run();
