/** Messages between the page and the inference worker. */
import type { ModelInfo, NetworkRun } from './network-types';

export type ImageInput = ImageBitmap | ImageData;

export type WorkerRequest =
  | { type: 'load'; id: number; modelUrl: string; wasmBase: string; backend?: string }
  | { type: 'infer'; id: number; modelUrl: string; imageKey: string; image: ImageInput };

export type WorkerReply =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'loaded'; id: number; info: ModelInfo }
  | { type: 'result'; id: number; run: NetworkRun }
  | { type: 'error'; id: number; message: string };

/** The buffers of a run, to transfer instead of copying. */
export function runBuffers(run: NetworkRun): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of [...run.values, run.logits, run.probabilities]) seen.add(v.buffer as ArrayBuffer);
  return [...seen];
}
