/**
 * The compact checkpoints (model/train/checkpoint-format.ts): encoding and decoding, the
 * schedule, and the committed ones in assets/model/checkpoints/ (size budget, decodable into
 * the 10 weight tensors, 'final' = the shipped weights up to quantisation).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildTinyVgg } from '../../model/architecture';
import {
  CHECKPOINT_FORMAT, checkpointBytes, checkpointSchedule, decodeCheckpointArrays, encodeCheckpoint, layoutOf, type NamedWeights,
} from '../../model/train/checkpoint-format';
import { fileLoader } from '../../model/train/node-io';
import type { CheckpointIndex } from '../../model/train/outputs';
import { Prng } from '../../model/train/prng';

const DIR = 'assets/model/checkpoints';
const BUDGET = 300_000;

function tinyVggWeights(seed: string): NamedWeights[] {
  const model = buildTinyVgg({ outputActivation: 'linear' });
  const prng = new Prng(seed);
  const out = model.trainableWeights.map((w) => {
    const shape = w.shape as number[];
    const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => prng.uniform(-0.3, 0.5));
    return { name: w.originalName, shape, values };
  });
  model.dispose();
  return out;
}

test('a checkpoint decodes to every weight within half a quantisation step, 8 bits for convs and biases, 4 for the dense kernel', () => {
  const weights = tinyVggWeights('round trip');
  const layout = layoutOf(weights);
  assert.equal(layout.map((t) => t.bits), [8, 8, 8, 8, 8, 8, 8, 8, 4, 8]);
  const bytes = encodeCheckpoint(weights, layout);
  assert.is(bytes.byteLength, checkpointBytes(layout));
  assert.is(bytes.byteLength, 10 * 8 + 3010 + 16_900 / 2 + 10);
  const decoded = decodeCheckpointArrays(layout, bytes);
  weights.forEach((w, k) => {
    const step = 0.8 / (2 ** layout[k].bits - 1);
    let worst = 0;
    w.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - decoded[k][i]))));
    assert.ok(worst <= step / 2 + 1e-6, `${w.name}: error ${worst} > ${step / 2}`);
  });
  assert.equal(decoded.map((a) => a.length), weights.map((w) => w.values.length));
});

test('a tensor with one value throughout decodes exactly', () => {
  const weights = [{ name: 'conv_1_1/bias', shape: [10], values: new Float32Array(10).fill(0.25) }];
  assert.equal(Array.from(decodeCheckpointArrays(layoutOf(weights), encodeCheckpoint(weights))[0]), new Array(10).fill(0.25));
});

test('the schedule has every epoch up to 10, then every 5 to 30 and every 10, and the last epoch', () => {
  assert.equal(checkpointSchedule(100), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100]);
  assert.equal(checkpointSchedule(3), [0, 1, 2, 3]);
  assert.equal(checkpointSchedule(47).slice(-3), [30, 40, 47]);
});

const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as CheckpointIndex;

test(`the committed checkpoints and their index take less than ${BUDGET} bytes in all`, () => {
  assert.is(index.format, CHECKPOINT_FORMAT);
  let total = readFileSync(join(DIR, 'index.json')).byteLength;
  for (const c of index.checkpoints) {
    const bytes = readFileSync(join(DIR, c.file)).byteLength;
    assert.is(bytes, c.bytes, c.file);
    total += bytes;
  }
  assert.ok(total < BUDGET, `${total} bytes`);
  const labels = index.checkpoints.map((c) => c.label);
  assert.equal(labels.slice(0, 11), Array.from({ length: 11 }, (_, e) => `epoch ${e}`));
  assert.is(labels[labels.length - 1], 'final');
  assert.ok(labels.length >= 20, `${labels.length} checkpoints`);
});

/** The format as model/train/README.md states it, decoded without checkpoint-format.ts. */
function decodeAsDocumented(tensors: { shape: number[]; bits: number }[], file: Buffer): Float32Array[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let at = 8 * tensors.length;
  return tensors.map((t, k) => {
    const [min, scale] = [view.getFloat32(8 * k, true), view.getFloat32(8 * k + 4, true)];
    const n = t.shape.reduce((a, b) => a * b, 1);
    const codes = Array.from({ length: n }, (_, i) => (t.bits === 8 ? file[at + i] : i % 2 === 0 ? file[at + i / 2] & 15 : file[at + (i - 1) / 2] >> 4));
    at += Math.ceil((n * t.bits) / 8);
    return Float32Array.from(codes, (q) => min + q * scale);
  });
}

test('every committed checkpoint decodes, following the README alone, into the 10 tensors', () => {
  assert.is(index.tensors.length, 10);
  for (const c of index.checkpoints) {
    const file = readFileSync(join(DIR, c.file));
    assert.equal(decodeAsDocumented(index.tensors, file), decodeCheckpointArrays(index.tensors, new Uint8Array(file)), c.file);
  }
});

test('the final checkpoint is the shipped model up to quantisation', async () => {
  const model = await tf.loadLayersModel(fileLoader('assets/model/model.json'));
  const final = index.checkpoints.find((c) => c.label === 'final')!;
  const decoded = decodeCheckpointArrays(index.tensors, new Uint8Array(readFileSync(join(DIR, final.file))));
  model.trainableWeights.forEach((w, k) => {
    assert.is(index.tensors[k].name, w.originalName);
    const shipped = w.read().dataSync();
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of shipped) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const halfStep = (hi - lo) / (2 ** index.tensors[k].bits - 1) / 2;
    shipped.forEach((v, i) => assert.ok(Math.abs(v - decoded[k][i]) <= halfStep * 1.001 + 1e-7, `${w.originalName}[${i}]`));
  });
  model.dispose();
});

test.run();
