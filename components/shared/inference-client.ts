/**
 * The page's side of inference: one module worker for the whole page, so TF.js never parses
 * or runs on the main thread. Where module workers are unavailable it runs the same service
 * in the page instead.
 */
import type { ModelInfo, NetworkRun } from './network-types';
import type { ImageInput, WorkerReply, WorkerRequest } from './worker-protocol';
import { assetUrl } from './asset-base';
import type {} from './early-worker';

export interface JobOptions {
  /** Buffers (or bitmaps) handed to the worker rather than copied; the caller must not use them afterwards. */
  transfer?: Transferable[];
  onProgress?: (progress: unknown) => void;
  /** Cancels the job: it stops at its next check, and the promise rejects with CancelledError. */
  signal?: AbortSignal;
}

export interface InferenceClient {
  /** Runs a job of worker-jobs.ts (or of a module that adds jobs) by name. */
  run<R>(job: string, payload: unknown, options?: JobOptions): Promise<R>;
  load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo>;
  infer(modelUrl: string, imageKey: string, image: ImageInput): Promise<NetworkRun>;
}

/** A job stopped because its caller cancelled it. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() { super('Stopped.'); }
}

/** Reads `?backend=` from the page URL: a test override for the backend order. */
export function backendOverride(search = typeof location !== 'undefined' ? location.search : ''): string | undefined {
  const value = new URLSearchParams(search).get('backend');
  return value || undefined;
}

/** load and infer, on top of `run`. */
abstract class JobClient implements InferenceClient {
  abstract run<R>(job: string, payload: unknown, options?: JobOptions): Promise<R>;

  load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo> {
    return this.run<ModelInfo>('load', { modelUrl, wasmBase: assetUrl('wasm/'), backend: backendOverride() }, { onProgress: (f) => onProgress(f as number) });
  }

  infer(modelUrl: string, imageKey: string, image: ImageInput): Promise<NetworkRun> {
    // The bitmap is transferred: the caller must not use it afterwards.
    return this.run<NetworkRun>('infer', { modelUrl, imageKey, image }, { transfer: image instanceof ImageData ? [] : [image] });
  }
}

type Pending = { resolve(value: unknown): void; reject(err: Error): void; onProgress?: (p: unknown) => void };

class WorkerClient extends JobClient {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    super();
    worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => this.receive(e.data));
    worker.addEventListener('error', (e) => this.failAll(new Error(`The background worker that runs the network stopped${e.message ? `: ${e.message}` : ''}. Reload the page to start it again.`)));
  }

  run<R>(job: string, payload: unknown, options: JobOptions = {}): Promise<R> {
    const id = this.next++;
    return new Promise<R>((resolve, reject) => {
      if (options.signal?.aborted) { reject(new CancelledError()); return; }
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
      options.signal?.addEventListener('abort', () => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        this.worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
        reject(new CancelledError());
      }, { once: true });
      this.worker.postMessage({ type: 'job', id, job, payload } satisfies WorkerRequest, options.transfer ?? []);
    });
  }

  private receive(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'progress') {
      p.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'error') p.reject(new Error(reply.message));
    else p.resolve(reply.result);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

/** The same jobs, run in the page: where module workers are missing or blocked. */
class PageClient extends JobClient {
  constructor(private readonly notice: string) {
    super();
  }

  async run<R>(job: string, payload: unknown, options: JobOptions = {}): Promise<R> {
    const [{ jobContext, jobNamed }] = await Promise.all([import('./worker-jobs'), import('./worker-job-modules')]);
    if (options.signal?.aborted) throw new CancelledError();
    const ctx = jobContext((p) => options.onProgress?.(p), () => options.signal?.aborted ?? false);
    const { result } = await jobNamed(job)(payload, ctx);
    if (options.signal?.aborted) throw new CancelledError();
    return result as R;
  }

  override async load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo> {
    const info = await super.load(modelUrl, onProgress);
    return this.notice ? { ...info, notice: [info.notice, this.notice].filter(Boolean).join(' ') } : info;
  }
}

let client: Promise<InferenceClient> | undefined;

/** The page's one inference client (its worker runs the jobs of worker-jobs.ts). */
export function inferenceClient(): Promise<InferenceClient> {
  return (client ??= createClient());
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
    onBroken(() => { if (!this.answered) this.fallback ??= Promise.resolve(new PageClient(NO_WORKER)); });
    this.current = makeWorker();
  }

  private async call<T>(f: (c: InferenceClient) => Promise<T>): Promise<T> {
    if (this.fallback) return f(await this.fallback);
    try {
      const out = await f(this.current);
      this.answered = true;
      return out;
    } catch (err) {
      if (!this.fallback || err instanceof CancelledError) throw err;
      return f(await this.fallback);
    }
  }

  run<R>(job: string, payload: unknown, options?: JobOptions): Promise<R> {
    return this.call((c) => c.run<R>(job, payload, options));
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
      // The article's head started a worker already (early-worker.ts): take it over.
      const early = typeof window !== 'undefined' ? window.__cnnEarlyWorker : undefined;
      if (early && early.worker) {
        delete window.__cnnEarlyWorker;
        const worker = early.worker;
        return new FallbackClient(() => new WorkerClient(worker), (listener) => {
          if (early.failed) listener();
          else worker.addEventListener('error', listener);
        });
      }
      let url = assetUrl('inference-worker.js');
      if (new URL(url).origin !== location.origin) url = URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module', name: 'cnn-inference' });
      return new FallbackClient(() => new WorkerClient(worker), (listener) => worker.addEventListener('error', listener));
    } catch {
      return new PageClient(NO_WORKER);
    }
  }
  return new PageClient('');
}
