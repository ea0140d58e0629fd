/**
 * Compact training checkpoints (assets/model/checkpoints/): each one is a TF.js weights
 * group quantised to one byte per value, so the standard tf.io.decodeWeights reads it.
 *
 * A tensor's values v are stored as bytes q = round((v − min) / scale), with per-tensor
 * min and scale = (max − min) / 255 in its weight spec; decoding gives min + q · scale
 * (error ≤ scale / 2). ~20 K parameters → ~20 KB per checkpoint. Pure: browser and Node.
 */
import * as tf from '@tensorflow/tfjs';

export interface NamedWeights {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Quantisation as TF.js writes it in a weights manifest. */
export interface Uint8WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization: { dtype: 'uint8'; min: number; scale: number };
}

export interface EncodedCheckpoint {
  weightSpecs: Uint8WeightSpec[];
  bytes: Uint8Array;
}

export function encodeCheckpoint(weights: NamedWeights[]): EncodedCheckpoint {
  const bytes = new Uint8Array(weights.reduce((n, w) => n + w.values.length, 0));
  const weightSpecs: Uint8WeightSpec[] = [];
  let at = 0;
  for (const w of weights) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of w.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    // Math.fround: the decoder computes in float32, so store what it will use.
    const scale = Math.fround(max > min ? (max - min) / 255 : 1);
    min = Math.fround(min);
    for (let i = 0; i < w.values.length; i++) {
      bytes[at + i] = Math.max(0, Math.min(255, Math.round((w.values[i] - min) / scale)));
    }
    at += w.values.length;
    weightSpecs.push({ name: w.name, shape: w.shape, dtype: 'float32', quantization: { dtype: 'uint8', min, scale } });
  }
  return { weightSpecs, bytes };
}

/** The tensors of a checkpoint, by weight name (e.g. 'conv_1_1/kernel'). The caller disposes them. */
export function decodeCheckpoint(weightSpecs: Uint8WeightSpec[], bytes: Uint8Array): tf.NamedTensorMap {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return tf.io.decodeWeights(buffer, weightSpecs);
}
