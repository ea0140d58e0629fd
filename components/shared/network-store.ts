/**
 * One store per model URL, shared by every figure on the page: the model loads once, and
 * each image is run once however many figures show it.
 */
import { firstRun, type FirstRun } from './first-run';
import { inferenceClient } from './inference-client';
import type { ModelInfo, NetworkRun } from './network-types';
import type { ImageInput } from './worker-protocol';

const RUNS_KEPT = 12;

export class NetworkStore {
  private static readonly stores = new Map<string, NetworkStore>();

  static for(modelUrl: string): NetworkStore {
    const href = new URL(modelUrl, typeof document !== 'undefined' ? document.baseURI : undefined).href;
    let store = NetworkStore.stores.get(href);
    if (!store) NetworkStore.stores.set(href, (store = new NetworkStore(href)));
    return store;
  }

  /** How many times a model was fetched and how many inferences ran, for tests and the bench. */
  static readonly counters = { loads: 0, inferences: 0 };

  private info?: Promise<ModelInfo>;
  /** The model's description once it has loaded (null before). */
  loaded: ModelInfo | null = null;
  private progress = 0;
  private readonly progressListeners = new Set<(f: number) => void>();
  private readonly runs = new Map<string, Promise<NetworkRun>>();

  private constructor(readonly modelUrl: string) {}

  /** Loads the model once; every caller gets the same promise and the progress so far. */
  load(onProgress?: (fraction: number) => void): Promise<ModelInfo> {
    if (onProgress) {
      this.progressListeners.add(onProgress);
      onProgress(this.progress);
    }
    this.info ??= (async () => {
      NetworkStore.counters.loads++;
      const client = await inferenceClient();
      const info = await client.load(this.modelUrl, (f) => {
        this.progress = f;
        for (const l of this.progressListeners) l(f);
      });
      this.loaded = info;
      return info;
    })();
    const done = () => { if (onProgress) this.progressListeners.delete(onProgress); };
    this.info.then(done, done);
    return this.info;
  }

  /** A run to paint before the model has loaded (the shipped model's default picture), or null. */
  preview(): Promise<FirstRun | null> {
    return firstRun(this.modelUrl);
  }

  /** Runs an image once per key; later callers with the same key share the result. */
  run(imageKey: string, image: () => Promise<ImageInput>): Promise<NetworkRun> {
    const known = this.runs.get(imageKey);
    if (known) {
      this.runs.delete(imageKey);
      this.runs.set(imageKey, known);
      return known;
    }
    const result = (async () => {
      // The picture downloads and decodes while the model loads, not after it.
      const picture = image();
      try {
        await this.load();
      } catch (err) {
        void picture.then((p) => (p as { close?: () => void }).close?.(), () => undefined);
        throw err;
      }
      const input = await picture;
      NetworkStore.counters.inferences++;
      const client = await inferenceClient();
      return client.infer(this.modelUrl, imageKey, input);
    })();
    this.runs.set(imageKey, result);
    result.catch(() => this.runs.delete(imageKey));
    while (this.runs.size > RUNS_KEPT) this.runs.delete(this.runs.keys().next().value as string);
    return result;
  }
}

if (typeof window !== 'undefined') {
  (window as unknown as { __cnnNetworkCounters?: typeof NetworkStore.counters }).__cnnNetworkCounters = NetworkStore.counters;
}
