import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActivationRecord, LayerDescriptor, LoadedModel } from '../../model/engine/types';
import { avgPoolWindow, maxPoolWindow, poolMap, poolOutputShape, type PoolGeometry } from '../../model/ops/pool-window';
import { relu, reluValue } from '../../model/ops/relu';
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

function geometryOf(d: LayerDescriptor): PoolGeometry {
  return { poolSize: d.poolSize!, strides: d.strides!, padding: d.padding! };
}

shared('relu of every conv map equals the ReLU layer after it', async () => {
  let checked = 0;
  for (const record of await reference()) {
    record.layers.forEach((layer, i) => {
      if (layer.kind !== 'relu') return;
      assert.is(maxAbsDiff(relu(record.layers[i - 1].values), layer.values), 0, layer.name);
      checked++;
    });
  }
  assert.is(checked, 8);
  assert.equal([reluValue(-2), reluValue(0), reluValue(1.5)], [0, 0, 1.5]);
});

shared('max-pool windows give every pooled value of every channel, with an argmax that holds it', async () => {
  let checked = 0;
  for (const record of await reference()) {
    record.layers.forEach((layer, i) => {
      if (layer.kind !== 'maxpool') return;
      const previous = record.layers[i - 1];
      const geometry = geometryOf(model.layers[i]);
      assert.equal(poolOutputShape(previous.shape, geometry), layer.shape);
      assert.is(maxAbsDiff(poolMap(previous.values, previous.shape, geometry, 'max'), layer.values), 0, layer.name);
      const [h, w, c] = layer.shape;
      const [, pw, pc] = previous.shape;
      for (let row = 0; row < h; row++) {
        for (let col = 0; col < w; col++) {
          for (let ch = 0; ch < c; ch++) {
            const win = maxPoolWindow(previous.values, previous.shape, ch, row, col, geometry);
            const pooled = layer.values[(row * w + col) * c + ch];
            assert.is(win.max, pooled);
            const top = win.cells[win.argmax];
            assert.is(previous.values[(top.row * pw + top.col) * pc + ch], pooled, 'the argmax cell holds the pooled value');
            assert.ok(win.cells.every((cell) => cell.value <= top.value));
            assert.ok(win.cells.slice(0, win.argmax).every((cell) => cell.value < top.value), 'ties go to the first cell');
            checked++;
          }
        }
      }
    });
  }
  assert.is(checked, 2 * (30 * 30 * 10 + 13 * 13 * 10));
});

shared('a 2×2 window with stride 2 covers rows 2r, 2r+1 and columns 2c, 2c+1', async () => {
  const [record] = await reference();
  const i = record.layers.findIndex((l) => l.kind === 'maxpool');
  const win = maxPoolWindow(record.layers[i - 1].values, record.layers[i - 1].shape, 3, 4, 7, geometryOf(model.layers[i]));
  assert.equal(win.cells.map((c) => [c.row, c.col]), [[8, 14], [8, 15], [9, 14], [9, 15]]);
});

shared('average and max pooling with other sizes, strides and same padding match TF.js on real maps', async () => {
  const [record] = await reference();
  const source = record.layers.find((l) => l.name === 'relu_2_2')!;
  const [h, w, c] = source.shape;
  const geometries: PoolGeometry[] = [
    { poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
    { poolSize: [3, 3], strides: [2, 2], padding: 'same' },
    { poolSize: [3, 2], strides: [1, 3], padding: 'same' },
    { poolSize: [4, 4], strides: [3, 3], padding: 'valid' },
  ];
  for (const g of geometries) {
    for (const mode of ['max', 'avg'] as const) {
      const expected = tf.tidy(() => {
        const x = tf.tensor4d(source.values, [1, h, w, c]);
        const pool = mode === 'max' ? tf.maxPool : tf.avgPool;
        return pool(x, g.poolSize as [number, number], g.strides as [number, number], g.padding).dataSync();
      });
      const ours = poolMap(source.values, source.shape, g, mode);
      const diff = maxAbsDiff(ours, expected);
      assert.ok(diff <= 1e-5, `${mode} ${JSON.stringify(g)}: ${diff}`);
    }
  }
});

test('an average-pool window in the padding averages only the cells inside the input, like TF', () => {
  const input = randomValues(5 * 5 * 2, 4);
  const g: PoolGeometry = { poolSize: [3, 3], strides: [2, 2], padding: 'same' };
  const corner = avgPoolWindow(input, [5, 5, 2], 1, 0, 0, g);
  assert.equal(corner.cells.map((c) => [c.row, c.col]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  const mean = corner.cells.reduce((a, c) => a + c.value, 0) / 4;
  assert.ok(Math.abs(corner.mean - mean) < 1e-12);
  const expected = tf.tidy(() => tf.avgPool(tf.tensor4d(input, [1, 5, 5, 2]), 3, 2, 'same').dataSync());
  assert.ok(Math.abs(corner.mean - expected[1]) < 1e-6);
});

test.run();
