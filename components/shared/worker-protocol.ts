/**
 * Messages between the page and the inference worker. Every request names a job (see
 * worker-jobs.ts) and carries its payload; the worker answers with progress, a result or an
 * error, and a request can be cancelled (the job sees it and stops at its next check).
 */
import type { NetworkRun } from './network-types';

export type ImageInput = ImageBitmap | ImageData;

export type WorkerRequest =
  | { type: 'job'; id: number; job: string; payload: unknown }
  | { type: 'cancel'; id: number };

export type WorkerReply =
  | { type: 'progress'; id: number; progress: unknown }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string };

/** The buffers of a run, to transfer instead of copying. */
export function runBuffers(run: NetworkRun): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of [...run.values, run.logits, run.probabilities]) seen.add(v.buffer as ArrayBuffer);
  return [...seen];
}
