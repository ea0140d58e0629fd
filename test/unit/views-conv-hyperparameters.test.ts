import { test } from 'uvu';
import * as assert from 'uvu/assert';
import katex from 'katex';
import { buildHyperData, HYPER_RANGES, hyperWindow, readersOf, shrinkChannel, validSetting, type HyperSettings } from '../../components/views/hyperparameters/hyper-data';
import { explain, sizeTex } from '../../components/views/hyperparameters/hyper-explain';

function* everySetting(): Generator<HyperSettings> {
  const r = HYPER_RANGES;
  for (let n = r.inputSize.min; n <= r.inputSize.max; n++)
    for (let p = r.padding.min; p <= r.padding.max; p++)
      for (let k = r.kernelSize.min; k <= r.kernelSize.max; k++)
        for (let s = r.stride.min; s <= r.stride.max; s++)
          for (let d = r.dilation.min; d <= r.dilation.max; d++) yield { inputSize: n, padding: p, kernelSize: k, stride: s, dilation: d };
}

const patchOf = (n: number) => Float32Array.from({ length: n * n }, (_, i) => ((i * 37) % 11) / 10);

test('the output size from the ops equals the textbook formula, or 0 when no window fits', () => {
  let count = 0;
  for (const st of everySetting()) {
    const d = buildHyperData(st, patchOf(st.inputSize));
    const formula = Math.floor((st.inputSize + 2 * st.padding - st.dilation * (st.kernelSize - 1) - 1) / st.stride) + 1;
    assert.is(d.rawOutSize, formula);
    assert.is(d.outSize, Math.max(0, formula), JSON.stringify(st));
    count++;
  }
  assert.is(count, 12 * 5 * 7 * 4 * 3);
});

test('each output is the mean of the cells under the dilated taps of the padded patch', () => {
  const st: HyperSettings = { inputSize: 9, padding: 2, kernelSize: 3, stride: 2, dilation: 2 };
  const patch = patchOf(9);
  const d = buildHyperData(st, patch);
  const N = 13;
  const at = (r: number, c: number) => (r >= 2 && r < 11 && c >= 2 && c < 11 ? patch[(r - 2) * 9 + c - 2] : 0);
  for (let r = 0; r < d.outSize; r++) for (let c = 0; c < d.outSize; c++) {
    let sum = 0;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) sum += at(r * 2 + a * 2, c * 2 + b * 2);
    assert.ok(Math.abs(hyperWindow(d, r, c).sum - sum / 9) < 1e-6);
  }
  assert.is(d.paddedSize, N);
});

test('readersOf lists exactly the outputs with a tap on a cell', () => {
  const st: HyperSettings = { inputSize: 8, padding: 1, kernelSize: 3, stride: 2, dilation: 2 };
  const d = buildHyperData(st, patchOf(8));
  for (let y = 0; y < d.paddedSize; y++) for (let x = 0; x < d.paddedSize; x++) {
    const want: string[] = [];
    for (let r = 0; r < d.outSize; r++) for (let c = 0; c < d.outSize; c++) {
      const dy = y - r * 2, dx = x - c * 2;
      if (dy >= 0 && dx >= 0 && dy % 2 === 0 && dx % 2 === 0 && dy <= 4 && dx <= 4) want.push(`${r},${c}`);
    }
    assert.equal(readersOf(d, y, x).map((c) => `${c.row},${c.col}`), want);
  }
});

test('shrinking the image averages whole blocks of pixels', () => {
  const shape = [4, 4, 2];
  const values = Float32Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? i / 2 : -1));
  assert.equal([...shrinkChannel(values, shape, 0, 2)], [(0 + 1 + 4 + 5) / 4, (2 + 3 + 6 + 7) / 4, (8 + 9 + 12 + 13) / 4, (10 + 11 + 14 + 15) / 4]);
  assert.equal([...shrinkChannel(values, shape, 0, 4)], Array.from({ length: 16 }, (_, i) => i));
});

test('explanations: impossible, uneven, skipping, all-padding corners, and fine', () => {
  const kinds = (st: HyperSettings) => explain(buildHyperData(st, patchOf(st.inputSize)));
  const tooBig = kinds({ inputSize: 4, padding: 1, kernelSize: 4, stride: 1, dilation: 3 });
  assert.is(tooBig.length, 1);
  assert.is(tooBig[0].kind, 'impossible');
  assert.match(tooBig[0].text, /The kernel \(effective size 10 with dilation 3\) is larger than the padded input \(6 = 4 \+ 2 · 1\)/);
  const uneven = kinds({ inputSize: 9, padding: 0, kernelSize: 3, stride: 4, dilation: 1 });
  assert.match(uneven[0].text, /stops 2 cells short of the edge: the last 2 columns and the last 2 rows are never visited\. They are pixels of the image/);
  assert.ok(uneven.some((n) => /2 columns and 2 rows between neighbouring windows/.test(n.text)) === false, 'stride 4 over span 3 skips 1, not 2');
  assert.ok(uneven.some((n) => /1 column and 1 row between neighbouring windows are never read/.test(n.text)));
  const padded = kinds({ inputSize: 5, padding: 3, kernelSize: 3, stride: 1, dilation: 1 });
  assert.ok(padded.some((n) => n.kind === 'warning' && /corner windows see only the zeros/.test(n.text)));
  const fine = kinds({ inputSize: 7, padding: 1, kernelSize: 3, stride: 1, dilation: 2 });
  assert.equal(fine.map((n) => n.kind), ['ok', 'ok']);
  assert.match(fine[1].text, /spans 5 cells but reads only 3 × 3/);
  for (const st of everySetting()) {
    const notes = kinds(st);
    const d = buildHyperData(st, patchOf(st.inputSize));
    assert.is(notes[0].kind === 'impossible', d.outSize === 0, JSON.stringify(st));
    assert.is(notes.some((n) => /does not land evenly/.test(n.title)), d.outSize > 0 && (d.paddedSize - d.span) % st.stride !== 0);
  }
});

test('the size formula typesets for every setting, with its numbers', () => {
  for (const st of everySetting()) {
    const tex = sizeTex(buildHyperData(st, patchOf(st.inputSize)));
    katex.renderToString(tex, { throwOnError: true, displayMode: true });
    const numerator = st.dilation === 1 ? `${st.inputSize} + 2 \\cdot ${st.padding} - ${st.kernelSize}` : `${st.inputSize} + 2 \\cdot ${st.padding} - ${st.dilation} \\cdot (${st.kernelSize} - 1) - 1`;
    assert.ok(tex.includes(`{${numerator}}{${st.stride}}`));
  }
});

test('settings outside their range are refused', () => {
  assert.ok(validSetting('stride', 4));
  for (const [key, v] of [['stride', 0], ['stride', 5], ['dilation', 1.5], ['inputSize', Number.NaN], ['padding', -1]] as const) assert.not.ok(validSetting(key, v));
});

test.run();
