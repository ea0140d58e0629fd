/** TeX for the softmax view's live formula: one class's probability, with the current numbers. */
import { texNumber } from '../shared/katex-render';
import type { SoftmaxTerms } from './softmax-data';

/** A number that may be huge or tiny, in TeX: fixed decimals, or mantissa × 10^exponent. */
export function texWide(v: number, digits = 3): string {
  const a = Math.abs(v);
  if (a === 0 || (a >= 1e-3 && a < 1e5)) return texNumber(v, a >= 100 ? 1 : digits);
  const [mantissa, exponent] = v.toExponential(2).split('e');
  return `${texNumber(Number(mantissa), 2)} \\times 10^{${Number(exponent)}}`;
}

const texText = (s: string) => `\\text{${s.replace(/[\\{}$&#^_%~]/g, '')}}`;

export function softmaxTex(terms: SoftmaxTerms, k: number, className: string, narrow: boolean): string {
  const name = texText(className);
  const T = texNumber(terms.temperature, 2);
  const power = terms.shift
    ? `${texNumber(terms.scaled[k], 2)} - ${texNumber(terms.shift, 2)}`
    : `${texNumber(terms.logits[k], 2)} / ${T}`;
  const general = terms.shift
    ? `\\frac{e^{z_{${name}}/T - m}}{\\sum_j e^{z_j/T - m}}`
    : `\\frac{e^{z_{${name}}/T}}{\\sum_j e^{z_j/T}}`;
  const lines = [
    `p_{${name}} &= ${general}`,
    `&= \\frac{e^{${power}}}{${texWide(terms.sum)}}`,
    `&= \\frac{${texWide(terms.exps[k])}}{${texWide(terms.sum)}} = ${texNumber(terms.probabilities[k], 4)}`,
  ];
  const body = narrow ? lines.join(' \\\\[4pt] ') : `${lines[0]} ${lines[1].slice(1)} ${lines[2].slice(1)}`;
  return `\\begin{aligned} ${body} \\end{aligned}`;
}
