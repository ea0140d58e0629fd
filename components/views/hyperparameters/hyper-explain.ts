/**
 * The playground's words: why a combination of settings cannot work, or what it wastes,
 * and the output-size formula with the live numbers, as TeX. Pure.
 */
import type { HyperData } from './hyper-data';

export interface HyperNote {
  kind: 'impossible' | 'warning' | 'ok';
  title: string;
  text: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const lastOnes = (n: number) => (n === 1 ? 'the last column and the last row' : `the last ${n} columns and the last ${n} rows`);

/** What the reader should know about these settings, the most serious first. */
export function explain(data: HyperData): HyperNote[] {
  const { inputSize: n, padding: p, kernelSize: k, stride: s, dilation: d } = data.settings;
  const { span, paddedSize, outSize, leftover } = data;
  const kernelWords = d > 1 ? `The kernel (effective size ${span} with dilation ${d})` : `The kernel (size ${k})`;
  const paddedWords = p > 0 ? `the padded input (${paddedSize} = ${n} + 2 · ${p})` : `the input (${n}), which has no padding`;
  if (outSize === 0) {
    return [{
      kind: 'impossible',
      title: 'No window fits',
      text: `${kernelWords} is larger than ${paddedWords}, so it cannot be placed even once and there is no output. `
        + 'Add padding, or make the kernel or the dilation smaller.',
    }];
  }
  const notes: HyperNote[] = [];
  if (leftover > 0) {
    const lost = Math.max(0, leftover - p);
    notes.push({
      kind: 'warning',
      title: `Stride ${s} does not land evenly`,
      text: `The window stops ${plural(leftover, 'cell')} short of the edge: ${lastOnes(leftover)} are never visited. `
        + (lost === 0 ? 'They are padding, so no pixel of the image is lost.' : `${lost === leftover ? 'They are' : `${lost} of them are`} pixels of the image, which the output never sees.`),
    });
  }
  if (s > span && outSize > 1) {
    notes.push({
      kind: 'warning',
      title: 'The stride skips cells',
      text: `Stride ${s} is longer than the kernel's span (${span}): ${plural(s - span, 'column')} and ${plural(s - span, 'row')} between neighbouring windows are never read.`,
    });
  }
  if (p >= span) {
    notes.push({
      kind: 'warning',
      title: 'Windows of nothing but padding',
      text: `Padding ${p} is at least as wide as the kernel's span (${span}), so the corner windows see only the zeros added around the image.`,
    });
  }
  if (notes.length === 0) {
    notes.push({
      kind: 'ok',
      title: 'Everything fits',
      text: `The window lands evenly on all ${paddedSize} columns and rows: the output is ${outSize} × ${outSize}.`,
    });
  }
  if (d > 1) {
    notes.push({
      kind: 'ok',
      title: `Dilation ${d}`,
      text: `The kernel's ${k} taps on each side sit ${d} cells apart: it spans ${span} cells but reads only ${k} × ${k} of them.`,
    });
  }
  return notes;
}

/**
 * The output-size formula as the article writes it: with d = 1 the familiar
 * ⌊(n + 2p − k)/s⌋ + 1; with a dilation the kernel's span d(k − 1) + 1 takes the place of k,
 * ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1. The symbols' numerator, then the same with the numbers.
 */
function numerators(data: HyperData): { symbols: string; numbers: string } {
  const { inputSize: n, padding: p, kernelSize: k, dilation: d } = data.settings;
  return d === 1
    ? { symbols: 'n + 2p - k', numbers: `${n} + 2 \\cdot ${p} - ${k}` }
    : { symbols: 'n + 2p - d(k - 1) - 1', numbers: `${n} + 2 \\cdot ${p} - ${d} \\cdot (${k} - 1) - 1` };
}

const resultTex = (data: HyperData) => (data.outSize > 0 ? `${data.rawOutSize}` : `${data.rawOutSize} \\le 0 \\;\\; \\text{(no output)}`);

/** The output-size formula, then the same with the numbers, then the result (three aligned lines). */
export function sizeTex(data: HyperData): string {
  const { stride: s } = data.settings;
  const { symbols, numbers } = numerators(data);
  const general = `n_{\\text{out}} &= \\left\\lfloor \\frac{${symbols}}{s} \\right\\rfloor + 1`;
  const filled = `&= \\left\\lfloor \\frac{${numbers}}{${s}} \\right\\rfloor + 1`;
  const reduced = `&= \\left\\lfloor \\frac{${data.numerator}}{${s}} \\right\\rfloor + 1 = ${resultTex(data)}`;
  return `\\begin{aligned} ${general} \\\\ ${filled} \\\\ ${reduced} \\end{aligned}`;
}

/** The same on one line, with the numbers only: n_out = ⌊(7 + 2·1 − 3)/1⌋ + 1 = 7. */
export function sizeLineTex(data: HyperData): string {
  const { stride: s } = data.settings;
  return `n_{\\text{out}} = \\lfloor (${numerators(data).numbers}) / ${s} \\rfloor + 1 = ${resultTex(data)}`;
}
