/**
 * A short fingerprint of a model's weights, so that precomputed pictures (the feature atlas)
 * can tell whether they belong to the model at hand: the browser computes it from the
 * loaded model's params and compares it with the one written beside the pictures.
 *
 * A 53-bit hash (cyrb53) of every layer's name, kernel shape and the bits of its float32
 * weights, in the order of model.layers; 14 hex digits. Any changed weight changes it.
 */
import type { LayerInfo } from '../layer-info';
import type { LayerParams } from '../engine/layer-params';

function mix(h1: number, h2: number, word: number): [number, number] {
  return [Math.imul(h1 ^ word, 2654435761), Math.imul(h2 ^ word, 1597334677)];
}

export function paramsFingerprint(layers: readonly LayerInfo[], params: Readonly<Record<string, LayerParams>>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const words = (values: Iterable<number>) => {
    for (const w of values) [h1, h2] = mix(h1, h2, w);
  };
  for (const layer of layers) {
    const p = params[layer.name];
    if (!p) continue;
    words(Array.from(layer.name, (ch) => ch.charCodeAt(0)));
    words(p.kernelShape);
    for (const values of [p.kernel, p.bias]) {
      const f = Float32Array.from(values);
      words(new Uint32Array(f.buffer, f.byteOffset, f.length));
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}
