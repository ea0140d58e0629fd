/**
 * What the page and the worker say to each other about teaching (the teach:* jobs of
 * teach-jobs.ts): payloads, progress reports and results. Plain data and no TF.js, so the
 * page's code and the package's types can use them without the worker's imports.
 */
import type { TeachEpoch, TeachMode, TeachResult, TeachSettings } from '../../model/teach/teach-trainer';
import type { ImageInput } from '../shared/worker-protocol';

export interface PreparePayload { image: ImageInput }

export interface TrainPayload {
  /** The key the taught model will have (e.g. `taught:3`): new for every run. */
  key: string;
  rgb: Uint8Array;
  labels: Int32Array;
  classNames: string[];
  mode: TeachMode;
  /** The model to fine-tune from (its key); also readies the backend. */
  baseModel: string;
  wasmBase: string;
  backend?: string;
  settings?: Partial<TeachSettings>;
}

/** What the page hears while training: the batches since the last report, the epoch that ended, the time. */
export interface TrainReport {
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  batches: { step: number; loss: number; accuracy: number }[];
  epochDone?: TeachEpoch;
  elapsedSeconds: number;
  etaSeconds: number;
  kernels?: Float32Array;
}

export type TrainOutcome = Omit<TeachResult, 'weights'> & {
  /** The key the taught model has in the worker; '' when it diverged. */
  key: string;
  classNames: string[];
};

/** A model's files as a download needs them. */
export interface ExportedModel {
  modelTopology: unknown;
  /** tf.io's weight entries, described here so the package's types never need TF.js's. */
  weightSpecs: { name: string; shape: number[]; dtype: string; group?: string; quantization?: object }[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: Record<string, unknown>;
}

export interface SavedModel {
  /** The model's key: `indexeddb://cnn-teach/…`. */
  url: string;
  name: string;
  classNames: string[];
  savedAt: string;
}

/** Where saved models live in IndexedDB (tf.io's store), under this prefix. */
export const SAVED_PREFIX = 'indexeddb://cnn-teach/';
