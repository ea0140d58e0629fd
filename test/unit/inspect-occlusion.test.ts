/**
 * Occlusion maps on the shipped model: the batched map against a plain loop of single
 * forward passes through the engine (runModelSync), and the patch geometry by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModelSync } from '../../model/engine/run-model';
import { OCCLUSION_DEFAULTS, occlusionDrops, occlusionMap, occlusionPixels, patchOrigins } from '../../model/inspect/occlusion';
import { argMax, examplePictures, leavesNoTensor, maxAbsDiff, shippedModel } from './inspect-fixtures';

/** The picture with a grey square painted over it, written out independently of occlusion.ts. */
function greySquare(input: Float32Array, top: number, left: number, size: number, grey: number): Float32Array {
  const out = Float32Array.from(input);
  for (let i = 0; i < out.length; i++) {
    const pixel = Math.floor(i / 3);
    const y = Math.floor(pixel / 64);
    const x = pixel % 64;
    if (y >= top && y < top + size && x >= left && x < left + size) out[i] = grey;
  }
  return out;
}

test('patch origins step by the stride and add one flush with the far edge when the steps miss it', () => {
  assert.equal(patchOrigins(64, 12, 6), [0, 6, 12, 18, 24, 30, 36, 42, 48, 52]);
  assert.equal(patchOrigins(64, 8, 8), [0, 8, 16, 24, 32, 40, 48, 56]);
  assert.equal(patchOrigins(10, 10, 3), [0]);
  assert.throws(() => patchOrigins(64, 65, 4), /patch/);
  assert.throws(() => patchOrigins(64, 8, 0), /stride/);
});

test('the default occlusion map has 10 × 10 positions of a 12-pixel grey patch', async () => {
  const model = await shippedModel();
  const map = occlusionMap(model, examplePictures()[0].input, 0);
  assert.equal([map.patch, map.stride], [OCCLUSION_DEFAULTS.patch, OCCLUSION_DEFAULTS.stride]);
  assert.is(map.rows.length * map.cols.length, 100);
  assert.is(map.drops.length, 100);
});

test('the batched occlusion map equals a loop of single forward passes, for every class', async () => {
  const model = await shippedModel();
  const input = examplePictures()[1].input;
  const predicted = argMax(runModelSync(model, input).probabilities);
  const options = { patch: 16, stride: 12, fill: 0.5, batchSize: 7 };
  const map = await leavesNoTensor(() => occlusionMap(model, input, predicted, options));
  const origins = [0, 12, 24, 36, 48];
  assert.equal(map.rows, origins);
  assert.equal(map.cols, origins);
  const baseline = runModelSync(model, input).probabilities;
  assert.ok(Math.abs(map.baseline - baseline[predicted]) < 1e-5);
  const direct = origins.flatMap((top) => origins.map((left) => runModelSync(model, greySquare(input, top, left, 16, 0.5)).probabilities));
  for (let c = 0; c < 10; c++) {
    const expected = direct.map((p) => baseline[c] - p[c]);
    const drops = c === predicted ? map.drops : occlusionDrops(map, c);
    assert.ok(maxAbsDiff(drops, expected) < 1e-5, `class ${c}: ${maxAbsDiff(drops, expected)}`);
  }
  assert.ok(Math.max(...map.drops) > 0.01, 'hiding some part of the picture lowers the predicted class');
});

test('a colour fill and the mean fill paint the patch in that colour', async () => {
  const model = await shippedModel();
  const input = examplePictures()[2].input;
  const red = occlusionMap(model, input, 4, { patch: 32, stride: 32, fill: [1, 0, 0] });
  const redSquare = Float32Array.from(input);
  for (let i = 0; i < redSquare.length; i += 3) {
    const pixel = i / 3;
    if (Math.floor(pixel / 64) < 32 && pixel % 64 < 32) redSquare.set([1, 0, 0], i);
  }
  const expected = runModelSync(model, redSquare).probabilities[4];
  assert.ok(Math.abs(red.baseline - red.drops[0] - expected) < 1e-5);
  const mean = occlusionMap(model, input, 4, { patch: 64, stride: 1, fill: 'mean' });
  const meanColour = [0, 1, 2].map((k) => input.filter((_, i) => i % 3 === k).reduce((a, b) => a + b, 0) / 4096);
  const flat = new Float32Array(64 * 64 * 3).map((_, i) => meanColour[i % 3]);
  assert.ok(Math.abs(mean.baseline - mean.drops[0] - runModelSync(model, flat).probabilities[4]) < 1e-5);
});

test('the per-pixel occlusion map averages the drops of the patches that cover each pixel', () => {
  const map = { rows: [0, 2], cols: [0], patch: 3, stride: 2 };
  const pixels = occlusionPixels(map as Parameters<typeof occlusionPixels>[0], Float32Array.from([1, 3]), 5, 4);
  // Rows 0–1 are covered by the first patch only, row 2 by both, rows 3–4 by the second.
  assert.equal(Array.from(pixels.subarray(0, 4)), [1, 1, 1, 0]);
  assert.equal(Array.from(pixels.subarray(8, 12)), [2, 2, 2, 0]);
  assert.equal(Array.from(pixels.subarray(16, 20)), [3, 3, 3, 0]);
});

test('occlusion rejects a class, a fill or a picture that does not fit the model', async () => {
  const model = await shippedModel();
  const input = examplePictures()[0].input;
  assert.throws(() => occlusionMap(model, input, 10), /Class 10/);
  assert.throws(() => occlusionMap(model, input, 0, { fill: [1, 0] }), /fill/);
  assert.throws(() => occlusionMap(model, input.subarray(1), 0), /picture/);
});

test.run();
