/**
 * The worker's jobs for teaching the network the reader's own classes (see cnn-teach):
 * turning a picture into the 64×64 the network sees, training (model/teach/) with progress
 * and Stop, putting the taught model where every figure can load it by its key, exporting
 * it for a download, and saving, listing and deleting models in this browser's IndexedDB.
 * Nothing here leaves the device.
 */
import * as tf from '@tensorflow/tfjs';
import { defineJobs, type Job, type JobContext } from '../shared/worker-jobs';
import { imageToInput } from '../../model/engine/image-pixels';
import { describeModel } from '../../model/engine/load-model';
import { INPUT_SHAPE } from '../../model/architecture';
import { registerWasmConvGradients } from '../../model/train/wasm-gradients';
import { teach } from '../../model/teach/teach-trainer';
import { startingConvolutions, taughtModel } from '../../model/teach/taught-model';

import type { ExportedModel, PreparePayload, SavedModel, TrainOutcome, TrainPayload, TrainReport } from './teach-protocol';
import { SAVED_PREFIX } from './teach-protocol';

export type { ExportedModel, PreparePayload, SavedModel, TrainOutcome, TrainPayload, TrainReport } from './teach-protocol';
export { SAVED_PREFIX } from './teach-protocol';

/** Reports while training reach the page at most this often (plus every epoch's end). */
const REPORT_EVERY_MS = 100;

/** Runs the reader asked to stop (by their model's key): they end after the batch in hand and keep what they learned. */
const stopRequests = new Set<string>();

/** Lets queued messages (Stop, a figure's inference) run between batches. */
function yieldToMessages(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

async function train(p: TrainPayload, ctx: JobContext): Promise<{ result: TrainOutcome }> {
  const service = ctx.service({ wasmBase: p.wasmBase, backend: p.backend });
  await service.load(p.baseModel, () => undefined);
  registerWasmConvGradients();
  const base = p.mode === 'fine-tune' ? startingConvolutions(await service.loaded(p.baseModel)) : undefined;
  let pending: TrainReport['batches'] = [];
  let lastReport = -Infinity;
  stopRequests.delete(p.key);
  const result = await teach(
    { rgb: p.rgb, labels: p.labels, classNames: p.classNames, mode: p.mode, base, settings: p.settings },
    {
      watchKernels: p.mode === 'scratch',
      shouldStop: () => ctx.cancelled || stopRequests.has(p.key),
      pause: yieldToMessages,
      onProgress: (progress) => {
        if (!progress.epochDone) pending.push({ step: progress.step, loss: progress.loss, accuracy: progress.accuracy });
        const t = performance.now();
        if (!progress.epochDone && t - lastReport < REPORT_EVERY_MS) return;
        lastReport = t;
        const { kernels, epoch, epochs, step, steps, epochDone, elapsedSeconds, etaSeconds } = progress;
        ctx.progress({ epoch, epochs, step, steps, batches: pending, epochDone, elapsedSeconds, etaSeconds, kernels } satisfies TrainReport);
        pending = [];
      },
    },
  );
  stopRequests.delete(p.key);
  const { weights, ...rest } = result;
  if (weights && !ctx.cancelled) {
    const about = { mode: p.mode, epochs: result.history.length, pictures: p.labels.length, heldOutAccuracy: result.heldOut?.accuracy ?? NaN };
    const model = taughtModel(weights, p.classNames, about);
    service.register(p.key, describeModel(model, p.key));
  }
  return { result: { ...rest, key: weights ? p.key : '', classNames: p.classNames } };
}

async function exportModel(key: string, ctx: JobContext): Promise<{ result: ExportedModel; transfer: Transferable[] }> {
  const model = await ctx.service().loaded(key);
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.tfModel.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const a = artifacts!;
  const weightData = tf.io.CompositeArrayBuffer.join(a.weightData);
  return {
    result: {
      modelTopology: a.modelTopology,
      weightSpecs: a.weightSpecs ?? [],
      weightData,
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy ?? null,
      userDefinedMetadata: a.userDefinedMetadata,
    },
    transfer: [weightData],
  };
}

/** A name as an IndexedDB key: what the reader typed, made safe for a URL path. */
export function savedKey(name: string): string {
  return SAVED_PREFIX + encodeURIComponent(name.trim() || 'my model');
}

async function save(key: string, name: string, ctx: JobContext): Promise<SavedModel> {
  const model = await ctx.service().loaded(key);
  const metadata = (model.tfModel.getUserDefinedMetadata() ?? {}) as Record<string, unknown>;
  const savedAt = new Date().toISOString();
  model.tfModel.setUserDefinedMetadata({ ...metadata, name, savedAt } as {});
  const url = savedKey(name);
  try {
    await model.tfModel.save(url);
  } catch (err) {
    throw new Error(`The model could not be saved in this browser (${err instanceof Error ? err.message : String(err)}). Private windows and full storage refuse it; download it instead.`);
  }
  return { url, name, classNames: model.classNames, savedAt };
}

async function listSaved(): Promise<SavedModel[]> {
  let urls: string[];
  try {
    urls = Object.keys(await tf.io.listModels()).filter((u) => u.startsWith(SAVED_PREFIX));
  } catch {
    return [];
  }
  const out: SavedModel[] = [];
  for (const url of urls) {
    try {
      const artifacts = await tf.io.getLoadHandlers(url)[0].load!();
      const meta = (artifacts.userDefinedMetadata ?? {}) as { name?: string; classes?: string[]; savedAt?: string };
      out.push({ url, name: meta.name ?? decodeURIComponent(url.slice(SAVED_PREFIX.length)), classNames: meta.classes ?? [], savedAt: meta.savedAt ?? '' });
    } catch {
      // A damaged entry is left out of the list.
    }
  }
  return out.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
}

defineJobs({
  'teach:prepare': (async (p: PreparePayload) => {
    const input = await imageToInput(p.image, INPUT_SHAPE);
    if (p.image instanceof ImageBitmap) p.image.close();
    const rgb = new Uint8Array(input.length);
    for (let i = 0; i < input.length; i++) rgb[i] = Math.round(input[i] * 255);
    return { result: rgb, transfer: [rgb.buffer] };
  }) as Job<PreparePayload>,
  'teach:train': ((p: TrainPayload, ctx) => train(p, ctx)) as Job<TrainPayload>,
  'teach:stop': (async (p: { key: string }) => {
    stopRequests.add(p.key);
    return { result: true };
  }) as Job<{ key: string }>,
  'teach:export': ((p: { key: string }, ctx) => exportModel(p.key, ctx)) as Job<{ key: string }>,
  'teach:save': (async (p: { key: string; name: string }, ctx) => ({ result: await save(p.key, p.name, ctx) })) as Job<{ key: string; name: string }>,
  'teach:saved': (async () => ({ result: await listSaved() })) as Job<void>,
  'teach:remove': (async (p: { url: string }, ctx) => {
    await tf.io.removeModel(p.url);
    ctx.service().forget(p.url);
    return { result: true };
  }) as Job<{ url: string }>,
  'teach:forget': (async (p: { key: string }, ctx) => {
    ctx.service().forget(p.key);
    return { result: true };
  }) as Job<{ key: string }>,
  /** How many tensors TF.js holds where the jobs run: the tests' and the bench's check that a run leaves none behind. */
  'teach:tensors': (async () => ({ result: tf.memory().numTensors })) as Job<void>,
});
