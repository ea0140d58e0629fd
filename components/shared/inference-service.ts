/**
 * Loads models and runs images with the engine. It runs inside the inference worker (or,
 * where module workers are missing, in the page), so it touches no DOM.
 */
import { loadModel } from '../../model/engine/load-model';
import { checkedModelRequest } from '../../model/engine/fetch-model';
import { runModel } from '../../model/engine/run-model';
import { chooseBackend } from '../../model/engine/backend';
import { imageToInput } from '../../model/engine/image-pixels';
import type { ActivationRecord, LoadedModel } from '../../model/engine/types';
import type { LayerInfo, ModelInfo, NetworkRun } from './network-types';
import type { ImageInput } from './worker-protocol';

export class InferenceService {
  private backend?: Promise<{ backend: string; reason: string }>;
  private readonly models = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly wasmBase: string, private readonly override?: string) {}

  private ready() {
    return (this.backend ??= chooseBackend({ override: this.override, wasmPath: this.wasmBase }));
  }

  async load(modelUrl: string, onProgress: (fraction: number) => void): Promise<ModelInfo> {
    const { backend, reason } = await this.ready();
    let model = this.models.get(modelUrl);
    if (!model) {
      model = loadModel(checkedModelRequest(modelUrl, { onProgress }), { source: modelUrl });
      this.models.set(modelUrl, model);
      model.catch(() => this.models.delete(modelUrl));
    }
    const m = await model;
    onProgress(1);
    return modelInfoOf(modelUrl, m, backend, reason);
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
