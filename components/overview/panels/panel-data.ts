/**
 * The numbers behind the overview's panels, read from the model and the run: a neuron's
 * kernels and bias, and a patch of one map's values (an input channel's bytes). No DOM.
 */
import { LAYER_KINDS } from '../../shared/layer-kinds';
import { symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import type { LayerInfo, ModelInfo } from '../../shared/network-types';
import { maxAbs } from '../../shared/numbers';

/** The weights of one neuron of a convolution, one kh × kw grid per input channel. */
export interface NeuronKernels {
  conv: LayerInfo;
  convIndex: number;
  channel: number;
  /** The layer of the map the reader chose, when it is a ReLU or pooling layer after the conv. */
  via: LayerInfo | null;
  /** The layer the convolution reads. */
  source: LayerInfo;
  kernelSize: [number, number];
  /** kernels[ci][ky * kw + kx]: the weight on input channel ci at (ky, kx). */
  kernels: Float32Array[];
  bias: number;
  /** Symmetric colour domain of these weights. */
  domain: SymmetricDomain;
}

/**
 * The neuron behind channel `channel` of layer `layerIndex`: the convolution itself, or the
 * one a ReLU or pooling map (which keep to one channel) comes from; null for the input,
 * the output, or a map with no convolution before it.
 */
export function neuronKernels(info: ModelInfo, layerIndex: number, channel: number): NeuronKernels | null {
  let i = layerIndex;
  while (i > 0 && LAYER_KINDS[info.layers[i].kind].family !== 'convolution') {
    if (!LAYER_KINDS[info.layers[i].kind].oneToOne) return null;
    i--;
  }
  const conv = info.layers[i];
  const params = conv ? info.params[conv.name] : undefined;
  if (i === 0 || !params || params.kernelShape.length !== 4) return null;
  const [kh, kw, cin, cout] = params.kernelShape;
  if (channel < 0 || channel >= cout) return null;
  const kernels = Array.from({ length: cin }, (_, ci) => {
    const grid = new Float32Array(kh * kw);
    for (let k = 0; k < kh * kw; k++) grid[k] = params.kernel[(k * cin + ci) * cout + channel];
    return grid;
  });
  let peak = 0;
  for (const g of kernels) peak = Math.max(peak, maxAbs(g));
  return {
    conv,
    convIndex: i,
    channel,
    via: i === layerIndex ? null : info.layers[layerIndex],
    source: info.layers[i - 1],
    kernelSize: [kh, kw],
    kernels,
    bias: params.bias[channel],
    domain: symmetricDomain(peak),
  };
}

/** A square of one channel's values: `size` × `size` from (row, col), row-major. */
export interface Patch {
  row: number;
  col: number;
  size: number;
  values: number[];
}

/** The patch origin that keeps a size × size patch inside an h × w map, nearest to (row, col). */
export function clampPatch(row: number, col: number, size: number, h: number, w: number): { row: number; col: number } {
  return { row: Math.max(0, Math.min(h - size, row)), col: Math.max(0, Math.min(w - size, col)) };
}

export function readPatch(values: ArrayLike<number>, shape: readonly number[], channel: number, row: number, col: number, size: number): Patch {
  const [h, w, c] = shape;
  const n = Math.min(size, h, w);
  const at = clampPatch(row, col, n, h, w);
  const out: number[] = [];
  for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) out.push(values[((at.row + r) * w + at.col + k) * c + channel]);
  return { row: at.row, col: at.col, size: n, values: out };
}

/**
 * Where a patch shows the most: the one whose values spread widest (largest max − min),
 * the one nearest the middle on a tie. A patch of flat colour would teach little.
 */
export function liveliestPatch(values: ArrayLike<number>, shape: readonly number[], channel: number, size: number): { row: number; col: number } {
  const [h, w, c] = shape;
  const n = Math.min(size, h, w);
  let best = { row: 0, col: 0, spread: -1, dist: Infinity };
  const mid = { row: (h - n) / 2, col: (w - n) / 2 };
  for (let row = 0; row + n <= h; row++) {
    for (let col = 0; col + n <= w; col++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = 0; r < n; r++) {
        for (let k = 0; k < n; k++) {
          const v = values[((row + r) * w + col + k) * c + channel];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      const spread = hi - lo;
      const dist = Math.abs(row - mid.row) + Math.abs(col - mid.col);
      if (spread > best.spread + 1e-9 || (Math.abs(spread - best.spread) <= 1e-9 && dist < best.dist)) best = { row, col, spread, dist };
    }
  }
  return { row: best.row, col: best.col };
}

/** An input value (0 to 1) as the byte it was stored as. */
export const toByte = (v: number): number => Math.round(Math.max(0, Math.min(1, v)) * 255);

export { strongestValue } from '../overview-view';
