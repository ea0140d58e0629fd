/**
 * The Tiny VGG training loop: Adam (or SGD with Nesterov momentum) with warmup and cosine decay, label smoothing, optional L2
 * or decoupled weight decay, an exponential moving average (EMA) of the weights, model
 * selection on the early-stopping half of val, per-epoch resumable state and compact
 * checkpoints. Every random choice comes from one seeded Prng, so a run is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import { buildTinyVgg, INPUT_SHAPE, NUM_CLASSES } from '../architecture';
import { type AugmentConfig, NO_AUGMENTATION, writeAugmented, writePlain } from './augment';
import type { NamedWeights } from './checkpoint-format';
import { IMAGE_BYTES, type ImageSet, type TrainingData, subset } from './data';
import { type ProgressSink, silentProgress } from './progress';
import { Prng, type PrngState } from './prng';
import { batchGradients } from './gradients';
import { loadState, saveState } from './state';
import { GradientWorkers } from './worker-pool';

export interface TrainConfig {
  /** 'adam', or 'sgd' (Nesterov momentum 0.9). */
  optimizer: 'adam' | 'sgd';
  epochs: number;
  batchSize: number;
  seed: number;
  /** Peak learning rate. */
  learningRate: number;
  /** Linear warmup from ~0 to the peak, in epochs. */
  warmupEpochs: number;
  /** Where the cosine decay ends, at the last step. */
  finalLearningRate: number;
  /** L2 penalty added to the loss, on kernels (Keras-style). */
  l2: number;
  /** Decoupled weight decay (AdamW), on kernels: w −= lr · weightDecay · w each step. */
  weightDecay: number;
  labelSmoothing: number;
  /** Decay of the EMA of the weights per step; 0 turns the EMA off. */
  emaDecay: number;
  augment: AugmentConfig;
  /** Worker threads computing the gradients of each batch in parallel; 0: in the calling thread. */
  workers: number;
  /** The last N epochs keep only the flips: the net settles on undistorted images. */
  flipOnlyFinalEpochs: number;
  /** Epoch counts after which a compact checkpoint is written (0 = the initial weights). */
  checkpointEpochs: number[];
}

export const DEFAULT_CONFIG: TrainConfig = {
  optimizer: 'adam',
  epochs: 100,
  batchSize: 32,
  seed: 1,
  learningRate: 1.5e-3,
  warmupEpochs: 2,
  finalLearningRate: 0,
  l2: 1e-4,
  weightDecay: 0,
  labelSmoothing: 0,
  emaDecay: 0.998,
  augment: { flip: true, shift: 4, zoom: [1, 1], brightness: 0.1, contrast: 0.1, saturation: 0.1 },
  flipOnlyFinalEpochs: 0,
  workers: 2,
  checkpointEpochs: [0, 1, 2, 3, 5, 8, 13, 21],
};

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  /** Accuracy on the early-stopping half, raw weights. */
  valAccuracy: number;
  /** The same with the EMA weights, when the EMA is on. */
  valAccuracyEma?: number;
  learningRate: number;
  seconds: number;
}

export interface Selection {
  epoch: number;
  weights: 'raw' | 'ema';
  valAccuracy: number;
  valLoss: number;
}

/** Hooks for what a run leaves behind (the CLI writes files; tests may not). */
export interface TrainHooks {
  /** After `epoch` epochs (0: before training), for the epochs in config.checkpointEpochs, with the raw weights. */
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
  version: 1;
  fingerprint: string;
  epochsDone: number;
  step: number;
  prng: PrngState;
  history: EpochRecord[];
  selection: Selection | null;
  trainSeconds: number;
}

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const SGD_MOMENTUM = 0.9;

/** Learning rate at `step` of `total`: linear warmup, then cosine decay to the final rate. */
export function learningRateAt(cfg: TrainConfig, step: number, stepsPerEpoch: number): number {
  const total = cfg.epochs * stepsPerEpoch;
  const warmup = Math.min(total, Math.round(cfg.warmupEpochs * stepsPerEpoch));
  if (step < warmup) return (cfg.learningRate * (step + 1)) / warmup;
  const t = total > warmup ? (step - warmup) / (total - warmup) : 1;
  return cfg.finalLearningRate + (cfg.learningRate - cfg.finalLearningRate) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)));
}

/** Images → one float32 tensor of RGB/255 (no augmentation). */
export function plainBatch(set: ImageSet): tf.Tensor4D {
  const x = new Float32Array(set.count * IMAGE_BYTES);
  for (let n = 0; n < set.count; n++) writePlain(set.rgb, n, x, n * IMAGE_BYTES);
  return tf.tensor4d(x, [set.count, ...INPUT_SHAPE]);
}

/** argmax labels and mean cross-entropy of a logits (or probabilities, `probabilities`) model. */
export function predictLabels(model: tf.LayersModel, x: tf.Tensor4D, labels?: Int32Array, probabilities = false) {
  return tf.tidy(() => {
    const out = model.predict(x, { batchSize: 128 }) as tf.Tensor2D;
    const predicted = out.argMax(1).dataSync() as Int32Array;
    let loss = NaN;
    if (labels) {
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_CLASSES).toFloat();
      loss = (probabilities ? tf.losses.logLoss(y, out) : tf.losses.softmaxCrossEntropy(y, out)).dataSync()[0];
    }
    return { predicted: Int32Array.from(predicted), loss };
  });
}

const accuracyOf = (predicted: Int32Array, labels: Int32Array) => predicted.reduce((n, p, i) => n + (p === labels[i] ? 1 : 0), 0) / labels.length;

/** The shipped form: softmax fused into `output`, with the given weights. */
function softmaxModelWith(weights: Float32Array[], seed: number): tf.LayersModel {
  const model = buildTinyVgg({ seed, outputActivation: 'softmax' });
  tf.tidy(() => model.setWeights(weights.map((a, i) => tf.tensor(a, model.weights[i].shape as number[]))));
  return model;
}

const readAll = (ts: tf.Tensor[]) => ts.map((t) => Float32Array.from(t.dataSync()));

export async function train(opts: TrainOptions): Promise<TrainResult> {
  const cfg = opts.config;
  const progress = opts.progress ?? silentProgress;
  const { train: trainSet, val, split } = opts.data;
  const early = subset(val, split.earlyStop);
  // What a saved state must match to be resumed (checkpoint epochs only change what is written).
  const fingerprint = JSON.stringify({ cfg: { ...cfg, checkpointEpochs: undefined }, train: trainSet.count, val: early.files });

  const model = buildTinyVgg({ seed: cfg.seed, outputActivation: 'linear' });
  const evalModel = buildTinyVgg({ seed: cfg.seed, outputActivation: 'linear' });
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const names = model.trainableWeights.map((w) => w.originalName);
  const isKernel = names.map((name) => name.endsWith('/kernel'));
  const named = (values: Float32Array[]): NamedWeights[] => values.map((a, i) => ({ name: names[i], shape: vars[i].shape, values: a }));
  const m = tf.tidy(() => vars.map((w) => tf.variable(tf.zerosLike(w), false)));
  const v = tf.tidy(() => vars.map((w) => tf.variable(tf.zerosLike(w), false)));
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
  const wantCheckpoint = (epoch: number) => opts.hooks?.checkpoint && cfg.checkpointEpochs.includes(epoch);
  if (epochsDone === 0 && wantCheckpoint(0)) opts.hooks!.checkpoint!(0, named(readAll(vars)), null);

  const earlyX = plainBatch(early);
  const pool = cfg.workers > 0 ? await GradientWorkers.start(cfg.workers, cfg) : null;
  const xBuf = new Float32Array(cfg.batchSize * IMAGE_BYTES);

  const evaluate = (weights: 'raw' | 'ema') => {
    if (weights === 'ema' && ema) evalModel.setWeights(ema);
    return predictLabels(weights === 'raw' ? model : evalModel, earlyX, early.labels);
  };

  try {
    for (let epoch = epochsDone + 1; epoch <= cfg.epochs; epoch++) {
      const t0 = performance.now();
      // A fresh permutation each epoch: the order depends on the PRNG state alone (resumable).
      const order = prng.shuffle(Array.from({ length: trainSet.count }, (_, i) => i));
      const augment = epoch > cfg.epochs - cfg.flipOnlyFinalEpochs ? { ...NO_AUGMENTATION, flip: cfg.augment.flip } : cfg.augment;
      let lossSum = 0;
      let correctSum = 0;
      let lr = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        const ids = order.slice(b * cfg.batchSize, (b + 1) * cfg.batchSize);
        for (let k = 0; k < ids.length; k++) writeAugmented(trainSet.rgb, ids[k], xBuf, k * IMAGE_BYTES, augment, prng);
        lr = learningRateAt(cfg, step, stepsPerEpoch);
        step++;
        const labelIds = Int32Array.from(ids, (i) => trainSet.labels[i]);
        const pooled = pool ? await pool.gradients(readAll(vars), xBuf.subarray(0, ids.length * IMAGE_BYTES), labelIds) : null;
        const [lossT, correctT] = tf.tidy(() => {
          let grads: tf.Tensor[];
          let loss: tf.Scalar;
          let correct: tf.Scalar;
          if (pooled) {
            grads = pooled.grads.map((g, i) => tf.tensor(g, vars[i].shape));
            [loss, correct] = [tf.scalar(pooled.loss), tf.scalar(pooled.correct)];
          } else {
            const x = tf.tensor4d(xBuf.subarray(0, ids.length * IMAGE_BYTES), [ids.length, ...INPUT_SHAPE]);
            ({ loss, correct, grads } = batchGradients(model, vars, isKernel, x, tf.tensor1d(labelIds, 'int32'), cfg));
          }
          const t = step;
          const c1 = 1 - ADAM.beta1 ** t;
          const c2 = 1 - ADAM.beta2 ** t;
          const d = Math.min(cfg.emaDecay, (1 + t) / (10 + t));
          vars.forEach((w, i) => {
            const g = grads[i];
            let update: tf.Tensor;
            if (cfg.optimizer === 'sgd') {
              m[i].assign(m[i].mul(SGD_MOMENTUM).add(g));
              update = g.add(m[i].mul(SGD_MOMENTUM));
            } else {
              m[i].assign(m[i].mul(ADAM.beta1).add(g.mul(1 - ADAM.beta1)));
              v[i].assign(v[i].mul(ADAM.beta2).add(g.square().mul(1 - ADAM.beta2)));
              update = m[i].div(c1).div(v[i].div(c2).sqrt().add(ADAM.epsilon));
            }
            if (cfg.weightDecay > 0 && isKernel[i]) update = update.add(w.mul(cfg.weightDecay));
            w.assign(w.sub(update.mul(lr)));
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

      const raw = evaluate('raw');
      const averaged = ema ? evaluate('ema') : null;
      const record: EpochRecord = {
        epoch,
        loss: lossSum / trainSet.count,
        accuracy: correctSum / trainSet.count,
        valAccuracy: accuracyOf(raw.predicted, early.labels),
        ...(averaged ? { valAccuracyEma: accuracyOf(averaged.predicted, early.labels) } : {}),
        learningRate: lr,
        seconds: 0,
      };
      // Model selection on the early-stopping half only: best accuracy, then lowest loss;
      // a later epoch wins a tie, and the EMA wins a tie with the raw weights.
      const candidates: Selection[] = [{ epoch, weights: 'raw', valAccuracy: record.valAccuracy, valLoss: raw.loss }];
      if (averaged) candidates.push({ epoch, weights: 'ema', valAccuracy: record.valAccuracyEma!, valLoss: averaged.loss });
      for (const c of candidates) {
        const better = !selection || c.valAccuracy > selection.valAccuracy || (c.valAccuracy === selection.valAccuracy && c.valLoss <= selection.valLoss);
        if (better) {
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
        const meta: StateMeta = { version: 1, fingerprint, epochsDone, step, prng: prng.getState(), history, selection, trainSeconds };
        saveState(opts.stateDir, epoch, meta, { weights: readAll(vars), adamM: readAll(m), adamV: readAll(v), ema: ema ? readAll(ema) : [], best: best ?? [] });
      }
      if (opts.stopAfterEpoch !== undefined && epoch >= opts.stopAfterEpoch && epoch < cfg.epochs) break;
    }
  } finally {
    await pool?.stop();
  }

  const completed = epochsDone >= cfg.epochs;
  const shipped = completed && best ? softmaxModelWith(best, cfg.seed) : null;
  tf.dispose([earlyX, ...m, ...v, ...(ema ?? [])]);
  model.dispose();
  evalModel.dispose();
  return { completed, model: shipped, selection, history, trainSeconds, resumedFromEpoch };
}
