/**
 * Makes a variant of a loaded model in the worker: the reader's edits applied to it, or a
 * training checkpoint's weights put into it. Errors read as what happened.
 */
import { applyEdits } from '../../model/inspect/edits';
import { parseEdits } from '../../model/inspect/edit-codec';
import { withWeights, type ModelVariant } from '../../model/engine/model-variants';
import { decodeCheckpointArrays, type TensorLayout } from '../../model/train/checkpoint-format';
import { ModelLoadError } from '../../model/engine/fetch-model';
import type { LoadedModel } from '../../model/engine/types';

const indexes = new Map<string, Promise<{ tensors: TensorLayout[] }>>();

async function fetchOk(url: string, what: string): Promise<Response> {
  const res = await fetch(url).catch(() => null);
  if (!res) throw new ModelLoadError(`The ${what} could not be downloaded from ${url}: the connection failed.`);
  if (!res.ok) throw new ModelLoadError(`The ${what} was not found at ${url} (the server answered ${res.status}).`);
  return res;
}

export async function loadVariant(base: LoadedModel, modelUrl: string, key: string, variant: ModelVariant): Promise<LoadedModel> {
  if ('edits' in variant) {
    const parsed = parseEdits(variant.edits, base);
    if (!parsed.ok) throw new ModelLoadError(`The changes to the network in this link could not be read: ${parsed.error.replace(/\.$/, "")}.`);
    return applyEdits(base, parsed.edits, key);
  }
  const indexUrl = new URL('checkpoints/index.json', modelUrl).href;
  let index = indexes.get(indexUrl);
  if (!index) {
    index = fetchOk(indexUrl, 'list of training checkpoints').then((r) => r.json());
    indexes.set(indexUrl, index);
    index.catch(() => indexes.delete(indexUrl));
  }
  const { tensors } = await index;
  const fileUrl = new URL(`checkpoints/${variant.checkpoint}`, modelUrl).href;
  const bytes = new Uint8Array(await (await fetchOk(fileUrl, 'training checkpoint')).arrayBuffer());
  let arrays: Float32Array[];
  try {
    arrays = decodeCheckpointArrays(tensors, bytes);
  } catch {
    throw new ModelLoadError(`The training checkpoint ${variant.checkpoint} is damaged or cut off (${bytes.byteLength} bytes).`);
  }
  return withWeights(base, Object.fromEntries(tensors.map((t, k) => [t.name, arrays[k]])), key);
}
