/**
 * The worker's jobs for looking inside the network (<cnn-saliency>, <cnn-features>):
 * occlusion, the input gradient, Grad-CAM, feature visualisation with progress and stop,
 * and a channel's strongest patches over the shipped examples and the picture on show.
 * The maths is model/inspect/; receptive fields come from the overview's tracer.
 *
 * Gradients on the WASM backend use the training pipeline's kernels
 * (registerWasmConvGradients), registered once here before the first job; WebGL and cpu
 * have kernels of their own. Every job disposes what it makes: `inspect.memory` reports
 * tf.memory().numTensors so that a test can check it is back to its baseline.
 */
import * as tf from '@tensorflow/tfjs';
import { defineJobs, type Job, type JobContext } from '../shared/worker-jobs';
import { registerWasmConvGradients } from '../../model/train/wasm-gradients';
import { imageToInput } from '../../model/engine/image-pixels';
import type { LoadedModel } from '../../model/engine/types';
import { OCCLUSION_DEFAULTS, occlusionDrops, occlusionMap, occlusionPixels } from '../../model/inspect/occlusion';
import { gradCam, gradientMagnitude, inputGradient } from '../../model/inspect/saliency';
import { featureVisualisation } from '../../model/inspect/feature-visualisation';
import { cropPatch, topPatches, type Picture, type TopPatch } from '../../model/inspect/top-patches';
import { probabilitiesOf } from '../../model/inspect/occlusion';
import type { ReceptiveFieldOf } from '../../model/inspect/input-field';
import { fieldSteps, layerSizes } from '../overview/field-trace';
import { traceField } from '../../model/ops/receptive-field';
import {
  INSPECT_JOBS,
  type ClassPayload, type FeaturesPayload, type FeaturesResult, type GradCamResult, type GradientResult, type MemoryResult,
  type ModelRef, type OcclusionPayload, type OcclusionResult, type PatchData, type PatchesPayload, type PatchesResult,
} from './inspect-protocol';

let gradientsReady = false;

/** The model of a job, on a backend that can differentiate it. */
async function modelFor(ref: ModelRef, ctx: JobContext): Promise<LoadedModel> {
  const model = await ctx.service({ wasmBase: ref.wasmBase, backend: ref.backend }).model(ref.modelKey);
  if (!gradientsReady && tf.getBackend() === 'wasm') registerWasmConvGradients();
  gradientsReady = true;
  return model;
}

/** Receptive fields of a model's values in its input pixels, from its layer list. */
export function fieldOfModel(model: LoadedModel): ReceptiveFieldOf {
  const steps = fieldSteps(model.layers);
  const sizes = layerSizes(model.layers);
  return (layerIndex, row, col) => traceField(steps, sizes, layerIndex, row, col)[0];
}

function checkInput(model: LoadedModel, input: Float32Array): void {
  const [h, w, c] = model.inputShape;
  if (!(input instanceof Float32Array) || input.length !== h * w * c) throw new Error(`The picture must be ${h}×${w}×${c} values`);
}

export async function occlusionJob(p: OcclusionPayload, ctx: JobContext): Promise<OcclusionResult> {
  const model = await modelFor(p, ctx);
  checkInput(model, p.input);
  const map = occlusionMap(model, p.input, 0, { patch: p.patch, stride: p.stride, fill: p.fill ?? OCCLUSION_DEFAULTS.fill });
  const classes = model.classNames.length;
  const [h, w] = model.inputShape;
  const positions = map.rows.length * map.cols.length;
  const drops = new Float32Array(classes * positions);
  const pixels = new Float32Array(classes * h * w);
  for (let c = 0; c < classes; c++) {
    const d = occlusionDrops(map, c);
    drops.set(d, c * positions);
    pixels.set(occlusionPixels(map, d, h, w), c * h * w);
  }
  return { patch: map.patch, stride: map.stride, rows: map.rows, cols: map.cols, classes, baselineProbabilities: map.baselineProbabilities, drops, pixels };
}

export async function gradientJob(p: ClassPayload, ctx: JobContext): Promise<GradientResult> {
  const model = await modelFor(p, ctx);
  checkInput(model, p.input);
  const gradient = inputGradient(model, p.input, p.classIndex);
  return { classIndex: p.classIndex, gradient, pixels: gradientMagnitude(gradient, model.inputShape), probabilities: probabilitiesOf(model, [p.input], 1) };
}

export async function gradCamJob(p: ClassPayload, ctx: JobContext): Promise<GradCamResult> {
  const model = await modelFor(p, ctx);
  checkInput(model, p.input);
  const cam = gradCam(model, p.input, p.classIndex, { receptiveField: fieldOfModel(model) });
  return { classIndex: p.classIndex, layer: cam.layer, shape: cam.shape, weights: cam.weights, map: cam.map, pixels: cam.upsampled, probabilities: probabilitiesOf(model, [p.input], 1) };
}

export async function featuresJob(p: FeaturesPayload, ctx: JobContext): Promise<FeaturesResult> {
  const model = await modelFor(p, ctx);
  const result = await featureVisualisation(model, p.layer, p.channel, {
    steps: p.steps,
    seed: p.seed,
    progressEvery: p.progressEvery ?? 8,
    onProgress: (s) => ctx.progress({ step: s.step, steps: s.steps, activation: s.activation, image: s.image() }),
    shouldStop: () => ctx.cancelled,
  });
  return result;
}

const exampleInputs = new Map<string, Promise<Float32Array>>();

/** A shipped example as the network sees it, decoded once per worker. */
function exampleInput(url: string, shape: [number, number, number]): Promise<Float32Array> {
  const key = `${url}|${shape}`;
  let input = exampleInputs.get(key);
  if (!input) {
    input = fetch(url)
      .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.blob(); })
      .then((blob) => createImageBitmap(blob))
      .then(async (bitmap) => { try { return await imageToInput(bitmap, shape); } finally { bitmap.close(); } });
    exampleInputs.set(key, input);
    input.catch(() => exampleInputs.delete(key));
  }
  return input;
}

function patchData(patch: TopPatch, pictures: readonly (Picture & { label: string })[], shape: [number, number, number]): PatchData {
  const picture = pictures[patch.picture];
  const crop = cropPatch(picture.input, shape, patch.field);
  return { id: patch.id, label: picture.label, row: patch.row, col: patch.col, value: patch.value, field: patch.field, crop: crop.pixels, height: crop.height, width: crop.width };
}

export async function patchesJob(p: PatchesPayload, ctx: JobContext): Promise<PatchesResult> {
  const model = await modelFor(p, ctx);
  const skipped: string[] = [];
  const pictures: (Picture & { label: string })[] = [];
  for (const pic of p.pictures) {
    try {
      const input = pic.input ?? (pic.url ? await exampleInput(pic.url, model.inputShape) : null);
      if (!input) throw new Error('no picture');
      checkInput(model, input);
      if (!pictures.some((q) => q.id === pic.id)) pictures.push({ id: pic.id, label: pic.label, input });
    } catch {
      skipped.push(pic.id);
    }
    if (ctx.cancelled) break;
  }
  const field = fieldOfModel(model);
  const all = topPatches(model, pictures, p.layer, p.channel, p.k, field, { perPicture: p.perPicture });
  const current = pictures.filter((q) => q.id === p.current);
  const own = current.length ? topPatches(model, current, p.layer, p.channel, p.kCurrent, field) : [];
  return {
    layer: p.layer,
    channel: p.channel,
    patches: all.map((t) => patchData(t, pictures, model.inputShape)),
    current: own.map((t) => patchData(t, current, model.inputShape)),
    skipped,
  };
}

/** The buffers of a result, to transfer rather than copy. */
export function buffersOf(...arrays: (Float32Array | undefined)[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) if (a) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

defineJobs({
  [INSPECT_JOBS.occlusion]: (async (p: OcclusionPayload, ctx) => {
    const result = await occlusionJob(p, ctx);
    return { result, transfer: buffersOf(result.baselineProbabilities, result.drops, result.pixels) };
  }) as Job<OcclusionPayload>,
  [INSPECT_JOBS.gradient]: (async (p: ClassPayload, ctx) => {
    const result = await gradientJob(p, ctx);
    return { result, transfer: buffersOf(result.gradient, result.pixels, result.probabilities) };
  }) as Job<ClassPayload>,
  [INSPECT_JOBS.gradCam]: (async (p: ClassPayload, ctx) => {
    const result = await gradCamJob(p, ctx);
    return { result, transfer: buffersOf(result.weights, result.map, result.pixels, result.probabilities) };
  }) as Job<ClassPayload>,
  [INSPECT_JOBS.features]: (async (p: FeaturesPayload, ctx) => {
    const result = await featuresJob(p, ctx);
    return { result, transfer: buffersOf(result.image) };
  }) as Job<FeaturesPayload>,
  [INSPECT_JOBS.patches]: (async (p: PatchesPayload, ctx) => {
    const result = await patchesJob(p, ctx);
    return { result, transfer: buffersOf(...result.patches.map((x) => x.crop), ...result.current.map((x) => x.crop)) };
  }) as Job<PatchesPayload>,
  [INSPECT_JOBS.memory]: (async (): Promise<{ result: MemoryResult }> => ({ result: { numTensors: tf.memory().numTensors, backend: tf.getBackend() } })) as Job,
});
