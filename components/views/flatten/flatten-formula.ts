/** TeX for the flatten view's live formula: the index of an entry, and where its weight sits in the dense kernel. */
import { texNumber } from '../shared/katex-render';
import { positionOf, type FlattenViewData } from './flatten-data';

const texText = (s: string) => `\\text{${s.replace(/[\\{}$&#^_%~]/g, '')}}`;

export function flattenTex(data: FlattenViewData, index: number, narrow: boolean): string {
  const { row, col, channel } = positionOf(data, index);
  const [, w, c] = data.shape;
  const lines = [
    `i &= (r \\cdot W + c) \\cdot C + k`,
    `&= (${row} \\cdot ${w} + ${col}) \\cdot ${c} + ${channel} = ${index}`,
  ];
  if (!narrow) lines.splice(0, 2, `${lines[0]} ${lines[1].slice(1)}`);
  if (data.dense) {
    const outputs = data.dense.outputs;
    const weight = `w_{${index},\\,${texText(data.className)}}`;
    const where = `\\text{kernel}[${index} \\cdot ${outputs} + ${data.classIndex}]`;
    if (narrow) lines.push(`${weight} &= ${where}`, `&= ${texNumber(data.weights[index], 4)}`);
    else lines.push(`${weight} &= ${where} = ${texNumber(data.weights[index], 4)}`);
  }
  return `\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`;
}
