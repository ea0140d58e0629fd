/**
 * Compact training checkpoints (assets/model/checkpoints/), for figures that scrub through
 * training. Pure: browser and Node. Format 'tiny-vgg-checkpoint/v2', documented in
 * model/train/README.md:
 *
 * - index.json lists the tensors once (`tensors`: name, shape, bits) and the checkpoints.
 * - Each .bin is self-contained. It starts with a header of 8 bytes per tensor, in the order
 *   of `tensors`: float32 min, float32 scale (little-endian). The tensors' codes follow, each
 *   starting on a byte boundary: 8-bit tensors one byte per value; 4-bit tensors two values
 *   per byte, the even-indexed value in the low nibble. A value is min + code · scale
 *   (error ≤ scale / 2), codes in row-major (TF.js) order.
 *
 * The conv kernels and all biases take 8 bits; the dense kernel (16,900 of the 19,920
 * weights) takes 4 bits, which moves the shipped model's val accuracy by at most a few
 * tenths of a percent. 11,550 bytes per checkpoint.
 */

export interface NamedWeights {
  name: string;
  shape: number[];
  values: Float32Array;
}

export const CHECKPOINT_FORMAT = 'tiny-vgg-checkpoint/v2';

export interface TensorLayout {
  name: string;
  shape: number[];
  bits: 4 | 8;
}

const HEADER_BYTES_PER_TENSOR = 8;

/** Bits per value: 4 for the dense kernel ('output/kernel'), 8 for everything else. */
export function bitsFor(name: string): 4 | 8 {
  return name === 'output/kernel' ? 4 : 8;
}

export function layoutOf(weights: { name: string; shape: number[] }[]): TensorLayout[] {
  return weights.map(({ name, shape }) => ({ name, shape: [...shape], bits: bitsFor(name) }));
}

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const codeBytes = (t: TensorLayout) => Math.ceil((count(t.shape) * t.bits) / 8);

/** Bytes of one checkpoint file with this layout. */
export function checkpointBytes(layout: TensorLayout[]): number {
  return layout.reduce((n, t) => n + HEADER_BYTES_PER_TENSOR + codeBytes(t), 0);
}

export function encodeCheckpoint(weights: NamedWeights[], layout: TensorLayout[] = layoutOf(weights)): Uint8Array {
  const bytes = new Uint8Array(checkpointBytes(layout));
  const header = new DataView(bytes.buffer);
  let at = layout.length * HEADER_BYTES_PER_TENSOR;
  layout.forEach((t, k) => {
    const values = weights[k].values;
    if (weights[k].name !== t.name || values.length !== count(t.shape)) throw new Error(`checkpoint: ${weights[k].name} does not match ${t.name}`);
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const levels = 2 ** t.bits - 1;
    // Math.fround: the decoder reads float32, so quantise with the values it will use.
    const scale = Math.fround(max > min ? (max - min) / levels : 1);
    min = Math.fround(min);
    header.setFloat32(k * HEADER_BYTES_PER_TENSOR, min, true);
    header.setFloat32(k * HEADER_BYTES_PER_TENSOR + 4, scale, true);
    for (let i = 0; i < values.length; i++) {
      const q = Math.max(0, Math.min(levels, Math.round((values[i] - min) / scale)));
      if (t.bits === 8) bytes[at + i] = q;
      else bytes[at + (i >> 1)] |= i & 1 ? q << 4 : q;
    }
    at += codeBytes(t);
  });
  return bytes;
}

/** The weights of a checkpoint as float32 arrays, in layout order. No tfjs needed. */
export function decodeCheckpointArrays(layout: TensorLayout[], bytes: Uint8Array): Float32Array[] {
  if (bytes.byteLength !== checkpointBytes(layout)) throw new Error(`checkpoint: ${bytes.byteLength} bytes, expected ${checkpointBytes(layout)}`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = layout.length * HEADER_BYTES_PER_TENSOR;
  return layout.map((t, k) => {
    const min = header.getFloat32(k * HEADER_BYTES_PER_TENSOR, true);
    const scale = header.getFloat32(k * HEADER_BYTES_PER_TENSOR + 4, true);
    const out = new Float32Array(count(t.shape));
    for (let i = 0; i < out.length; i++) {
      const q = t.bits === 8 ? bytes[at + i] : (bytes[at + (i >> 1)] >> (i & 1 ? 4 : 0)) & 15;
      out[i] = min + q * scale;
    }
    at += codeBytes(t);
    return out;
  });
}

/**
 * Epochs after which a run of `epochs` epochs writes a checkpoint: the initial weights and
 * every epoch up to 10 (training changes fastest there), every 5 up to 30, every 10 after,
 * and the last epoch.
 */
export function checkpointSchedule(epochs: number): number[] {
  const out: number[] = [];
  for (let e = 0; e <= epochs; e++) {
    if (e <= 10 || (e <= 30 && e % 5 === 0) || e % 10 === 0 || e === epochs) out.push(e);
  }
  return out;
}
