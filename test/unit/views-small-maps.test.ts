import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LayerInfo, ModelInfo, NetworkRun } from '../../components/shared/network-types';
import { buildReluData, cellAt, reluLayerNames, reluSentence } from '../../components/views/relu/relu-data';
import { buildPoolData, discardSentence, outputCellOf, poolBudget, poolLayerNames, poolSentence, windowAt } from '../../components/views/pool/pool-data';
import { formatNumber } from '../../components/shared/numbers';

/** A tiny network: 4×4×2 conv output → relu → 2×2 max pool; the values are chosen by hand. */
function tinyNetwork(pool: Partial<LayerInfo> = {}): { info: ModelInfo; run: NetworkRun } {
  const conv = Float32Array.from({ length: 32 }, (_, i) => ((i * 7) % 11) - 5 + (i % 2) * 0.5);
  const relu = conv.map((v) => Math.max(0, v));
  const layers: LayerInfo[] = [
    { name: 'input', kind: 'input', shape: [4, 4, 2] },
    { name: 'conv', kind: 'conv', shape: [4, 4, 2] },
    { name: 'relu', kind: 'relu', shape: [4, 4, 2] },
    { name: 'pool', kind: 'maxpool', shape: [2, 2, 2], poolSize: [2, 2], strides: [2, 2], padding: 'valid', ...pool },
  ];
  const pooled = new Float32Array(8);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) for (let k = 0; k < 2; k++) {
    let m = -Infinity;
    for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) m = Math.max(m, relu[((2 * r + dy) * 4 + 2 * c + dx) * 2 + k]);
    pooled[(r * 2 + c) * 2 + k] = m;
  }
  const info: ModelInfo = { url: 'tiny', layers, classNames: ['a', 'b'], params: {}, backend: 'cpu', backendReason: '' };
  const run: NetworkRun = { imageKey: 'example:x', values: [conv, conv, relu, pooled], logits: new Float32Array(2), probabilities: new Float32Array(2), inferenceMs: 0 };
  return { info, run };
}

test('relu data: the map before, the engine\'s map after, and how many values become 0', () => {
  const { info, run } = tinyNetwork();
  assert.equal(reluLayerNames(info), ['relu']);
  assert.is(buildReluData(info, run, 'conv', 0), null, 'not a ReLU layer');
  assert.is(buildReluData(info, run, 'relu', 2), null, 'no such channel');
  const d = buildReluData(info, run, 'relu', 1)!;
  assert.is(d.inputLayer.name, 'conv');
  let negatives = 0;
  for (let p = 0; p < 16; p++) {
    const x = run.values[1][p * 2 + 1];
    if (x < 0) negatives++;
    const cell = cellAt(d, { row: Math.floor(p / 4), col: p % 4 });
    assert.is(cell.x, x);
    assert.is(cell.relu, Math.max(0, x));
    assert.is(cell.engine, run.values[2][p * 2 + 1]);
  }
  assert.is(d.negatives, negatives);
  assert.is(d.histogram.reduce((a, b) => a + b.count, 0), 16, 'every value is in the histogram');
  assert.ok(d.domain.max >= Math.max(...Array.from(d.input, Math.abs)));
  assert.is(reluSentence({ row: 3, col: 4 }, -0.42, 0, (v) => formatNumber(v)), 'Cell (3, 4): max(0, \u22120.42) = 0.00, negative, set to 0.');
});

test('pool data: each window, its winner and the engine\'s output; who reads each input cell', () => {
  const { info, run } = tinyNetwork();
  assert.equal(poolLayerNames(info), ['pool']);
  const d = buildPoolData(info, run, 'pool', 1)!;
  assert.is(d.windows.length, 4);
  for (let o = 0; o < 4; o++) {
    const at = { row: Math.floor(o / 2), col: o % 2 };
    const win = windowAt(d, at);
    assert.ok('argmax' in win);
    if (!('argmax' in win)) continue;
    assert.is(win.cells.length, 4);
    assert.is(win.max, run.values[3][o * 2 + 1], `window ${o}`);
    assert.is(win.cells[win.argmax].value, win.max);
    assert.is(d.winners.reduce((a, b) => a + b, 0), 4, 'one winner per window');
    for (const cell of win.cells) assert.equal(outputCellOf(d, cell), at);
  }
  assert.match(poolSentence(d, { row: 1, col: 0 }, (v) => v.toFixed(1)), /^Window \(1, 0\): max\(.*\) = .*, from input \(\d, \d\)\.$/);
});

test('what pooling discards, from the shapes', () => {
  const g = { poolSize: [2, 2] as [number, number], strides: [2, 2] as [number, number], padding: 'valid' as const };
  assert.is(discardSentence(poolBudget([60, 60, 10], [30, 30, 10], g), 'max'),
    '3 of every 4 values are dropped: 3,600 → 900 for this map (36,000 → 9,000 over all 10 channels).');
  assert.is(discardSentence(poolBudget([26, 26, 10], [13, 13, 10], g), 'max'),
    '3 of every 4 values are dropped: 676 → 169 for this map (6,760 → 1,690 over all 10 channels).');
  assert.is(discardSentence(poolBudget([5, 4, 1], [2, 2, 1], g), 'max'),
    '3 of every 4 values are dropped: 20 → 4 for this map. The last row fits no window and is never read.');
  assert.match(discardSentence(poolBudget([7, 5, 1], [3, 2, 1], g), 'max'), /The last row and column fit no window and are never read\.$/);
  const overlapping = { poolSize: [3, 3] as [number, number], strides: [2, 2] as [number, number], padding: 'valid' as const };
  assert.match(discardSentence(poolBudget([7, 7, 1], [3, 3, 1], overlapping), 'max'), /^Each output keeps 1 of the 9 values under its window \(windows overlap\): 49 → 9/);
  assert.match(discardSentence(poolBudget([4, 4, 1], [2, 2, 1], g), 'avg'), /^Every 4 values are averaged into 1: 16 → 4/);
});

test('average pooling: the mean, no winner', () => {
  const { info, run } = tinyNetwork({ kind: 'avgpool' });
  const d = buildPoolData(info, run, 'pool', 0)!;
  assert.is(d.mode, 'avg');
  const win = windowAt(d, { row: 0, col: 0 });
  assert.not.ok('argmax' in win);
  assert.is(d.winners.reduce((a, b) => a + b, 0), 0);
});

test.run();
