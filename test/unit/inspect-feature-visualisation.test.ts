/**
 * Feature visualisation on the shipped model (WASM backend with the training gradient
 * kernels): the image it finds excites its channel far more than grey or random pictures,
 * the same seed gives the same image, and progress, stop and tensor hygiene work.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModelSync } from '../../model/engine/run-model';
import { channelActivation, featureTarget, featureVisualisation } from '../../model/inspect/feature-visualisation';
import { SeededRandom } from '../../model/inspect/seeded-random';
import { leavesNoTensor, maxAbsDiff, shippedModel } from './inspect-fixtures';

const SIZE = 64 * 64 * 3;

function randomPictures(count: number): Float32Array[] {
  const random = new SeededRandom(7);
  return Array.from({ length: count }, () => Float32Array.from({ length: SIZE }, () => random.next()));
}

/** Mean over positions of relu(channel) of a conv step, from the engine's own record. */
function rectifiedMean(values: Float32Array, channels: number, channel: number): number {
  let sum = 0;
  for (let i = channel; i < values.length; i += channels) sum += Math.max(0, values[i]);
  return sum / (values.length / channels);
}

for (const [layer, channel] of [['conv_1_1', 1], ['conv_1_2', 4], ['conv_2_1', 7], ['conv_2_2', 2]] as const) {
  test(`the image found for ${layer} channel ${channel} excites it at least twice as much as grey or random pictures`, async () => {
    const model = await shippedModel();
    const result = await leavesNoTensor(() => featureVisualisation(model, layer, channel));
    assert.is(result.image.length, SIZE);
    assert.ok(result.image.every((v) => v >= 0 && v <= 1), 'colours stay in 0 … 1');
    // The objective measured independently: relu of the conv step's output, from the engine.
    const record = runModelSync(model, result.image);
    const conv = record.layers.find((l) => l.name === layer)!;
    const achieved = rectifiedMean(conv.values, conv.shape[2], channel);
    assert.ok(Math.abs(achieved - result.activation) < 1e-4, `reported ${result.activation}, measured ${achieved}`);
    const baselines = [new Float32Array(SIZE).fill(0.5), ...randomPictures(5)].map((p) => channelActivation(model, p, layer, channel));
    const best = Math.max(...baselines);
    assert.ok(achieved > 2 * best && achieved > best + 0.1, `${layer}:${channel} reached ${achieved}; grey and random reach up to ${best}`);
  });
}

test('the same seed gives the same image and another seed a different one', async () => {
  const model = await shippedModel();
  const a = await featureVisualisation(model, 'conv_2_1', 3, { steps: 12, seed: 5 });
  const b = await featureVisualisation(model, 'conv_2_1', 3, { steps: 12, seed: 5 });
  const c = await featureVisualisation(model, 'conv_2_1', 3, { steps: 12, seed: 6 });
  assert.is(maxAbsDiff(a.image, b.image), 0);
  assert.ok(maxAbsDiff(a.image, c.image) > 0.01);
});

test('progress arrives every few steps with the image so far, and a stop request ends the ascent early', async () => {
  const model = await shippedModel();
  const seen: number[] = [];
  let shown: Float32Array | undefined;
  const result = await leavesNoTensor(() =>
    featureVisualisation(model, 'conv_1_2', 0, {
      steps: 40,
      progressEvery: 5,
      onProgress: (p) => {
        seen.push(p.step);
        if (p.step === 10) shown = p.image();
      },
      shouldStop: () => seen.length >= 3,
    }),
  );
  assert.equal(seen, [5, 10, 15]);
  assert.is(result.steps, 15);
  assert.ok(result.stopped);
  assert.is(shown?.length, SIZE);
});

test('an error thrown from a progress callback still disposes every tensor', async () => {
  const model = await shippedModel();
  await leavesNoTensor(async () => {
    try {
      await featureVisualisation(model, 'conv_1_1', 0, { steps: 10, progressEvery: 2, onProgress: () => { throw new Error('boom'); } });
      assert.unreachable('it should have thrown');
    } catch (err) {
      assert.match((err as Error).message, 'boom');
    }
  });
});

test('the objective reads a conv step through the ReLU after it, and a ReLU step through its conv', async () => {
  const model = await shippedModel();
  assert.equal(featureTarget(model, 'conv_1_2', 0), { index: 3, rectified: true });
  assert.equal(featureTarget(model, 'relu_1_2', 0), { index: 3, rectified: true });
  assert.equal(featureTarget(model, 'max_pool_1', 0), { index: 5, rectified: false });
});

test('feature visualisation rejects a layer without maps, a channel it lacks and bad options, in plain words', async () => {
  const model = await shippedModel();
  const rejects = async (run: () => Promise<unknown>, pattern: RegExp) => {
    try {
      await run();
    } catch (err) {
      assert.match((err as Error).message, pattern);
      return;
    }
    assert.unreachable(`expected ${pattern}`);
  };
  await rejects(() => featureVisualisation(model, 'output', 0), /not a layer of maps/);
  await rejects(() => featureVisualisation(model, 'conv_9', 0), /no step called "conv_9"/);
  await rejects(() => featureVisualisation(model, 'conv_1_1', 10), /Channel 10 of "conv_1_1" is outside 0…9/);
  await rejects(() => featureVisualisation(model, 'conv_1_1', 0, { blur: 2 }), /blur must be from 0 to 1/);
});

test.run();
