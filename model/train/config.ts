/**
 * What a training run is: its options (TrainConfig; DEFAULT_CONFIG is the shipped run, so
 * `npm run train` reproduces assets/model/), the learning-rate schedule, and the records a
 * run keeps per epoch.
 */
import type { AugmentConfig } from './augment';
import { checkpointSchedule } from './checkpoint-format';
import type { ModelSpec } from './models';

/**
 * Knowledge distillation: a teacher is trained first (its own run, `teacher`), then this
 * run's network learns from the labels and from the teacher's softened outputs on the same
 * augmented images (gradients.ts, distillationLoss).
 */
export interface DistillConfig {
  /** Share of the soft (teacher) term in the loss, 0–1. */
  weight: number;
  /** Softmax temperature of both teacher and student in the soft term. */
  temperature: number;
  /** The teacher's own run: its network (`model`), schedule, augmentation… (no `distill`). */
  teacher: TrainConfig;
}

export interface TrainConfig {
  /** The network; default Tiny VGG (the shipped model). */
  model?: ModelSpec;
  /** Train a teacher first and distil from it. */
  distill?: DistillConfig;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Peak learning rate of Adam. */
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
  /** The last N epochs keep only the flips of `augment`: the net settles on undistorted images. */
  flipOnlyFinalEpochs: number;
  /**
   * Worker threads computing the gradients of each batch (0: in the calling thread). Part of
   * the run's definition: the batch is cut into this many parts and float sums depend on the
   * cut, so another count gives (slightly) other weights.
   */
  workers: number;
  /** Epoch counts after which a compact checkpoint is written (0 = the initial weights); default checkpointSchedule(epochs). */
  checkpointEpochs?: number[];
}

/** Run B, shipped before distillation (README, "Runs tried"). */
export const RUN_B_CONFIG: TrainConfig = {
  epochs: 100,
  batchSize: 32,
  seed: 1,
  learningRate: 1.5e-3,
  warmupEpochs: 2,
  finalLearningRate: 0,
  l2: 0,
  weightDecay: 0,
  labelSmoothing: 0,
  emaDecay: 0.998,
  augment: { flip: true, shift: 4, zoom: [1, 1], brightness: 0.1, contrast: 0.1, saturation: 0.1 },
  flipOnlyFinalEpochs: 10,
  workers: 2,
};

/** The shipped distillation (and `--distill`'s defaults): the teacher is run B's recipe on a wider network, 40 epochs. */
export const DEFAULT_DISTILL: DistillConfig = {
  weight: 0.5,
  temperature: 4,
  teacher: {
    ...RUN_B_CONFIG,
    model: { kind: 'teacher', widths: [16, 32, 64, 128] },
    epochs: 40,
    flipOnlyFinalEpochs: 0,
    checkpointEpochs: [],
  },
};

/** The shipped run (assets/model/), run D in the README: run B distilled from DEFAULT_DISTILL's teacher. `npm run train` with no option reproduces it. */
export const DEFAULT_CONFIG: TrainConfig = { ...RUN_B_CONFIG, distill: DEFAULT_DISTILL };

export const checkpointEpochsOf = (cfg: TrainConfig) => cfg.checkpointEpochs ?? checkpointSchedule(cfg.epochs);

/** Learning rate at `step` of `total`: linear warmup, then cosine decay to the final rate. */
export function learningRateAt(cfg: Pick<TrainConfig, 'epochs' | 'warmupEpochs' | 'learningRate' | 'finalLearningRate'>, step: number, stepsPerEpoch: number): number {
  const total = cfg.epochs * stepsPerEpoch;
  const warmup = Math.min(total, Math.round(cfg.warmupEpochs * stepsPerEpoch));
  if (step < warmup) return (cfg.learningRate * (step + 1)) / warmup;
  const t = total > warmup ? (step - warmup) / (total - warmup) : 1;
  return cfg.finalLearningRate + (cfg.learningRate - cfg.finalLearningRate) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)));
}

/** Accuracy and mean cross-entropy of some weights on one half of val. */
export interface Score {
  accuracy: number;
  loss: number;
}

/** One epoch's curves. "val": the early-stopping half (selection); "test": the held-out half (reported only). */
export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches (augmented images, with the L2 term). */
  loss: number;
  accuracy: number;
  /** Early-stopping half, raw weights. */
  valAccuracy: number;
  valLoss: number;
  /** The same with the EMA weights, when the EMA is on. */
  valAccuracyEma?: number;
  valLossEma?: number;
  /** Held-out test half, raw weights: for the curves only, never looked at by the selection. */
  testAccuracy: number;
  testLoss: number;
  testAccuracyEma?: number;
  testLossEma?: number;
  learningRate: number;
  seconds: number;
}

export interface Selection {
  epoch: number;
  weights: 'raw' | 'ema';
  valAccuracy: number;
  valLoss: number;
}

/**
 * Model selection on the early-stopping half only: best accuracy, then lowest loss; a later
 * epoch wins a tie, and the EMA wins a tie with the raw weights of its epoch.
 */
export function isBetter(candidate: Selection, current: Selection | null): boolean {
  if (!current) return true;
  return candidate.valAccuracy > current.valAccuracy || (candidate.valAccuracy === current.valAccuracy && candidate.valLoss <= current.valLoss);
}

export const SELECTION_RULE =
  'best early-stopping-half accuracy over all epochs and both raw and EMA weights; ties: lower loss, later epoch, EMA over raw';
