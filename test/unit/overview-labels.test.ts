import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnsOf, type LayerShape } from '../../components/overview/layout';
import { blockPlaces, estimateTextWidth, INFO_WIDTH, LABEL_GUTTER, planLabels } from '../../components/overview/column-labels';
import { outputWidthFor, wideGeometry } from '../../components/overview/wide-geometry';

const TINY_VGG: LayerShape[] = [
  { name: 'input', kind: 'input', shape: [64, 64, 3] },
  ...[['conv_1_1', 'conv', 62], ['relu_1_1', 'relu', 62], ['conv_1_2', 'conv', 60], ['relu_1_2', 'relu', 60], ['max_pool_1', 'maxpool', 30],
    ['conv_2_1', 'conv', 28], ['relu_2_1', 'relu', 28], ['conv_2_2', 'conv', 26], ['relu_2_2', 'relu', 26], ['max_pool_2', 'maxpool', 13]]
    .map(([name, kind, s]) => ({ name: name as string, kind: kind as LayerShape['kind'], shape: [s as number, s as number, 10] })),
  { name: 'flatten', kind: 'flatten', shape: [1690] },
  { name: 'output', kind: 'dense', shape: [10] },
];
const COLS = columnsOf(TINY_VGG);
const measure = estimateTextWidth;

/** Every label's widest line (the last one carries the ⓘ), as the browser would lay it out. */
function widths(plan: ReturnType<typeof planLabels>): number[] {
  return plan.labels.map((l) => Math.max(...l.lines.map((line, i) => measure(line) + (i === l.lines.length - 1 ? INFO_WIDTH : 0)), l.shape && l.shapeRow === undefined ? measure(l.shape) : 0));
}

test('block places come from layer kinds: conv 1·1 … pool 1, then block 2', () => {
  assert.equal(blockPlaces(COLS), ['', '1·1', '1·1', '1·2', '1·2', '1', '2·1', '2·1', '2·2', '2·2', '2', '']);
});

test('a wide figure shows the layers\' own names; a narrow one, kind over block·place', () => {
  const roomy = planLabels(COLS, 100, 230, false, measure);
  assert.is(roomy.tier, 'name');
  assert.equal(roomy.labels[5].lines, ['max_pool_1']);
  const tight = planLabels(COLS, 62, 170, false, measure);
  assert.is(tight.tier, 'kind');
  assert.equal(tight.labels[5].lines, ['max pool', '1']);
  assert.equal(tight.labels[3].lines, ['conv', '1·2']);
  const tighter = planLabels(COLS, 44, 132, false, measure);
  assert.is(tighter.tier, 'short');
  assert.equal(tighter.labels[10].lines, ['pool', '2']);
  assert.ok(tighter.height > roomy.height, 'two lines take more height than one');
  const tightest = planLabels(COLS, 34, 132, false, measure);
  assert.is(tightest.tier, 'stacked');
  assert.equal(tightest.labels[3].lines, ['conv', '1·2', ''], 'the ⓘ gets a line of its own');
  for (const plan of [roomy, tight, tighter]) assert.ok(plan.labels.every((l, i) => l.full === (COLS[i].kind === 'output' ? 'output' : COLS[i].name)), 'the full name stays the title');
});

test('labels planned for a spacing never run into each other, at every figure width', () => {
  for (const width of [585, 640, 749, 808, 851, 1024, 1280, 1424]) {
    for (const detail of [false, true]) {
      const geo = wideGeometry(COLS, { width, detail, legends: detail, measure });
      const w = widths(geo.labels);
      const centre = (i: number) => geo.layout.columnX[i] + (COLS[i].kind === 'output' ? geo.layout.outputWidth / 2 : geo.layout.mapSize / 2);
      for (let i = 1; i < COLS.length; i++) {
        const gap = centre(i) - w[i] / 2 - (centre(i - 1) + w[i - 1] / 2);
        assert.ok(gap >= LABEL_GUTTER - 0.5, `${width}px${detail ? ' with detail' : ''}: ${COLS[i - 1].name} and ${COLS[i].name} are ${gap.toFixed(1)} px apart`);
      }
      // Shapes on alternating rows only meet the shapes of their own row, two columns away.
      const shapes = geo.labels.labels.map((l, i) => ({ i, row: l.shapeRow, w: l.shapeRow === undefined ? 0 : measure(l.shape) })).filter((x) => x.row !== undefined);
      for (const a of shapes) {
        const b = shapes.find((x) => x.i === a.i + 2 && x.row === a.row);
        if (b) assert.ok(centre(b.i) - b.w / 2 - (centre(a.i) + a.w / 2) >= LABEL_GUTTER - 0.5, `${width}px: shapes of ${COLS[a.i].name} and ${COLS[b.i].name} overprint`);
      }
      assert.ok(centre(0) - w[0] / 2 >= 0, `${width}px: the first label starts inside the figure`);
      assert.ok(centre(COLS.length - 1) + w[w.length - 1] / 2 <= width, `${width}px: the last label ends inside the figure`);
    }
  }
});

test('detail shapes take the longest form that fits: (62, 62, 10) when roomy, 62×62 when tight', () => {
  assert.is(planLabels(COLS, 100, 230, true, measure).labels[1].shape, '(62, 62, 10)');
  assert.is(planLabels(COLS, 44, 132, true, measure).labels[1].shape, '62×62');
  assert.is(planLabels(COLS, 44, 132, true, measure).labels[11].shape, '10', 'every column takes the same form');
  const staggered = planLabels(COLS, 38, 132, true, measure);
  assert.equal(staggered.labels.slice(0, 3).map((l) => [l.shape, l.shapeRow]), [['(64, 64, 3)', 0], ['(62, 62, 10)', 1], ['(62, 62, 10)', 0]], 'too tight for one row: shapes alternate rows, in full');
});

test('in a bounded height the maps shrink to fit it, and spread over the width', () => {
  const free = wideGeometry(COLS, { width: 851, detail: false, legends: true, measure });
  const bounded = wideGeometry(COLS, { width: 851, height: 300, detail: false, legends: true, measure });
  assert.ok(bounded.height <= 300, `the network takes ${bounded.height} px of 300`);
  assert.ok(bounded.layout.mapSize < free.layout.mapSize);
  assert.ok(bounded.layout.pitch >= bounded.layout.mapSize * 1.4, 'the columns keep room between them');
  assert.ok(free.layout.outputX + free.layout.outputWidth <= 851);
});

test('narrower figures give the output column a smaller share', () => {
  assert.is(outputWidthFor(1424), 230);
  assert.is(outputWidthFor(585), 132);
  assert.ok(outputWidthFor(851) < 230);
});

test.run();
