import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allEdges, columnsOf, edgesInto, wideLayout, type LayerShape } from '../../components/overview/layout';

const TINY_VGG: LayerShape[] = [
  { name: 'input', kind: 'input', shape: [64, 64, 3] },
  { name: 'conv_1_1', kind: 'conv', shape: [62, 62, 10] },
  { name: 'relu_1_1', kind: 'relu', shape: [62, 62, 10] },
  { name: 'conv_1_2', kind: 'conv', shape: [60, 60, 10] },
  { name: 'relu_1_2', kind: 'relu', shape: [60, 60, 10] },
  { name: 'max_pool_1', kind: 'maxpool', shape: [30, 30, 10] },
  { name: 'conv_2_1', kind: 'conv', shape: [28, 28, 10] },
  { name: 'relu_2_1', kind: 'relu', shape: [28, 28, 10] },
  { name: 'conv_2_2', kind: 'conv', shape: [26, 26, 10] },
  { name: 'relu_2_2', kind: 'relu', shape: [26, 26, 10] },
  { name: 'max_pool_2', kind: 'maxpool', shape: [13, 13, 10] },
  { name: 'flatten', kind: 'flatten', shape: [1690] },
  { name: 'output', kind: 'dense', shape: [10] },
  { name: 'output', kind: 'softmax', shape: [10] },
];

test('Tiny VGG lays out as input, ten hidden columns and the output', () => {
  const cols = columnsOf(TINY_VGG);
  assert.is(cols.length, 12);
  assert.equal(cols.map((c) => c.kind).slice(0, 3), ['input', 'conv', 'relu']);
  assert.is(cols[0].count, 3);
  assert.is(cols[11].kind, 'output');
  assert.is(cols[11].count, 10);
});

test('columns come from kinds and shapes, so renamed and reshaped models lay out too', () => {
  const other: LayerShape[] = [
    { name: 'x', kind: 'input', shape: [32, 32, 1] },
    { name: 'a', kind: 'conv', shape: [30, 30, 4] },
    { name: 'b', kind: 'avgpool', shape: [15, 15, 4] },
    { name: 'c', kind: 'flatten', shape: [900] },
    { name: 'd', kind: 'dense', shape: [3] },
  ];
  const cols = columnsOf(other);
  assert.equal(cols.map((c) => [c.name, c.kind, c.count]), [['x', 'input', 1], ['a', 'conv', 4], ['b', 'avgpool', 4], ['d', 'output', 3]]);
});

test('a convolution reads every map before it; ReLU and pooling read one channel', () => {
  const cols = columnsOf(TINY_VGG);
  assert.is(edgesInto(cols, 1).length, 3 * 10);
  assert.is(edgesInto(cols, 3).length, 10 * 10);
  const relu = edgesInto(cols, 2);
  assert.is(relu.length, 10);
  assert.ok(relu.every((e) => e.from.channel === e.to.channel));
  assert.is(edgesInto(cols, 11).length, 10 * 10, 'every class reads every map of the last pool');
  assert.is(allEdges(cols).length, 30 + 10 + 100 + 10 + 10 + 100 + 10 + 100 + 10 + 10 + 100);
});

test('the wide layout fits the width, keeps maps square and never overlaps them', () => {
  for (const width of [900, 1100, 1440]) {
    const cols = columnsOf(TINY_VGG);
    const l = wideLayout(cols, { width });
    assert.ok(l.outputX + l.outputWidth <= width, `fits ${width}`);
    for (const column of l.boxes.slice(0, -1)) {
      for (let i = 1; i < column.length; i++) assert.ok(column[i].y >= column[i - 1].y + column[i - 1].size, 'no vertical overlap');
    }
    for (let c = 1; c < l.columnX.length; c++) assert.ok(l.columnX[c] >= l.columnX[c - 1] + l.mapSize, 'no horizontal overlap');
    assert.ok(l.mapSize >= 24);
  }
});

test('wider screens get larger maps, up to a limit', () => {
  const cols = columnsOf(TINY_VGG);
  const a = wideLayout(cols, { width: 900 }).mapSize;
  const b = wideLayout(cols, { width: 1400 }).mapSize;
  assert.ok(b > a);
  assert.ok(wideLayout(cols, { width: 5000 }).mapSize <= 64);
});

test.run();
