/**
 * Everything <cnn-relu-view> shows for one ReLU layer, channel and image: the map that goes
 * in (the layer before, usually a convolution), the map that comes out (the engine's own
 * activation), their shared colour scale, and how many values ReLU sets to zero. No DOM.
 */
import { channelPlane } from '../../../model/ops/flatten-order';
import { reluValue } from '../../../model/ops/relu';
import { symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import type { LayerInfo, ModelInfo, NetworkRun } from '../../shared/network-types';
import { blockAround, layersOfKind, type ChannelChoice, type GridPosition } from '../shared/view-helpers';
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

/** The rule, in the figure's words. */
export const RELU_CHANNEL_RULE = 'where kept and zeroed values are most evenly matched';

/**
 * The channel a ReLU view shows when none is named: the one whose input (the layer before)
 * has the most even split of values ReLU keeps (above 0) and values it sets to 0 (below 0),
 * that is the largest min(kept, zeroed), so that both parts of the map show; the first
 * channel on a tie. Null when the layer is not a ReLU map or its values are missing.
 */
export function reluChannelRule(info: ModelInfo, run: NetworkRun, layerName: string): ChannelChoice | null {
  const li = info.layers.findIndex((l) => l.name === layerName);
  const layer = info.layers[li];
  const input = run.values[li - 1];
  if (!layer || layer.kind !== 'relu' || layer.shape.length !== 3 || !input) return null;
  const channels = layer.shape[2];
  const kept = new Float64Array(channels);
  const zeroed = new Float64Array(channels);
  for (let i = 0; i < input.length; i++) {
    const x = input[i];
    if (x > 0) kept[i % channels]++;
    else if (x < 0) zeroed[i % channels]++;
  }
  let best = 0;
  for (let k = 1; k < channels; k++) if (Math.min(kept[k], zeroed[k]) > Math.min(kept[best], zeroed[best])) best = k;
  return { channel: best, rule: RELU_CHANNEL_RULE };
}

/**
 * The cell a finished ReLU pass shows: the one whose lens (the size × size block the view
 * draws around it) has the most even split of kept and zeroed inputs, and among those the
 * largest |x|; the first on a tie. The lens then shows both fates, and the graph's marker
 * sits well away from the bend.
 */
export function reluFeaturedCell(data: ReluViewData, size = 5): GridPosition {
  const [h, w] = data.shape;
  let best = { row: h - 1, col: w - 1 };
  let bestScore = -1;
  let bestX = -1;
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const b = blockAround({ row, col }, size, h, w);
      let kept = 0;
      let zeroed = 0;
      for (let r = b.row0; r < b.row0 + b.rows; r++) {
        for (let c = b.col0; c < b.col0 + b.cols; c++) {
          const x = data.input[r * w + c];
          if (x > 0) kept++;
          else if (x < 0) zeroed++;
        }
      }
      const score = Math.min(kept, zeroed);
      const x = Math.abs(data.input[row * w + col]);
      if (score > bestScore || (score === bestScore && x > bestX)) {
        bestScore = score;
        bestX = x;
        best = { row, col };
      }
    }
  }
  return best;
}
