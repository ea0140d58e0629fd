/**
 * Teaching Tiny VGG the reader's own classes: a pure function over arrays (no DOM, no files),
 * run by the browser's worker and by the Node tests alike.
 *
 * - **fine-tune**: the shipped convolutions, kept as they are by default (`convRate` 0; a
 *   positive rate adjusts them too, at that fraction of the learning rate), and a new output
 *   layer (1690 → N) that starts at zero. Measured on 5 seeded shape classes × 30 pictures
 *   (random colours and places; two seeds, 6 kept aside a class): 33–37 % held out with
 *   these defaults (chance 20 %); convRate 0.3 with a 3e-3 rate reached 60–63 % for up to
 *   twice the time, and a 3e-3 rate alone made red against blue (15 each) less sure (4 of 6).
 * - **scratch**: every weight Glorot-initialised, all learning at the full rate.
 *
 * The arithmetic is the CLI trainer's (model/train/): its batch gradients with the WASM
 * kernels (gradients.ts), its Adam step (adam.ts), its warmup-then-cosine learning rate
 * (config.ts), its augmentation (augment.ts), seeded PRNG (prng.ts) and plain evaluation
 * (predict.ts). Each class keeps some pictures aside (teach-classes.ts); they are never
 * trained on, and the accuracy on them is reported after every epoch. A loss that stops
 * being a number ends the run with a message, and no model.
 */
import * as tf from '@tensorflow/tfjs';
import { buildTinyVgg, INPUT_SHAPE } from '../architecture';
import { adamMoments, adamStep } from '../train/adam';
import { writeAugmented } from '../train/augment';
import { TEACH_DEFAULTS, type TeachMode, type TeachSettings } from './teach-settings';
import type { NamedWeights } from '../train/checkpoint-format';
import { learningRateAt } from '../train/config';
import { batchGradients } from '../train/gradients';
import { IMAGE_BYTES, subset, type ImageSet } from '../train/image-set';
import { plainBatch, predictLabels } from '../train/predict';
import { Prng } from '../train/prng';
import { splitHeldOut, type HeldOutSplit } from './teach-classes';

export { TEACH_DEFAULTS, type TeachMode, type TeachSettings } from './teach-settings';

/** A run's length in words: “under a second”, “12 s”, “2 min 5 s”. */
function took(seconds: number): string {
  if (seconds < 1) return 'under a second';
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export interface TeachInput {
  /** Every picture as 64×64 RGB bytes (HWC), one after another. */
  rgb: Uint8Array;
  /** Each picture's class: 0 … classNames.length − 1. */
  labels: Int32Array;
  classNames: readonly string[];
  mode: TeachMode;
  /** Fine-tuning: the trained convolutions, [kernel, bias] of each conv layer in order (8 arrays for Tiny VGG). */
  base?: readonly Float32Array[];
  settings?: Partial<TeachSettings>;
}

/** One epoch's numbers: the training batches' means, and the pictures kept aside. */
export interface TeachEpoch {
  epoch: number;
  loss: number;
  accuracy: number;
  heldOutLoss: number;
  heldOutAccuracy: number;
  seconds: number;
}

export interface TeachProgress {
  epoch: number;
  epochs: number;
  /** Batches done, of `steps` in the whole run. */
  step: number;
  steps: number;
  /** The last batch's loss and accuracy. */
  loss: number;
  accuracy: number;
  /** Set when an epoch has just ended (held-out numbers included). */
  epochDone?: TeachEpoch;
  elapsedSeconds: number;
  /** Estimated seconds left; NaN before the first batch. */
  etaSeconds: number;
  /** The first convolution's kernels (conv_1_1/kernel, [3, 3, 3, 10]), when `watchKernels`. */
  kernels?: Float32Array;
}

export interface TeachHooks {
  onProgress?(progress: TeachProgress): void;
  /** Read before every batch: true stops the run after the batch in hand. */
  shouldStop?(): boolean;
  /** Awaited after every batch (a worker yields here, so that a Stop message can arrive). */
  pause?(): Promise<void>;
  /** Send the first layer's kernels with every progress report. */
  watchKernels?: boolean;
  /** Seconds, for the time left (default performance.now). */
  now?(): number;
}

export interface HeldOutReport {
  correct: number;
  total: number;
  accuracy: number;
  loss: number;
  /** Per class: pictures kept aside, and how many of them the model named right. */
  perClass: { correct: number; total: number }[];
  /** Each held-out picture (its index in the input) and the class the model gave it. */
  pictures: { index: number; label: number; predicted: number }[];
}

export interface TeachResult {
  outcome: 'finished' | 'stopped' | 'diverged';
  /** What happened, in plain words (also for a finished run). */
  message: string;
  /** The taught weights in model order (conv_1_1/kernel … output/bias; output gives logits); null when it diverged. */
  weights: NamedWeights[] | null;
  history: TeachEpoch[];
  /** The model on the pictures kept aside; null when it diverged. */
  heldOut: HeldOutReport | null;
  split: HeldOutSplit;
  settings: TeachSettings;
  seconds: number;
}

const CONV_ARRAYS = 8;
/**
 * A loss above this has diverged: it starts near ln(classes) ≤ 2.3, and only logits thousands
 * apart in the wrong direction reach it.
 */
export const DIVERGED_LOSS = 1000;

function checkInput(input: TeachInput): void {
  const n = input.labels.length;
  const k = input.classNames.length;
  if (input.rgb.length !== n * IMAGE_BYTES) throw new Error(`Expected ${n} pictures of ${IMAGE_BYTES} bytes, got ${input.rgb.length} bytes`);
  for (const label of input.labels) if (!(label >= 0 && label < k)) throw new Error(`A picture is labelled ${label}, but there are ${k} classes`);
  if (n === 0) throw new Error('There are no pictures to learn from');
  if (input.mode === 'fine-tune' && (!input.base || input.base.length < CONV_ARRAYS)) throw new Error('Fine-tuning needs the trained convolutions to start from');
}

function scoreHeldOut(model: tf.LayersModel, x: tf.Tensor4D | null, set: ImageSet, indices: number[], classes: number): HeldOutReport {
  const perClass = Array.from({ length: classes }, () => ({ correct: 0, total: 0 }));
  if (!x || set.count === 0) return { correct: 0, total: 0, accuracy: NaN, loss: NaN, perClass, pictures: [] };
  const { predicted, loss } = predictLabels(model, x, set.labels);
  const pictures = indices.map((index, n) => ({ index, label: set.labels[n], predicted: predicted[n] }));
  for (const p of pictures) {
    perClass[p.label].total++;
    if (p.predicted === p.label) perClass[p.label].correct++;
  }
  const correct = pictures.filter((p) => p.predicted === p.label).length;
  return { correct, total: pictures.length, accuracy: correct / pictures.length, loss, perClass, pictures };
}

const percent = (x: number) => `${Math.round(100 * x)} %`;

/** Teaches the classes of `input`; see the file's header. Resolves when finished, stopped or diverged. */
export async function teach(input: TeachInput, hooks: TeachHooks = {}): Promise<TeachResult> {
  checkInput(input);
  const cfg: TeachSettings = { ...TEACH_DEFAULTS[input.mode], ...input.settings };
  const classes = input.classNames.length;
  const now = hooks.now ?? (() => performance.now() / 1000);
  const started = now();
  const all: ImageSet = { rgb: input.rgb, labels: input.labels, files: Array.from(input.labels, (_, i) => String(i)), count: input.labels.length };
  const split = splitHeldOut(input.labels, classes, cfg.seed);
  const trainSet = subset(all, split.train);
  const heldSet = subset(all, split.heldOut);

  const model = buildTinyVgg({ seed: cfg.seed, classes, outputActivation: 'linear' });
  const allVars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const names = model.trainableWeights.map((w) => w.originalName);
  if (input.mode === 'fine-tune') {
    tf.tidy(() => allVars.slice(0, CONV_ARRAYS).forEach((w, i) => {
      const given = input.base![i];
      if (given.length !== w.size) throw new Error(`${names[i]}: the starting weights have ${given.length} values where Tiny VGG has ${w.size}`);
      w.assign(tf.tensor(given, w.shape));
    }));
    // A new output layer starts at zero: Adam from a random head learns the few pictures by
    // heart through features that carry noise; from zero it settles on what the classes share.
    tf.tidy(() => allVars[CONV_ARRAYS].assign(tf.zerosLike(allVars[CONV_ARRAYS])));
  }
  const rates = names.map((name) => (input.mode === 'fine-tune' && !name.startsWith('output/') ? cfg.convRate : 1));
  const learning = allVars.map((_, i) => i).filter((i) => rates[i] > 0);
  const vars = learning.map((i) => allVars[i]);
  const isKernel = learning.map((i) => names[i].endsWith('/kernel'));
  const { m, v } = adamMoments(vars);
  const heldX = heldSet.count ? plainBatch(heldSet) : null;
  const prng = new Prng(`teach/${input.mode}/${cfg.seed}`);
  const stepsPerEpoch = Math.ceil(trainSet.count / cfg.batchSize);
  const steps = cfg.epochs * stepsPerEpoch;
  const xBuf = new Float32Array(cfg.batchSize * IMAGE_BYTES);
  const history: TeachEpoch[] = [];
  let step = 0;
  let outcome: TeachResult['outcome'] = 'finished';
  let message = '';
  let heldOut: HeldOutReport | null = null;
  let firstLoss: number | undefined;
  const kernels = () => (hooks.watchKernels ? Float32Array.from(allVars[0].dataSync()) : undefined);

  try {
    train: for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const t0 = now();
      const order = prng.shuffle(Array.from({ length: trainSet.count }, (_, i) => i));
      let lossSum = 0;
      let correctSum = 0;
      let seen = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        if (hooks.shouldStop?.()) {
          outcome = 'stopped';
          break train;
        }
        const ids = order.slice(b * cfg.batchSize, (b + 1) * cfg.batchSize);
        for (let k = 0; k < ids.length; k++) writeAugmented(trainSet.rgb, ids[k], xBuf, k * IMAGE_BYTES, cfg.augment, prng);
        const lr = learningRateAt({ ...cfg, finalLearningRate: 0 }, step, stepsPerEpoch);
        step++;
        const [lossT, correctT] = tf.tidy(() => {
          const x = tf.tensor4d(xBuf.subarray(0, ids.length * IMAGE_BYTES), [ids.length, ...INPUT_SHAPE]);
          const labels = tf.tensor1d(Int32Array.from(ids, (i) => trainSet.labels[i]), 'int32');
          const { loss, correct, grads } = batchGradients(model, vars, isKernel, x, labels, { labelSmoothing: 0, l2: cfg.l2 });
          vars.forEach((w, i) => adamStep(w, grads[i], m[i], v[i], step, lr * rates[learning[i]]));
          return [loss, correct];
        });
        const loss = lossT.dataSync()[0];
        const correct = correctT.dataSync()[0];
        tf.dispose([lossT, correctT]);
        firstLoss ??= loss;
        if (!Number.isFinite(loss) || loss > DIVERGED_LOSS) {
          outcome = 'diverged';
          const what = Number.isNaN(loss) ? 'became NaN (not a number)' : Number.isFinite(loss) ? `shot up to ${Math.round(loss).toLocaleString('en')} (it began near ${firstLoss.toFixed(2)})` : 'became infinite';
          message = `Training diverged in epoch ${epoch}: the loss ${what}, so the weights are no longer usable and were thrown away. ` +
            'The steps were too large for these pictures: try a smaller learning rate, or fine-tuning.';
          break train;
        }
        lossSum += loss * ids.length;
        correctSum += correct;
        seen += ids.length;
        const elapsed = now() - started;
        hooks.onProgress?.({
          epoch, epochs: cfg.epochs, step, steps, loss, accuracy: correct / ids.length,
          elapsedSeconds: elapsed, etaSeconds: (elapsed / step) * (steps - step), kernels: kernels(),
        });
        await hooks.pause?.();
      }
      heldOut = scoreHeldOut(model, heldX, heldSet, split.heldOut, classes);
      if (heldSet.count && !Number.isFinite(heldOut.loss)) {
        outcome = 'diverged';
        message = `Training diverged in epoch ${epoch}: the weights stopped being numbers, so they were thrown away. Try a smaller learning rate, or fine-tuning.`;
        break;
      }
      const record: TeachEpoch = { epoch, loss: lossSum / seen, accuracy: correctSum / seen, heldOutLoss: heldOut.loss, heldOutAccuracy: heldOut.accuracy, seconds: now() - t0 };
      history.push(record);
      const elapsed = now() - started;
      hooks.onProgress?.({
        epoch, epochs: cfg.epochs, step, steps, loss: record.loss, accuracy: record.accuracy, epochDone: record,
        elapsedSeconds: elapsed, etaSeconds: (elapsed / step) * (steps - step), kernels: kernels(),
      });
    }
    if (outcome === 'diverged') {
      return { outcome, message, weights: null, history, heldOut: null, split, settings: cfg, seconds: now() - started };
    }
    if (outcome === 'stopped') heldOut = scoreHeldOut(model, heldX, heldSet, split.heldOut, classes);
    const report = heldOut!;
    const aside = `${report.correct} of ${report.total} pictures kept aside (${percent(report.accuracy)})`;
    message = outcome === 'stopped'
      ? `Stopped after ${history.length} of ${cfg.epochs} epochs. What it learned so far names ${aside}.`
      : `Done: ${cfg.epochs} epochs in ${took(now() - started)}. It names ${aside}.`;
    const weights = allVars.map((w, i) => ({ name: names[i], shape: [...w.shape], values: Float32Array.from(w.dataSync()) }));
    return { outcome, message, weights, history, heldOut: report, split, settings: cfg, seconds: now() - started };
  } finally {
    tf.dispose([...m, ...v]);
    heldX?.dispose();
    model.dispose();
  }
}
