import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backendOrder, selectBackend } from '../../model/engine/backend';
import { runModelSync } from '../../model/engine/run-model';
import { loadReferenceModel, maxAbsDiff, testWithShared, valImages } from './engine-fixtures';

const shared = testWithShared({ data: true });

test('in Node the order is wasm, then cpu', () => {
  assert.equal(backendOrder(), ['wasm', 'cpu']);
});

test('by default Node gets wasm with SIMD, and says so', async () => {
  const choice = await selectBackend();
  assert.equal(choice, { backend: 'wasm', reason: 'wasm: SIMD available', simd: true });
  assert.is(tf.getBackend(), 'wasm');
  assert.is(await selectBackend(), await selectBackend(), 'the same options share one selection');
});

shared('the wasm backend gives the cpu backend results to 1e-4 on every layer', async () => {
  const images = valImages(3);
  await selectBackend({ override: 'cpu' });
  const model = await loadReferenceModel();
  const onCpu = images.map((img) => runModelSync(model, img.input));
  await selectBackend({ override: 'wasm' });
  assert.is(tf.getBackend(), 'wasm');
  images.forEach((img, i) => {
    const onWasm = runModelSync(model, img.input);
    onWasm.layers.forEach((layer, l) => {
      const diff = maxAbsDiff(layer.values, onCpu[i].layers[l].values);
      assert.ok(diff < 1e-4, `${layer.name} differs by ${diff}`);
    });
    assert.ok(maxAbsDiff(onWasm.probabilities, onCpu[i].probabilities) < 1e-4);
  });
  model.tfModel.dispose();
});

test('an override is tried first', async () => {
  const choice = await selectBackend({ override: 'cpu' });
  assert.equal([choice.backend, choice.reason], ['cpu', 'cpu: requested']);
  assert.is(tf.getBackend(), 'cpu');
});

test('an override for a backend that is missing falls through, with the reason stated', async () => {
  const choice = await selectBackend({ override: 'webgl' });
  assert.is(choice.backend, 'wasm');
  assert.match(choice.reason, /^wasm: SIMD available; requested webgl failed: .*webgl.*not found/);
});

test('an override for a backend that fails to start falls through, with the reason stated', async () => {
  tf.registerBackend('broken-test', () => {
    throw new Error('no GPU here');
  });
  const warn = console.warn;
  console.warn = () => {};
  try {
    // 'broken-test' is not a known backend name, so it is reported and ignored.
    const unknown = await selectBackend({ override: 'broken-test' });
    assert.match(unknown.reason, /unknown backend "broken-test" requested/);
    tf.registerBackend('webgl', () => {
      throw new Error('no GPU here');
    });
    const failed = await selectBackend({ override: 'WebGL' });
    assert.is(failed.backend, 'wasm');
    assert.match(failed.reason, /requested webgl failed: initialisation failed/);
  } finally {
    console.warn = warn;
    tf.removeBackend('webgl');
    tf.removeBackend('broken-test');
  }
});

test('when wasm cannot start, cpu takes over and the reason names the wasm failure', async () => {
  await selectBackend({ override: 'cpu' });
  tf.removeBackend('wasm');
  const choice = await selectBackend();
  assert.is(choice.backend, 'cpu');
  assert.match(choice.reason, /^cpu: wasm failed: .*wasm.*not found/);
  assert.is(tf.getBackend(), 'cpu');
});

test.run();
