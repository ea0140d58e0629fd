/**
 * Loads models and runs images with the engine. It runs inside the inference worker (or,
 * where module workers are missing, in the page), so it touches no DOM.
 */
import { loadModel } from '../../model/engine/load-model';
import { checkedModelRequest, ModelLoadError } from '../../model/engine/fetch-model';
import { loadVariant } from './model-variant-loader';
import { parseVariantKey } from '../../model/engine/variant-key';
import { runModel } from '../../model/engine/run-model';
import { chooseBackend } from '../../model/engine/backend';
import { imageToInput } from '../../model/engine/image-pixels';
import type * as tf from '@tensorflow/tfjs';
import type { ActivationRecord, LoadedModel } from '../../model/engine/types';
import type { LayerInfo, ModelInfo, NetworkRun } from './network-types';
import type { ImageInput } from './worker-protocol';

/** Variants (edited models, checkpoints) kept loaded at once. */
const VARIANTS_KEPT = 6;

export class InferenceService {
  private backend?: Promise<{ backend: string; reason: string }>;
  private readonly models = new Map<string, Promise<LoadedModel>>();
  /** Model files downloading while the backend starts, by URL. */
  private readonly downloads = new Map<string, { files: Promise<tf.io.ModelArtifacts>; listeners: Set<(fraction: number) => void> }>();

  constructor(private readonly wasmBase: string, private readonly override?: string) {}

  private ready() {
    return (this.backend ??= chooseBackend({ override: this.override, wasmPath: this.wasmBase }));
  }

  /**
   * Loads a model by its key: a URL, or a URL with a variant after '#' (the reader's edits, a
   * training checkpoint; see model/engine/model-variants.ts). The plain model loads once; each
   * variant is derived from it and kept while it is among the newest.
   */
  async load(modelKey: string, onProgress: (fraction: number) => void): Promise<ModelInfo> {
    const { url } = parseVariantKey(modelKey);
    const early = this.startDownload(url, onProgress);
    const { backend, reason } = await this.ready();
    const m = await this.model(modelKey, onProgress, early);
    onProgress(1);
    return modelInfoOf(modelKey, m, backend, reason);
  }

  /**
   * Puts a model made here (the reader's taught model) under `key`, so that figures load it by
   * that key like any other; a model the key held before is disposed.
   */
  register(key: string, model: LoadedModel): void {
    const old = this.models.get(key);
    this.models.set(key, Promise.resolve(model));
    void old?.then((m) => { if (m !== model) m.tfModel.dispose(); }, () => undefined);
  }

  /** Drops a registered or loaded model and disposes it. */
  forget(key: string): void {
    const old = this.models.get(key);
    this.models.delete(key);
    void old?.then((m) => m.tfModel.dispose(), () => undefined);
  }

  /** The model loaded under `key` (load it first). */
  async loaded(key: string): Promise<LoadedModel> {
    const model = this.models.get(key);
    if (!model) throw new ModelLoadError('That network is not loaded on this page.');
    return model;
  }

  /**
   * Starts downloading a model's files before the backend is ready (its .wasm downloads and
   * compiles meanwhile); a second caller for the same files (the page's early start, then its
   * figure) shares the download and its progress. Only for models fetched over HTTP.
   */
  private startDownload(url: string, onProgress: (fraction: number) => void): Promise<tf.io.ModelArtifacts> | undefined {
    if (this.models.has(url) || url.startsWith(TAUGHT_SCHEME) || url.startsWith('indexeddb://')) return undefined;
    let download = this.downloads.get(url);
    if (!download) {
      const listeners = new Set<(fraction: number) => void>();
      const files = checkedModelRequest(url, { onProgress: (f) => { for (const l of listeners) l(f); } }).load!();
      download = { files, listeners };
      this.downloads.set(url, download);
      files.catch(() => { this.downloads.delete(url); });
    }
    download.listeners.add(onProgress);
    return download.files;
  }

  /** Readies the TF.js backend (load does it too). */
  async backendReady(): Promise<{ backend: string; reason: string }> {
    return this.ready();
  }

  /**
   * The loaded model for a key, for jobs that run it themselves. A variant dropped to make
   * room for newer ones is derived again (the plain model stays loaded).
   */
  async model(modelKey: string, onProgress: (fraction: number) => void = () => undefined, early?: Promise<tf.io.ModelArtifacts>): Promise<LoadedModel> {
    await this.ready();
    const { url, variant } = parseVariantKey(modelKey);
    const base = this.cached(url, () => {
      this.downloads.delete(url);
      return early ? loadModel({ load: () => early }, { source: url }) : loadBase(url, onProgress);
    });
    return variant ? this.cached(modelKey, async () => loadVariant(await base, url, modelKey, variant)) : base;
  }

  private cached(key: string, make: () => Promise<LoadedModel>): Promise<LoadedModel> {
    let model = this.models.get(key);
    if (model) {
      this.models.delete(key);
      this.models.set(key, model);
      return model;
    }
    model = make();
    this.models.set(key, model);
    model.catch(() => this.models.delete(key));
    // Variants are cheap to make again: keep the newest few, never the plain models.
    const variants = [...this.models.keys()].filter((k) => k.includes('#'));
    for (const old of variants.slice(0, Math.max(0, variants.length - VARIANTS_KEPT))) {
      const dropped = this.models.get(old);
      this.models.delete(old);
      void dropped?.then((m) => m.tfModel.dispose(), () => undefined);
    }
    return model;
  }

  async infer(modelUrl: string, imageKey: string, image: ImageInput): Promise<NetworkRun> {
    if (!this.models.has(modelUrl) && !parseVariantKey(modelUrl).variant) throw new Error('The model is not loaded');
    const model = await this.model(modelUrl);
    const input = await imageToInput(image, model.inputShape);
    if (image instanceof ImageBitmap) image.close();
    return networkRunOf(imageKey, await runModel(model, input));
  }
}

/** A key's scheme for a model taught on this page (see components/teach/): it lives only in the worker. */
export const TAUGHT_SCHEME = 'taught:';

/**
 * Loads a plain model: from a URL (checked on the way), from this browser's IndexedDB
 * (`indexeddb://…`, where the reader saves a taught model), or fails in plain words for a
 * taught model's key that is no longer here.
 */
function loadBase(url: string, onProgress: (fraction: number) => void): Promise<LoadedModel> {
  if (url.startsWith(TAUGHT_SCHEME)) {
    return Promise.reject(new ModelLoadError('The model you taught is no longer on this page: it lives only until the page closes, unless you save it. Teach it again, or load one you saved.'));
  }
  if (url.startsWith('indexeddb://')) {
    return loadModel(url, { source: url }).catch(() => {
      throw new ModelLoadError(`No model is saved in this browser as “${decodeURIComponent(url.slice('indexeddb://'.length))}”. It may have been deleted, or saved in another browser.`);
    });
  }
  return loadModel(checkedModelRequest(url, { onProgress }), { source: url });
}

/** What the figures receive of a loaded model (plain data that crosses to the page). */
export function modelInfoOf(url: string, m: LoadedModel, backend: string, backendReason: string): ModelInfo {
  return {
    url,
    layers: m.layers.map((d): LayerInfo => ({ name: d.name, kind: d.kind, shape: d.shape, kernelSize: d.kernelSize, strides: d.strides, padding: d.padding, poolSize: d.poolSize })),
    classNames: m.classNames,
    params: Object.fromEntries(Object.entries(m.params).map(([k, p]) => [k, { kernelShape: [...p.kernelShape], kernel: p.kernel, bias: p.bias }])),
    backend,
    backendReason,
    notice: backendNotice(backend, backendReason),
  };
}

/** What a reader should know when WebAssembly could not be used: the network then runs on a slower engine. */
export function backendNotice(backend: string, reason: string): string {
  if (backend === 'wasm' || !/wasm (skipped|failed)/.test(reason)) return '';
  const engine = backend === 'webgl' ? 'the graphics card (WebGL)' : 'plain JavaScript';
  return /failed/.test(reason)
    ? `WebAssembly is blocked or broken on this page, so the network runs on ${engine}: slower, with the same numbers.`
    : `This browser lacks WebAssembly SIMD, so the network runs on ${engine}: slower, with the same numbers.`;
}

/** What the figures receive of one inference. */
export function networkRunOf(imageKey: string, record: ActivationRecord): NetworkRun {
  return {
    imageKey,
    values: record.layers.map((l) => l.values),
    logits: record.logits,
    probabilities: record.probabilities,
    inferenceMs: record.inferenceMs,
  };
}
