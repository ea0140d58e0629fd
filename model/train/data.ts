/**
 * The training data in memory, and the deterministic split of the validation images into an
 * early-stopping half (model selection) and a held-out test half (reported, never selected on).
 */
import { basename } from 'node:path';
import { INPUT_SIZE, NUM_CLASSES } from '../architecture';
import { listSplit, type LabelledFile } from '../node/dataset';
import { readJpeg } from '../node/decode-jpeg';
import { IMAGE_BYTES, PIXELS, type ImageSet } from './image-set';
import { Prng } from './prng';

export { IMAGE_BYTES, PIXELS, subset, type ImageSet } from './image-set';

/** Fixed seed of the validation split: the same halves whatever the training seed. */
export const SPLIT_SEED = 'tiny-vgg/val-split/v1';

/** The first `perClass` files of each class (in listing order): smoke runs. */
export function limitPerClass(files: LabelledFile[], perClass: number): LabelledFile[] {
  const seen = new Array<number>(NUM_CLASSES).fill(0);
  return files.filter((f) => seen[f.label]++ < perClass);
}

/** Decodes JPEGs (grayscale ones come back as RGB) into one RGB byte buffer. */
export function decodeImages(files: LabelledFile[]): ImageSet {
  const rgb = new Uint8Array(files.length * IMAGE_BYTES);
  const labels = new Int32Array(files.length);
  files.forEach((f, n) => {
    const img = readJpeg(f.path);
    if (img.width !== INPUT_SIZE || img.height !== INPUT_SIZE) {
      throw new Error(`${f.path} is ${img.width}×${img.height}; Tiny ImageNet images are ${INPUT_SIZE}×${INPUT_SIZE}`);
    }
    const out = n * IMAGE_BYTES;
    for (let p = 0; p < PIXELS; p++) {
      rgb[out + p * 3] = img.data[p * 4];
      rgb[out + p * 3 + 1] = img.data[p * 4 + 1];
      rgb[out + p * 3 + 2] = img.data[p * 4 + 2];
    }
    labels[n] = f.label;
  });
  return { rgb, labels, files: files.map((f) => f.path), count: files.length };
}

export interface ValidationSplit {
  /** Indices into the validation list: early stopping and model selection. */
  earlyStop: number[];
  /** Indices into the validation list: the held-out test half. */
  test: number[];
}

/**
 * Stratified halves of the validation files: within each class, the files are put in a
 * pseudo-random order (seeded by SPLIT_SEED and the class, independent of the order of the
 * list), and the first half goes to early stopping, the rest to the test half. With 50 val
 * images per class that is 25 + 25. Depends only on file names, labels and the seed.
 */
export function splitValidation(files: LabelledFile[], seed: string = SPLIT_SEED): ValidationSplit {
  const earlyStop: number[] = [];
  const test: number[] = [];
  for (let label = 0; label < NUM_CLASSES; label++) {
    const ofClass = files
      .map((f, i) => ({ name: basename(f.path), i, label: f.label }))
      .filter((f) => f.label === label)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    new Prng(`${seed}/${label}`).shuffle(ofClass);
    const half = Math.floor(ofClass.length / 2);
    ofClass.forEach((f, k) => (k < half ? earlyStop : test).push(f.i));
  }
  return { earlyStop: earlyStop.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

export interface TrainingData {
  train: ImageSet;
  /** All validation images, in listing order. */
  val: ImageSet;
  split: ValidationSplit;
}

/** Reads train/ and val/ of a Tiny-ImageNet-style folder; `limit` keeps that many images per class of each. */
export function loadTrainingData(dataDir: string, limit?: number): TrainingData {
  let trainFiles = listSplit(dataDir, 'train');
  let valFiles = listSplit(dataDir, 'val');
  if (limit !== undefined) {
    trainFiles = limitPerClass(trainFiles, limit);
    valFiles = limitPerClass(valFiles, limit);
  }
  return { train: decodeImages(trainFiles), val: decodeImages(valFiles), split: splitValidation(valFiles) };
}
