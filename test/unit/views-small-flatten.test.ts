import { test } from 'uvu';
import * as assert from 'uvu/assert';
import katex from 'katex';
import type { LayerInfo, ModelInfo, NetworkRun } from '../../components/shared/network-types';
import { buildFlattenData, chooseClass, denseAfter, flattenLayerNames, flattenSentence, indexOf, positionOf, stripValues } from '../../components/views/flatten/flatten-data';
import { flattenTex } from '../../components/views/flatten/flatten-formula';
import { formatNumber } from '../../components/shared/numbers';

const [H, W, C, OUT] = [3, 4, 5, 3];
const N = H * W * C;

/** pool (3×4×5) → flatten (60) → dense (3), with made-up weights. */
function tinyNetwork(): { info: ModelInfo; run: NetworkRun } {
  const pooled = Float32Array.from({ length: N }, (_, i) => Math.sin(i) * 2);
  const kernel = Float32Array.from({ length: N * OUT }, (_, i) => Math.cos(i * 0.37) * 0.1);
  const bias = Float32Array.from([0.5, -0.25, 0.1]);
  const logits = new Float32Array(OUT);
  for (let o = 0; o < OUT; o++) {
    let s = bias[o];
    for (let i = 0; i < N; i++) s += pooled[i] * kernel[i * OUT + o];
    logits[o] = s;
  }
  const layers: LayerInfo[] = [
    { name: 'input', kind: 'input', shape: [H, W, C] },
    { name: 'pool', kind: 'maxpool', shape: [H, W, C] },
    { name: 'flatten', kind: 'flatten', shape: [N] },
    { name: 'output', kind: 'dense', shape: [OUT] },
    { name: 'output/softmax', kind: 'softmax', shape: [OUT] },
  ];
  const info: ModelInfo = { url: 'tiny', layers, classNames: ['cat', 'red panda', 'dog'], params: { output: { kernelShape: [N, OUT], kernel, bias } }, backend: 'cpu', backendReason: '' };
  const run: NetworkRun = { imageKey: 'example:x', values: [pooled, pooled, pooled, logits, logits], logits, probabilities: new Float32Array(OUT), inferenceMs: 0 };
  return { info, run };
}

test('the index maths: i = (r·W + c)·C + k, both ways, for every entry', () => {
  const { info, run } = tinyNetwork();
  const d = buildFlattenData(info, run, 'flatten', 1)!;
  for (let i = 0; i < N; i++) {
    const p = positionOf(d, i);
    assert.is((p.row * W + p.col) * C + p.channel, i);
    assert.is(indexOf(d, p), i);
  }
  assert.equal(positionOf(d, 37), { row: 1, col: 3, channel: 2 });
});

test('weights to the class come from kernel[i · out + class]; the logit adds up', () => {
  const { info, run } = tinyNetwork();
  assert.equal(flattenLayerNames(info), ['flatten']);
  assert.is(denseAfter(info, 2)?.layer.name, 'output');
  for (let cls = 0; cls < OUT; cls++) {
    const d = buildFlattenData(info, run, 'flatten', cls)!;
    assert.is(d.classIndex, cls);
    for (let i = 0; i < N; i++) {
      assert.is(d.weights[i], info.params.output.kernel[i * OUT + cls]);
      assert.is(d.products[i], Math.fround(run.values[2][i] * d.weights[i]));
    }
    assert.ok(Math.abs(d.rebuiltLogit - run.logits[cls]) < 1e-5, `class ${cls}`);
    assert.is(d.engineLogit, run.logits[cls]);
    assert.is(stripValues(d, 'weight'), d.weights);
  }
  assert.is(buildFlattenData(info, run, 'pool', 0), null, 'not a flatten layer');
});

test('the class: a name or an index, otherwise the top class with a reason', () => {
  const names = ['cat', 'red panda', 'dog'];
  const logits = [0.2, 3, -1];
  assert.equal(chooseClass('', names, logits), { index: 1, problem: '' });
  assert.equal(chooseClass('dog', names, logits), { index: 2, problem: '' });
  assert.equal(chooseClass('Red-Panda', names, logits), { index: 1, problem: '' });
  assert.equal(chooseClass('0', names, logits), { index: 0, problem: '' });
  const bad = chooseClass('giraffe', names, logits);
  assert.is(bad.index, 1);
  assert.is(bad.problem, '"giraffe" is not a class of this model (cat, red panda, dog, or 0 to 2); showing the top class, "red panda".');
});

test('the formula typesets with KaTeX and carries the live numbers', () => {
  const { info, run } = tinyNetwork();
  const d = buildFlattenData(info, run, 'flatten', 1)!;
  for (const narrow of [false, true]) {
    const tex = flattenTex(d, 37, narrow);
    assert.ok(tex.includes('(1 \\cdot 4 + 3) \\cdot 5 + 2 = 37'), tex);
    assert.ok(tex.includes('\\text{kernel}[37 \\cdot 3 + 1]'), tex);
    const html = katex.renderToString(tex, { displayMode: true, throwOnError: true });
    assert.ok(html.includes('katex'));
  }
  assert.match(flattenSentence(d, 37, (v) => formatNumber(v)), /^Entry 37 = \(1·4 \+ 3\)·5 \+ 2: pool at row 1, column 3, channel 2, value .*; weight to red panda .*\.$/);
});

test.run();
