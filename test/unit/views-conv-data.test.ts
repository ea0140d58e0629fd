import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildConvData, channelWindowAt, convLayerNames, outputsReading, windowAt } from '../../components/views/conv/conv-data';
import type { LayerInfo, ModelInfo, NetworkRun } from '../../components/shared/network-types';

/** A seeded generator, so failures repeat. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

/** A two-conv model with random weights and one random image, and its run computed by brute force here. */
function fixture(opts: { strides?: [number, number]; padding?: 'valid' | 'same' } = {}) {
  const rnd = random(7);
  const strides = opts.strides ?? [1, 1];
  const padding = opts.padding ?? 'valid';
  const [h, w, cin, cout, k] = [9, 8, 3, 4, 3];
  const kernel = Float32Array.from({ length: k * k * cin * cout }, rnd);
  const bias = Float32Array.from({ length: cout }, rnd);
  const input = Float32Array.from({ length: h * w * cin }, () => (rnd() + 1) / 2);
  const outDim = (n: number, s: number) => (padding === 'valid' ? Math.floor((n - k) / s) + 1 : Math.ceil(n / s));
  const oh = outDim(h, strides[0]);
  const ow = outDim(w, strides[1]);
  const padBefore = (n: number, o: number, s: number) => (padding === 'valid' ? 0 : Math.floor(Math.max((o - 1) * s + k - n, 0) / 2));
  const pt = padBefore(h, oh, strides[0]);
  const pl = padBefore(w, ow, strides[1]);
  const out = new Float32Array(oh * ow * cout);
  for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) for (let co = 0; co < cout; co++) {
    let sum = bias[co];
    for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) for (let ci = 0; ci < cin; ci++) {
      const y = r * strides[0] - pt + ky;
      const x = c * strides[1] - pl + kx;
      if (y >= 0 && y < h && x >= 0 && x < w) sum += input[(y * w + x) * cin + ci] * kernel[((ky * k + kx) * cin + ci) * cout + co];
    }
    out[(r * ow + c) * cout + co] = sum;
  }
  const layers: LayerInfo[] = [
    { name: 'input', kind: 'input', shape: [h, w, cin] },
    { name: 'conv_a', kind: 'conv', shape: [oh, ow, cout], kernelSize: [k, k], strides, padding },
    { name: 'relu_a', kind: 'relu', shape: [oh, ow, cout] },
  ];
  const info: ModelInfo = { url: 'test://model', layers, classNames: [], params: { conv_a: { kernelShape: [k, k, cin, cout], kernel, bias } }, backend: 'cpu', backendReason: '' };
  const run: NetworkRun = { imageKey: 'test', values: [input, out, out.map((v) => Math.max(0, v))], logits: new Float32Array(0), probabilities: new Float32Array(0), inferenceMs: 0 };
  return { info, run, out, oh, ow, cout, cin, k, pt, pl, strides, h, w };
}

test('lists conv layers only, and refuses anything else', () => {
  const { info, run } = fixture();
  assert.equal(convLayerNames(info), ['conv_a']);
  assert.is(buildConvData(info, run, 'relu_a', 0), null);
  assert.is(buildConvData(info, run, 'conv_a', 4), null, 'channel out of range');
  assert.is(buildConvData(null, run, 'conv_a', 0), null);
});

for (const geometry of [{}, { strides: [2, 2] as [number, number] }, { padding: 'same' as const }, { padding: 'same' as const, strides: [2, 3] as [number, number] }]) {
  test(`intermediate maps, windows and counts agree with brute force (${JSON.stringify(geometry)})`, () => {
    const f = fixture(geometry);
    for (let co = 0; co < f.cout; co++) {
      const d = buildConvData(f.info, f.run, 'conv_a', co)!;
      assert.equal(d.outShape, [f.oh, f.ow, f.cout]);
      assert.is(d.kernelCount, f.cin * f.cout);
      assert.is(d.paramCount, f.k * f.k * f.cin * f.cout + f.cout);
      for (let r = 0; r < f.oh; r++) for (let c = 0; c < f.ow; c++) {
        const want = f.out[(r * f.ow + c) * f.cout + co];
        assert.ok(Math.abs(d.output[r * f.ow + c] - want) < 1e-5);
        const win = windowAt(d, { row: r, col: c });
        assert.ok(Math.abs(win.sum - want) < 1e-5);
        let total = 0;
        for (let ci = 0; ci < f.cin; ci++) {
          const cw = channelWindowAt(d, ci, { row: r, col: c });
          assert.ok(Math.abs(cw.sum - d.intermediate[ci][r * f.ow + c]) < 1e-5, 'a channel\'s own window sums to its intermediate value');
          total += cw.sum;
          assert.ok(Math.abs(win.runningSums[(ci + 1) * f.k * f.k - 1] - total) < 1e-5);
        }
      }
    }
  });

  test(`outputsReading is exactly the set of windows holding a cell (${JSON.stringify(geometry)})`, () => {
    const f = fixture(geometry);
    const d = buildConvData(f.info, f.run, 'conv_a', 0)!;
    for (let y = 0; y < f.h; y++) for (let x = 0; x < f.w; x++) {
      const want: string[] = [];
      for (let r = 0; r < f.oh; r++) for (let c = 0; c < f.ow; c++) {
        const y0 = r * f.strides[0] - f.pt;
        const x0 = c * f.strides[1] - f.pl;
        if (y >= y0 && y < y0 + f.k && x >= x0 && x < x0 + f.k) want.push(`${r},${c}`);
      }
      const got = outputsReading(d, { row: y, col: x });
      const list: string[] = [];
      if (got) for (let r = got.rows[0]; r <= got.rows[1]; r++) for (let c = got.cols[0]; c <= got.cols[1]; c++) list.push(`${r},${c}`);
      assert.equal(list, want, `input (${y}, ${x})`);
    }
  });
}

test.run();
