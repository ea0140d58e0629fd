/**
 * What a training run leaves in its output folder (assets/model/ by default): the shipped
 * layers-model (model.json + weights), report.json, and checkpoints/ (index.json + one
 * quantised .bin per checkpoint; format in checkpoint-format.ts and the README).
 * Node only.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PREPROCESSING } from '../architecture';
import { CLASS_NAMES } from '../classes';
import { describeAugmentation } from './augment';
import { describeModel } from './models';
import { CHECKPOINT_FORMAT, encodeCheckpoint, layoutOf, type NamedWeights, type TensorLayout } from './checkpoint-format';
import { SPLIT_SEED, type TrainingData } from './data';
import type { Evaluation } from './metrics';
import { fileSaver, writeFileAtomic } from './node-io';
import { type EpochRecord, SELECTION_RULE, type Selection, type TrainConfig } from './config';

export interface CheckpointEntry {
  /** Epochs of training behind the weights (0: the initial weights). */
  epoch: number;
  label: string;
  file: string;
  bytes: number;
  /** 'raw': the weights after that epoch; the final (shipped) checkpoint may be the EMA. */
  weights: 'raw' | 'ema';
  trainLoss: number | null;
  trainAccuracy: number | null;
  /** Early-stopping half of val, these weights (null before training). */
  valAccuracy: number | null;
  /** Held-out test half of val, these weights. */
  testAccuracy: number | null;
}

export interface CheckpointIndex {
  format: typeof CHECKPOINT_FORMAT;
  about: string;
  /** The tensors of every checkpoint, in file order. */
  tensors: TensorLayout[];
  checkpoints: CheckpointEntry[];
}

const ABOUT =
  'Tiny VGG weights during training (format: model/train/README.md). Each .bin starts with 8 bytes per tensor, in the order ' +
  'of "tensors": float32 min and float32 scale, little-endian; then each tensor\'s codes from a byte boundary: bits 8, one ' +
  'byte per value; bits 4, two values per byte, the even-indexed one in the low nibble. value = min + code * scale, in ' +
  'row-major order. "epoch N": raw weights after N epochs (0 = initialisation); "final": the shipped weights.';

/** Writes checkpoints into `dir` and keeps dir/index.json in step (sorted by epoch, 'final' last). */
export class CheckpointWriter {
  constructor(private readonly dir: string) {}

  /** Removes earlier checkpoints: a fresh run starts an empty folder. */
  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  write(epoch: number, weights: NamedWeights[], record: EpochRecord | null, final?: 'raw' | 'ema'): CheckpointEntry {
    mkdirSync(this.dir, { recursive: true });
    const tensors = layoutOf(weights);
    const bytes = encodeCheckpoint(weights, tensors);
    const file = final ? 'final.bin' : `epoch-${String(epoch).padStart(3, '0')}.bin`;
    writeFileAtomic(join(this.dir, file), bytes);
    const ema = final === 'ema' && record?.valAccuracyEma !== undefined;
    const entry: CheckpointEntry = {
      epoch,
      label: final ? 'final' : `epoch ${epoch}`,
      file,
      bytes: bytes.byteLength,
      weights: final ?? 'raw',
      trainLoss: record?.loss ?? null,
      trainAccuracy: record?.accuracy ?? null,
      valAccuracy: record ? (ema ? record.valAccuracyEma! : record.valAccuracy) : null,
      testAccuracy: record ? (ema ? record.testAccuracyEma! : record.testAccuracy) : null,
    };
    const index = this.read();
    const rest = index.checkpoints.filter((c) => c.file !== file);
    const checkpoints = [...rest, entry].sort((a, b) => Number(a.label === 'final') - Number(b.label === 'final') || a.epoch - b.epoch);
    const out: CheckpointIndex = { format: CHECKPOINT_FORMAT, about: ABOUT, tensors, checkpoints };
    writeFileAtomic(join(this.dir, 'index.json'), `${JSON.stringify(out, null, 1)}\n`);
    return entry;
  }

  list(): CheckpointEntry[] {
    return this.read().checkpoints;
  }

  private read(): CheckpointIndex {
    const path = join(this.dir, 'index.json');
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as CheckpointIndex;
    return { format: CHECKPOINT_FORMAT, about: ABOUT, tensors: [], checkpoints: [] };
  }
}

export interface ModelMetadata {
  classes: readonly string[];
  preprocessing: typeof PREPROCESSING;
  output: string;
  training: Record<string, unknown>;
}

/** Saves the shipped model as model.json + group1-shard1of1.bin, with the classes and preprocessing. */
export async function saveShippedModel(model: tf.LayersModel, dir: string, training: Record<string, unknown>): Promise<void> {
  const metadata: ModelMetadata = {
    classes: [...CLASS_NAMES],
    preprocessing: PREPROCESSING,
    output: 'softmax probabilities, in the order of classes (softmax fused into the Dense layer "output")',
    training,
  };
  model.setUserDefinedMetadata(metadata as unknown as Record<string, unknown>);
  await model.save(fileSaver(dir));
}

export interface ReportInput {
  config: TrainConfig;
  data: TrainingData;
  dataDir: string;
  limit?: number;
  selection: Selection;
  history: EpochRecord[];
  evaluation: { earlyStopHalf: Evaluation; testHalf: Evaluation; allVal: Evaluation };
  wallSeconds: number;
  /** CPU time of the process (all threads), user + system. */
  cpuSeconds: number;
  trainSeconds: number;
  resumedFromEpoch: number;
  checkpoints: { label: string; file: string; bytes: number }[];
  /** Distilled runs: the teacher's selection, accuracy and curves. */
  teacher?: unknown;
}

export function buildReport(r: ReportInput) {
  const names = (indices: number[]) => indices.map((i) => `${basename(r.data.val.files[i])}`);
  return {
    model: `${describeModel(r.config.model)} (model.json beside this file)`,
    classes: [...CLASS_NAMES],
    seed: r.config.seed,
    config: r.config,
    augmentation: { description: describeAugmentation(r.config.augment), ...r.config.augment },
    data: { dir: r.dataDir, trainImages: r.data.train.count, valImages: r.data.val.count, limitPerClass: r.limit ?? null },
    split: {
      rule:
        'per class, val files sorted by name and shuffled by a PRNG seeded with the split seed and the class index; ' +
        'the first half is the early-stopping half (model selection), the rest is the held-out test half',
      seed: SPLIT_SEED,
      earlyStopHalf: names(r.data.split.earlyStop),
      testHalf: names(r.data.split.test),
    },
    selection: { ...r.selection, rule: SELECTION_RULE },
    evaluation: r.evaluation,
    epochFields:
      'loss/accuracy: training batches (augmented); val*: early-stopping half (the only half the selection looks at); ' +
      'test*: held-out test half (curves only); *Ema: the EMA weights; shipped: on the selected epoch, which weights were shipped',
    epochs: r.history.map((h) => (h.epoch === r.selection.epoch ? { ...h, shipped: r.selection.weights } : h)),
    timing: {
      wallSeconds: r.wallSeconds,
      cpuSeconds: r.cpuSeconds,
      trainSeconds: r.trainSeconds,
      meanSecondsPerEpoch: r.trainSeconds / Math.max(1, r.history.length),
      resumedFromEpoch: r.resumedFromEpoch,
      backend: tf.getBackend(),
      tfjs: tf.version.tfjs,
    },
    checkpoints: r.checkpoints,
    ...(r.teacher ? { teacher: r.teacher } : {}),
  };
}
