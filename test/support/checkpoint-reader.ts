/**
 * Reads a training checkpoint written in format tiny-vgg-checkpoint/v2 using only the
 * format's description (model/train/README.md, "Checkpoint format"), none of the project's
 * own decoder: a header of 8 bytes per tensor (float32 min, float32 scale, little-endian),
 * then each tensor's codes from a byte boundary (8 bits: a byte each; 4 bits: two a byte,
 * the even-indexed value in the low nibble); value = min + code · scale, row-major.
 * The training figure's tests compare what the figure shows with what this gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

export interface IndexTensor { name: string; shape: number[]; bits: number }
export interface IndexEntry { epoch: number; label: string; file: string }
export interface CheckpointIndexFile { format: string; tensors: IndexTensor[]; checkpoints: IndexEntry[] }

export function readIndex(dir: string): CheckpointIndexFile {
  return JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as CheckpointIndexFile;
}

/** The tensors of one checkpoint file, by name, as the description defines them. */
export function readCheckpoint(dir: string, file: string, index = readIndex(dir)): Map<string, Float32Array> {
  const buf = readFileSync(join(dir, file));
  const header = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Map<string, Float32Array>();
  let offset = index.tensors.length * 8;
  index.tensors.forEach((t, k) => {
    const min = header.getFloat32(8 * k, true);
    const scale = header.getFloat32(8 * k + 4, true);
    const n = t.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let code: number;
      if (t.bits === 8) code = buf[offset + i];
      else {
        const byte = buf[offset + Math.floor(i / 2)];
        code = i % 2 === 0 ? byte & 0x0f : byte >> 4;
      }
      values[i] = min + code * scale;
    }
    offset += Math.ceil((n * t.bits) / 8);
    out.set(t.name, values);
  });
  if (offset !== buf.byteLength) throw new Error(`${file}: ${buf.byteLength} bytes, the description gives ${offset}`);
  return out;
}

/**
 * Runs Tiny VGG with these weights on `input` (HWC RGB in [0, 1]) with plain TF.js ops
 * (conv2d, relu, max pool, dense, softmax), not the project's engine: the first
 * convolution's output and the probabilities. No tensor outlives the call.
 */
export function runTinyVgg(weights: Map<string, Float32Array>, shapes: IndexTensor[], input: Float32Array): { conv1: Float32Array; probabilities: Float32Array } {
  const w = (name: string) => tf.tensor(weights.get(name)!, shapes.find((t) => t.name === name)!.shape);
  return tf.tidy(() => {
    const conv = (x: tf.Tensor4D, layer: string) => tf.add(tf.conv2d(x, w(`${layer}/kernel`) as tf.Tensor4D, 1, 'valid'), w(`${layer}/bias`)) as tf.Tensor4D;
    const x = tf.tensor4d(input, [1, 64, 64, 3]);
    const c11 = conv(x, 'conv_1_1');
    let h = tf.relu(c11);
    h = tf.relu(conv(h, 'conv_1_2'));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(conv(h, 'conv_2_1'));
    h = tf.relu(conv(h, 'conv_2_2'));
    h = tf.maxPool(h, 2, 2, 'valid');
    const flat = tf.reshape(h, [1, -1]);
    const logits = tf.add(tf.matMul(flat, w('output/kernel') as tf.Tensor2D), w('output/bias'));
    return { conv1: c11.dataSync() as Float32Array, probabilities: tf.softmax(logits).dataSync() as Float32Array };
  });
}
