import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActivationRecord } from '../../model/engine/types';
import {
  channelMajorToFlatten,
  channelMajorToHwc,
  channelPlane,
  chwPosition,
  flattenToChannelMajor,
  hwcIndex,
  hwcPosition,
  hwcToChannelMajor,
} from '../../model/ops/flatten-order';
import { argmax, softmax } from '../../model/ops/softmax';
import { maxAbsDiff, referenceRecords, testWithShared } from './engine-fixtures';

const shared = testWithShared({ data: true });
let records: ActivationRecord[] = [];

async function reference(): Promise<ActivationRecord[]> {
  if (records.length === 0) ({ records } = await referenceRecords(10));
  return records;
}

shared('flatten index i is the HWC position of the map before it, and the values match', async () => {
  const [record] = await reference();
  const i = record.layers.findIndex((l) => l.kind === 'flatten');
  const flat = record.layers[i];
  const pooled = record.layers[i - 1];
  assert.equal(pooled.shape, [13, 13, 10]);
  for (let k = 0; k < flat.values.length; k++) {
    const pos = hwcPosition(pooled.shape, k);
    assert.is(flat.values[k], channelPlane(pooled.values, pooled.shape, pos.channel)[pos.row * 13 + pos.col]);
    assert.is(hwcIndex(pooled.shape, pos), k);
  }
  assert.equal(hwcPosition(pooled.shape, 0), { row: 0, col: 0, channel: 0 });
  assert.equal(hwcPosition(pooled.shape, 1), { row: 0, col: 0, channel: 1 });
  assert.equal(hwcPosition(pooled.shape, 10), { row: 0, col: 1, channel: 0 });
  assert.equal(hwcPosition(pooled.shape, 1689), { row: 12, col: 12, channel: 9 });
});

shared('the channel-major display order puts each channel plane in turn and round-trips both ways', async () => {
  const [record] = await reference();
  const flat = record.layers.find((l) => l.kind === 'flatten')!;
  const shape = [13, 13, 10];
  const display = hwcToChannelMajor(flat.values, shape);
  for (let ch = 0; ch < 10; ch++) {
    assert.is(maxAbsDiff(display.subarray(ch * 169, (ch + 1) * 169), channelPlane(flat.values, shape, ch)), 0);
  }
  assert.is(maxAbsDiff(channelMajorToHwc(display, shape), flat.values), 0);
  const seen = new Set<number>();
  for (let k = 0; k < 1690; k++) {
    const d = flattenToChannelMajor(shape, k);
    assert.is(display[d], flat.values[k]);
    assert.is(channelMajorToFlatten(shape, d), k);
    seen.add(d);
  }
  assert.is(seen.size, 1690, 'the mapping is a bijection');
  assert.equal(chwPosition(shape, 169), { row: 0, col: 0, channel: 1 });
});

shared('softmax of the logits equals the model probabilities on ten val images', async () => {
  for (const record of await reference()) {
    const diff = maxAbsDiff(softmax(record.logits), record.probabilities);
    assert.ok(diff <= 1e-5, `differs by ${diff}`);
    assert.is(argmax(record.logits), argmax(record.probabilities));
  }
});

test('softmax is stable for huge logits and sums to 1', () => {
  const p = softmax([1000, 1001, 999]);
  assert.ok(p.every(Number.isFinite));
  assert.ok(Math.abs(p[0] + p[1] + p[2] - 1) < 1e-6);
  const q = softmax([0, 1, -1]);
  assert.ok(maxAbsDiff(p, q) < 1e-6, 'shifting every logit leaves softmax unchanged');
  assert.ok(softmax([-1e30, 0]).every(Number.isFinite));
});

test('temperature sharpens below 1, flattens above 1, and leaves the argmax alone', () => {
  const logits = [2, 1, 0.5];
  const plain = softmax(logits);
  const sharp = softmax(logits, 0.5);
  const flat = softmax(logits, 10);
  assert.ok(sharp[0] > plain[0] && plain[0] > flat[0]);
  assert.ok(maxAbsDiff(softmax(logits, 1), plain) === 0);
  assert.ok(maxAbsDiff(softmax(logits, 2), softmax([1, 0.5, 0.25])) < 1e-7);
  assert.equal([argmax(sharp), argmax(flat)], [0, 0]);
  assert.throws(() => softmax(logits, 0), /positive finite/);
  assert.throws(() => softmax(logits, Number.NaN), /positive finite/);
  assert.is(softmax([]).length, 0);
});

test('index mappings refuse positions outside the map', () => {
  assert.throws(() => hwcPosition([2, 2, 3], 12), /Flatten index 12 is outside 0…11/);
  assert.throws(() => chwPosition([2, 2, 3], -1), /outside/);
  assert.throws(() => hwcToChannelMajor(new Float32Array(5), [2, 2, 3]), /needs 12 values/);
});

test.run();
