/**
 * The Tiny VGG training loop: Adam with warmup and cosine decay, label smoothing, optional L2
 * or decoupled weight decay, an exponential moving average (EMA) of the weights, batch
 * gradients on worker threads, model selection on the early-stopping half of val, per-epoch
 * resumable state and compact checkpoints. Every random choice comes from one seeded Prng,
 * so a run is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_SHAPE } from '../architecture';
import { adamMoments, adamStep } from './adam';
import { NO_AUGMENTATION, writeAugmented } from './augment';
import type { NamedWeights } from './checkpoint-format';
import { checkpointEpochsOf, type EpochRecord, isBetter, learningRateAt, type Score, type Selection, type TrainConfig } from './config';
import { IMAGE_BYTES, type TrainingData, subset } from './data';
import { batchGradients, type LossSpec } from './gradients';
import { buildModel, type ModelSpec } from './models';
import { plainBatch, predictLabels } from './predict';
import { type ProgressSink, silentProgress } from './progress';
import { Prng, type PrngState } from './prng';
import { loadState, saveState } from './state';
import { GradientWorkers } from './worker-pool';

export { DEFAULT_CONFIG, learningRateAt, type DistillConfig, type EpochRecord, type Selection, type TrainConfig } from './config';
export { plainBatch, predictLabels } from './predict';

/** Hooks for what a run leaves behind (the CLI writes files; tests may not). */
export interface TrainHooks {
  /** After `epoch` epochs (0: before training), for the epochs of checkpointEpochsOf(config), with the raw weights. */
  checkpoint?(epoch: number, weights: NamedWeights[], record: EpochRecord | null): void;
}

export interface TrainOptions {
  data: TrainingData;
  config: TrainConfig;
  /** Folder of the resumable state; none: no state is written. */
  stateDir?: string;
  /** Continue from the state in stateDir, if it belongs to the same config and data. */
  resume?: boolean;
  /** Stop after this many epochs as if interrupted (tests of --resume). */
  stopAfterEpoch?: number;
  progress?: ProgressSink;
  hooks?: TrainHooks;
  /** The trained teacher, required when config.distill is set. */
  teacher?: TeacherWeights;
}

/** A trained network to distil from: its kind and weights (in the order of its model.weights). */
export interface TeacherWeights {
  model: ModelSpec;
  weights: Float32Array[];
}

export interface TrainResult {
  completed: boolean;
  /** The selected weights in a softmax model, ready to save; the caller disposes it. */
  model: tf.LayersModel | null;
  selection: Selection | null;
  history: EpochRecord[];
  /** Seconds spent training, summed over resumed parts. */
  trainSeconds: number;
  resumedFromEpoch: number;
}

interface StateMeta {
  version: 2;
  fingerprint: string;
  epochsDone: number;
  step: number;
  prng: PrngState;
  history: EpochRecord[];
  selection: Selection | null;
  trainSeconds: number;
}

const accuracyOf = (predicted: Int32Array, labels: Int32Array) => predicted.reduce((n, p, i) => n + (p === labels[i] ? 1 : 0), 0) / labels.length;

/** The shipped form: softmax fused into the last layer, with the given weights. */
function softmaxModelWith(spec: ModelSpec | undefined, weights: Float32Array[], seed: number): tf.LayersModel {
  const model = buildModel(spec, seed, 'softmax');
  tf.tidy(() => model.setWeights(weights.map((a, i) => tf.tensor(a, model.weights[i].shape as number[]))));
  return model;
}

const readAll = (ts: tf.Tensor[]) => ts.map((t) => Float32Array.from(t.dataSync()));

export async function train(opts: TrainOptions): Promise<TrainResult> {
  const cfg = opts.config;
  const progress = opts.progress ?? silentProgress;
  const { train: trainSet, val, split } = opts.data;
  const early = subset(val, split.earlyStop);
  const test = subset(val, split.test);
  // What a saved state must match to be resumed (checkpoint epochs only change what is written).
  if (cfg.distill && !opts.teacher) throw new Error('train: config.distill needs the teacher\'s weights (opts.teacher)');
  const teacherSpec = cfg.distill ? opts.teacher : undefined;
  const fingerprint = JSON.stringify({
    cfg: { ...cfg, checkpointEpochs: undefined },
    train: trainSet.count,
    val: early.files,
    test: test.files,
    ...(teacherSpec ? { teacher: weightsDigest(teacherSpec.weights) } : {}),
  });
  const lossSpec: LossSpec = {
    labelSmoothing: cfg.labelSmoothing,
    l2: cfg.l2,
    ...(cfg.distill ? { distill: { weight: cfg.distill.weight, temperature: cfg.distill.temperature } } : {}),
  };

  const model = buildModel(cfg.model, cfg.seed, 'linear');
  const evalModel = buildModel(cfg.model, cfg.seed, 'linear');
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const names = model.trainableWeights.map((w) => w.originalName);
  const isKernel = names.map((name) => name.endsWith('/kernel'));
  const named = (values: Float32Array[]): NamedWeights[] => values.map((a, i) => ({ name: names[i], shape: vars[i].shape, values: a }));
  const { m, v } = adamMoments(vars);
  const ema = cfg.emaDecay > 0 ? tf.tidy(() => vars.map((w) => tf.variable(w.clone(), false))) : null;

  const stepsPerEpoch = Math.ceil(trainSet.count / cfg.batchSize);
  let prng = new Prng(`tiny-vgg/train/${cfg.seed}`);
  let step = 0;
  let epochsDone = 0;
  let history: EpochRecord[] = [];
  let selection: Selection | null = null;
  let best: Float32Array[] | null = null;
  let trainSeconds = 0;

  const assignAll = (targets: tf.Variable[], values: Float32Array[]) =>
    targets.forEach((t, i) => tf.tidy(() => t.assign(tf.tensor(values[i], t.shape))));

  if (opts.resume && opts.stateDir) {
    const saved = loadState<StateMeta>(opts.stateDir);
    if (saved && saved.meta.fingerprint === fingerprint && saved.meta.epochsDone <= cfg.epochs) {
      const s = saved.meta;
      assignAll(vars, saved.arrays.weights);
      assignAll(m, saved.arrays.adamM);
      assignAll(v, saved.arrays.adamV);
      if (ema) assignAll(ema, saved.arrays.ema);
      best = saved.arrays.best.length ? saved.arrays.best : null;
      ({ step, epochsDone, history, selection, trainSeconds } = s);
      prng = Prng.fromState(s.prng);
      progress.log(`Resuming after epoch ${epochsDone} of ${cfg.epochs} (state in ${opts.stateDir}).`);
    } else {
      progress.log(saved ? 'The saved state belongs to another config or data set: starting afresh.' : 'No saved state: starting afresh.');
    }
  }
  const resumedFromEpoch = epochsDone;
  const checkpointEpochs = checkpointEpochsOf(cfg);
  const wantCheckpoint = (epoch: number) => opts.hooks?.checkpoint && checkpointEpochs.includes(epoch);
  if (epochsDone === 0 && wantCheckpoint(0)) opts.hooks!.checkpoint!(0, named(readAll(vars)), null);

  const halves = { val: { x: plainBatch(early), labels: early.labels }, test: { x: plainBatch(test), labels: test.labels } };
  // Two batch buffers: the main thread augments the next batch while the workers compute
  // the gradients of this one. The PRNG draws stay in the same order.
  const xBufs = [new Float32Array(cfg.batchSize * IMAGE_BYTES), new Float32Array(cfg.batchSize * IMAGE_BYTES)];
  /** Scores of the raw or EMA weights on both halves of val. */
  const score = (weights: 'raw' | 'ema'): { val: Score; test: Score } => {
    if (weights === 'ema' && ema) evalModel.setWeights(ema);
    const net = weights === 'raw' ? model : evalModel;
    const on = ({ x, labels }: { x: tf.Tensor4D; labels: Int32Array }): Score => {
      const { predicted, loss } = predictLabels(net, x, labels);
      return { accuracy: accuracyOf(predicted, labels), loss };
    };
    return { val: on(halves.val), test: on(halves.test) };
  };

  let pool: GradientWorkers | null = null;
  // Without workers, the teacher (if any) runs in this thread.
  let teacher: tf.LayersModel | null = null;
  try {
    pool = cfg.workers > 0 ? await GradientWorkers.start(cfg.workers, { loss: lossSpec, model: cfg.model, teacher: teacherSpec }) : null;
    if (!pool && teacherSpec) {
      const t = buildModel(teacherSpec.model, 0, 'linear');
      tf.tidy(() => t.setWeights(teacherSpec.weights.map((a, i) => tf.tensor(a, t.weights[i].shape as number[]))));
      teacher = t;
    }
    for (let epoch = epochsDone + 1; epoch <= cfg.epochs; epoch++) {
      const t0 = performance.now();
      // A fresh permutation each epoch: the order depends on the PRNG state alone (resumable).
      const order = prng.shuffle(Array.from({ length: trainSet.count }, (_, i) => i));
      const augment = epoch > cfg.epochs - cfg.flipOnlyFinalEpochs ? { ...NO_AUGMENTATION, flip: cfg.augment.flip } : cfg.augment;
      let lossSum = 0;
      let correctSum = 0;
      let lr = 0;
      const fill = (b: number): number[] => {
        const ids = order.slice(b * cfg.batchSize, (b + 1) * cfg.batchSize);
        for (let k = 0; k < ids.length; k++) writeAugmented(trainSet.rgb, ids[k], xBufs[b % 2], k * IMAGE_BYTES, augment, prng);
        return ids;
      };
      let nextIds = fill(0);
      for (let b = 0; b < stepsPerEpoch; b++) {
        const ids = nextIds;
        const xBuf = xBufs[b % 2];
        lr = learningRateAt(cfg, step, stepsPerEpoch);
        step++;
        const labelIds = Int32Array.from(ids, (i) => trainSet.labels[i]);
        // pool.gradients copies its inputs before it returns.
        const pending = pool ? pool.gradients(readAll(vars), xBuf.subarray(0, ids.length * IMAGE_BYTES), labelIds) : null;
        if (b + 1 < stepsPerEpoch) nextIds = fill(b + 1);
        const pooled = pending ? await pending : null;
        const [lossT, correctT] = tf.tidy(() => {
          let grads: tf.Tensor[];
          let loss: tf.Scalar;
          let correct: tf.Scalar;
          if (pooled) {
            grads = pooled.grads.map((g, i) => tf.tensor(g, vars[i].shape));
            [loss, correct] = [tf.scalar(pooled.loss), tf.scalar(pooled.correct)];
          } else {
            const x = tf.tensor4d(xBuf.subarray(0, ids.length * IMAGE_BYTES), [ids.length, ...INPUT_SHAPE]);
            const teacherLogits = teacher ? (teacher.predict(x) as tf.Tensor2D) : undefined;
            ({ loss, correct, grads } = batchGradients(model, vars, isKernel, x, tf.tensor1d(labelIds, 'int32'), lossSpec, teacherLogits));
          }
          const t = step;
          const d = Math.min(cfg.emaDecay, (1 + t) / (10 + t));
          vars.forEach((w, i) => {
            adamStep(w, grads[i], m[i], v[i], t, lr, isKernel[i] ? cfg.weightDecay : 0);
            if (ema) ema[i].assign(ema[i].mul(d).add(w.mul(1 - d)));
          });
          return [loss, correct];
        });
        lossSum += lossT.dataSync()[0] * ids.length;
        correctSum += correctT.dataSync()[0];
        tf.dispose([lossT, correctT]);
        const seen = Math.min(trainSet.count, (b + 1) * cfg.batchSize);
        progress.batch(epoch, cfg.epochs, b + 1, stepsPerEpoch, lossSum / seen, correctSum / seen);
      }

      const raw = score('raw');
      const averaged = ema ? score('ema') : null;
      const record: EpochRecord = {
        epoch,
        loss: lossSum / trainSet.count,
        accuracy: correctSum / trainSet.count,
        valAccuracy: raw.val.accuracy,
        valLoss: raw.val.loss,
        ...(averaged ? { valAccuracyEma: averaged.val.accuracy, valLossEma: averaged.val.loss } : {}),
        testAccuracy: raw.test.accuracy,
        testLoss: raw.test.loss,
        ...(averaged ? { testAccuracyEma: averaged.test.accuracy, testLossEma: averaged.test.loss } : {}),
        learningRate: lr,
        seconds: 0,
      };
      // Selection looks at the early-stopping half only (the val scores), never at the test half.
      const candidates: Selection[] = [{ epoch, weights: 'raw', valAccuracy: raw.val.accuracy, valLoss: raw.val.loss }];
      if (averaged) candidates.push({ epoch, weights: 'ema', valAccuracy: averaged.val.accuracy, valLoss: averaged.val.loss });
      for (const c of candidates) {
        if (isBetter(c, selection)) {
          selection = c;
          best = readAll(c.weights === 'ema' ? ema! : vars);
        }
      }
      record.seconds = (performance.now() - t0) / 1000;
      trainSeconds += record.seconds;
      history = [...history, record];
      epochsDone = epoch;
      if (wantCheckpoint(epoch)) opts.hooks!.checkpoint!(epoch, named(readAll(vars)), record);
      const mean = trainSeconds / history.length;
      progress.epoch({ ...record, epochs: cfg.epochs, etaSeconds: mean * (cfg.epochs - epoch) });

      if (opts.stateDir) {
        const meta: StateMeta = { version: 2, fingerprint, epochsDone, step, prng: prng.getState(), history, selection, trainSeconds };
        saveState(opts.stateDir, epoch, meta, { weights: readAll(vars), adamM: readAll(m), adamV: readAll(v), ema: ema ? readAll(ema) : [], best: best ?? [] });
      }
      if (opts.stopAfterEpoch !== undefined && epoch >= opts.stopAfterEpoch && epoch < cfg.epochs) break;
    }
  } finally {
    await pool?.stop();
    tf.dispose([halves.val.x, halves.test.x, ...m, ...v, ...(ema ?? [])]);
    model.dispose();
    evalModel.dispose();
    teacher?.dispose();
  }

  const completed = epochsDone >= cfg.epochs;
  const shipped = completed && best ? softmaxModelWith(cfg.model, best, cfg.seed) : null;
  return { completed, model: shipped, selection, history, trainSeconds, resumedFromEpoch };
}

/** A short digest of some weights (FNV-1a over their float bits), for the resume fingerprint. */
export function weightsDigest(weights: Float32Array[]): string {
  let h = 0x811c9dc5;
  for (const a of weights) {
    const words = new Uint32Array(a.buffer, a.byteOffset, a.length);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  }
  return `${weights.length}:${weights.reduce((n, a) => n + a.length, 0)}:${(h >>> 0).toString(16)}`;
}
