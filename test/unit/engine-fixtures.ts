/**
 * Shared by the engine-* and ops-* tests: the reference model and the val images from
 * ../shared, with a clear skip message when that folder is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import { loadModel } from '../../model/engine/load-model';
import { runModelSync } from '../../model/engine/run-model';
import type { ActivationRecord, LoadedModel } from '../../model/engine/types';
import { listSplit, SHARED_DATA_DIR } from '../../model/node/dataset';
import { readJpeg, rgbaToUnitRgb } from '../../model/node/decode-jpeg';
import { fileIOHandler, REFERENCE_MODEL_DIR } from '../../model/node/file-io-handler';

export const REFERENCE_MODEL_JSON = join(REFERENCE_MODEL_DIR, 'model.json');

export const hasReferenceModel = existsSync(REFERENCE_MODEL_JSON);
export const hasValData = existsSync(join(SHARED_DATA_DIR, 'val'));

/**
 * `test` when the shared reference model (unless model: false) and, if asked, the val images exist, else
 * `test.skip` after printing why.
 */
export function testWithShared(needs: { model?: boolean; data?: boolean } = {}): typeof test {
  const missing = [
    ...(needs.model === false || hasReferenceModel ? [] : [REFERENCE_MODEL_JSON]),
    ...(needs.data && !hasValData ? [join(SHARED_DATA_DIR, 'val')] : []),
  ];
  if (missing.length === 0) return test;
  console.log(`Skipping the tests that need ../shared: not found: ${missing.join(', ')}`);
  return test.skip as unknown as typeof test;
}

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export const loadReferenceModel = (): Promise<LoadedModel> =>
  loadModel(fileIOHandler(REFERENCE_MODEL_JSON), { source: REFERENCE_MODEL_JSON });

/** The first val image of each class (or of the first `count` files): path, label, model input. */
export function valImages(count?: number): { path: string; label: number; input: Float32Array }[] {
  const files = listSplit(SHARED_DATA_DIR, 'val');
  const picked = count === undefined ? files : files.filter((f, i) => i === files.findIndex((g) => g.label === f.label)).slice(0, count);
  return picked.map((f) => ({ ...f, input: rgbaToUnitRgb(readJpeg(f.path)) }));
}

/** Largest absolute difference between two equally long arrays (Infinity if lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Saves a built model to memory and loads it back through loadModel, as a file would be. */
export async function roundTrip(model: tf.LayersModel): Promise<LoadedModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('The model was not saved');
  return loadModel(tf.io.fromMemory(saved), { source: model.name });
}

/** Deterministic pseudo-random floats in [-1, 1). */
export function randomValues(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** Resolves when `run` rejects with a message matching `pattern`; throws otherwise. */
export async function rejectsWith(run: () => Promise<unknown>, pattern: RegExp = /./): Promise<void> {
  try {
    await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!pattern.test(message)) throw new Error(`Rejected with "${message}", which does not match ${pattern}`);
    return;
  }
  throw new Error(`Expected a rejection matching ${pattern}, but it resolved`);
}

/** The reference model on the cpu backend and its records for the first val image of `count` classes. */
export async function referenceRecords(count = 1): Promise<{ model: LoadedModel; records: ActivationRecord[]; paths: string[] }> {
  await useCpu();
  const model = await loadReferenceModel();
  const images = valImages(count);
  return { model, records: images.map((img) => runModelSync(model, img.input)), paths: images.map((img) => img.path) };
}
