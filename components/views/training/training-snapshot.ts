/**
 * The training figure's worker job, as the page names it: its name, what it is sent and
 * what it returns. Types and a name only, so the page never pulls in the job's TF.js code.
 */

export const TRAINING_SNAPSHOT_JOB = 'training-snapshot';

export interface SnapshotPayload {
  /** The checkpoint's model key: variantKey(modelUrl, { checkpoint: file }). */
  modelKey: string;
  /** The picture as the network sees it: HWC RGB in [0, 1] (the shipped model's input). */
  input: Float32Array;
  wasmBase: string;
  backend?: string;
}

/** What one checkpoint does with one picture. */
export interface Snapshot {
  /** The first convolution's name, kernel [kh, kw, cin, cout] and bias [cout]. */
  layer: string;
  kernelShape: number[];
  kernel: Float32Array;
  bias: Float32Array;
  /** Its output for the picture, HWC [h, w, cout]. */
  maps: Float32Array;
  mapsShape: number[];
  probabilities: Float32Array;
}
