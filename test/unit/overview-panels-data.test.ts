import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clampPatch, liveliestPatch, neuronKernels, readPatch, toByte } from '../../components/overview/panels/panel-data';
import { fitGrid } from '../../components/overview/panels/grid-fit';
import { fitKernels, MIN_NUMBER_HEIGHT, MIN_NUMBER_WIDTH, weightText } from '../../components/overview/panels/kernel-panel';
import { numbersLayout, whiteInkOn } from '../../components/overview/panels/numbers-panel';
import { miniGeometry } from '../../components/overview/compact-templates';
import { stackHeight } from '../../components/overview/layout';
import { buildColumns } from '../../components/overview/overview-view';
import { estimateTextWidth } from '../../components/overview/column-labels';
import type { ModelInfo } from '../../components/shared/network-types';

/** A small model: input 4 × 4 × 2, a 3 × 3 conv to 3 channels, its ReLU, a 2 × 2 pool, a dense layer. */
function tinyModel(): ModelInfo {
  const [kh, kw, cin, cout] = [3, 3, 2, 3];
  const kernel = new Float32Array(kh * kw * cin * cout).map((_, i) => (i % 7) / 10 - 0.3);
  return {
    url: 'test://tiny',
    layers: [
      { name: 'in', kind: 'input', shape: [4, 4, 2] },
      { name: 'c', kind: 'conv', shape: [2, 2, 3], kernelSize: [3, 3], strides: [1, 1], padding: 'valid' },
      { name: 'r', kind: 'relu', shape: [2, 2, 3] },
      { name: 'p', kind: 'maxpool', shape: [1, 1, 3], poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
      { name: 'f', kind: 'flatten', shape: [3] },
      { name: 'd', kind: 'dense', shape: [2] },
    ],
    classNames: ['a', 'b'],
    params: {
      c: { kernelShape: [kh, kw, cin, cout], kernel, bias: new Float32Array([0.5, -0.25, 0.125]) },
      d: { kernelShape: [3, 2], kernel: new Float32Array(6), bias: new Float32Array(2) },
    },
    backend: 'cpu',
    backendReason: '',
  };
}

test('a neuron\'s kernels are its weights, one grid per input channel, read in TF\'s [kh, kw, cin, cout] order', () => {
  const info = tinyModel();
  const k = neuronKernels(info, 1, 2)!;
  const w = info.params.c.kernel;
  assert.is(k.kernels.length, 2);
  for (let ci = 0; ci < 2; ci++) {
    for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
      assert.is(k.kernels[ci][ky * 3 + kx], w[((ky * 3 + kx) * 2 + ci) * 3 + 2], `weight (${ky}, ${kx}) on channel ${ci}`);
    }
  }
  assert.is(k.bias, 0.125);
  assert.is(k.source.name, 'in');
  assert.is(k.via, null);
  const peak = Math.max(...k.kernels.flatMap((g) => [...g].map(Math.abs)));
  assert.equal([k.domain.min, k.domain.max], [-peak, peak], 'colours span this neuron\'s largest weight');
});

test('a ReLU or pooling map leads back to the neuron of the convolution before it; the input and output have none', () => {
  const info = tinyModel();
  const viaRelu = neuronKernels(info, 2, 1)!;
  assert.is(viaRelu.conv.name, 'c');
  assert.is(viaRelu.via!.name, 'r');
  assert.is(neuronKernels(info, 3, 1)!.via!.name, 'p');
  assert.is(neuronKernels(info, 0, 0), null);
  assert.is(neuronKernels(info, 5, 0), null);
  assert.is(neuronKernels(info, 1, 3), null, 'no such neuron');
});

test('a patch is read row by row from one channel and kept inside the map', () => {
  // 3 × 3 × 2 map: channel 0 holds 0…8, channel 1 holds 10…18.
  const values = new Float32Array(18).map((_, i) => (i % 2 === 0 ? i / 2 : 10 + (i - 1) / 2));
  assert.equal(readPatch(values, [3, 3, 2], 1, 1, 1, 2), { row: 1, col: 1, size: 2, values: [14, 15, 17, 18] });
  assert.equal(readPatch(values, [3, 3, 2], 0, 2, 2, 2).values, [4, 5, 7, 8], 'a patch past the edge moves back inside');
  assert.equal(clampPatch(-3, 9, 4, 10, 10), { row: 0, col: 6 });
});

test('the liveliest patch is the one with the widest spread, the middle one on a tie', () => {
  const flat = new Float32Array(36).fill(0.5);
  assert.equal(liveliestPatch(flat, [6, 6, 1], 0, 2), { row: 2, col: 2 });
  const edge = new Float32Array(36).fill(0.5);
  edge[5 * 6 + 0] = 1; // one bright pixel at row 5, column 0
  assert.equal(liveliestPatch(edge, [6, 6, 1], 0, 2), { row: 4, col: 0 });
});

test('an input value becomes the byte it was stored as', () => {
  assert.equal([0, 1 / 255, 0.5, 128 / 255, 1, 1.2, -0.1].map(toByte), [0, 1, 128, 128, 255, 255, 0]);
});

test('kernels on a phone are written out in cells wide enough for "−.31"', () => {
  for (const [w, h] of [[356, 290], [326, 250], [569, 211], [835, 250]]) {
    const fit = fitKernels(10, 3, 3, { width: w, height: h });
    assert.ok(fit.cellW >= MIN_NUMBER_WIDTH && fit.cellH >= MIN_NUMBER_HEIGHT, `${w}×${h}: cells ${fit.cellW}×${fit.cellH}`);
    const rows = Math.ceil(10 / fit.perRow);
    assert.ok(fit.perRow * (3 * fit.cellW + 4) + (fit.perRow - 1) * 6 <= w, `${w}×${h}: fits the width`);
    assert.ok(rows * (3 * fit.cellH + 4 + (fit.captions ? 14 : 0)) + (rows - 1) * 6 <= h, `${w}×${h}: fits the height`);
  }
  assert.not.ok(fitKernels(10, 3, 3, { width: 200, height: 100 }).cellW >= MIN_NUMBER_WIDTH, 'too small: colours only');
  assert.is(weightText(-0.3125, 30), '\u2212.31');
  assert.is(weightText(0.04, 40), '0.04');
});

test('tiles fill the box: four squares become a 2 × 2 grid in a square box and a row in a wide one', () => {
  assert.equal(fitGrid({ count: 4, width: 300, height: 300, gap: 0 }), { perRow: 2, rows: 2, cell: 150, width: 300, height: 300 });
  assert.is(fitGrid({ count: 4, width: 800, height: 200, gap: 0 }).perRow, 4);
});

test('a patch table keeps two-line cells readable and shrinks the patch in a short box', () => {
  const roomy = numbersLayout(true, { width: 356, height: 300 });
  assert.is(roomy.patchSize, 6);
  assert.ok(roomy.cellW >= 34 && roomy.cellH >= 30);
  assert.is(numbersLayout(true, { width: 356, height: 140 }).patchSize, 4);
  assert.ok(whiteInkOn('rgb(0, 40, 0)') && !whiteInkOn('rgb(255, 0, 0)') && whiteInkOn('rgb(0, 0, 255)'), 'ink by luminance');
});

test('the miniature fits every column of Tiny VGG into a phone\'s box', () => {
  const cols = buildColumns(null, null, 'unit');
  for (const [w, h] of [[356, 370], [326, 310]]) {
    const g = miniGeometry(cols, w, h, estimateTextWidth);
    assert.ok(g.outputX + g.outputW <= w, `${w}: the output column fits`);
    assert.ok(g.labelH + stackHeight(10, g.map) + 18 <= h, `${h}: the maps and the top class fit`);
    assert.ok(g.map >= 16, `maps are ${g.map} px`);
  }
});

test.run();
