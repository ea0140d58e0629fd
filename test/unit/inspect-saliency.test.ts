/**
 * Saliency on the shipped model, on the WASM backend with the training gradient kernels:
 * the input gradient against central finite differences of a float64 forward pass, and
 * Grad-CAM against its closed form for Tiny VGG.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModelSync } from '../../model/engine/run-model';
import { gradCam, gradientMagnitude, inputGradient, resampleSeparable } from '../../model/inspect/saliency';
import { argMax, examplePictures, leavesNoTensor, maxAbsDiff, scores64, shippedModel } from './inspect-fixtures';

const picture = () => examplePictures()[0].input;

/**
 * Central difference of a class score (float64 forward pass) at input index i. The network
 * is piecewise linear, so the step is tiny: a step of 1e-4 can cross a ReLU's or a max-pool's kink.
 */
function finiteDifference(score: (x: Float64Array) => number, input: Float32Array, i: number, h = 1e-6): number {
  const x = Float64Array.from(input);
  x[i] = input[i] + h;
  const up = score(x);
  x[i] = input[i] - h;
  const down = score(x);
  return (up - down) / (2 * h);
}

/** The 6 input indices with the largest |gradient| and 6 spread over the picture. */
function probeIndices(gradient: Float32Array): number[] {
  const byMagnitude = [...gradient.keys()].sort((a, b) => Math.abs(gradient[b]) - Math.abs(gradient[a])).slice(0, 6);
  const spread = [5, 1000, 3001, 6007, 9011, 12200].filter((i) => !byMagnitude.includes(i));
  return [...byMagnitude, ...spread];
}

for (const of of ['logit', 'probability'] as const) {
  test(`the input gradient of a class's ${of} matches central finite differences at twelve input values`, async () => {
    const model = await shippedModel();
    const input = picture();
    const classIndex = argMax(runModelSync(model, input).probabilities);
    const gradient = await leavesNoTensor(() => inputGradient(model, input, classIndex, of));
    assert.is(gradient.length, 64 * 64 * 3);
    const score = (x: Float64Array) => scores64(model, x)[of === 'logit' ? 'logits' : 'probabilities'][classIndex];
    const scale = Math.max(...gradient.map(Math.abs));
    assert.ok(scale > 0, 'the gradient is not zero everywhere');
    for (const i of probeIndices(gradient)) {
      const expected = finiteDifference(score, input, i);
      assert.ok(Math.abs(gradient[i] - expected) <= 1e-5 * scale, `index ${i}: gradient ${gradient[i]}, finite difference ${expected}`);
    }
  });
}

test('the input gradient of another class differs from the predicted class', async () => {
  const model = await shippedModel();
  const input = picture();
  const a = inputGradient(model, input, 0);
  const b = inputGradient(model, input, 1);
  assert.ok(maxAbsDiff(a, b) > 1e-3);
});

test('the gradient magnitude of a pixel is the largest |gradient| over its three channels', () => {
  const gradient = Float32Array.from([1, -3, 2, 0, 0.5, -0.25]);
  assert.equal(Array.from(gradientMagnitude(gradient, [1, 2, 3])), [3, 0.5]);
});

test('Grad-CAM weighs the last ReLU maps by the mean of the dense weights that their pool winners reach', async () => {
  // For Tiny VGG, d logit_c / d relu_2_2 is the dense weight of (pool cell, channel) at the
  // winner of each 2 × 2 pool window and 0 elsewhere; every window has one winner, so
  // α_k = Σ over pool cells of W[(cell · 10 + k), c] / (26 · 26), whatever the picture.
  const model = await shippedModel();
  const input = picture();
  const classIndex = 3;
  const cam = await leavesNoTensor(() => gradCam(model, input, classIndex));
  assert.is(cam.layer, 'relu_2_2');
  assert.equal(cam.shape, [26, 26]);
  const dense = model.params.output;
  const [, units] = dense.kernelShape;
  const expected = Array.from({ length: 10 }, (_, k) => {
    let sum = 0;
    for (let cell = 0; cell < 13 * 13; cell++) sum += dense.kernel[(cell * 10 + k) * units + classIndex];
    return sum / (26 * 26);
  });
  assert.ok(maxAbsDiff(cam.weights, expected) < 1e-5, `weights ${Array.from(cam.weights)} vs ${expected}`);
  const maps = runModelSync(model, input).layers.find((l) => l.name === 'relu_2_2')!.values;
  const map = Array.from({ length: 26 * 26 }, (_, p) => Math.max(0, expected.reduce((s, a, k) => s + a * maps[p * 10 + k], 0)));
  assert.ok(maxAbsDiff(cam.map, map) < 1e-4);
  assert.is(cam.upsampled.length, 64 * 64);
  assert.is(cam.upsampledBy, 'stretch');
});

test('Grad-CAM upsampled by receptive field puts each map value at its field centre', async () => {
  const model = await shippedModel();
  // A stand-in field (the real one comes from model/ops at merge): value (r, c) of a
  // 26 × 26 map sees input rows 2r … 2r + 13, as relu_2_2 of Tiny VGG does.
  const fieldOf = (_layer: number, r: number, c: number) => ({ rows: { first: 2 * r, last: 2 * r + 13 }, cols: { first: 2 * c, last: 2 * c + 13 } });
  const cam = gradCam(model, picture(), 2, { receptiveField: fieldOf });
  assert.is(cam.upsampledBy, 'receptive-field');
  // Centres sit at 6.5, 8.5, …; pixel (7, 7) lies a quarter of the way from map row/col 0 to 1.
  const m = (r: number, c: number) => cam.map[r * 26 + c];
  const top = 0.75 * m(0, 0) + 0.25 * m(0, 1);
  const bottom = 0.75 * m(1, 0) + 0.25 * m(1, 1);
  const expected = 0.75 * top + 0.25 * bottom;
  assert.ok(Math.abs(cam.upsampled[7 * 64 + 7] - expected) < 1e-6);
  assert.ok(Math.abs(cam.upsampled[0] - m(0, 0)) < 1e-6, 'beyond the first centre the edge value repeats');
});

test('separable resampling interpolates linearly between centres and repeats the edges', () => {
  const map = Float32Array.from([0, 10, 20, 30]);
  const out = resampleSeparable(map, [0.5], [1, 3, 5, 7], 1, 9);
  assert.equal(Array.from(out), [0, 0, 5, 10, 15, 20, 25, 30, 30]);
});

test.run();
