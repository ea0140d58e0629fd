/**
 * Edits applied to the shipped model: an ablation equals zeroing the channel's kernel and
 * bias by hand (checked with the float64 forward pass), changes nothing upstream nor in the
 * layer's other channels, and a kernel edit lands on the right nine weights.
 */
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModel, runModelSync } from '../../model/engine/run-model';
import type { ConvParams, LoadedModel } from '../../model/engine/types';
import { layerChanges, predictionChange } from '../../model/inspect/edit-effects';
import { applyEdits, checkEdits, editParams, kernelEdit, NO_EDITS, trainedKernel, type Edits } from '../../model/inspect/edits';
import { examplePictures, forward64, maxAbsDiff, scores64, shippedModel } from './inspect-fixtures';

/** The model's params with some changes made by hand to copies (for forward64). */
function withParams(model: LoadedModel, layer: string, change: (p: ConvParams) => void): LoadedModel {
  const p = model.params[layer] as ConvParams;
  const copy: ConvParams = { ...p, kernel: Float32Array.from(p.kernel), bias: Float32Array.from(p.bias) };
  change(copy);
  return { ...model, params: { ...model.params, [layer]: copy } };
}

async function withEdited<T>(model: LoadedModel, edits: Edits, f: (edited: LoadedModel) => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const edited = applyEdits(model, edits);
  try {
    return await f(edited);
  } finally {
    edited.tfModel.dispose();
    assert.is(tf.memory().numTensors, before, 'the edited copy leaves no tensor once disposed');
  }
}

test('switching a channel off gives the same network as zeroing its kernel and bias by hand', async () => {
  const model = await shippedModel();
  const input = examplePictures()[3].input;
  await withEdited(model, { kernels: [], ablated: [{ layer: 'conv_2_1', channel: 3 }] }, (edited) => {
    const byHand = withParams(model, 'conv_2_1', (p) => {
      for (let i = 3; i < p.kernel.length; i += 10) p.kernel[i] = 0;
      p.bias[3] = 0;
    });
    const record = runModelSync(edited, input);
    const expected = forward64(byHand, input);
    record.layers.forEach((l, i) => assert.ok(maxAbsDiff(l.values, expected[i]) < 1e-4, `${l.name} differs by ${maxAbsDiff(l.values, expected[i])}`));
    assert.ok(maxAbsDiff(record.probabilities, scores64(byHand, input).probabilities) < 1e-5);
  });
});

test("switching a channel off changes nothing before its layer, nor the layer's other channels, and zeroes its map", async () => {
  const model = await shippedModel();
  const input = examplePictures()[3].input;
  const before = runModelSync(model, input);
  const after = await withEdited(model, { kernels: [], ablated: [{ layer: 'conv_2_1', channel: 3 }] }, (edited) => runModelSync(edited, input));
  const changes = layerChanges(before, after, 1e-6);
  const at = (name: string) => changes.find((c) => c.name === name)!;
  for (const name of ['input', 'conv_1_1', 'relu_1_1', 'conv_1_2', 'relu_1_2', 'max_pool_1']) assert.is(at(name).maxAbsDiff, 0, name);
  assert.equal(at('conv_2_1').changedChannels, [3]);
  assert.equal(at('relu_2_1').changedChannels, [3]);
  const relu = after.layers.find((l) => l.name === 'relu_2_1')!;
  assert.ok(relu.values.every((v, i) => i % 10 !== 3 || v === 0), 'the channel is off everywhere');
  assert.ok(at('conv_2_2').maxAbsDiff > 1e-3, 'the next conv layer sees the change');
  const change = predictionChange(before, after);
  assert.ok(maxAbsDiff(change.deltas, after.probabilities.map((q, i) => q - before.probabilities[i])) === 0);
});

test('a kernel edit replaces exactly the nine weights from one input channel to one output channel', async () => {
  const model = await shippedModel();
  const input = examplePictures()[4].input;
  const weights = [0.5, null, -0.25, 0, 1.5, null, 0.125, -1, 0.75];
  const edits: Edits = { kernels: [{ layer: 'conv_1_2', outChannel: 6, inChannel: 2, weights }], ablated: [] };
  const params = editParams(model, edits);
  const before = model.params.conv_1_2 as ConvParams;
  const after = params.conv_1_2 as ConvParams;
  assert.is(params.conv_1_1, model.params.conv_1_1, 'other layers keep their objects');
  let changedWeights = 0;
  for (let i = 0; i < after.kernel.length; i++) if (after.kernel[i] !== before.kernel[i]) changedWeights++;
  assert.ok(changedWeights <= 7, 'at most the seven given weights change');
  assert.equal(trainedKernel(after, 6, 2), weights.map((w, i) => (w === null ? trainedKernel(before, 6, 2)[i] : w)));
  await withEdited(model, edits, async (edited) => {
    const byHand = withParams(model, 'conv_1_2', (p) => {
      weights.forEach((w, i) => {
        if (w !== null) p.kernel[(i * 10 + 2) * 10 + 6] = w;
      });
    });
    const record = await runModel(edited, input);
    assert.ok(maxAbsDiff(record.logits, scores64(byHand, input).logits) < 1e-4);
    assert.ok(maxAbsDiff(record.logits, runModelSync(model, input).logits) > 1e-3, 'the edit changes the output');
  });
});

test('an ablation wins over a kernel edit of the same channel', async () => {
  const model = await shippedModel();
  const params = editParams(model, {
    kernels: [{ layer: 'conv_1_1', outChannel: 2, inChannel: 0, weights: new Array(9).fill(1) }],
    ablated: [{ layer: 'conv_1_1', channel: 2 }],
  });
  assert.ok(trainedKernel(params.conv_1_1 as ConvParams, 2, 0).every((w) => w === 0));
});

test('a kernel edit made from nine weights keeps only the ones that differ from the trained kernel', async () => {
  const model = await shippedModel();
  const trained = trainedKernel(model.params.conv_2_2 as ConvParams, 1, 4);
  const nine = [...trained];
  nine[4] = 0.9;
  const edit = kernelEdit(model, 'conv_2_2', 1, 4, nine);
  assert.equal(edit.weights, [null, null, null, null, 0.9, null, null, null, null]);
});

test('no edits still give a working copy with the same outputs', async () => {
  const model = await shippedModel();
  const input = examplePictures()[0].input;
  const logits = await withEdited(model, NO_EDITS, (copy) => {
    assert.is.not(copy.tfModel, model.tfModel);
    assert.equal(copy.classNames, model.classNames);
    return runModelSync(copy, input).logits;
  });
  assert.is(maxAbsDiff(logits, runModelSync(model, input).logits), 0);
});

test('edits that do not fit the model are refused with every reason in plain words', async () => {
  const model = await shippedModel();
  const problems = checkEdits(model, {
    kernels: [
      { layer: 'output', outChannel: 0, inChannel: 0, weights: [1] },
      { layer: 'conv_1_1', outChannel: 10, inChannel: 3, weights: [1, 2] },
      { layer: 'conv_9', outChannel: 0, inChannel: 0, weights: [] },
    ],
    ablated: [{ layer: 'conv_2_2', channel: -1 }],
  });
  assert.equal(problems, [
    'Kernel edit of output: "output" is a dense layer, and only conv layers can be edited',
    'Kernel edit of conv_1_1: output channel 10 is outside 0…9',
    'Kernel edit of conv_1_1: input channel 3 is outside 0…2',
    'Kernel edit of conv_1_1: it has 2 weights, but the kernel is 3 × 3 = 9',
    'Kernel edit of conv_9: there is no layer called "conv_9"',
    'Switching off a channel of conv_2_2: channel -1 is outside 0…9',
  ]);
  assert.throws(() => applyEdits(model, { kernels: [], ablated: [{ layer: 'relu_1_1', channel: 0 }] }), /only conv layers/);
});

test.run();
