/**
 * The article's first script (dist/early-worker.js, a small classic script at the top of the
 * page's head, before the stylesheets): it starts the inference worker and asks it to load the shipped model
 * while the page is still parsing, so that TF.js, the .wasm and the weights download and
 * compile in parallel with the article instead of after it. The page's inference client
 * adopts this worker (inference-client.ts); its answer to this first request (id 0) is
 * ignored, and the client's own request for the model finds it loaded or loading.
 */
import type { WorkerRequest } from './worker-protocol';
import { DEFAULT_MODEL_PATH } from './asset-base';

/** What the page's client finds on window: the worker, and whether it failed before the client listened. */
export interface EarlyWorker {
  worker: Worker;
  failed: boolean;
}

declare global {
  interface Window { __cnnEarlyWorker?: EarlyWorker }
}

/** The script lives beside index.html and the assets, like article.js (see asset-base.ts). */
function startEarly(): void {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined' || window.__cnnEarlyWorker) return;
  const script = document.currentScript as HTMLScriptElement | null;
  const base = new URL('.', script?.src || document.baseURI);
  let worker: Worker;
  try {
    worker = new Worker(new URL('inference-worker.js', base), { type: 'module', name: 'cnn-inference' });
  } catch {
    return;
  }
  const early: EarlyWorker = { worker, failed: false };
  worker.addEventListener('error', () => { early.failed = true; });
  window.__cnnEarlyWorker = early;
  const backend = new URLSearchParams(location.search).get('backend') || undefined;
  worker.postMessage({
    type: 'job',
    id: 0,
    job: 'load',
    payload: { modelUrl: new URL(DEFAULT_MODEL_PATH, base).href, wasmBase: new URL('wasm/', base).href, backend },
  } satisfies WorkerRequest);
}

startEarly();
