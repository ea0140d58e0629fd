/**
 * Loads models and runs images with the engine. It runs inside the inference worker (or,
 * where module workers are missing, in the page), so it touches no DOM.
 */
import { loadModel } from '../../model/engine/load-model';
import { checkedModelRequest } from '../../model/engine/fetch-model';
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
    const { url, variant } = parseVariantKey(modelKey);
    // The model's files download while the backend starts (its .wasm downloads and compiles);
    // a second caller for the same files (the page's early start, then its figure) shares them.
    let download = this.models.has(url) ? undefined : this.downloads.get(url);
    if (!this.models.has(url) && !download) {
      const listeners = new Set<(fraction: number) => void>();
      const files = checkedModelRequest(url, { onProgress: (f) => { for (const l of listeners) l(f); } }).load!();
      download = { files, listeners };
      this.downloads.set(url, download);
      files.catch(() => { this.downloads.delete(url); });
    }
    download?.listeners.add(onProgress);
    const { backend, reason } = await this.ready();
    const early = download?.files;
    const base = this.cached(url, () => {
      this.downloads.delete(url);
      return loadModel(early ? { load: () => early } : checkedModelRequest(url, { onProgress }), { source: url });
    });
    const model = variant ? this.cached(modelKey, async () => loadVariant(await base, url, modelKey, variant)) : base;
    const m = await model;
    onProgress(1);
    return modelInfoOf(modelKey, m, backend, reason);
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
    const model = await this.models.get(modelUrl);
    if (!model) throw new Error('The model is not loaded');
    const input = await imageToInput(image, model.inputShape);
    if (image instanceof ImageBitmap) image.close();
    return networkRunOf(imageKey, await runModel(model, input));
  }
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
