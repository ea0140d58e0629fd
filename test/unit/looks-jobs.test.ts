/**
 * The worker's look-inside jobs (components/inspect/inspect-jobs.ts), called as the worker
 * calls them, on the shipped model (WASM with the training gradient kernels): each result
 * against model/inspect's functions or against numbers worked out here, the receptive fields
 * of the patches against the window arithmetic by hand, progress and stop of the live
 * feature visualisation, and no tensor left behind by any job.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import type { JobContext } from '../../components/shared/worker-jobs';
import { featuresJob, gradCamJob, gradientJob, occlusionJob, patchesJob } from '../../components/inspect/inspect-jobs';
import type { FeaturesProgress } from '../../components/inspect/inspect-protocol';
import { occlusionMap, occlusionPixels } from '../../model/inspect/occlusion';
import { inputGradient } from '../../model/inspect/saliency';
import { runModelSync } from '../../model/engine/run-model';
import { argMax, examplePictures, maxAbsDiff, shippedModel } from './inspect-fixtures';

const REF = { modelKey: 'shipped', wasmBase: '' };

/** A job context whose service hands out the shipped model; `cancelAfter` progress reports it says "cancelled". */
function context(progress: unknown[] = [], cancelAfter = Infinity): JobContext {
  return {
    service: () => ({ model: () => shippedModel() }) as unknown as ReturnType<JobContext['service']>,
    progress: (p) => progress.push(p),
    get cancelled() { return progress.length >= cancelAfter; },
  };
}

async function tensorsAfter<T>(f: () => Promise<T>): Promise<{ result: T; left: number }> {
  await shippedModel();
  const before = tf.memory().numTensors;
  const result = await f();
  return { result, left: tf.memory().numTensors - before };
}

test('the occlusion job gives every class the drops and the per-pixel map of occlusionMap, and leaves no tensor', async () => {
  const model = await shippedModel();
  const input = examplePictures()[0].input;
  const { result, left } = await tensorsAfter(() => occlusionJob({ ...REF, input }, context()));
  assert.is(left, 0);
  assert.is(result.classes, 10);
  const positions = result.rows.length * result.cols.length;
  for (const c of [0, 6, 9]) {
    const map = occlusionMap(model, input, c);
    assert.ok(maxAbsDiff(result.drops.subarray(c * positions, (c + 1) * positions), map.drops) < 1e-6, `class ${c} drops`);
    const pixels = occlusionPixels(map, map.drops, 64, 64);
    assert.ok(maxAbsDiff(result.pixels.subarray(c * 4096, (c + 1) * 4096), pixels) < 1e-6, `class ${c} pixels`);
  }
});

test('the gradient job returns d logit / d input and, per pixel, its largest size over red, green and blue', async () => {
  const model = await shippedModel();
  const input = examplePictures()[1].input;
  const { result, left } = await tensorsAfter(() => gradientJob({ ...REF, input, classIndex: 5 }, context()));
  assert.is(left, 0);
  assert.ok(maxAbsDiff(result.gradient, inputGradient(model, input, 5)) < 1e-6);
  for (const p of [0, 777, 2080, 4095]) {
    const want = Math.max(...[0, 1, 2].map((k) => Math.abs(result.gradient[p * 3 + k])));
    assert.is(result.pixels[p], want);
  }
  assert.ok(maxAbsDiff(result.probabilities, runModelSync(model, input).probabilities) < 1e-5);
});

test('the Grad-CAM job weighs the last conv layer\'s maps and places each value at its receptive field\'s centre', async () => {
  const model = await shippedModel();
  const input = examplePictures()[2].input;
  const record = runModelSync(model, input);
  const top = argMax(record.probabilities);
  const { result, left } = await tensorsAfter(() => gradCamJob({ ...REF, input, classIndex: top }, context()));
  assert.is(left, 0);
  assert.is(result.layer, 'relu_2_2');
  assert.equal(result.shape, [26, 26]);
  // Σ α_k A_k through a ReLU, from the engine's own maps.
  const maps = record.layers.find((l) => l.name === 'relu_2_2')!.values;
  for (const p of [0, 50, 675]) {
    let sum = 0;
    for (let k = 0; k < 10; k++) sum += result.weights[k] * maps[p * 10 + k];
    assert.ok(Math.abs(result.map[p] - Math.max(0, sum)) < 1e-4, `position ${p}`);
  }
  // Value (r, c) of the 26 × 26 maps sees input pixels 2r … 2r + 13 (3 × 3, 3 × 3, pool 2, 3 × 3, 3 × 3): its centre is 2r + 6.5.
  const at = (y: number, x: number) => result.pixels[y * 64 + x];
  const v = (r: number, c: number) => result.map[r * 26 + c];
  // Before the first centre the edge value repeats; pixel 7 lies a quarter of the way from centre 6.5 to centre 8.5.
  assert.ok(Math.abs(at(0, 0) - v(0, 0)) < 1e-6);
  assert.ok(Math.abs(at(6, 3) - v(0, 0)) < 1e-6);
  const want = 0.75 * 0.75 * v(0, 0) + 0.75 * 0.25 * v(0, 1) + 0.25 * 0.75 * v(1, 0) + 0.25 * 0.25 * v(1, 1);
  assert.ok(Math.abs(at(7, 7) - want) < 1e-5, `pixel (7, 7): ${at(7, 7)} vs ${want}`);
});

test('the features job reports progress with the picture so far, stops when cancelled, and leaves no tensor', async () => {
  const progress: unknown[] = [];
  const { result, left } = await tensorsAfter(() => featuresJob({ ...REF, layer: 'conv_2_1', channel: 3, steps: 40, progressEvery: 5 }, context(progress, 3)));
  assert.is(left, 0);
  assert.ok(result.stopped, 'stopped');
  assert.is(progress.length, 3);
  assert.equal((progress as FeaturesProgress[]).map((p) => p.step), [5, 10, 15]);
  const last = progress[2] as FeaturesProgress;
  assert.is(last.image.length, 64 * 64 * 3);
  assert.ok(last.image.every((v) => v > 0 && v < 1));
  assert.ok(result.steps >= 15 && result.steps < 40, `stopped after ${result.steps} steps`);
});

test('the patches job cuts out each place\'s receptive field (as the window arithmetic gives it) and reports the channel\'s value there', async () => {
  const model = await shippedModel();
  const pictures = examplePictures().slice(0, 4).map((p) => ({ id: p.id, label: p.id.toUpperCase(), input: p.input }));
  const { result, left } = await tensorsAfter(() => patchesJob({ ...REF, layer: 'conv_2_1', channel: 7, pictures, k: 6, perPicture: 2, current: pictures[1].id, kCurrent: 3 }, context()));
  assert.is(left, 0);
  assert.is(result.patches.length, 6);
  assert.is(result.current.length, 3);
  assert.ok(result.current.every((p) => p.id === pictures[1].id));
  for (const p of [...result.patches, ...result.current]) {
    // conv_2_1 (28 × 28) after 3 × 3, 3 × 3, pool 2: value (r, c) sees input rows 2r … 2r + 9, the same for columns.
    assert.equal(p.field, { rows: { first: 2 * p.row, last: 2 * p.row + 9 }, cols: { first: 2 * p.col, last: 2 * p.col + 9 } });
    assert.equal([p.height, p.width], [10, 10]);
    const picture = pictures.find((q) => q.id === p.id)!;
    assert.is(p.label, picture.label);
    for (const [y, x, k] of [[0, 0, 0], [9, 9, 2], [4, 7, 1]]) {
      assert.is(p.crop[(y * 10 + x) * 3 + k], picture.input[((p.field.rows.first + y) * 64 + p.field.cols.first + x) * 3 + k]);
    }
    const conv = runModelSync(model, picture.input).layers.find((l) => l.name === 'conv_2_1')!;
    assert.ok(Math.abs(conv.values[(p.row * 28 + p.col) * 10 + 7] - p.value) < 1e-5);
  }
  const values = result.patches.map((p) => p.value);
  assert.equal(values, [...values].sort((a, b) => b - a), 'strongest first');
});

test.run();
