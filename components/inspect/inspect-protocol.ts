/**
 * What the page and the worker say to each other about looking inside the network: the
 * jobs' names, payloads and results (plain data; big arrays are transferred). The page's
 * side imports only this file, never TF.js; the worker's side is inspect-jobs.ts.
 */

/** Which model a job computes with: its key (URL, with a variant after '#') and how the worker starts its backend. */
export interface ModelRef {
  modelKey: string;
  wasmBase: string;
  backend?: string;
}

export const INSPECT_JOBS = {
  occlusion: 'inspect.occlusion',
  gradient: 'inspect.gradient',
  gradCam: 'inspect.grad-cam',
  features: 'inspect.features',
  patches: 'inspect.patches',
  memory: 'inspect.memory',
} as const;

/** The picture on show, as the network sees it: HWC RGB in [0, 1] of the model's input shape. */
export interface PictureInput {
  input: Float32Array;
}

export interface OcclusionPayload extends ModelRef, PictureInput {
  patch?: number;
  stride?: number;
  fill?: number;
}

/** Occlusion for every class at once (one run of forward passes serves them all). */
export interface OcclusionResult {
  patch: number;
  stride: number;
  /** Top rows and left columns of the patch positions. */
  rows: number[];
  cols: number[];
  classes: number;
  /** Every class's probability for the picture as it is. */
  baselineProbabilities: Float32Array;
  /** baseline − occluded probability, [class][position] (positions row-major over rows × cols). */
  drops: Float32Array;
  /** The drops over the input pixels, [class][pixel]: each pixel gets the mean drop of the patches covering it. */
  pixels: Float32Array;
}

export interface ClassPayload extends ModelRef, PictureInput {
  classIndex: number;
}

export interface GradientResult {
  classIndex: number;
  /** d logit / d input, HWC like the input. */
  gradient: Float32Array;
  /** Per pixel, the largest |gradient| over the colour channels (h · w). */
  pixels: Float32Array;
  probabilities: Float32Array;
}

export interface GradCamResult {
  classIndex: number;
  /** The step whose maps are weighed. */
  layer: string;
  shape: [number, number];
  /** α_k, one per channel of that step. */
  weights: Float32Array;
  /** ReLU(Σ α_k A_k), shape[0] · shape[1]. */
  map: Float32Array;
  /** The map over the input (h · w), each value placed at the centre of its receptive field. */
  pixels: Float32Array;
  probabilities: Float32Array;
}

export interface FeaturesPayload extends ModelRef {
  layer: string;
  channel: number;
  steps?: number;
  seed?: number;
  /** Report progress every this many steps. */
  progressEvery?: number;
}

export interface FeaturesProgress {
  step: number;
  steps: number;
  activation: number;
  /** The picture so far, HWC RGB in [0, 1]. */
  image: Float32Array;
}

export interface FeaturesResult {
  layer: string;
  channel: number;
  image: Float32Array;
  activation: number;
  steps: number;
  stopped: boolean;
}

/** A picture the patches are looked for in: a shipped example (by URL) or the picture on show (its input). */
export interface PatchPicture {
  id: string;
  label: string;
  url?: string;
  input?: Float32Array;
}

export interface PatchesPayload extends ModelRef {
  layer: string;
  channel: number;
  pictures: PatchPicture[];
  /** How many patches over all pictures, and at most how many from one picture. */
  k: number;
  perPicture: number;
  /** Which picture is the one on show (its id), whose own strongest places are listed too. */
  current: string;
  /** How many places of the picture on show. */
  kCurrent: number;
}

export interface InputRectData {
  rows: { first: number; last: number };
  cols: { first: number; last: number };
}

export interface PatchData {
  id: string;
  label: string;
  /** The position in the layer's map, and the channel's value there. */
  row: number;
  col: number;
  value: number;
  /** The input pixels that value sees (its receptive field), both ends included. */
  field: InputRectData;
  /** Those pixels, height · width · 3, RGB in [0, 1]. */
  crop: Float32Array;
  height: number;
  width: number;
}

export interface PatchesResult {
  layer: string;
  channel: number;
  /** Strongest first, over every picture. */
  patches: PatchData[];
  /** The picture on show's own strongest places, strongest first. */
  current: PatchData[];
  /** Pictures that could not be read (their ids), left out. */
  skipped: string[];
}

export interface MemoryResult {
  numTensors: number;
  backend: string;
}
