/**
 * Pictures in memory as the trainers take them: 64×64 RGB bytes, HWC, one after another.
 * No Node module here, so the browser's trainer (model/teach/) shares it with the CLI's.
 */
import { INPUT_SIZE } from '../input-size';

export const PIXELS = INPUT_SIZE * INPUT_SIZE;
/** Bytes of one RGB image in an ImageSet. */
export const IMAGE_BYTES = PIXELS * 3;

/** Decoded images: RGB bytes, HWC, INPUT_SIZE × INPUT_SIZE each, one after another. */
export interface ImageSet {
  rgb: Uint8Array;
  labels: Int32Array;
  files: string[];
  count: number;
}

/** The images of `set` at `indices`, as a new ImageSet. */
export function subset(set: ImageSet, indices: number[]): ImageSet {
  const rgb = new Uint8Array(indices.length * IMAGE_BYTES);
  indices.forEach((i, n) => rgb.set(set.rgb.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES), n * IMAGE_BYTES));
  return {
    rgb,
    labels: Int32Array.from(indices, (i) => set.labels[i]),
    files: indices.map((i) => set.files[i]),
    count: indices.length,
  };
}
