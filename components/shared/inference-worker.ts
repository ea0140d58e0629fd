/**
 * The inference worker: TF.js, its backends and the model live here, off the main thread.
 * Built as dist/inference-worker.js and started by inference-client.ts. It runs the jobs of
 * worker-jobs.ts and of the modules that add jobs (job-modules.ts).
 */
import { jobContext, jobNamed } from './worker-jobs';
import './job-modules';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const scope = self as unknown as { postMessage(msg: WorkerReply, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };
const cancelled = new Set<number>();

scope.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  const ctx = jobContext((progress) => scope.postMessage({ type: 'progress', id: msg.id, progress }), () => cancelled.has(msg.id));
  try {
    const { result, transfer } = await jobNamed(msg.job)(msg.payload, ctx);
    scope.postMessage({ type: 'done', id: msg.id, result }, transfer ?? []);
  } catch (err) {
    scope.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  } finally {
    cancelled.delete(msg.id);
  }
};
