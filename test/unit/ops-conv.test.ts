import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActivationRecord, ConvParams, LayerDescriptor, LoadedModel } from '../../model/engine/types';
import { convIntermediateMaps, convOutputShape, convWindow, sumIntermediateMaps } from '../../model/ops/conv-window';
import { channelPlane } from '../../model/ops/flatten-order';
import { maxAbsDiff, randomValues, referenceRecords, testWithShared, useCpu } from './engine-fixtures';

const shared = testWithShared({ data: true });
let model: LoadedModel;
let records: ActivationRecord[] = [];

test.before(async () => {
  await useCpu();
});

async function reference(): Promise<ActivationRecord[]> {
  if (records.length === 0) ({ model, records } = await referenceRecords(2));
  return records;
}

/** Every conv step with the map it reads and the map it writes. */
function convSteps(record: ActivationRecord) {
  return record.layers.flatMap((layer, i) => {
    if (layer.kind !== 'conv') return [];
    const d = model.layers[i] as LayerDescriptor & Required<Pick<LayerDescriptor, 'strides' | 'padding'>>;
    return [{ layer, previous: record.layers[i - 1], params: layer.params as ConvParams, geometry: { strides: d.strides, padding: d.padding } }];
  });
}

shared('for every conv layer and output channel, the intermediate maps plus bias equal the activation everywhere', async () => {
  let checked = 0;
  for (const record of await reference()) {
    for (const { layer, previous, params, geometry } of convSteps(record)) {
      assert.equal(convOutputShape(previous.shape, params, geometry), layer.shape);
      const cout = layer.shape[2];
      for (let co = 0; co < cout; co++) {
        const maps = convIntermediateMaps(previous.values, previous.shape, params, co, geometry);
        assert.is(maps.length, previous.shape[2], 'one intermediate map per input channel');
        const diff = maxAbsDiff(sumIntermediateMaps(maps, params.bias[co]), channelPlane(layer.values, layer.shape, co));
        assert.ok(diff <= 1e-5, `${layer.name} channel ${co} differs by ${diff}`);
        checked++;
      }
    }
  }
  assert.is(checked, 2 * 4 * 10);
});

shared('one window sum equals the conv activation at sampled positions of every layer and channel', async () => {
  for (const record of await reference()) {
    for (const { layer, previous, params, geometry } of convSteps(record)) {
      const [h, w, c] = layer.shape;
      const positions = [[0, 0], [h - 1, w - 1], [0, w - 1], [h >> 1, w >> 2], [7, 3], [h - 2, 11]];
      for (const [row, col] of positions) {
        for (let co = 0; co < c; co++) {
          const win = convWindow(previous.values, previous.shape, params, co, row, col, geometry);
          const expected = layer.values[(row * w + col) * c + co];
          assert.ok(Math.abs(win.sum - expected) <= 1e-5, `${layer.name} (${row}, ${col}, ${co}): ${win.sum} vs ${expected}`);
        }
      }
    }
  }
});

shared('a window lists its 3×3×Cin products input channel first, then kernel row, then column', async () => {
  const [record] = await reference();
  const { previous, params, geometry } = convSteps(record)[1];
  const [, w, cin] = previous.shape;
  const win = convWindow(previous.values, previous.shape, params, 4, 5, 9, geometry);
  assert.is(win.products.length, 3 * 3 * cin);
  assert.equal([win.inputRow, win.inputCol], [5, 9]);
  for (let ci = 0; ci < cin; ci++) {
    for (let ky = 0; ky < 3; ky++) {
      for (let kx = 0; kx < 3; kx++) {
        const i = (ci * 3 + ky) * 3 + kx;
        assert.is(win.inputs[i], previous.values[((5 + ky) * w + 9 + kx) * cin + ci]);
        assert.is(win.weights[i], params.kernel[((ky * 3 + kx) * cin + ci) * 10 + 4]);
        assert.is(win.products[i], win.inputs[i] * win.weights[i]);
      }
    }
  }
  let acc = 0;
  win.products.forEach((p, i) => {
    acc += p;
    assert.is(win.runningSums[i], acc);
  });
  assert.is(win.sum, acc + win.bias);
  assert.is(win.bias, params.bias[4]);
});

test("'same' padding and strides follow TF: zeros outside the input, TF's padding split", () => {
  for (const [h, w, k, stride] of [[7, 9, 3, 2], [8, 8, 3, 1], [6, 5, 4, 2], [5, 5, 2, 3]]) {
    const cin = 2;
    const cout = 3;
    const input = randomValues(h * w * cin, h * 31 + k);
    const params = { kernelShape: [k, k, cin, cout], kernel: randomValues(k * k * cin * cout, 5), bias: randomValues(cout, 9) };
    const geometry = { strides: [stride, stride] as [number, number], padding: 'same' as const };
    const expected = tf.tidy(() =>
      tf
        .conv2d(tf.tensor4d(input, [1, h, w, cin]), tf.tensor4d(params.kernel, [k, k, cin, cout]), stride, 'same')
        .add(tf.tensor1d(params.bias))
        .dataSync(),
    );
    const shape = convOutputShape([h, w, cin], params, geometry);
    assert.is(shape[0] * shape[1] * shape[2], expected.length);
    for (let co = 0; co < cout; co++) {
      const maps = convIntermediateMaps(input, [h, w, cin], params, co, geometry);
      const diff = maxAbsDiff(sumIntermediateMaps(maps, params.bias[co]), channelPlane(expected, shape, co));
      assert.ok(diff <= 1e-5, `${h}×${w} k${k} s${stride}: ${diff}`);
      for (let row = 0; row < shape[0]; row++) {
        for (let col = 0; col < shape[1]; col++) {
          const win = convWindow(input, [h, w, cin], params, co, row, col, geometry);
          assert.ok(Math.abs(win.sum - expected[(row * shape[1] + col) * cout + co]) <= 1e-5);
        }
      }
    }
  }
});

test('out-of-range positions and mismatched kernels are refused', () => {
  const params = { kernelShape: [3, 3, 1, 1], kernel: new Float32Array(9), bias: new Float32Array(1) };
  const input = new Float32Array(16);
  assert.throws(() => convWindow(input, [4, 4, 1], params, 0, 2, 0), /Output row 2 is outside 0…1/);
  assert.throws(() => convWindow(input, [4, 4, 1], params, 1, 0, 0), /Output channel 1/);
  assert.throws(() => convIntermediateMaps(new Float32Array(32), [4, 4, 2], params, 0), /does not fit an input with 2 channels/);
});

test.run();
