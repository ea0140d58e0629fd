/**
 * The training figure's data without a browser: the saved epochs and curves it reads from
 * the committed index.json and report.json, the rules for its epoch attribute, the
 * prediction rows, and the colours of its kernels.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  curvesFromReport, describeEpochs, nearestStop, predictionRows, resolveEpoch, shippedStop, stopsFromIndex, valuesAt, TrainingFileError,
} from '../../components/views/training/training-data';
import { compositePixels, kernelPixels, weightAt } from '../../components/views/training/kernel-colours';
import { colorOf, symmetricDomain } from '../../components/shared/diverging-colors';
import { SHIPPED_EPOCH, parseState, serializeState, stateOfView, viewAttributes } from '../../components/shared/url-state';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const index = JSON.parse(readFileSync(join(ROOT, 'assets/model/checkpoints/index.json'), 'utf8'));
const report = JSON.parse(readFileSync(join(ROOT, 'assets/model/report.json'), 'utf8'));

test('the saved epochs are the index\'s files in epoch order, the shipped weights in place of their epoch', () => {
  const stops = stopsFromIndex(index);
  const final = index.checkpoints.find((c: { label: string }) => c.label === 'final');
  const plain = index.checkpoints.filter((c: { label: string; epoch: number }) => c.label !== 'final' && c.epoch !== final.epoch);
  assert.is(stops.length, plain.length + 1);
  assert.equal(stops.map((s) => s.epoch), [...stops.map((s) => s.epoch)].sort((a, b) => a - b));
  assert.equal(new Set(stops.map((s) => s.epoch)).size, stops.length, 'one stop per epoch');
  const shipped = stops.filter((s) => s.shipped);
  assert.equal(shipped.map((s) => [s.epoch, s.file]), [[final.epoch, final.file]]);
  assert.is(shippedStop(stops, null), stops.indexOf(shipped[0]));
  assert.is(report.selection.epoch, final.epoch, 'the report and the index agree on the shipped epoch');
});

test('a shipped checkpoint of an epoch that was also saved plainly takes that epoch\'s place', () => {
  const stops = stopsFromIndex({ checkpoints: [
    { epoch: 0, label: 'epoch 0', file: 'a.bin' }, { epoch: 5, label: 'epoch 5', file: 'b.bin' },
    { epoch: 5, label: 'final', file: 'final.bin', weights: 'ema' }, { epoch: 9, label: 'epoch 9', file: '../x.bin' },
  ] });
  assert.equal(stops, [
    { epoch: 0, file: 'a.bin', shipped: false, weights: 'raw' },
    { epoch: 5, file: 'final.bin', shipped: true, weights: 'ema' },
  ], 'a file name with a path in it is refused');
  assert.throws(() => stopsFromIndex({ tensors: [] }), (e: Error) => e instanceof TrainingFileError && /has no checkpoints/.test(e.message));
  assert.throws(() => stopsFromIndex({ checkpoints: [{ epoch: 'x' }] }), /names no checkpoint file/);
});

test('the curves are report.json\'s numbers: training batches, the early-stopping half and the held-out half, epoch by epoch', () => {
  const curves = curvesFromReport(report);
  const epochs = report.epochs as Record<string, number>[];
  const pairs: [keyof typeof curves.loss, string, string][] = [['train', 'loss', 'accuracy'], ['early', 'valLoss', 'valAccuracy'], ['heldOut', 'testLoss', 'testAccuracy']];
  for (const [name, loss, accuracy] of pairs) {
    assert.equal(curves.loss[name], epochs.map((e) => ({ epoch: e.epoch, value: e[loss] })), `${name} loss`);
    assert.equal(curves.accuracy[name], epochs.map((e) => ({ epoch: e.epoch, value: e[accuracy] })), `${name} accuracy`);
  }
  assert.is(curves.lastEpoch, Math.max(...epochs.map((e) => e.epoch)));
  assert.equal(curves.shipped, { epoch: report.selection.epoch, weights: report.selection.weights });
  assert.equal(curves.halfSizes, { early: report.split.earlyStopHalf.length, heldOut: report.split.testHalf.length });
  const at = valuesAt(curves, epochs[4].epoch);
  assert.equal(at.accuracy, { train: epochs[4].accuracy, early: epochs[4].valAccuracy, heldOut: epochs[4].testAccuracy });
  assert.equal(valuesAt(curves, 0).loss, { train: null, early: null, heldOut: null }, 'no curve point before training');
  assert.throws(() => curvesFromReport({ epochs: [] }), /has no epochs/);
});

test('an epoch attribute picks its saved epoch; another number the nearest, with a reason; anything else the shipped one', () => {
  const stops = [0, 1, 2, 3, 10, 15, 20, 71, 100].map((epoch) => ({ epoch, file: `${epoch}.bin`, shipped: epoch === 71, weights: 'raw' }));
  const shipped = 7;
  assert.equal(resolveEpoch('', stops, shipped), { index: shipped, problem: '' });
  assert.equal(resolveEpoch('15', stops, shipped), { index: 5, problem: '' });
  const near = resolveEpoch('13', stops, shipped);
  assert.is(near.index, 5);
  assert.match(near.problem, /epoch="13" was not saved \(saved: 0–3, 10, 15, 20, 71, 100\); showing epoch 15, the nearest saved one\./);
  assert.is(resolveEpoch('5000', stops, shipped).index, 8);
  assert.is(resolveEpoch(' 12 ', stops, shipped).index, 4, '12 is nearer 10 than 15');
  assert.is(nearestStop(stops, 12.5), 5, 'a tie goes to the later epoch');
  for (const bad of ['-3', 'five', '2.5', '1e2']) {
    const r = resolveEpoch(bad, stops, shipped);
    assert.is(r.index, shipped, bad);
    assert.match(r.problem, /is not a whole number of epochs; showing the shipped epoch, 71\./, bad);
  }
  assert.is(describeEpochs(stops), '0–3, 10, 15, 20, 71, 100');
});

test('the prediction lists the top classes and then the shipped model\'s own top class, each beside the shipped probability', () => {
  const names = ['a', 'b', 'c', 'd'];
  const rows = predictionRows([0.1, 0.5, 0.3, 0.1], [0.05, 0.05, 0.1, 0.8], names, 2);
  assert.equal(rows.map((r) => [r.name, r.probability, r.shipped]), [['b', 0.5, 0.05], ['c', 0.3, 0.1], ['d', 0.1, 0.8]]);
  assert.equal(predictionRows([0.2, 0.2, 0.6], null, ['x', 'y', 'z'], 2).map((r) => r.name), ['z', 'x'], 'ties in class order');
});

test('a channel\'s colour picture puts its red, green and blue weights on grey, and its kernels take the maps\' diverging colours', () => {
  const shape = [3, 3, 3, 2];
  const kernel = Float32Array.from({ length: 54 }, (_, i) => ((i * 37) % 19) / 19 - 0.5);
  const scale = 0.5;
  const pic = compositePixels(kernel, shape, 1, scale);
  for (let p = 0; p < 9; p++) {
    for (let c = 0; c < 3; c++) {
      const w = kernel[(p * 3 + c) * 2 + 1];
      assert.is(pic[p * 4 + c], Math.round(255 * Math.min(1, Math.max(0, 0.5 + w / (2 * scale)))), `pixel ${p} channel ${c}`);
    }
    assert.is(pic[p * 4 + 3], 255);
  }
  const domain = symmetricDomain(scale);
  const blue = kernelPixels(kernel, shape, 2, 0, domain);
  for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
    const want = colorOf(weightAt(kernel, shape, ky, kx, 2, 0), domain);
    const at = (ky * 3 + kx) * 4;
    assert.is(`rgb(${blue[at]}, ${blue[at + 1]}, ${blue[at + 2]})`, want);
  }
  assert.is(weightAt(kernel, shape, 2, 1, 0, 1), kernel[((2 * 3 + 1) * 3 + 0) * 2 + 1]);
});

test('a link carries the epoch on show to the training figure, and none when it shows the shipped epoch', () => {
  assert.is(serializeState({ view: 'training', epoch: 5 }), '?view=training&epoch=5');
  assert.is(serializeState({ view: 'training', epoch: SHIPPED_EPOCH }), '?view=training');
  assert.equal(parseState('?view=training&epoch=15').state, { view: 'training', epoch: 15 });
  const bad = parseState('?view=training&epoch=-2');
  assert.equal(bad.state, { view: 'training' });
  assert.match(bad.problems[0], /epoch must be a whole number/);
  assert.is(viewAttributes('training', { epoch: 15 }).epoch, '15');
  assert.is(viewAttributes('training', {}).epoch, null, 'no attribute: the shipped epoch');
  assert.not.ok('epoch' in viewAttributes('conv', { epoch: 15 }), 'only the training figure has an epoch');
  assert.not.ok('edits' in viewAttributes('training', { edits: '1*a.conv_2_1.4' }), 'the reader\'s edits stay out of the training');
  assert.equal(stateOfView('training', (name) => (name === 'epoch' ? '30' : null)), { view: 'training', epoch: 30 });
});

test.run();
