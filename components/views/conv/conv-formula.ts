/**
 * The conv view's words and formulas for one output position: TeX for KaTeX, and the
 * sentence the live region reads. Pure: every number comes from a ConvWindow (model/ops).
 */
import type { ConvWindow } from '../../../model/ops/conv-window';
import { texNumber } from '../shared/katex-render';
import { formatNumber } from '../../shared/numbers';
import { type GridPosition } from '../shared/view-helpers';

function texName(name: string): string {
  return /^\d+$/.test(name) ? name : `\\text{${name}}`;
}

/**
 * One input channel's share: its window times its kernel, term by term, one line per
 * kernel row (or `termsPerLine` terms, for narrow screens), then the total. `win` is the
 * channel's own window (bias 0).
 */
export function channelTex(channelName: string, win: ConvWindow, kernelWidth: number, at: GridPosition, termsPerLine = kernelWidth): string {
  const lines: string[] = [];
  for (let i = 0; i < win.inputs.length; i += termsPerLine) {
    const terms = [];
    for (let k = i; k < Math.min(win.inputs.length, i + termsPerLine); k++) {
      terms.push(`${texNumber(win.inputs[k])} \\cdot ${texNumber(win.weights[k], 2, true)}`);
    }
    lines.push(terms.join(' + '));
  }
  const head = `s_{${texName(channelName)}}(${at.row}, ${at.col})`;
  const body = lines.map((l, i) => (i === 0 ? `&= ${l}` : `&\\quad + ${l}`)).join(' \\\\ ');
  return `\\begin{aligned} ${head} ${body} \\\\ &= ${texNumber(win.sum, 3)} \\end{aligned}`;
}

/**
 * The output value: every channel's share plus the bias, first by name, then with the
 * numbers (`termsPerLine` to a line), then the result.
 */
export function outputTex(names: readonly string[], shares: readonly number[], bias: number, value: number, at: GridPosition, termsPerLine = 5): string {
  const symbolic = names.length <= 4
    ? names.map((n) => `s_{${texName(n)}}`).join(' + ')
    : `\\textstyle\\sum_{i=0}^{${names.length - 1}} s_{i}`;
  const numbers = [...shares.map((s, i) => texNumber(s, 3, i > 0)), `${texNumber(bias, 3, true)}`];
  const lines: string[] = [];
  for (let i = 0; i < numbers.length; i += termsPerLine) lines.push(numbers.slice(i, i + termsPerLine).join(' + '));
  const numeric = lines.map((l, i) => (i === 0 ? `&= ${l}` : `&\\quad + ${l}`)).join(' \\\\ ');
  return `\\begin{aligned} \\text{out}(${at.row}, ${at.col}) &= ${symbolic} + b \\\\ ${numeric} \\\\ &= ${texNumber(value, 3)} \\end{aligned}`;
}

/** What the live region says a step computed. */
export function stepSentence(at: GridPosition, shares: readonly number[], total: number, bias: number, value: number): string {
  const head = `Output (${at.row}, ${at.col}) =`;
  if (shares.length <= 4) {
    return `${head} ${shares.map((s) => formatNumber(s)).join(' + ')} + bias ${formatNumber(bias)} = ${formatNumber(value)}`;
  }
  return `${head} the ${shares.length} channel sums (${formatNumber(total)}) + bias ${formatNumber(bias)} = ${formatNumber(value)}`;
}
