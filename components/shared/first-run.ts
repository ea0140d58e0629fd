/**
 * The shipped model's first run, painted before the engine has loaded: a snapshot of every
 * layer's output for the article's default picture (assets/model/first-run.bin, made from
 * the live run by `npm run first-run`; model/engine/run-snapshot.ts). A figure shows it as
 * its run until the live one arrives, which then replaces it. Only the shipped model has one.
 */
import { decodeRunSnapshot } from '../../model/engine/run-snapshot';
import { assetUrl, DEFAULT_MODEL_PATH } from './asset-base';
import type { ModelInfo, NetworkRun } from './network-types';

export const FIRST_RUN_PATH = 'assets/model/first-run.bin';

export interface FirstRun {
  /** The model's description without its parameters (`preview`: they come with the live model). */
  info: ModelInfo;
  run: NetworkRun;
}

let shipped: Promise<FirstRun | null> | undefined;

/** Whether the page asks for the snapshot: it preloads it from its first bytes, as the article does (build.mjs). */
function pageWantsIt(): boolean {
  return typeof document !== 'undefined' && document.querySelector(`link[rel="preload"][href$="${FIRST_RUN_PATH}"]`) !== null;
}

/**
 * The snapshot for `modelUrl` (absolute), or null: another model, a page that does not
 * preload it, no file, or a file that does not read.
 */
export function firstRun(modelUrl: string): Promise<FirstRun | null> {
  if (modelUrl !== assetUrl(DEFAULT_MODEL_PATH) || typeof fetch === 'undefined' || !pageWantsIt()) return Promise.resolve(null);
  shipped ??= (async () => {
    try {
      const response = await fetch(assetUrl(FIRST_RUN_PATH));
      if (!response.ok) return null;
      const s = decodeRunSnapshot(new Uint8Array(await response.arrayBuffer()));
      // The figures paint it in a task of their own: decoding and a first paint of the whole
      // network together took longer than a frame budget.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return {
        info: { url: modelUrl, layers: s.layers, classNames: s.classNames, params: {}, backend: '', backendReason: '', preview: true },
        run: { imageKey: s.imageKey, values: s.values, logits: s.logits, probabilities: s.probabilities, inferenceMs: 0 },
      };
    } catch {
      return null; // the live run will come; nothing for the reader to know
    }
  })();
  return shipped;
}
