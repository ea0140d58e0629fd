import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldExtent, spanLength, spanThroughWindow, traceField, type FieldStep } from '../../model/ops/receptive-field';
import { fieldReaches, fieldSteps, layerSizes, strongestValue, traceValue } from '../../components/overview/field-trace';
import type { LayerInfo } from '../../components/shared/network-types';

/** Tiny VGG as the engine describes it: 3 × 3 valid convolutions, 2 × 2 pools of stride 2. */
const conv = (name: string, s: number): LayerInfo => ({ name, kind: 'conv', shape: [s, s, 10], kernelSize: [3, 3], strides: [1, 1], padding: 'valid' });
const relu = (name: string, s: number): LayerInfo => ({ name, kind: 'relu', shape: [s, s, 10] });
const pool = (name: string, s: number): LayerInfo => ({ name, kind: 'maxpool', shape: [s, s, 10], poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
const TINY_VGG: LayerInfo[] = [
  { name: 'input', kind: 'input', shape: [64, 64, 3] },
  conv('conv_1_1', 62), relu('relu_1_1', 62), conv('conv_1_2', 60), relu('relu_1_2', 60), pool('max_pool_1', 30),
  conv('conv_2_1', 28), relu('relu_2_1', 28), conv('conv_2_2', 26), relu('relu_2_2', 26), pool('max_pool_2', 13),
  { name: 'flatten', kind: 'flatten', shape: [1690] },
  { name: 'output', kind: 'dense', shape: [10] },
  { name: 'output/softmax', kind: 'softmax', shape: [10] },
];
const index = (name: string) => TINY_VGG.findIndex((l) => l.name === name);

/** The width and height, in input pixels, of the field of the value at (row, col) of a layer. */
function inputField(layers: LayerInfo[], layer: number, row: number, col: number): [number, number] {
  const r = traceValue(layers, { layer, channel: 0, row, col }).rects[0];
  return [spanLength(r.rows), spanLength(r.cols)];
}

test('a conv_1_1 value sees 3 × 3 pixels and a conv_1_2 value 5 × 5, as counted by hand', () => {
  assert.equal(inputField(TINY_VGG, index('conv_1_1'), 10, 10), [3, 3]);
  assert.equal(inputField(TINY_VGG, index('relu_1_1'), 10, 10), [3, 3], 'ReLU adds nothing');
  assert.equal(inputField(TINY_VGG, index('conv_1_2'), 10, 10), [5, 5]);
});

test('each deeper Tiny VGG layer widens the field: 6, 10, 14 and finally 16 × 16 input pixels', () => {
  assert.equal(inputField(TINY_VGG, index('max_pool_1'), 5, 5), [6, 6]);
  assert.equal(inputField(TINY_VGG, index('conv_2_1'), 5, 5), [10, 10]);
  assert.equal(inputField(TINY_VGG, index('conv_2_2'), 5, 5), [14, 14]);
  assert.equal(inputField(TINY_VGG, index('max_pool_2'), 6, 6), [16, 16]);
  for (let p = 0; p < 13; p++) assert.equal(inputField(TINY_VGG, index('max_pool_2'), p, 12 - p), [16, 16], 'valid padding: every value sees as much');
});

test('a max_pool_2 value\'s field lies where the hand count puts it in every layer', () => {
  // Value (6, 3): 2 × 2 from (12, 6) in relu_2_2; 4 × 4 in relu_2_1; 6 × 6 in max_pool_1;
  // 12 × 12 from (24, 12) in relu_1_2; 14 × 14 in relu_1_1; 16 × 16 from (24, 12) in the input.
  const { rects } = traceValue(TINY_VGG, { layer: index('max_pool_2'), channel: 4, row: 6, col: 3 });
  const at = (name: string) => { const r = rects[index(name)]; return [r.rows.first, r.cols.first, spanLength(r.rows), spanLength(r.cols)]; };
  assert.equal(at('max_pool_2'), [6, 3, 1, 1]);
  assert.equal(at('relu_2_2'), [12, 6, 2, 2]);
  assert.equal(at('conv_2_2'), [12, 6, 2, 2]);
  assert.equal(at('relu_2_1'), [12, 6, 4, 4]);
  assert.equal(at('max_pool_1'), [12, 6, 6, 6]);
  assert.equal(at('relu_1_2'), [24, 12, 12, 12]);
  assert.equal(at('relu_1_1'), [24, 12, 14, 14]);
  assert.equal(at('input'), [24, 12, 16, 16]);
});

test('a value reaches one channel through ReLU and pooling, and every channel before a convolution', () => {
  const field = traceValue(TINY_VGG, { layer: index('max_pool_2'), channel: 4, row: 0, col: 0 });
  assert.equal(field.channels[index('relu_2_2')], [4]);
  assert.equal(field.channels[index('conv_2_2')], [4]);
  assert.is(field.channels[index('relu_2_1')], null);
  assert.ok(fieldReaches(field, index('conv_2_2'), 4));
  assert.not.ok(fieldReaches(field, index('conv_2_2'), 5));
  assert.ok(fieldReaches(field, index('input'), 2));
  assert.not.ok(fieldReaches(field, index('output'), 0), 'nothing after the value');
});

test('a class score depends on every input pixel', () => {
  assert.equal(inputField(TINY_VGG, index('output'), 0, 6), [64, 64]);
  assert.equal(layerSizes(TINY_VGG)[index('output')], [1, 10]);
});

test('stride-2 convolutions double the step of each wider layer: 3, then 7, then 15 pixels', () => {
  const layers: LayerInfo[] = [
    { name: 'x', kind: 'input', shape: [33, 33, 1] },
    { name: 'a', kind: 'conv', shape: [16, 16, 4], kernelSize: [3, 3], strides: [2, 2], padding: 'valid' },
    { name: 'b', kind: 'conv', shape: [7, 7, 4], kernelSize: [3, 3], strides: [2, 2], padding: 'valid' },
    { name: 'c', kind: 'conv', shape: [3, 3, 4], kernelSize: [3, 3], strides: [2, 2], padding: 'valid' },
  ];
  assert.equal(inputField(layers, 1, 5, 5), [3, 3]);
  assert.equal(inputField(layers, 2, 3, 3), [7, 7]);
  assert.equal(inputField(layers, 3, 1, 1), [15, 15]);
  // c(1, 1) reads b rows 2…4, which read a rows 4…10, which read x rows 8…22.
  const r = traceValue(layers, { layer: 3, channel: 0, row: 1, col: 1 }).rects;
  assert.equal([r[2].rows, r[1].rows, r[0].rows], [{ first: 2, last: 4 }, { first: 4, last: 10 }, { first: 8, last: 22 }]);
  assert.is(fieldExtent([{ kernel: 3, stride: 2 }, { kernel: 3, stride: 2 }, { kernel: 3, stride: 2 }]), 15);
  assert.is(fieldExtent([{ kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }, { kernel: 2, stride: 2 }, { kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }, { kernel: 2, stride: 2 }]), 16, 'Tiny VGG by the formula');
});

test('same padding clips the field at the border, where padding cells hold no pixels', () => {
  const steps: (FieldStep | null)[] = [null, { kind: 'window', window: [3, 3], strides: [1, 1], padding: 'same' }, { kind: 'window', window: [3, 3], strides: [2, 2], padding: 'same' }];
  const sizes: [number, number][] = [[8, 8], [8, 8], [4, 4]];
  const corner = traceField(steps, sizes, 1, 0, 0)[0];
  assert.equal([spanLength(corner.rows), spanLength(corner.cols)], [2, 2], 'a corner value of a 3 × 3 same conv sees 2 × 2 pixels');
  const inner = traceField(steps, sizes, 1, 4, 4)[0];
  assert.equal([inner.rows.first, spanLength(inner.rows)], [3, 3]);
  // Second step: out 4 from in 8, stride 2, total padding (4 − 1) · 2 + 3 − 8 = 1, none before.
  assert.equal(spanThroughWindow({ first: 3, last: 3 }, 8, 3, 2, 'same'), { first: 6, last: 7 }, 'the window runs into the padding after the end');
  assert.equal(traceField(steps, sizes, 2, 3, 3)[0].rows, { first: 5, last: 7 });
});

test('fields come from layer kinds, not names: a renamed average-pooling model traces the same way', () => {
  const layers: LayerInfo[] = [
    { name: 'pixels', kind: 'input', shape: [8, 8, 3] },
    { name: 'smooth', kind: 'avgpool', shape: [4, 4, 3], poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
    { name: 'clip', kind: 'relu', shape: [4, 4, 3] },
  ];
  assert.equal(fieldSteps(layers).map((s) => s?.kind ?? null), [null, 'window', 'elementwise']);
  const field = traceValue(layers, { layer: 2, channel: 1, row: 3, col: 0 });
  assert.equal(field.rects[0], { rows: { first: 6, last: 7 }, cols: { first: 0, last: 1 } });
  assert.equal(field.channels, [[1], [1], [1]], 'pooling keeps to one channel, all the way to the input');
});

test('bad places are refused with a message, not traced', () => {
  assert.throws(() => traceValue(TINY_VGG, { layer: index('conv_1_1'), channel: 0, row: 62, col: 0 }), /outside a 62 × 62 layer/);
  assert.throws(() => traceValue(TINY_VGG, { layer: 99, channel: 0, row: 0, col: 0 }), /Layer 99/);
});

test('the strongest value of a channel is found, the first one on a tie', () => {
  const values = new Float32Array([1, 9, 5, 9, 7, 0, 9, 2]); // 2 × 2 × 2
  assert.equal(strongestValue(values, [2, 2, 2], 1), { row: 0, col: 0, value: 9 });
  assert.equal(strongestValue(values, [2, 2, 2], 0), { row: 1, col: 1, value: 9 });
});

test.run();
