/**
 * Shared by the train-*.test.ts files: the small data set they train on. With the shared
 * Tiny ImageNet copy present, a few real images per class; without it, synthetic images
 * (a class-specific colour and stripe pattern plus noise) so that the tests still run.
 */
import { existsSync } from 'node:fs';
import { INPUT_SIZE, NUM_CLASSES } from '../../model/architecture';
import { SHARED_DATA_DIR } from '../../model/node/dataset';
import { IMAGE_BYTES, loadTrainingData, splitValidation, type ImageSet, type TrainingData } from '../../model/train/data';
import { Prng } from '../../model/train/prng';
import { RUN_B_CONFIG } from '../../model/train/config';
import type { TrainConfig } from '../../model/train/trainer';

/** TRAIN_TESTS_SYNTHETIC=1 forces the synthetic images even when the shared copy exists. */
export const HAVE_SHARED_DATA = existsSync(SHARED_DATA_DIR) && !process.env.TRAIN_TESTS_SYNTHETIC;

function syntheticSet(perClass: number, seed: string, prefix: string): ImageSet {
  const prng = new Prng(seed);
  const count = perClass * NUM_CLASSES;
  const rgb = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Int32Array(count);
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const label = Math.floor(n / perClass);
    labels[n] = label;
    files.push(`${prefix}/c${label}/img_${n}.JPEG`);
    const base = [(label * 97) % 256, (label * 53 + 80) % 256, (label * 151 + 30) % 256];
    for (let y = 0; y < INPUT_SIZE; y++) {
      for (let x = 0; x < INPUT_SIZE; x++) {
        const stripe = ((x + y * (label % 3)) >> (1 + (label % 4))) & 1 ? 40 : -40;
        for (let ch = 0; ch < 3; ch++) {
          const v = base[ch] + stripe + (prng.next() - 0.5) * 60;
          rgb[n * IMAGE_BYTES + (y * INPUT_SIZE + x) * 3 + ch] = Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
  }
  return { rgb, labels, files, count };
}

/** `perClass` train and `perClass` val images of each class. */
export function smallData(perClass: number): TrainingData {
  if (HAVE_SHARED_DATA) return loadTrainingData(SHARED_DATA_DIR, perClass);
  const train = syntheticSet(perClass, 'synthetic/train', 'train');
  const val = syntheticSet(perClass, 'synthetic/val', 'val');
  const split = splitValidation(val.files.map((path, i) => ({ path, label: val.labels[i] })));
  return { train, val, split };
}

/** A config for runs of a few seconds: run B's recipe, without the shipped run's teacher (tests that distil say so). */
export function smokeConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return { ...RUN_B_CONFIG, epochs: 4, batchSize: 16, warmupEpochs: 1, workers: 0, checkpointEpochs: [0, 1, 2], ...overrides };
}
