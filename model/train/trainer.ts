/**
 * The Tiny VGG training loop: Adam with warmup and cosine decay, label smoothing, optional L2
 * or decoupled weight decay, an exponential moving average (EMA) of the weights, batch
 * gradients on worker threads, model selection on the early-stopping half of val, per-epoch
 * resumable state and compact checkpoints. Every random choice comes from one seeded Prng,
 * so a run is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_SHAPE } from '../architecture';
import { adamStepArrays, emaStepArrays } from './adam';
import { NO_AUGMENTATION, writeAugmented } from './augment';
import type { NamedWeights } from './checkpoint-format';
import { checkpointEpochsOf, type EpochRecord, isBetter, learningRateAt, type Score, type Selection, type TrainConfig } from './config';
import { IMAGE_BYTES, type TrainingData, subset } from './data';
import { batchGradients, type LossSpec } from './gradients';
import { buildModel, type ModelSpec } from './models';
import { plainArray, plainBatch, predictLabels } from './predict';
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
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const names = model.trainableWeights.map((w) => w.originalName);
  const isKernel = names.map((name) => name.endsWith('/kernel'));
  const named = (values: Float32Array[]): NamedWeights[] => values.map((a, i) => ({ name: names[i], shape: vars[i].shape, values: a }));
  // The training state lives in plain arrays (the update is adam.ts's float32 loop); the
  // model's variables only serve the thread's own gradients and scores when there are no workers.
  const weights = readAll(vars);
  const m = weights.map((w) => new Float32Array(w.length));
  const v = weights.map((w) => new Float32Array(w.length));
  const ema = cfg.emaDecay > 0 ? weights.map((w) => Float32Array.from(w)) : null;

  const stepsPerEpoch = Math.ceil(trainSet.count / cfg.batchSize);
  let prng = new Prng(`tiny-vgg/train/${cfg.seed}`);
  let step = 0;
  let epochsDone = 0;
  let history: EpochRecord[] = [];
  let selection: Selection | null = null;
  let best: Float32Array[] | null = null;
  let trainSeconds = 0;

  const assignAll = (targets: Float32Array[], values: Float32Array[]) => targets.forEach((t, i) => t.set(values[i]));
  const copyAll = (arrays: Float32Array[]) => arrays.map((a) => Float32Array.from(a));
  const setVars = (values: Float32Array[]) => tf.tidy(() => vars.forEach((t, i) => t.assign(tf.tensor(values[i], t.shape))));

  if (opts.resume && opts.stateDir) {
    const saved = loadState<StateMeta>(opts.stateDir);
    if (saved && saved.meta.fingerprint === fingerprint && saved.meta.epochsDone <= cfg.epochs) {
      const s = saved.meta;
      assignAll(weights, saved.arrays.weights);
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
  if (epochsDone === 0 && wantCheckpoint(0)) opts.hooks!.checkpoint!(0, named(copyAll(weights)), null);

  // Two batch buffers: the main thread augments the next batch while the workers compute
  // the gradients of this one. The PRNG draws stay in the same order.
  const xBufs = [new Float32Array(cfg.batchSize * IMAGE_BYTES), new Float32Array(cfg.batchSize * IMAGE_BYTES)];
  const halves = { val: early, test };
  const halfNames = ['val', 'test'] as const;
  let halfTensors: Record<'val' | 'test', tf.Tensor4D> | null = null;
  let pool: GradientWorkers | null = null;
  /** Scores of each set of weights (raw, EMA) on both halves of val: on the workers if any. */
  const scoreAll = async (sets: Float32Array[][]): Promise<{ val: Score; test: Score }[]> => {
    const jobs = sets.flatMap((w) => halfNames.map((set) => ({ weights: w, set })));
    const replies = pool
      ? await pool.score(jobs)
      : jobs.map(({ weights: w, set }) => {
        setVars(w);
        halfTensors ??= { val: plainBatch(early), test: plainBatch(test) };
        return predictLabels(model, halfTensors[set], halves[set].labels);
      });
    return sets.map((_, k) => {
      const [val, testHalf] = [replies[2 * k], replies[2 * k + 1]];
      return {
        val: { accuracy: accuracyOf(val.predicted, early.labels), loss: val.loss },
        test: { accuracy: accuracyOf(testHalf.predicted, test.labels), loss: testHalf.loss },
      };
    });
  };

  // Without workers, the teacher (if any) runs in this thread.
  let teacher: tf.LayersModel | null = null;
  try {
    if (cfg.workers > 0) {
      const scoring = { val: { x: plainArray(early), labels: early.labels }, test: { x: plainArray(test), labels: test.labels } };
      pool = await GradientWorkers.start(cfg.workers, { loss: lossSpec, model: cfg.model, teacher: teacherSpec, scoring });
    }
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
        // pool.gradients copies its inputs (the weights, the batch) before it returns.
        const pending = pool ? pool.gradients(weights, xBuf.subarray(0, ids.length * IMAGE_BYTES), labelIds) : null;
        if (b + 1 < stepsPerEpoch) nextIds = fill(b + 1);
        const pooled = pending ? await pending : null;
        const { grads, loss, correct } = pooled ?? tf.tidy(() => {
          setVars(weights);
          const x = tf.tensor4d(xBuf.subarray(0, ids.length * IMAGE_BYTES), [ids.length, ...INPUT_SHAPE]);
          const teacherLogits = teacher ? (teacher.predict(x) as tf.Tensor2D) : undefined;
          const out = batchGradients(model, vars, isKernel, x, tf.tensor1d(labelIds, 'int32'), lossSpec, teacherLogits);
          const correct = out.correct.dataSync()[0];
          out.correct.dispose(); // kept out of the gradient's scope (gradients.ts), so not the tidy's to free
          return { grads: out.grads.map((g) => Float32Array.from(g.dataSync())), loss: out.loss.dataSync()[0], correct };
        });
        const t = step;
        const d = Math.min(cfg.emaDecay, (1 + t) / (10 + t));
        weights.forEach((w, i) => {
          adamStepArrays({ w, m: m[i], v: v[i] }, grads[i], t, lr, isKernel[i] ? cfg.weightDecay : 0);
          if (ema) emaStepArrays(ema[i], w, d);
        });
        // The loss as a float32, as a scalar tensor held it before the update left tensors.
        lossSum += Math.fround(loss) * ids.length;
        correctSum += correct;
        const seen = Math.min(trainSet.count, (b + 1) * cfg.batchSize);
        progress.batch(epoch, cfg.epochs, b + 1, stepsPerEpoch, lossSum / seen, correctSum / seen);
      }

      const [raw, averaged = null] = await scoreAll(ema ? [weights, ema] : [weights]);
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
          best = copyAll(c.weights === 'ema' ? ema! : weights);
        }
      }
      record.seconds = (performance.now() - t0) / 1000;
      trainSeconds += record.seconds;
      history = [...history, record];
      epochsDone = epoch;
      if (wantCheckpoint(epoch)) opts.hooks!.checkpoint!(epoch, named(copyAll(weights)), record);
      const mean = trainSeconds / history.length;
      progress.epoch({ ...record, epochs: cfg.epochs, etaSeconds: mean * (cfg.epochs - epoch) });

      if (opts.stateDir) {
        const meta: StateMeta = { version: 2, fingerprint, epochsDone, step, prng: prng.getState(), history, selection, trainSeconds };
        saveState(opts.stateDir, epoch, meta, { weights, adamM: m, adamV: v, ema: ema ?? [], best: best ?? [] });
      }
      if (opts.stopAfterEpoch !== undefined && epoch >= opts.stopAfterEpoch && epoch < cfg.epochs) break;
    }
  } finally {
    await pool?.stop();
    if (halfTensors) tf.dispose([halfTensors.val, halfTensors.test]);
    model.dispose();
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
