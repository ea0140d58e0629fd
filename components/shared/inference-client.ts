/**
 * The page's side of inference: one module worker for the whole page, so TF.js never parses
 * or runs on the main thread. Where module workers are unavailable it runs the same service
 * in the page instead.
 */
import type { ModelInfo, NetworkRun } from './network-types';
import type { ImageInput, WorkerReply, WorkerRequest } from './worker-protocol';
import { assetUrl } from './asset-base';

export interface InferenceClient {
  load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo>;
  infer(modelUrl: string, imageKey: string, image: ImageInput): Promise<NetworkRun>;
}

type Pending = {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: (fraction: number) => void;
};

/** Reads `?backend=` from the page URL: a test override for the backend order. */
export function backendOverride(search = typeof location !== 'undefined' ? location.search : ''): string | undefined {
  const value = new URLSearchParams(search).get('backend');
  return value || undefined;
}

class WorkerClient implements InferenceClient {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => this.receive(e.data));
    worker.addEventListener('error', (e) => this.failAll(new Error(`The background worker that runs the network stopped${e.message ? `: ${e.message}` : ''}. Reload the page to start it again.`)));
  }

  load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo> {
    return this.send({ type: 'load', id: 0, modelUrl, wasmBase: assetUrl('wasm/'), backend: backendOverride() }, [], onProgress) as Promise<ModelInfo>;
  }

  infer(modelUrl: string, imageKey: string, image: ImageInput): Promise<NetworkRun> {
    // The bitmap is transferred: the caller must not use it afterwards.
    const transfer: Transferable[] = image instanceof ImageData ? [] : [image];
    return this.send({ type: 'infer', id: 0, modelUrl, imageKey, image }, transfer) as Promise<NetworkRun>;
  }

  private send(msg: WorkerRequest, transfer: Transferable[], onProgress?: (f: number) => void): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  private receive(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'progress') {
      p.onProgress?.(reply.fraction);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'error') p.reject(new Error(reply.message));
    else p.resolve(reply.type === 'loaded' ? reply.info : reply.run);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

let client: Promise<InferenceClient> | undefined;

/** The page's one inference client. */
export function inferenceClient(): Promise<InferenceClient> {
  return (client ??= createClient());
}

/** The same service, run in the page: where module workers are missing or blocked. */
async function pageClient(notice: string): Promise<InferenceClient> {
  const { InferenceService } = await import('./inference-service');
  const service = new InferenceService(assetUrl('wasm/'), backendOverride());
  return {
    load: async (url, onProgress) => {
      const info = await service.load(url, onProgress);
      return notice ? { ...info, notice: [info.notice, notice].filter(Boolean).join(' ') } : info;
    },
    infer: (url, key, image) => service.infer(url, key, image),
  };
}

const NO_WORKER = 'Background workers are blocked on this page, so the network runs in the page itself, and scrolling may stutter while it computes.';

/**
 * Until the worker has answered once, a worker that cannot start (blocked by a policy, its
 * script missing) is replaced by the page client, and the requests it held are sent again.
 */
class FallbackClient implements InferenceClient {
  private current: InferenceClient;
  private answered = false;
  private fallback?: Promise<InferenceClient>;

  /** `worker` is made after the broken-listener is added, so that it hears of a failure first. */
  constructor(makeWorker: () => WorkerClient, onBroken: (listener: () => void) => void) {
    onBroken(() => { if (!this.answered) this.fallback ??= pageClient(NO_WORKER); });
    this.current = makeWorker();
  }

  private async call<T>(f: (c: InferenceClient) => Promise<T>): Promise<T> {
    if (this.fallback) return f(await this.fallback);
    try {
      const out = await f(this.current);
      this.answered = true;
      return out;
    } catch (err) {
      if (!this.fallback) throw err;
      return f(await this.fallback);
    }
  }

  load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo> {
    return this.call((c) => c.load(modelUrl, onProgress));
  }

  infer(modelUrl: string, imageKey: string, image: ImageInput): Promise<NetworkRun> {
    return this.call((c) => c.infer(modelUrl, imageKey, image));
  }
}

async function createClient(): Promise<InferenceClient> {
  if (typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined') {
    try {
      // Browsers refuse a module worker from another origin (dist/ hosted elsewhere), but a
      // same-origin blob: worker may import it, the dist/ host sending CORS headers.
      let url = assetUrl('inference-worker.js');
      if (new URL(url).origin !== location.origin) url = URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module', name: 'cnn-inference' });
      return new FallbackClient(() => new WorkerClient(worker), (listener) => worker.addEventListener('error', listener));
    } catch {
      return pageClient(NO_WORKER);
    }
  }
  return pageClient('');
}
