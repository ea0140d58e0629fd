/**
 * The inference worker: TF.js, its backends and the model live here, off the main thread.
 * Built as dist/inference-worker.js and started by inference-client.ts.
 */
import { InferenceService } from './inference-service';
import { runBuffers, type WorkerReply, type WorkerRequest } from './worker-protocol';

let service: InferenceService | undefined;
const scope = self as unknown as { postMessage(msg: WorkerReply, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };

scope.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  try {
    if (msg.type === 'load') {
      service ??= new InferenceService(msg.wasmBase, msg.backend);
      const info = await service.load(msg.modelUrl, (fraction) => scope.postMessage({ type: 'progress', id: msg.id, fraction }));
      scope.postMessage({ type: 'loaded', id: msg.id, info });
    } else {
      if (!service) throw new Error('The worker has no model yet');
      const run = await service.infer(msg.modelUrl, msg.imageKey, msg.image);
      scope.postMessage({ type: 'result', id: msg.id, run }, runBuffers(run));
    }
  } catch (err) {
    scope.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
};
