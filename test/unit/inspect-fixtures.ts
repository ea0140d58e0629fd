/**
 * Shared by the inspect-* tests: the shipped model on the WASM backend with the training
 * gradient kernels (as the browser's worker runs it), the shipped example pictures, a
 * float64 forward pass written out by hand (an independent check of TF.js), and a check
 * that a call leaves no tensor behind.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as assert from 'uvu/assert';
import { loadModel } from '../../model/engine/load-model';
import { preprocess } from '../../model/engine/preprocess';
import type { LoadedModel } from '../../model/engine/types';
import { readJpeg } from '../../model/node/decode-jpeg';
import { fileIOHandler } from '../../model/node/file-io-handler';
import { useWasmBackend } from '../../model/train/wasm-gradients';
import { axisGeometry } from '../../model/ops/window-geometry';

export const SHIPPED_MODEL_JSON = join(import.meta.dirname, '../../assets/model/model.json');
const EXAMPLES_DIR = join(import.meta.dirname, '../../assets/examples');

let wasm: Promise<void> | undefined;

/** The WASM backend with registerWasmConvGradients(), once per process. */
export const useWasm = (): Promise<void> => (wasm ??= useWasmBackend());

let shipped: Promise<LoadedModel> | undefined;

/** The shipped model, loaded once per process (on the WASM backend). */
export function shippedModel(): Promise<LoadedModel> {
  shipped ??= useWasm().then(() => loadModel(fileIOHandler(SHIPPED_MODEL_JSON), { source: SHIPPED_MODEL_JSON }));
  return shipped;
}

/** The shipped example pictures that are JPEGs, as model inputs (64 × 64 × 3), sorted by file name. */
export function examplePictures(): { id: string; input: Float32Array }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .map((f) => ({ id: f.replace(/\.jpg$/, ''), input: preprocess(readJpeg(join(EXAMPLES_DIR, f)), 64) }));
}

/** Runs f and asserts that it left tf.memory().numTensors where it found it. */
export async function leavesNoTensor<T>(f: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await f();
  assert.is(tf.memory().numTensors, before, 'tensors left behind');
  return result;
}

/** Every step's output, in float64, from the layer list and params alone (no TF.js). */
export function forward64(model: LoadedModel, input: ArrayLike<number>): Float64Array[] {
  const outputs: Float64Array[] = [Float64Array.from(input)];
  let shape = [...model.inputShape];
  for (const layer of model.layers.slice(1)) {
    const x = outputs[outputs.length - 1];
    let y: Float64Array;
    switch (layer.kind) {
      case 'conv': {
        const p = model.params[layer.name];
        if (p.kind !== 'conv') throw new Error('conv without conv params');
        const [kh, kw, cin, cout] = p.kernelShape;
        const [h, w] = shape;
        const [sr, sc] = layer.strides ?? [1, 1];
        const rows = axisGeometry(h, kh, sr, layer.padding ?? 'valid');
        const cols = axisGeometry(w, kw, sc, layer.padding ?? 'valid');
        y = new Float64Array(rows.outSize * cols.outSize * cout);
        for (let r = 0; r < rows.outSize; r++) {
          for (let c = 0; c < cols.outSize; c++) {
            for (let o = 0; o < cout; o++) {
              let acc = p.bias[o];
              for (let ky = 0; ky < kh; ky++) {
                const iy = r * sr - rows.padBefore + ky;
                if (iy < 0 || iy >= h) continue;
                for (let kx = 0; kx < kw; kx++) {
                  const ix = c * sc - cols.padBefore + kx;
                  if (ix < 0 || ix >= w) continue;
                  for (let i = 0; i < cin; i++) acc += x[(iy * w + ix) * cin + i] * p.kernel[((ky * kw + kx) * cin + i) * cout + o];
                }
              }
              y[(r * cols.outSize + c) * cout + o] = acc;
            }
          }
        }
        break;
      }
      case 'relu':
        y = x.map((v) => Math.max(0, v));
        break;
      case 'maxpool':
      case 'avgpool': {
        const [ph, pw] = layer.poolSize ?? [2, 2];
        const [sr, sc] = layer.strides ?? [ph, pw];
        const [h, w, ch] = shape;
        const [oh, ow] = layer.shape;
        y = new Float64Array(oh * ow * ch);
        for (let r = 0; r < oh; r++) {
          for (let c = 0; c < ow; c++) {
            for (let k = 0; k < ch; k++) {
              let best = -Infinity;
              let sum = 0;
              for (let dy = 0; dy < ph; dy++) {
                for (let dx = 0; dx < pw; dx++) {
                  const v = x[((r * sr + dy) * w + c * sc + dx) * ch + k];
                  best = Math.max(best, v);
                  sum += v;
                }
              }
              y[(r * ow + c) * ch + k] = layer.kind === 'maxpool' ? best : sum / (ph * pw);
            }
          }
        }
        if (h < oh * sr) throw new Error('only valid pooling');
        break;
      }
      case 'flatten':
        y = Float64Array.from(x);
        break;
      case 'dense': {
        const p = model.params[layer.name];
        if (p.kind !== 'dense') throw new Error('dense without dense params');
        const [n, units] = p.kernelShape;
        y = Float64Array.from(p.bias);
        for (let i = 0; i < n; i++) for (let o = 0; o < units; o++) y[o] += x[i] * p.kernel[i * units + o];
        break;
      }
      case 'softmax': {
        const m = Math.max(...x);
        const e = x.map((v) => Math.exp(v - m));
        const s = e.reduce((a, b) => a + b, 0);
        y = e.map((v) => v / s);
        break;
      }
      default:
        throw new Error(`forward64 cannot run a ${layer.kind} step`);
    }
    outputs.push(y);
    shape = layer.shape;
  }
  return outputs;
}

/** Logits and probabilities from forward64. */
export function scores64(model: LoadedModel, input: ArrayLike<number>): { logits: Float64Array; probabilities: Float64Array } {
  const out = forward64(model, input);
  const last = out[out.length - 1];
  const endsInSoftmax = model.layers[model.layers.length - 1].kind === 'softmax';
  const logits = endsInSoftmax ? out[out.length - 2] : last;
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return { logits, probabilities: e.map((v) => v / s) };
}

/** Largest |a − b| over two arrays of equal length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.is(a.length, b.length, 'lengths');
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Index of the largest value. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
