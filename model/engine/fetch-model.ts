/**
 * Downloads a TF.js layers-model (model.json and its weight files) and checks it on the way,
 * so that a failure reads as what happened, in a reader's words, with what to try: a file
 * that is missing, a description that is not a model, weights cut off or too long. TF.js's
 * own loader would instead say "byte length of Float32Array should be a multiple of 4".
 */
import type * as tf from '@tensorflow/tfjs';

type Fetch = (url: string) => Promise<Response>;

/** A failure to load the network, worded for a reader. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

interface WeightEntry { name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }
interface ManifestGroup { paths: string[]; weights: WeightEntry[] }

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** How many bytes the weight files of a manifest must hold together. */
export function expectedWeightBytes(manifest: readonly ManifestGroup[]): number {
  let total = 0;
  for (const group of manifest) {
    for (const w of group.weights) {
      const per = BYTES[w.quantization?.dtype ?? w.dtype];
      if (per === undefined) throw new ModelLoadError(`The network's description lists a weight (${w.name}) of a kind this page cannot read (${w.quantization?.dtype ?? w.dtype}).`);
      total += per * w.shape.reduce((a, b) => a * b, 1);
    }
  }
  return total;
}

const fileName = (url: string) => decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} kB`;

async function get(fetchFn: Fetch, url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch {
    throw new ModelLoadError(`The ${what} could not be downloaded from ${url}: the connection failed. Check the connection and reload the page.`);
  }
  if (res.status === 404) throw new ModelLoadError(`The ${what} was not found at ${url} (the server answered 404). The address may be wrong, or the file was not published with the page.`);
  if (!res.ok) throw new ModelLoadError(`The ${what} at ${url} could not be downloaded: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}. Try again in a moment.`);
  return res;
}

/** Reads a response's body, reporting bytes received against the expected total. */
async function readBytes(res: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onBytes(buf.byteLength);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onBytes(value.byteLength);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

/**
 * An IOHandler for `tf.loadLayersModel` that fetches and checks `modelUrl` and its weights.
 * `onProgress` gets the fraction of all bytes received (the description counts little).
 */
export function checkedModelRequest(modelUrl: string, options: { onProgress?: (fraction: number) => void; fetch?: Fetch } = {}): tf.io.IOHandler {
  const fetchFn: Fetch = options.fetch ?? ((url) => fetch(url));
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const res = await get(fetchFn, modelUrl, "network's description (model.json)");
      let json: { modelTopology?: unknown; weightsManifest?: ManifestGroup[]; format?: string; generatedBy?: string; convertedBy?: string | null; userDefinedMetadata?: Record<string, {}> };
      try {
        json = await res.json();
      } catch {
        throw new ModelLoadError(`The file at ${modelUrl} is not a network description: it is not JSON. A TF.js layers-model's model.json is needed.`);
      }
      if (!json || typeof json !== 'object' || !json.modelTopology) {
        throw new ModelLoadError(`The file at ${modelUrl} is JSON but not a TF.js layers-model: it has no model topology.`);
      }
      const manifest = json.weightsManifest;
      if (!Array.isArray(manifest) || manifest.length === 0) {
        throw new ModelLoadError(`The network's description at ${modelUrl} lists no weight files, so the network has nothing to compute with.`);
      }
      const expected = expectedWeightBytes(manifest);
      let received = 0;
      const progress = (n: number) => { received += n; options.onProgress?.(Math.min(1, received / Math.max(1, expected))); };
      const parts: Uint8Array[] = [];
      for (const group of manifest) {
        for (const path of group.paths) {
          const url = new URL(path, modelUrl).href;
          parts.push(await readBytes(await get(fetchFn, url, `network's weights file (${fileName(url)})`), progress));
        }
      }
      const total = parts.reduce((n, p) => n + p.byteLength, 0);
      if (total < expected) {
        throw new ModelLoadError(`The network's weights are cut off: ${kb(total)} of ${kb(expected)} arrived. Reload the page; if it happens again, the copy on the server is damaged.`);
      }
      if (total > expected) {
        throw new ModelLoadError(`The network's weights do not match its description: ${kb(total)} arrived where ${kb(expected)} were expected. The weight files may belong to another model.`);
      }
      const weightData = new Uint8Array(total);
      let at = 0;
      for (const p of parts) { weightData.set(p, at); at += p.byteLength; }
      return {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: manifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
        weightData: weightData.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
}
