/**
 * Sharing between components: one model load per URL, and one runner per URL and channel
 * (components showing the same image use the same channel, so they share each inference;
 * a figure that shows its own image uses its own channel, so it does not supersede others).
 */
import { selectBackend, type BackendOptions } from './backend';
import { InferenceRunner } from './inference-runner';
import { loadModel } from './load-model';
import type { LoadedModel } from './types';

const models = new Map<string, Promise<LoadedModel>>();
const runners = new Map<string, InferenceRunner>();

export interface SharedModelOptions {
  /** Select (once) a backend before the first load; omit to use TF.js's current backend. */
  backend?: BackendOptions;
}

/** The model at `url`, loaded once however many components ask. A failed load is retried next time. */
export function getSharedModel(url: string, options: SharedModelOptions = {}): Promise<LoadedModel> {
  let model = models.get(url);
  if (!model) {
    const loading = (async () => {
      if (options.backend) await selectBackend(options.backend);
      return loadModel(url);
    })();
    loading.catch(() => {
      if (models.get(url) === loading) models.delete(url);
    });
    models.set(url, loading);
    model = loading;
  }
  return model;
}

/** The runner for `url` and `channel` (default 'main'), created once. */
export function getSharedRunner(url: string, channel = 'main', options: SharedModelOptions = {}): InferenceRunner {
  const key = `${channel}\n${url}`;
  let runner = runners.get(key);
  if (!runner) {
    runner = new InferenceRunner(getSharedModel(url, options));
    runners.set(key, runner);
  }
  return runner;
}

/** Drops a model and its runners from the cache and frees its weights. */
export async function releaseSharedModel(url: string): Promise<void> {
  const model = models.get(url);
  models.delete(url);
  for (const key of [...runners.keys()]) if (key.endsWith(`\n${url}`)) runners.delete(key);
  if (model) (await model.catch(() => null))?.tfModel.dispose();
}
