import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CLASS_NAMES } from '../../model/classes';
import { classNamesFor, loadModel } from '../../model/engine/load-model';
import { fileIOHandler } from '../../model/node/file-io-handler';
import type { ConvParams, DenseParams } from '../../model/engine/types';
import { loadReferenceModel, maxAbsDiff, rejectsWith, roundTrip, testWithShared, useCpu } from './engine-fixtures';

const shared = testWithShared();

test.before(useCpu);

shared('the reference Tiny VGG loads unchanged with its layers described by class, not name', async () => {
  const model = await loadReferenceModel();
  assert.equal(
    model.layers.map((l) => `${l.name}:${l.kind}`),
    [
      'input:input', 'conv_1_1:conv', 'relu_1_1:relu', 'conv_1_2:conv', 'relu_1_2:relu', 'max_pool_1:maxpool',
      'conv_2_1:conv', 'relu_2_1:relu', 'conv_2_2:conv', 'relu_2_2:relu', 'max_pool_2:maxpool',
      'flatten:flatten', 'output:dense', 'output/softmax:softmax',
    ],
  );
  assert.equal(model.inputShape, [64, 64, 3]);
  assert.equal(model.layers.map((l) => l.shape.join('×')), [
    '64×64×3', '62×62×10', '62×62×10', '60×60×10', '60×60×10', '30×30×10',
    '28×28×10', '28×28×10', '26×26×10', '26×26×10', '13×13×10', '1690', '10', '10',
  ]);
  const conv = model.layers[1];
  assert.equal([conv.kernelSize, conv.strides, conv.padding], [[3, 3], [1, 1], 'valid']);
  const pool = model.layers[5];
  assert.equal([pool.poolSize, pool.strides, pool.padding], [[2, 2], [2, 2], 'valid']);
  assert.equal(model.classNames, [...CLASS_NAMES]);
  model.tfModel.dispose();
});

shared('the reference parameters are plain Float32Arrays equal to the TF.js weights', async () => {
  const model = await loadReferenceModel();
  assert.equal(Object.keys(model.params), ['conv_1_1', 'conv_1_2', 'conv_2_1', 'conv_2_2', 'output']);
  let count = 0;
  for (const layer of model.tfModel.layers) {
    const p = model.params[layer.name];
    if (!p) continue;
    const [kernel, bias] = layer.getWeights();
    assert.equal(p.kernelShape, kernel.shape);
    assert.ok(p.kernel instanceof Float32Array && p.bias instanceof Float32Array);
    assert.is(maxAbsDiff(p.kernel, kernel.dataSync()), 0);
    assert.is(maxAbsDiff(p.bias, bias.dataSync()), 0);
    count += p.kernel.length + p.bias.length;
  }
  assert.is(count, 19920, 'the README counts 19,920 parameters');
  assert.equal((model.params.conv_1_1 as ConvParams).kernelShape, [3, 3, 3, 10]);
  assert.equal((model.params.output as DenseParams).kernelShape, [1690, 10]);
  model.tfModel.dispose();
});

test('ReLU layers, average pooling and a separate softmax Activation are recognised', async () => {
  const built = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 4, kernelSize: 3, strides: 2, padding: 'same', name: 'c' }),
      tf.layers.reLU({ name: 'r' }),
      tf.layers.averagePooling2d({ poolSize: 2, name: 'a' }),
      tf.layers.flatten({ name: 'f' }),
      tf.layers.dense({ units: 3, name: 'd' }),
      tf.layers.activation({ activation: 'softmax', name: 's' }),
    ],
  });
  const model = await roundTrip(built);
  assert.equal(model.layers.map((l) => l.kind), ['input', 'conv', 'relu', 'avgpool', 'flatten', 'dense', 'softmax']);
  assert.equal(model.layers.map((l) => l.name), ['input', 'c', 'r', 'a', 'f', 'd', 's']);
  assert.equal(model.layers[1].shape, [6, 6, 4]);
  assert.equal([model.layers[1].strides, model.layers[1].padding], [[2, 2], 'same']);
  assert.equal(model.classNames, ['class 0', 'class 1', 'class 2']);
  model.tfModel.dispose();
});

test('an activation fused into a conv or dense layer becomes its own step after the linear part', async () => {
  const built = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 3], filters: 2, kernelSize: 3, activation: 'relu', name: 'c' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'p' }),
      tf.layers.flatten({ name: 'f' }),
      tf.layers.dense({ units: 4, activation: 'relu', name: 'h' }),
      tf.layers.dense({ units: 10, activation: 'softmax', name: 'o' }),
    ],
  });
  const model = await roundTrip(built);
  assert.equal(
    model.layers.map((l) => `${l.name}:${l.kind}`),
    ['input:input', 'c:conv', 'c/relu:relu', 'p:maxpool', 'f:flatten', 'h:dense', 'h/relu:relu', 'o:dense', 'o/softmax:softmax'],
  );
  assert.equal(model.layers[2].layerName, 'c');
  assert.equal(model.layers[2].className, 'Conv2D');
  assert.equal(Object.keys(model.params), ['c', 'h', 'o']);
  assert.equal(model.classNames, [...CLASS_NAMES], 'ten outputs and no metadata: the project class names');
  model.tfModel.dispose();
});

test('class names come from userDefinedMetadata.classes when the model carries them', async () => {
  const built = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [2, 2, 3] }), tf.layers.dense({ units: 2, activation: 'softmax' })],
  });
  built.setUserDefinedMetadata({ classes: ['cat', 'dog'] });
  const model = await roundTrip(built);
  assert.equal(model.classNames, ['cat', 'dog']);
  model.tfModel.dispose();
  assert.throws(() => classNamesFor({ classes: ['a'] }, 2), /names 1 classes but the model has 2 outputs/);
  assert.equal(classNamesFor(undefined, 2), ['class 0', 'class 1']);
});

test('an unsupported layer gives an error naming the layer and its class', async () => {
  const withNorm = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 3], filters: 2, kernelSize: 3, name: 'conv' }),
      tf.layers.batchNormalization({ name: 'norm' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2 }),
    ],
  });
  await rejectsWith(() => roundTrip(withNorm), /Unsupported layer "norm" \(class BatchNormalization\)/);
  const withDropout = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [2, 2, 3] }), tf.layers.dropout({ rate: 0.5, name: 'drop' }), tf.layers.dense({ units: 2 })],
  });
  await rejectsWith(() => roundTrip(withDropout), /"drop" \(class Dropout\)/);
  const withTanh = tf.sequential({
    layers: [tf.layers.conv2d({ inputShape: [6, 6, 3], filters: 2, kernelSize: 3, activation: 'tanh', name: 'ct' })],
  });
  await rejectsWith(() => roundTrip(withTanh), /"ct" \(class Conv2D\): its fused activation "tanh"/);
  const denseOnMap = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4, 4, 3], units: 2, name: 'dm' })] });
  await rejectsWith(() => roundTrip(denseOnMap), /"dm" \(class Dense\).*Flatten/);
});

test('a model that is not a tf.Sequential is refused with a clear error', async () => {
  const input = tf.input({ shape: [4, 4, 3] });
  const output = tf.layers.dense({ units: 2 }).apply(tf.layers.flatten().apply(input)) as tf.SymbolicTensor;
  const functional = tf.model({ inputs: input, outputs: output });
  await rejectsWith(() => roundTrip(functional), /Expected a tf\.Sequential model/);
});

test('loadModel passes on the error of a model file that cannot be read', async () => {
  await rejectsWith(() => loadModel(fileIOHandler('/nonexistent/model.json')), /ENOENT/);
});

test.run();
