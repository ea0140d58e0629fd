/**
 * Everything <cnn-relu-view> shows for one ReLU layer, channel and image: the map that goes
 * in (the layer before, usually a convolution), the map that comes out (the engine's own
 * activation), their shared colour scale, and how many values ReLU sets to zero. No DOM.
 */
import { channelPlane } from '../../../model/ops/flatten-order';
import { reluValue } from '../../../model/ops/relu';
import { symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import type { LayerInfo, ModelInfo, NetworkRun } from '../../shared/network-types';
import { layersOfKind, type GridPosition } from '../shared/view-helpers';
import { maxAbs } from '../../shared/numbers';

/** ReLU steps whose input and output are maps ([h, w, c]). */
export function reluLayerNames(info: ModelInfo | null): string[] {
  if (!info) return [];
  return layersOfKind(info, ['relu'])
    .filter((l) => l.shape.length === 3 && info.layers[info.layers.indexOf(l) - 1]?.shape.length === 3)
    .map((l) => l.name);
}

export interface ReluViewData {
  key: string;
  layer: LayerInfo;
  layerIndex: number;
  inputLayer: LayerInfo;
  /** [h, w, c] of the layer (the same as its input's). */
  shape: [number, number, number];
  channel: number;
  /** The channel before ReLU, [h, w] row-major. */
  input: Float32Array;
  /** The channel after ReLU as the engine computed it, [h, w] row-major. */
  output: Float32Array;
  /** One colour scale for both maps, so that a value keeps its colour when it survives. */
  domain: SymmetricDomain;
  /** Cells below zero (set to 0), and cells above zero (kept). */
  negatives: number;
  positives: number;
  /** A histogram of the input values over the domain, for the graph. */
  histogram: { lo: number; hi: number; count: number }[];
}

export function buildReluData(info: ModelInfo | null, run: NetworkRun | null, layerName: string, channel: number): ReluViewData | null {
  if (!info || !run) return null;
  const layerIndex = info.layers.findIndex((l) => l.name === layerName);
  const layer = info.layers[layerIndex];
  if (!layer || layer.kind !== 'relu' || layer.shape.length !== 3) return null;
  const inputLayer = info.layers[layerIndex - 1];
  const shape = layer.shape as [number, number, number];
  if (channel < 0 || channel >= shape[2] || !run.values[layerIndex] || !run.values[layerIndex - 1]) return null;
  const input = channelPlane(run.values[layerIndex - 1], inputLayer.shape, channel);
  const output = channelPlane(run.values[layerIndex], shape, channel);
  let negatives = 0;
  let positives = 0;
  for (const x of input) {
    if (x < 0) negatives++;
    else if (x > 0) positives++;
  }
  const domain = symmetricDomain(maxAbs(input));
  return {
    key: `${info.url}|${run.imageKey}|${layer.name}|${channel}`,
    layer, layerIndex, inputLayer, shape, channel, input, output, domain, negatives, positives,
    histogram: histogram(input, domain, 24),
  };
}

function histogram(values: Float32Array, domain: SymmetricDomain, bins: number) {
  const width = (domain.max - domain.min) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ lo: domain.min + i * width, hi: domain.min + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.max(0, Math.min(bins - 1, Math.floor((v - domain.min) / width)))].count++;
  return out;
}

/** The value going in, the value ReLU gives (model/ops), and the engine's value, at one cell. */
export function cellAt(data: ReluViewData, p: GridPosition): { x: number; relu: number; engine: number } {
  const i = p.row * data.shape[1] + p.col;
  const x = data.input[i];
  return { x, relu: reluValue(x), engine: data.output[i] };
}

/** The sentence the live region reads for one cell, e.g. "Cell (3, 4): max(0, −0.42) = 0." */
export function reluSentence(p: GridPosition, x: number, y: number, fmt: (v: number) => string): string {
  const what = x > 0 ? 'kept' : x < 0 ? 'negative, set to 0' : 'already 0';
  return `Cell (${p.row}, ${p.col}): max(0, ${fmt(x)}) = ${fmt(y)}, ${what}.`;
}
