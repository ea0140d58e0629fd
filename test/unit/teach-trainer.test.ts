/**
 * The browser's teaching core (model/teach/), in Node on the WASM backend with the training
 * gradient kernels, as the worker runs it: the checks on the reader's classes, the pictures
 * kept aside, learning a separable problem in both modes, a diverging run stopped with its
 * reason, Stop, determinism for a seed, and no tensor left behind.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { checkClasses, heldOutCount, MIN_PICTURES, splitHeldOut } from '../../model/teach/teach-classes';
import { teach, type TeachInput, type TeachProgress } from '../../model/teach/teach-trainer';
import { startingConvolutions, taughtModel } from '../../model/teach/taught-model';
import { generatedSet } from '../support/generated-pictures';
import { shippedModel, useWasm } from './inspect-fixtures';

await useWasm();
const shipped = await shippedModel();
const base = startingConvolutions(shipped);
const redBlue = generatedSet(['red', 'blue'], 15);
const input = (overrides: Partial<TeachInput> = {}): TeachInput => ({ ...redBlue, classNames: ['red', 'blue'], mode: 'fine-tune', base, ...overrides });

test('a set of classes is refused, in plain words, for each thing that is wrong with it', () => {
  assert.equal(checkClasses([{ name: 'cups', pictures: 9 }, { name: 'pens', pictures: 5 }]), []);
  const one = checkClasses([{ name: 'cups', pictures: 9 }]);
  assert.equal(one.map((p) => p.field), ['classes']);
  assert.match(one[0].message, /at least 2 classes/);
  const eleven = checkClasses(Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, pictures: 9 })));
  assert.match(eleven[0].message, /At most 10 classes.*remove 1/);
  const problems = checkClasses([
    { name: 'Cups', pictures: 9 },
    { name: '  cups ', pictures: 3 },
    { name: '', pictures: 0 },
    { name: "cat's", pictures: 9 },
  ]);
  assert.equal(problems.map((p) => [p.index, p.field]), [[1, 'name'], [1, 'pictures'], [2, 'name'], [2, 'pictures'], [3, 'name']]);
  assert.match(problems[0].message, /Classes 1 and 2 are both called “cups”/);
  assert.match(problems[1].message, new RegExp(`“cups” has only 3 pictures; each class needs at least ${MIN_PICTURES}`));
  assert.match(problems[2].message, /Class 3 has no name/);
  assert.match(problems[3].message, /Class 3 has no pictures yet/);
  assert.match(problems[4].message, /“cat's” has characters a class name cannot have \('\)/);
});

test('each class keeps a fifth of its pictures aside (at least one), never trained on, the same for the same seed', () => {
  const labels = Int32Array.from([...Array(30).fill(0), ...Array(5).fill(1), ...Array(12).fill(2)]);
  const split = splitHeldOut(labels, 3, 7);
  const held = (c: number) => split.heldOut.filter((i) => labels[i] === c).length;
  assert.equal([held(0), held(1), held(2)], [6, 1, 2]);
  assert.equal([heldOutCount(30), heldOutCount(5), heldOutCount(12)], [6, 1, 2]);
  assert.is(split.train.length + split.heldOut.length, labels.length);
  assert.equal(split.train.filter((i) => split.heldOut.includes(i)), []);
  assert.equal(splitHeldOut(labels, 3, 7), split);
  assert.not.equal(splitHeldOut(labels, 3, 8).heldOut, split.heldOut);
});

test('fine-tuning learns mostly-red against mostly-blue, names every picture kept aside, and keeps the convolutions', async () => {
  const before = tf.memory().numTensors;
  const epochs: number[] = [];
  const result = await teach(input(), { onProgress: (p) => { if (p.epochDone) epochs.push(p.epochDone.heldOutAccuracy); } });
  assert.is(result.outcome, 'finished');
  assert.is(result.heldOut!.accuracy, 1, result.message);
  assert.equal(result.heldOut!.perClass, [{ correct: 3, total: 3 }, { correct: 3, total: 3 }]);
  assert.is(epochs.length, result.settings.epochs);
  assert.match(result.message, /^Done: \d+ epochs in (under a second|\d+ s|\d+ min \d+ s)\. It names 6 of 6 pictures kept aside \(100 %\)\.$/);
  const weights = result.weights!;
  assert.equal(weights.map((w) => w.name).slice(-2), ['output/kernel', 'output/bias']);
  assert.equal(weights[10 - 2].shape, [1690, 2]);
  for (let i = 0; i < 8; i++) assert.equal(weights[i].values, base[i], `${weights[i].name} is the shipped one`);
  assert.is(tf.memory().numTensors, before, 'no tensor left behind');
});

test('the taught model gives softmax probabilities, carries the class names, and names the pictures as training did', async () => {
  const result = await teach(input({ settings: { epochs: 6 } }));
  const model = taughtModel(result.weights!, ['red', 'blue'], { mode: 'fine-tune', epochs: 6, pictures: 30, heldOutAccuracy: 1 });
  const metadata = model.getUserDefinedMetadata() as { classes: string[]; taught: { mode: string } };
  assert.equal(metadata.classes, ['red', 'blue']);
  assert.is(metadata.taught.mode, 'fine-tune');
  const held = result.heldOut!.pictures;
  const x = tf.tensor4d(Float32Array.from(held.flatMap((p) => [...redBlue.rgb.subarray(p.index * 12288, (p.index + 1) * 12288)].map((v) => v / 255))), [held.length, 64, 64, 3]);
  const probabilities = (model.predict(x) as tf.Tensor2D).arraySync();
  probabilities.forEach((row, n) => {
    assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-5, 'probabilities add up to 1');
    assert.is(row[1] > row[0] ? 1 : 0, held[n].predicted);
  });
  tf.dispose(x);
  model.dispose();
});

test('from scratch, every weight starts afresh, the first kernels change as it learns, and it learns red against blue', async () => {
  const kernels: Float32Array[] = [];
  const result = await teach(input({ mode: 'scratch', base: undefined, settings: { epochs: 12 } }), { watchKernels: true, onProgress: (p) => { if (p.kernels) kernels.push(p.kernels); } });
  assert.is(result.heldOut!.accuracy, 1, result.message);
  assert.is(kernels[0].length, 3 * 3 * 3 * 10);
  assert.not.equal(kernels[0], kernels[kernels.length - 1], 'the first layer changed');
  assert.not.equal(result.weights![0].values, base[0], 'not the shipped kernels');
});

test('a run whose loss stops being a number stops at once, says so and keeps no weights', async () => {
  const before = tf.memory().numTensors;
  const seen: TeachProgress[] = [];
  const result = await teach(input({ mode: 'scratch', base: undefined, settings: { learningRate: 1e9, epochs: 10 } }), { onProgress: (p) => seen.push(p) });
  assert.is(result.outcome, 'diverged');
  assert.is(result.weights, null);
  assert.is(result.heldOut, null);
  assert.match(result.message, /^Training diverged in epoch 1: the loss became NaN \(not a number\), so the weights are no longer usable and were thrown away\. .*smaller learning rate/);
  assert.ok(seen.length < 3, `stopped within the first epoch, after ${seen.length} reports`);
  assert.is(tf.memory().numTensors, before);
});

test('a loss that shoots up by orders of magnitude counts as diverged too', async () => {
  const result = await teach(input({ mode: 'scratch', base: undefined, settings: { learningRate: 10, epochs: 10 } }));
  assert.is(result.outcome, 'diverged');
  assert.match(result.message, /the loss (shot up to [\d,]+ \(it began near \d\.\d\d\)|became NaN)/);
});

test('Stop ends the run after the batch in hand and keeps what it learned so far, scored on the pictures kept aside', async () => {
  let batches = 0;
  let paused = 0;
  const result = await teach(input(), { shouldStop: () => batches >= 3, onProgress: (p) => { if (!p.epochDone) batches = p.step; }, pause: async () => { paused++; } });
  assert.is(result.outcome, 'stopped');
  assert.is(batches, 3);
  assert.is(paused, 3, 'it yielded after every batch');
  assert.ok(result.weights);
  assert.is(result.heldOut!.total, 6);
  assert.match(result.message, /^Stopped after 1 of 20 epochs\. What it learned so far names \d of 6 pictures kept aside/);
});

test('the same seed gives the same weights and curves; another seed other ones', async () => {
  const run = (seed: number) => teach(input({ mode: 'scratch', base: undefined, settings: { epochs: 2, seed } }));
  const [a, b, c] = [await run(3), await run(3), await run(4)];
  assert.equal(a.history.map((e) => [e.loss, e.heldOutLoss]), b.history.map((e) => [e.loss, e.heldOutLoss]));
  a.weights!.forEach((w, i) => assert.equal(w.values, b.weights![i].values, w.name));
  assert.not.equal(a.weights![0].values, c.weights![0].values);
});

test('fine-tuning refuses a model whose convolutions are not Tiny VGG\'s, saying what to do instead', () => {
  const odd = { layers: shipped.layers.filter((l) => l.name !== 'conv_2_2'), params: shipped.params };
  assert.throws(() => startingConvolutions(odd), /Fine-tuning starts from Tiny VGG's four convolutions \(3×3×3×10, 3×3×10×10, 3×3×10×10, 3×3×10×10\), but this model's are 3×3×3×10, 3×3×10×10, 3×3×10×10\. Teach it from scratch instead\./);
});

test.run();
