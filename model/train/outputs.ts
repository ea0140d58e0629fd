/**
 * What a training run leaves in its output folder (assets/model/ by default): the shipped
 * layers-model (model.json + weights), report.json, and checkpoints/ (index.json + one
 * uint8-quantised .bin per checkpoint; format in checkpoint-format.ts and the README).
 * Node only.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PREPROCESSING } from '../architecture';
import { CLASS_NAMES } from '../classes';
import { describeAugmentation } from './augment';
import { encodeCheckpoint, type NamedWeights, type Uint8WeightSpec } from './checkpoint-format';
import { SPLIT_SEED, type TrainingData } from './data';
import type { Evaluation } from './metrics';
import { fileSaver, writeFileAtomic } from './node-io';
import type { EpochRecord, Selection, TrainConfig } from './trainer';

export const CHECKPOINT_FORMAT = 'tfjs-weights-uint8/v1';

export interface CheckpointEntry {
  /** Epochs of training behind the weights (0: the initial weights). */
  epoch: number;
  label: string;
  file: string;
  bytes: number;
  trainLoss: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  weightSpecs: Uint8WeightSpec[];
}

export interface CheckpointIndex {
  format: typeof CHECKPOINT_FORMAT;
  about: string;
  checkpoints: CheckpointEntry[];
}

/** Writes checkpoints into `dir` and keeps dir/index.json in step (sorted by epoch, 'final' last). */
export class CheckpointWriter {
  constructor(private readonly dir: string) {}

  /** Removes earlier checkpoints: a fresh run starts an empty folder. */
  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  write(epoch: number, weights: NamedWeights[], record: EpochRecord | null, final = false): CheckpointEntry {
    mkdirSync(this.dir, { recursive: true });
    const { weightSpecs, bytes } = encodeCheckpoint(weights);
    const file = final ? 'final.bin' : `epoch-${String(epoch).padStart(3, '0')}.bin`;
    writeFileAtomic(join(this.dir, file), bytes);
    const entry: CheckpointEntry = {
      epoch,
      label: final ? 'final' : `epoch ${epoch}`,
      file,
      bytes: bytes.byteLength,
      trainLoss: record?.loss ?? null,
      trainAccuracy: record?.accuracy ?? null,
      valAccuracy: record ? Math.max(record.valAccuracy, record.valAccuracyEma ?? 0) : null,
      weightSpecs,
    };
    const index = this.read();
    const rest = index.checkpoints.filter((c) => c.file !== file);
    const checkpoints = [...rest, entry].sort((a, b) => Number(a.label === 'final') - Number(b.label === 'final') || a.epoch - b.epoch);
    writeFileAtomic(join(this.dir, 'index.json'), `${JSON.stringify({ ...index, checkpoints }, null, 1)}\n`);
    return entry;
  }

  list(): CheckpointEntry[] {
    return this.read().checkpoints;
  }

  private read(): CheckpointIndex {
    const path = join(this.dir, 'index.json');
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as CheckpointIndex;
    return {
      format: CHECKPOINT_FORMAT,
      about:
        'Tiny VGG weights during training. Each .bin holds every weight as one byte; weightSpecs give, per tensor, ' +
        'name, shape and uint8 quantization {min, scale}: value = min + byte * scale. ' +
        'tf.io.decodeWeights(bytes, weightSpecs) returns the tensors. "epoch N": raw weights after N epochs ' +
        '(0 = initialisation); "final": the shipped weights. valAccuracy: early-stopping half of val, best of raw/EMA.',
      checkpoints: [],
    };
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
  trainSeconds: number;
  resumedFromEpoch: number;
  checkpoints: { label: string; file: string; bytes: number }[];
}

export function buildReport(r: ReportInput) {
  const names = (indices: number[]) => indices.map((i) => `${basename(r.data.val.files[i])}`);
  return {
    model: 'Tiny VGG (model.json beside this file)',
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
    selection: { ...r.selection, rule: 'best early-stopping-half accuracy over all epochs and both raw and EMA weights; ties: lower loss, later epoch' },
    evaluation: r.evaluation,
    epochs: r.history,
    timing: {
      wallSeconds: r.wallSeconds,
      trainSeconds: r.trainSeconds,
      meanSecondsPerEpoch: r.trainSeconds / Math.max(1, r.history.length),
      resumedFromEpoch: r.resumedFromEpoch,
      backend: tf.getBackend(),
      tfjs: tf.version.tfjs,
    },
    checkpoints: r.checkpoints,
  };
}
