/**
 * A snapshot of one run of a model (every layer's output for one picture), compact enough to
 * ship beside the model so that a figure can paint that picture before the engine has loaded
 * (`assets/model/first-run.bin`, made by `npm run first-run`). Plain data: no TF.js, no DOM.
 *
 * What is stored: the input as bytes when it is a picture (values k / 255, lossless), else
 * like a convolution; each convolution's maps as 8-bit codes with a minimum and a step per
 * channel (error at most step / 2); the logits and probabilities as float32. ReLU, pooling
 * and flatten outputs are not stored: they are recomputed from the layer before, exactly as
 * the network computes them (max and copy are exact on the decoded values; an average is
 * within rounding).
 *
 * File: `CNNRUN01`, a little-endian uint32 header length, the JSON header (`SnapshotHeader`),
 * zero padding to a multiple of 4, then the tensors' bytes at the offsets the header gives.
 */
import type { LayerInfo } from '../layer-info';
import { poolMap } from '../ops/pool-window';
import { relu } from '../ops/relu';

const MAGIC = 'CNNRUN01';

export interface RunSnapshot {
  imageKey: string;
  classNames: string[];
  layers: LayerInfo[];
  /** By layer, input first, HWC row-major (as NetworkRun.values). */
  values: Float32Array[];
  logits: Float32Array;
  probabilities: Float32Array;
}

/** How one layer's output is kept: `bytes` k/255, `codes` per-channel 8-bit, `float32`, or recomputed from the layer before. */
type Stored =
  | { how: 'bytes'; offset: number }
  | { how: 'codes'; offset: number; min: number[]; step: number[] }
  | { how: 'float32'; offset: number }
  | { how: 'derived' };

interface SnapshotHeader {
  imageKey: string;
  classNames: string[];
  layers: LayerInfo[];
  stored: Stored[];
  logits: number;
  probabilities: number;
  bytes: number;
}

/** How each kind is kept: maps that the next step recomputes exactly are not stored. */
function storage(layer: LayerInfo, values: Float32Array): Stored['how'] {
  switch (layer.kind) {
    case 'input':
      return values.every((v) => Math.abs(v * 255 - Math.round(v * 255)) < 1e-4) ? 'bytes' : 'codes';
    case 'conv':
      return 'codes';
    case 'relu':
    case 'maxpool':
    case 'avgpool':
    case 'flatten':
      return 'derived';
    case 'dense':
    case 'softmax':
      return 'float32';
  }
}

/** A layer's output recomputed from the one before (see `storage`). */
function derive(layer: LayerInfo, before: Float32Array, beforeShape: readonly number[]): Float32Array {
  switch (layer.kind) {
    case 'relu':
      return relu(before);
    case 'maxpool':
    case 'avgpool':
      return poolMap(before, beforeShape, { poolSize: layer.poolSize!, strides: layer.strides ?? layer.poolSize!, padding: layer.padding ?? 'valid' }, layer.kind === 'maxpool' ? 'max' : 'avg');
    case 'flatten':
      return Float32Array.from(before);
    default:
      throw new Error(`A ${layer.kind} layer cannot be recomputed from the layer before it`);
  }
}

const align4 = (n: number) => (n + 3) & ~3;

export function encodeRunSnapshot(s: RunSnapshot): Uint8Array {
  if (s.values.length !== s.layers.length) throw new Error(`The run has ${s.values.length} outputs for ${s.layers.length} layers`);
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const put = (bytes: Uint8Array): number => {
    const at = offset;
    chunks.push(bytes);
    offset += bytes.byteLength;
    const pad = align4(offset) - offset;
    if (pad) chunks.push(new Uint8Array(pad));
    offset += pad;
    return at;
  };
  const f32 = (v: Float32Array) => put(new Uint8Array(Float32Array.from(v).buffer));
  const stored: Stored[] = s.layers.map((layer, i) => {
    const v = s.values[i];
    const how = i > 0 && storage(layer, v) === 'derived' ? 'derived' : storage(layer, v);
    if (how === 'derived') return { how };
    if (how === 'float32') return { how, offset: f32(v) };
    if (how === 'bytes') return { how, offset: put(Uint8Array.from(v, (x) => Math.round(x * 255))) };
    const c = layer.shape.length === 3 ? layer.shape[2] : 1;
    const min: number[] = [];
    const step: number[] = [];
    const codes = new Uint8Array(v.length);
    for (let ch = 0; ch < c; ch++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let p = ch; p < v.length; p += c) {
        lo = Math.min(lo, v[p]);
        hi = Math.max(hi, v[p]);
      }
      const st = hi > lo ? (hi - lo) / 255 : 1;
      min.push(lo);
      step.push(st);
      for (let p = ch; p < v.length; p += c) codes[p] = Math.round((v[p] - lo) / st);
    }
    return { how, offset: put(codes), min, step };
  });
  const logits = f32(s.logits);
  const probabilities = f32(s.probabilities);
  const header: SnapshotHeader = { imageKey: s.imageKey, classNames: s.classNames, layers: s.layers, stored, logits, probabilities, bytes: offset };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = align4(MAGIC.length + 4 + json.byteLength);
  const out = new Uint8Array(head + offset);
  out.set(new TextEncoder().encode(MAGIC));
  new DataView(out.buffer).setUint32(MAGIC.length, json.byteLength, true);
  out.set(json, MAGIC.length + 4);
  let at = head;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A snapshot's header and where its data begins; throws in plain words when the bytes are not a snapshot. */
function readHeader(bytes: Uint8Array): { header: SnapshotHeader; head: number } {
  const text = new TextDecoder();
  if (bytes.byteLength < MAGIC.length + 4 || text.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error('This file is not a run snapshot (it does not start with CNNRUN01)');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const header = JSON.parse(text.decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length))) as SnapshotHeader;
  return { header, head: align4(MAGIC.length + 4 + length) };
}

/** Reads a snapshot; throws in plain words when the bytes are not one. */
export function decodeRunSnapshot(bytes: Uint8Array): RunSnapshot {
  const { header, head } = readHeader(bytes);
  if (bytes.byteLength < head + header.bytes) throw new Error('This run snapshot is cut short');
  const data = bytes.slice(head, head + header.bytes);
  const size = (l: LayerInfo) => l.shape.reduce((a, b) => a * b, 1);
  const floats = (offset: number, n: number) => new Float32Array(data.buffer, offset, n).slice();
  const values: Float32Array[] = [];
  header.layers.forEach((layer, i) => {
    const st = header.stored[i];
    const n = size(layer);
    if (st.how === 'derived') values.push(derive(layer, values[i - 1], header.layers[i - 1].shape));
    else if (st.how === 'float32') values.push(floats(st.offset, n));
    else if (st.how === 'bytes') values.push(Float32Array.from(data.subarray(st.offset, st.offset + n), (b) => b / 255));
    else {
      const c = st.min.length;
      const codes = data.subarray(st.offset, st.offset + n);
      const v = new Float32Array(n);
      for (let p = 0; p < n; p++) v[p] = st.min[p % c] + codes[p] * st.step[p % c];
      values.push(v);
    }
  });
  const outputs = header.classNames.length;
  return {
    imageKey: header.imageKey,
    classNames: header.classNames,
    layers: header.layers,
    values,
    logits: floats(header.logits, outputs),
    probabilities: floats(header.probabilities, outputs),
  };
}

/** The largest error the snapshot allows for layer `i`'s values (half a code step; tiny for floats). */
export function snapshotTolerance(bytes: Uint8Array): number[] {
  const { header } = readHeader(bytes);
  const tol: number[] = [];
  header.stored.forEach((st, i) => {
    if (st.how === 'codes') tol.push(Math.max(...st.step) / 2 + 1e-6);
    else if (st.how === 'derived') tol.push(tol[i - 1] ?? 1e-6);
    else tol.push(1e-6);
  });
  return tol;
}
