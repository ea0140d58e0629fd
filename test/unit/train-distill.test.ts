/**
 * Knowledge distillation: the loss against a float64 computation and its gradient's closed
 * form, the teacher network, and distilled runs end to end (teacher first, then the student;
 * reproducible byte for byte, in a worker thread or not, resumable).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type DistillConfig, DEFAULT_DISTILL } from '../../model/train/config';
import { distillationLoss } from '../../model/train/gradients';
import { buildModel, buildTeacher } from '../../model/train/models';
import { silentProgress } from '../../model/train/progress';
import { runTraining } from '../../model/train/run';
import { train, weightsDigest } from '../../model/train/trainer';
import { useWasmBackend } from '../../model/train/wasm-gradients';
import { smallData, smokeConfig } from './train-fixtures';

await useWasmBackend();
const tmp = mkdtempSync(join(tmpdir(), 'train-distill-'));
const data = smallData(3);

const softmax64 = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

test('distillationLoss: (1 − w)·CE + w·T²·KL, as computed in float64', () => {
  const s = [[1.5, -0.3, 0.2, 0, 0, 0, 0, 0, 0, 2], [0, 0.1, -2, 0.5, 3, 0, 0, 1, 0, 0]];
  const t = [[2, 0, 0.5, 0, 0, -1, 0, 0, 0, 1], [0.2, 0, -1, 0, 4, 0, 0.5, 0, 0, 0]];
  const labels = [9, 4];
  const [w, T] = [0.7, 3];
  let expected = 0;
  for (let n = 0; n < 2; n++) {
    const ce = -Math.log(softmax64(s[n])[labels[n]]);
    const p = softmax64(t[n].map((v) => v / T));
    const q = softmax64(s[n].map((v) => v / T));
    const kl = p.reduce((a, pi, i) => a + pi * Math.log(pi / q[i]), 0);
    expected += ((1 - w) * ce + w * T * T * kl) / 2;
  }
  const got = tf.tidy(() => {
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
    return distillationLoss(y, tf.tensor2d(s), tf.tensor2d(t), w, T).dataSync()[0];
  });
  assert.ok(Math.abs(got - expected) < 1e-5, `${got} vs ${expected}`);
  const [plain, ce] = tf.tidy(() => {
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
    return [distillationLoss(y, tf.tensor2d(s), tf.tensor2d(t), 0, T).dataSync()[0], tf.losses.softmaxCrossEntropy(y, tf.tensor2d(s)).dataSync()[0]];
  });
  assert.ok(Math.abs(plain - ce) < 1e-6, 'weight 0 is the plain cross-entropy');
  const same = tf.tidy(() => distillationLoss(tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat(), tf.tensor2d(s), tf.tensor2d(s), 1, T).dataSync()[0]);
  assert.ok(Math.abs(same) < 1e-6, 'weight 1 and the teacher equal to the student: zero');
});

test('the soft term\'s gradient is w·T·(softmax(s/T) − softmax(t/T)) / N', () => {
  const s = [[0.5, -1, 2, 0, 0.3, 0, 0, 0, -0.2, 1]];
  const t = [[1, 0, 1, 0, 0, 0.4, 0, 0, 0, 2]];
  const [w, T] = [1, 4];
  const g = tf.tidy(() => {
    const y = tf.oneHot(tf.tensor1d([2], 'int32'), 10).toFloat();
    return Array.from(tf.grad((z: tf.Tensor) => distillationLoss(y, z, tf.tensor2d(t), w, T))(tf.tensor2d(s)).dataSync());
  });
  const q = softmax64(s[0].map((v) => v / T));
  const p = softmax64(t[0].map((v) => v / T));
  g.forEach((gi, i) => assert.ok(Math.abs(gi - w * T * (q[i] - p[i])) < 1e-5, `logit ${i}: ${gi} vs ${w * T * (q[i] - p[i])}`));
});

test('the teacher network: 98,730 parameters for widths 16, 32, 64, 128, logits for 10 classes, seeded', () => {
  const a = buildTeacher([16, 32, 64, 128], 3, 'linear');
  const b = buildModel({ kind: 'teacher', widths: [16, 32, 64, 128] }, 3, 'linear');
  assert.is(a.countParams(), 98730);
  const out = tf.tidy(() => a.predict(tf.zeros([2, 64, 64, 3])) as tf.Tensor);
  assert.equal(out.shape, [2, 10]);
  const [wa, wb] = [a.getWeights().map((t) => t.dataSync()), b.getWeights().map((t) => t.dataSync())];
  wa.forEach((w, i) => assert.equal(Array.from(w), Array.from(wb[i]), `weight ${i}`));
  assert.throws(() => buildTeacher([16, 0], 1, 'linear'), /positive integers/);
  tf.dispose(out);
  a.dispose();
  b.dispose();
});

const distill: DistillConfig = {
  weight: 0.5,
  temperature: 4,
  teacher: { ...smokeConfig({ epochs: 2, checkpointEpochs: [] }), model: { kind: 'teacher', widths: [4, 8, 8, 8] }, flipOnlyFinalEpochs: 0 },
};
const student = (overrides = {}) => smokeConfig({ epochs: 3, flipOnlyFinalEpochs: 1, checkpointEpochs: [0, 1, 2, 3], distill, ...overrides });

async function run(name: string, config = student(), extra: Partial<Parameters<typeof runTraining>[0]> = {}): Promise<Record<string, Buffer>> {
  const outDir = join(tmp, name);
  const summary = await runTraining({ dataDir: 'unused', data, outDir, config, progress: silentProgress, ...extra });
  assert.ok(summary.completed, `${name} completed`);
  const files = ['group1-shard1of1.bin', 'model.json', ...readdirSync(join(outDir, 'checkpoints')).map((f) => `checkpoints/${f}`)];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(outDir, f))]));
}

test('a distilled run trains the teacher first, reports it, and is reproducible byte for byte (2 worker threads)', async () => {
  const config = student({ workers: 2, distill: { ...distill, teacher: { ...distill.teacher, workers: 2 } } });
  const [a, b] = [await run('a', config), await run('b', config)];
  for (const f of Object.keys(a)) assert.ok(a[f].equals(b[f]), `${f} differs`);
  const report = JSON.parse(readFileSync(join(tmp, 'a', 'report.json'), 'utf8'));
  assert.equal(report.config.distill.teacher.model, { kind: 'teacher', widths: [4, 8, 8, 8] });
  assert.is(report.teacher.epochs.length, 2);
  assert.ok(report.teacher.selection.epoch >= 1 && report.teacher.earlyStopHalfAccuracy >= 0);
  assert.match(report.model, /^Tiny VGG/);
  const plain = await run('plain', { ...config, distill: undefined });
  assert.not.ok(plain['group1-shard1of1.bin'].equals(a['group1-shard1of1.bin']), 'the teacher changes the student');
  assert.ok(plain['checkpoints/epoch-000.bin'].equals(a['checkpoints/epoch-000.bin']), 'from the same initial weights');
});

test('distillation in the calling thread follows the worker threads to float rounding', async () => {
  const teacher = { model: distill.teacher.model!, weights: buildModel(distill.teacher.model, 7, 'linear').getWeights().map((t) => Float32Array.from(t.dataSync())) };
  const runWith = async (workers: number) => (await train({ data, config: student({ workers, epochs: 2 }), teacher })).history;
  const [inline, pooled] = [await runWith(0), await runWith(2)];
  inline.forEach((h, i) => assert.ok(Math.abs(h.loss - pooled[i].loss) < 1e-3, `epoch ${h.epoch}: ${h.loss} vs ${pooled[i].loss}`));
  assert.is(weightsDigest(teacher.weights), weightsDigest(teacher.weights.map((a) => a.slice())));
  assert.is.not(weightsDigest(teacher.weights), weightsDigest([teacher.weights[0].map((v) => v + 1e-3), ...teacher.weights.slice(1)]));
  await train({ data, config: student(), teacher: undefined }).then(
    () => assert.unreachable('a distilled config without a teacher must fail'),
    (e: Error) => assert.match(e.message, /teacher/),
  );
});

test('an interrupted distilled run resumed with --resume ends byte-identical to an uninterrupted one; a finished teacher is reused', async () => {
  const whole = await run('whole');
  const stateDir = join(tmp, 'state');
  const stopped = await runTraining({ dataDir: 'unused', data, outDir: join(tmp, 'resumed'), stateDir, config: student(), stopAfterEpoch: 1, progress: silentProgress });
  assert.not.ok(stopped.completed);
  const lines: string[] = [];
  const progress = { ...silentProgress, log: (t: string) => lines.push(t) };
  const resumed = await run('resumed', student(), { stateDir, resume: true, progress });
  for (const f of Object.keys(whole)) assert.ok(whole[f].equals(resumed[f]), `${f} differs`);
  assert.ok(lines.some((l) => /Resuming after epoch 2 of 2/.test(l)), 'the teacher was not trained again');
  assert.ok(lines.some((l) => /Resuming after epoch 1 of 3/.test(l)), 'the student went on from epoch 1');
});

test('DEFAULT_DISTILL: a teacher on run B\'s recipe, no nested distillation', () => {
  assert.is(DEFAULT_DISTILL.teacher.model?.kind, 'teacher');
  assert.is(DEFAULT_DISTILL.teacher.distill, undefined);
  assert.ok(DEFAULT_DISTILL.weight > 0 && DEFAULT_DISTILL.weight < 1 && DEFAULT_DISTILL.temperature >= 1);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
