/**
 * The channel rules of the ReLU and pooling views, and the window a finished pooling pass
 * shows, on the real activations of the shipped Tiny VGG for example pictures: each rule
 * picks what it says it picks (worked out again here, plane by plane), and what it picks
 * shows the operation.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadModel } from '../../model/engine/load-model';
import { runModelSync } from '../../model/engine/run-model';
import { preprocess } from '../../model/engine/preprocess';
import { readJpeg } from '../../model/node/decode-jpeg';
import { fileIOHandler } from '../../model/node/file-io-handler';
import type { ModelInfo, NetworkRun } from '../../components/shared/network-types';
import { buildReluData, reluChannelRule, reluFeaturedCell, reluLayerNames } from '../../components/views/relu/relu-data';
import { buildPoolData, poolChannelRule, poolFeaturedWindow, poolLayerNames } from '../../components/views/pool/pool-data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODEL = join(ROOT, 'assets/model/model.json');
const PICTURES = ['espresso-cup', 'koala', 'tiger'];

async function shippedRuns(): Promise<{ info: ModelInfo; runs: NetworkRun[] }> {
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await loadModel(fileIOHandler(MODEL), { source: MODEL });
  const info: ModelInfo = { url: MODEL, layers: model.layers, classNames: model.classNames, params: {}, backend: 'cpu', backendReason: '' };
  const runs = PICTURES.map((name) => {
    const record = runModelSync(model, preprocess(readJpeg(join(ROOT, `assets/examples/${name}.jpg`))));
    return { imageKey: `example:${name}`, values: record.layers.map((l) => l.values), logits: record.logits, probabilities: record.probabilities, inferenceMs: 0 };
  });
  return { info, runs };
}

const loaded = shippedRuns();

/** Channel k of an HWC map as its own plane, read position by position. */
function plane(values: Float32Array, shape: readonly number[], k: number): number[] {
  const [h, w, c] = shape;
  const out: number[] = [];
  for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) out.push(values[(r * w + col) * c + k]);
  return out;
}

test('ReLU: with no channel named, the rule picks the channel whose input is most evenly split between kept and zeroed values', async () => {
  const { info, runs } = await loaded;
  const layers = reluLayerNames(info);
  assert.equal(layers, ['relu_1_1', 'relu_1_2', 'relu_2_1', 'relu_2_2']);
  for (const run of runs) {
    for (const name of layers) {
      const li = info.layers.findIndex((l) => l.name === name);
      const shape = info.layers[li - 1].shape;
      const balance = Array.from({ length: shape[2] }, (_, k) => {
        const p = plane(run.values[li - 1], shape, k);
        return Math.min(p.filter((x) => x > 0).length, p.filter((x) => x < 0).length);
      });
      const want = balance.indexOf(Math.max(...balance));
      const choice = reluChannelRule(info, run, name)!;
      assert.is(choice.channel, want, `${run.imageKey} ${name}: balance ${balance.join(', ')}`);
      assert.is(choice.rule, 'where kept and zeroed values are most evenly matched');
      // The operation shows: a good share of the map survives and a good share becomes 0.
      const data = buildReluData(info, run, name, choice.channel)!;
      const total = data.shape[0] * data.shape[1];
      assert.ok(data.positives >= 0.2 * total && data.negatives >= 0.2 * total, `${run.imageKey} ${name} channel ${choice.channel}: ${data.positives} kept, ${data.negatives} zeroed of ${total}`);
    }
  }
});

test('ReLU: the espresso cup never opens relu_1_1 on a channel whose input is nearly all one sign', async () => {
  const { info, runs } = await loaded;
  const espresso = runs[0];
  const channels = info.layers.find((l) => l.name === 'relu_1_1')!.shape[2];
  const oneSided = Array.from({ length: channels }, (_, k) => {
    const d = buildReluData(info, espresso, 'relu_1_1', k)!;
    return Math.max(d.positives, d.negatives) / (d.shape[0] * d.shape[1]);
  });
  const worst = oneSided.indexOf(Math.max(...oneSided));
  assert.ok(oneSided[worst] > 0.8, `the most one-sided channel, ${worst}, is only ${oneSided[worst].toFixed(2)} one sign`);
  assert.is.not(reluChannelRule(info, espresso, 'relu_1_1')!.channel, worst);
});

test('ReLU: the rule refuses layers that are not ReLU maps', async () => {
  const { info, runs } = await loaded;
  assert.is(reluChannelRule(info, runs[0], 'conv_1_1'), null);
  assert.is(reluChannelRule(info, runs[0], 'max_pool_1'), null);
  assert.is(reluChannelRule(info, runs[0], 'nope'), null);
});

test('ReLU: a finished pass shows a strong value whose 5 × 5 lens holds both kept and zeroed values', async () => {
  const { info, runs } = await loaded;
  for (const run of runs) {
    for (const name of ['relu_1_1', 'relu_2_1']) {
      const data = buildReluData(info, run, name, reluChannelRule(info, run, name)!.channel)!;
      const at = reluFeaturedCell(data, 5);
      const [h, w] = data.shape;
      // The lens the view draws around it: 5 × 5, kept inside the map.
      const r0 = Math.max(0, Math.min(h - 5, at.row - 2));
      const c0 = Math.max(0, Math.min(w - 5, at.col - 2));
      let kept = 0;
      let zeroed = 0;
      for (let r = r0; r < r0 + 5; r++) for (let c = c0; c < c0 + 5; c++) {
        if (data.input[r * w + c] > 0) kept++;
        else if (data.input[r * w + c] < 0) zeroed++;
      }
      assert.ok(Math.min(kept, zeroed) >= 5, `${run.imageKey} ${name} at ${at.row},${at.col}: ${kept} kept, ${zeroed} zeroed`);
      const x = Math.abs(data.input[at.row * w + at.col]);
      const largest = Math.max(...Array.from(data.input, Math.abs));
      assert.ok(x >= 0.2 * largest, `${run.imageKey} ${name}: |x| = ${x} of at most ${largest}`);
    }
  }
});

test('pooling: with no channel named, the rule picks the channel whose input has the most non-zero values', async () => {
  const { info, runs } = await loaded;
  const layers = poolLayerNames(info);
  assert.equal(layers, ['max_pool_1', 'max_pool_2']);
  for (const run of runs) {
    for (const name of layers) {
      const li = info.layers.findIndex((l) => l.name === name);
      const shape = info.layers[li - 1].shape;
      const nonZero = Array.from({ length: shape[2] }, (_, k) => plane(run.values[li - 1], shape, k).filter((x) => x !== 0).length);
      const choice = poolChannelRule(info, run, name)!;
      assert.is(choice.channel, nonZero.indexOf(Math.max(...nonZero)), `${run.imageKey} ${name}: ${nonZero.join(', ')}`);
      assert.is(choice.rule, 'where the most values are non-zero');
      assert.ok(nonZero[choice.channel] > 0.25 * shape[0] * shape[1], `${run.imageKey} ${name}: only ${nonZero[choice.channel]} non-zero`);
    }
  }
  assert.is(poolChannelRule(info, runs[0], 'relu_1_2'), null);
});

test('pooling: a finished pass shows the window whose values spread the most, never one of equal values', async () => {
  const { info, runs } = await loaded;
  for (const run of runs) {
    for (const name of poolLayerNames(info)) {
      for (const channel of [0, poolChannelRule(info, run, name)!.channel]) {
        const data = buildPoolData(info, run, name, channel)!;
        const at = poolFeaturedWindow(data);
        const [oh, ow] = data.outShape;
        // The test's own windows: 2 × 2 at (2·row, 2·col) of the engine's input plane.
        const li = info.layers.findIndex((l) => l.name === name);
        const input = plane(run.values[li - 1], info.layers[li - 1].shape, channel);
        const iw = info.layers[li - 1].shape[1];
        const spreads: number[] = [];
        for (let r = 0; r < oh; r++) for (let c = 0; c < ow; c++) {
          const v = [0, 1, iw, iw + 1].map((d) => input[2 * r * iw + 2 * c + d]);
          spreads.push(Math.max(...v) - Math.min(...v));
        }
        const widest = Math.max(...spreads);
        assert.is(spreads.indexOf(widest), at.row * ow + at.col, `${run.imageKey} ${name}:${channel}: the first of the widest windows`);
        const shown = data.windows[at.row * ow + at.col].cells.map((c) => c.value);
        if (widest > 0) {
          assert.ok(shown.some((v) => v !== shown[0]), `${run.imageKey} ${name}:${channel}: window ${at.row},${at.col} holds ${shown}`);
          assert.ok(Math.max(...shown) > 0, 'its maximum is not 0');
        }
      }
    }
  }
});

test.run();
