/**
 * Layer sizes against hand counts for Tiny VGG (the shipped model and, when ../shared is
 * there, CNN Explainer's own), and against TF.js's own parameter counts for a model with
 * strides, 'same' padding and no biases.
 */
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeModel } from '../../model/engine/load-model';
import type { LayerInfo, LoadedModel } from '../../model/engine/types';
import { layerSizes, layerSizesOf } from '../../model/inspect/layer-sizes';
import { loadReferenceModel, testWithShared } from './engine-fixtures';
import { shippedModel, useWasm } from './inspect-fixtures';

const shared = testWithShared();

/**
 * Tiny VGG by hand. A conv's parameters are 3·3·cin·10 weights + 10 biases; its
 * multiply-adds are out_h·out_w·10 outputs × 3·3·cin products each:
 *   conv_1_1: 3·3·3·10 + 10 = 280,     62·62·10·27 = 1,037,880
 *   conv_1_2: 3·3·10·10 + 10 = 910,    60·60·10·90 = 3,240,000
 *   conv_2_1: 910,                     28·28·10·90 =   705,600
 *   conv_2_2: 910,                     26·26·10·90 =   608,400
 *   output:   13·13·10·10 + 10 = 16,910,  1690·10  =    16,900
 * Totals: 19,920 parameters (the reference's README says 19,920 float32 parameters),
 * 5,608,780 multiply-adds.
 */
const TINY_VGG = [
  ['input', [64, 64, 3], 0, 0],
  ['conv_1_1', [62, 62, 10], 280, 62 * 62 * 10 * 27],
  ['relu_1_1', [62, 62, 10], 0, 0],
  ['conv_1_2', [60, 60, 10], 910, 60 * 60 * 10 * 90],
  ['relu_1_2', [60, 60, 10], 0, 0],
  ['max_pool_1', [30, 30, 10], 0, 0],
  ['conv_2_1', [28, 28, 10], 910, 28 * 28 * 10 * 90],
  ['relu_2_1', [28, 28, 10], 0, 0],
  ['conv_2_2', [26, 26, 10], 910, 26 * 26 * 10 * 90],
  ['relu_2_2', [26, 26, 10], 0, 0],
  ['max_pool_2', [13, 13, 10], 0, 0],
  ['flatten', [1690], 0, 0],
  ['output', [10], 16910, 16900],
  ['output/softmax', [10], 0, 0],
] as const;

function assertTinyVgg(model: LoadedModel): void {
  const table = layerSizesOf(model);
  const rows = table.rows.map((r) => [r.name, r.outputShape, r.params, r.multiplyAdds]);
  const expected: (string | number | number[])[][] = TINY_VGG.map(([name, shape, params, macs]) => [name, [...shape], params, macs]);
  assert.equal(rows, expected);
  assert.equal(table.totals, { params: 19920, multiplyAdds: 5608780 });
  assert.is(table.totals.params, model.tfModel.countParams(), "TF.js's own count agrees");
}

test('the shipped Tiny VGG has the hand-counted parameters and multiply-adds of every layer', async () => {
  assertTinyVgg(await shippedModel());
});

shared("CNN Explainer's Tiny VGG has the same hand-counted table", async () => {
  assertTinyVgg(await loadReferenceModel());
});

test('strides, same padding and bias-free layers are counted as TF.js counts parameters', async () => {
  await useWasm();
  const tfModel = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', useBias: false, name: 'a' }),
      tf.layers.conv2d({ filters: 3, kernelSize: 1, activation: 'relu', name: 'b' }),
      tf.layers.averagePooling2d({ poolSize: 2, name: 'pool' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 5, useBias: false, name: 'd' }),
    ],
  });
  try {
    const model = describeModel(tfModel, 'test');
    const table = layerSizesOf(model);
    const row = (name: string) => table.rows.find((r) => r.name === name)!;
    // a: same padding, stride 2 → ceil(9 / 2) = 5 × 5 outputs; 3·2·2·4 = 48 weights, no bias.
    assert.equal([row('a').outputShape, row('a').params, row('a').multiplyAdds], [[5, 5, 4], 48, 5 * 5 * 4 * 3 * 2 * 2]);
    assert.equal([row('b').params, row('b').multiplyAdds], [4 * 3 + 3, 5 * 5 * 3 * 4]);
    assert.equal(row('b/relu').params, 0);
    assert.equal([row('d').params, row('d').multiplyAdds], [12 * 5, 12 * 5]);
    for (const name of ['a', 'b', 'd']) assert.is(row(name).params, tfModel.getLayer(name).countParams(), name);
    assert.is(table.totals.params, tfModel.countParams());
  } finally {
    tfModel.dispose();
  }
});

test('a layer list alone gives the table, assuming biases unless told otherwise', () => {
  const layers: LayerInfo[] = [
    { name: 'input', kind: 'input', shape: [5, 5, 1] },
    { name: 'c', kind: 'conv', shape: [3, 3, 2], kernelSize: [3, 3] },
    { name: 'f', kind: 'flatten', shape: [18] },
    { name: 'd', kind: 'dense', shape: [4] },
  ];
  assert.equal(layerSizes(layers).totals, { params: 9 * 2 + 2 + 18 * 4 + 4, multiplyAdds: 3 * 3 * 2 * 9 + 18 * 4 });
  assert.is(layerSizes(layers, { withoutBias: ['c', 'd'] }).totals.params, 9 * 2 + 18 * 4);
  assert.throws(() => layerSizes([layers[0], { name: 'c', kind: 'conv', shape: [3, 3, 2] }]), /needs a kernel size/);
});

test.run();
