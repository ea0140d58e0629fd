import { test } from 'uvu';
import * as assert from 'uvu/assert';
import katex from 'katex';
import { buildHyperData, type HyperSettings } from '../../components/views/hyperparameters/hyper-data';
import { sizeLineTex, sizeTex } from '../../components/views/hyperparameters/hyper-explain';
import { hyperFitLayout, type HyperSubject } from '../../components/views/hyperparameters/hyper-fit';
import { convFitLayout, type ConvDims } from '../../components/views/conv/conv-fit-layout';
import { moveInSheet, type KernelSheet } from '../../components/views/conv/kernel-sheet';

const settings = (s: Partial<HyperSettings>): HyperSettings => ({ inputSize: 7, padding: 0, kernelSize: 3, stride: 1, dilation: 1, ...s });
const dataOf = (s: Partial<HyperSettings>) => {
  const st = settings(s);
  return buildHyperData(st, new Float32Array(st.inputSize * st.inputSize).fill(0.5));
};

test('the size formula is written as the article writes it: n + 2p − k when d = 1', () => {
  const tex = sizeTex(dataOf({ padding: 1 }));
  katex.renderToString(tex, { throwOnError: true, displayMode: true });
  assert.ok(tex.includes('\\frac{n + 2p - k}{s}'), tex);
  assert.ok(tex.includes('\\frac{7 + 2 \\cdot 1 - 3}{1}'), tex);
  assert.ok(tex.includes('\\frac{6}{1} \\right\\rfloor + 1 = 7'), tex);
  assert.not.ok(tex.includes('d('), 'no dilation term when d = 1');
  const line = sizeLineTex(dataOf({ kernelSize: 5 }));
  katex.renderToString(line, { throwOnError: true });
  assert.is(line, 'n_{\\text{out}} = \\lfloor (7 + 2 \\cdot 0 - 5) / 1 \\rfloor + 1 = 3');
});

test('with a dilation, the span d(k − 1) + 1 takes the place of k, as in the article', () => {
  const tex = sizeTex(dataOf({ dilation: 2 }));
  katex.renderToString(tex, { throwOnError: true, displayMode: true });
  assert.ok(tex.includes('\\frac{n + 2p - d(k - 1) - 1}{s}'), tex);
  assert.ok(tex.includes('\\frac{7 + 2 \\cdot 0 - 2 \\cdot (3 - 1) - 1}{1}'), tex);
  assert.ok(tex.endsWith('+ 1 = 3 \\end{aligned}'), tex);
  assert.is(sizeLineTex(dataOf({ dilation: 2, stride: 2 })), 'n_{\\text{out}} = \\lfloor (7 + 2 \\cdot 0 - 2 \\cdot (3 - 1) - 1) / 2 \\rfloor + 1 = 2');
});

const BOXES = { desktop: [851, 836], laptop: [585, 704], phone: [366, 424], narrow: [336, 365] } as const;

test('the playground\'s grids fit each stage box, and the subject\'s grid gets the room', () => {
  const cases: [HyperSubject, Partial<HyperSettings>][] = [['formula', {}], ['padding', { padding: 1 }], ['kernel', { kernelSize: 5 }], ['stride', { stride: 2 }]];
  for (const [name, [w, h]] of Object.entries(BOXES)) {
    for (const [subject, s] of cases) {
      const d = dataOf(s);
      const room = h - (subject === 'formula' ? 190 : 90);
      const l = hyperFitLayout(subject, w, room, d.paddedSize, d.outSize);
      const a = d.paddedSize * (l.inCell + 1) + 1;
      const b = d.outSize * (l.outCell + 1) + 1;
      const width = l.side ? a + 16 + b : Math.max(a, b);
      assert.ok(width <= w, `${name} ${subject}: ${width} px wide in ${w}`);
      assert.ok(l.given <= room, `${name} ${subject}: ${l.given} px tall in ${room}`);
      assert.ok(l.inCell >= (subject === 'formula' ? 16 : 20), `${name} ${subject}: input cells of ${l.inCell} px`);
      if (subject === 'padding') assert.ok(l.padZeros, `${name}: the ring of zeros is printed`);
      if (subject === 'stride') assert.ok(l.outCell > l.inCell, `${name}: the output is the larger grid`);
      if (subject === 'padding' || subject === 'kernel') assert.ok(l.inCell > l.outCell, `${name}: the input is the larger grid`);
    }
  }
});

const CONV_1_1: ConvDims = { cin: 3, cout: 10, kh: 3, kw: 3, picture: true };
const CONV_1_2: ConvDims = { cin: 10, cout: 10, kh: 3, kw: 3, picture: false };

test('the conv view shows one input channel at a time on a phone, every row on a laptop or a desktop', () => {
  for (const [name, [w, h]] of Object.entries(BOXES)) {
    // Above the subject: the bar (and on a wide box the playback, the legends and the readout).
    const room = h - (w < 560 ? 45 : 200);
    const l = convFitLayout('window', w, room, CONV_1_1);
    assert.is(l.kind, w < 560 ? 'single' : 'rows', name);
    assert.ok(l.given <= room, `${name}: ${l.given} px tall`);
    if (l.kind === 'single') {
      assert.ok(2 * l.map + 12 <= w && l.map >= 150, `${name}: two maps of ${l.map} px side by side`);
      assert.ok(l.numbers, `${name}: the kernel prints its weights`);
    }
  }
});

test('kernels print their weights wherever three fit side by side, and the maps stay large', () => {
  for (const [name, [w, h]] of Object.entries(BOXES)) {
    const l = convFitLayout('kernel', w, h - 45, CONV_1_1);
    if (l.kind !== 'kernels') throw new Error(name);
    assert.is(l.cols, 3, name);
    assert.ok(l.numbers, `${name}: cells of ${l.cell} px`);
    assert.ok(3 * (3 * l.cell + 4) + 2 * 8 <= w, `${name}: the kernels fit across`);
    assert.ok(l.map >= 140 && l.given <= h - 45, `${name}: maps of ${l.map} px, ${l.given} px tall`);
    const many = convFitLayout('kernel', w, h - 45, CONV_1_2);
    if (many.kind !== 'kernels') throw new Error(name);
    assert.ok(many.given <= h - 45 && many.cols * (3 * many.cell + 4) + (many.cols - 1) * 8 <= w, `${name}: ten kernels fit`);
  }
});

test('the sum keeps its rows for three channels and turns many channels into tiles on a phone', () => {
  for (const [name, [w, h]] of Object.entries(BOXES)) {
    const room = h - 170;
    const three = convFitLayout('sum', w, room, CONV_1_1);
    assert.is(three.kind, 'rows', name);
    assert.ok(three.given <= room, `${name}: ${three.given} of ${room}`);
    const ten = convFitLayout('sum', w, room, CONV_1_2);
    assert.is(ten.kind, w < 560 ? 'tiles' : 'rows', name);
    assert.ok(ten.given <= room, `${name}: ten channels, ${ten.given} of ${room}`);
  }
});

test('the grid of every kernel of conv_1_2 (100 of them, and 10 biases) fits each box', () => {
  for (const [name, [w, h]] of Object.entries(BOXES)) {
    const l = convFitLayout('count', w, h - 120, CONV_1_2);
    if (l.kind !== 'count') throw new Error(name);
    const tile = 3 * l.cell + 2;
    assert.ok(26 + 10 * (tile + l.gap) + 10 + 2 * l.cell <= w, `${name}: ${l.cell} px cells fit across`);
    assert.ok(l.given <= h - 120, `${name}: ${l.given} px tall`);
    assert.ok(l.cell >= 5, `${name}: cells of ${l.cell} px`);
  }
});

test('arrow keys move across a sheet of kernels: from one kernel into the next, stopping at the edges', () => {
  const row: KernelSheet = { channels: [0, 1, 2], cols: 3, kh: 3, kw: 3 };
  assert.equal(moveInSheet(row, { ci: 0, ky: 1, kx: 2 }, 'ArrowRight'), { ci: 1, ky: 1, kx: 0 });
  assert.equal(moveInSheet(row, { ci: 1, ky: 0, kx: 0 }, 'ArrowLeft'), { ci: 0, ky: 0, kx: 2 });
  assert.equal(moveInSheet(row, { ci: 2, ky: 2, kx: 2 }, 'ArrowDown'), { ci: 2, ky: 2, kx: 2 }, 'the bottom edge holds');
  const column: KernelSheet = { channels: [0, 1, 2], cols: 1, kh: 3, kw: 3 };
  assert.equal(moveInSheet(column, { ci: 0, ky: 2, kx: 1 }, 'ArrowDown'), { ci: 1, ky: 0, kx: 1 });
  assert.equal(moveInSheet(column, { ci: 0, ky: 0, kx: 2 }, 'ArrowRight'), { ci: 0, ky: 0, kx: 2 }, 'the right edge holds');
  const grid: KernelSheet = { channels: [0, 1, 2, 3, 4], cols: 3, kh: 3, kw: 3 };
  assert.equal(moveInSheet(grid, { ci: 1, ky: 2, kx: 0 }, 'ArrowDown'), { ci: 4, ky: 0, kx: 0 });
  assert.equal(moveInSheet(grid, { ci: 2, ky: 2, kx: 0 }, 'ArrowDown'), { ci: 2, ky: 2, kx: 0 }, 'no kernel below: stay');
  const one: KernelSheet = { channels: [2], cols: 1, kh: 3, kw: 3 };
  assert.equal(moveInSheet(one, { ci: 2, ky: 2, kx: 2 }, 'ArrowDown'), { ci: 2, ky: 2, kx: 2 });
  assert.is(moveInSheet(one, { ci: 0, ky: 0, kx: 0 }, 'ArrowDown'), null, 'a kernel not on show');
  assert.is(moveInSheet(row, { ci: 0, ky: 0, kx: 0 }, 'Enter'), null);
});

test.run();
