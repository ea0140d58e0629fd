import { test } from 'uvu';
import * as assert from 'uvu/assert';
import katex from 'katex';
import { channelTex, outputTex, stepSentence } from '../../components/views/conv/conv-formula';
import { texNumber } from '../../components/views/shared/katex-render';
import type { ConvWindow } from '../../model/ops/conv-window';

const win: ConvWindow = {
  outChannel: 0, row: 3, col: 4, inputRow: 3, inputCol: 4,
  inputs: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  weights: [-0.5, 0.25, 0, 0.1, -0.1, 0.2, 0.3, -0.3, 0.05],
  products: [], runningSums: [], bias: 0, sum: 0.0123,
};

test('the channel formula has every product, a line per kernel row, and typesets', () => {
  const tex = channelTex('red', win, 3, { row: 3, col: 4 });
  katex.renderToString(tex, { throwOnError: true, displayMode: true });
  assert.match(tex, /s_\{\\text\{red\}\}\(3, 4\)/);
  assert.match(tex, /0\.10 \\cdot \(-0\.50\)/, 'negative weights in parentheses');
  assert.is(tex.split('\\\\').length, 4, 'three rows of products and the result');
  assert.match(tex, /&= 0\.012 \\end/);
});

test('the output formula names the shares, wraps long sums and typesets', () => {
  const three = outputTex(['red', 'green', 'blue'], [0.42, -0.13, 0.88], 0.05, 1.22, { row: 3, col: 4 });
  katex.renderToString(three, { throwOnError: true, displayMode: true });
  assert.match(three, /s_\{\\text\{red\}\} \+ s_\{\\text\{green\}\} \+ s_\{\\text\{blue\}\} \+ b/);
  assert.match(three, /0\.420 \+ \(-0\.130\) \+ 0\.880 \+ 0\.050/);
  const ten = outputTex(Array.from({ length: 10 }, (_, i) => String(i)), Array.from({ length: 10 }, (_, i) => i / 10), -0.2, 4.3, { row: 0, col: 0 }, 3);
  katex.renderToString(ten, { throwOnError: true, displayMode: true });
  assert.match(ten, /\\sum_\{i=0\}\^\{9\}/);
  assert.is(ten.split('\\\\').length, 1 + 4 + 1, 'eleven numbers, three to a line');
});

test('the spoken sentence lists up to four shares, else their total', () => {
  assert.is(stepSentence({ row: 3, col: 4 }, [0.42, -0.13, 0.88], 1.17, 0.05, 1.22), 'Output (3, 4) = 0.42 + \u22120.13 + 0.88 + bias 0.05 = 1.22');
  assert.is(stepSentence({ row: 0, col: 1 }, new Array(10).fill(0.1), 1, -0.5, 0.5), 'Output (0, 1) = the 10 channel sums (1.00) + bias \u22120.50 = 0.50');
});

test('TeX numbers: fixed decimals, no negative zero', () => {
  assert.is(texNumber(-0.004), '0.00');
  assert.is(texNumber(-1.5, 1, true), '(-1.5)');
});

test.run();
