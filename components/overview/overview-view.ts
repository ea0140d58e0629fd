/**
 * The numbers the overview shows, derived from the model and the current run: columns,
 * colour domains under the chosen scale mode, and per-map value ranges. Pure apart from
 * the types it reads; recomputed only when the run, the model or the mode changes.
 */
import { columnsOf, type Column, type LayerShape } from './layout';
import { layerDomains, scaleGroups, type MapKind } from './scale-groups';
import type { ScaleMode } from '../shared/url-state';
import type { SymmetricDomain } from '../shared/diverging-colors';
import type { ModelInfo, NetworkRun } from '../shared/network-types';
import { LAYER_KINDS } from '../shared/layer-kinds';

export interface ColumnView extends Column {
  /** The colour domain of a hidden column; null for the input and output. */
  domain: SymmetricDomain | null;
  /** Which scale group the column's domain belongs to (hidden columns only). */
  group: number;
  ranges: { min: Float32Array; max: Float32Array } | null;
  values: Float32Array | null;
  shape: number[];
}

/** The layers of Tiny VGG, used only to paint a skeleton before the real model arrives. */
export const SKELETON_LAYERS: LayerShape[] = [
  { name: 'input', kind: 'input', shape: [64, 64, 3] },
  ...[62, 62, 60, 60, 30, 28, 28, 26, 26, 13].map((s, i) => ({
    name: `layer ${i + 1}`,
    kind: (['conv', 'relu', 'conv', 'relu', 'maxpool'] as const)[i % 5],
    shape: [s, s, 10],
  })),
  { name: 'output', kind: 'dense', shape: [10] },
];

export function buildColumns(info: ModelInfo | null, run: NetworkRun | null, mode: ScaleMode): ColumnView[] {
  const layers: LayerShape[] = info ? info.layers : SKELETON_LAYERS;
  const cols = columnsOf(layers);
  const hidden = cols.filter((c) => c.kind !== 'input' && c.kind !== 'output');
  const domains =
    run && info
      ? layerDomains(hidden.map((c) => ({ name: c.name, kind: c.kind as MapKind, values: run.values[c.layerIndex] })), mode)
      : [];
  const groups = scaleGroups(hidden.map((c) => c.kind as MapKind), mode);
  let h = 0;
  return cols.map((c) => {
    const isHidden = c.kind !== 'input' && c.kind !== 'output';
    const values = run && info && c.kind !== 'output' ? run.values[c.layerIndex] : null;
    const view: ColumnView = {
      ...c,
      shape: [c.height, c.width, c.count],
      domain: isHidden && domains.length ? domains[h] : null,
      group: isHidden ? groups[h] : -1,
      values,
      ranges: values ? channelRanges(values, c.count) : null,
    };
    if (isHidden) h++;
    return view;
  });
}

/** The article section that explains a column's kind of layer (the output: softmax). */
export function sectionFor(kind: Column['kind']): string {
  return LAYER_KINDS[kind === 'output' ? 'softmax' : kind].section;
}

export function kindLabel(kind: Column['kind']): string {
  return kind === 'output' ? 'output' : LAYER_KINDS[kind].label;
}

/** Minimum and maximum of every channel of an HWC tensor, in one pass. */
export function channelRanges(values: Float32Array, channels: number): { min: Float32Array; max: Float32Array } {
  const min = new Float32Array(channels).fill(Infinity);
  const max = new Float32Array(channels).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const ch = i % channels;
    const v = values[i];
    if (v < min[ch]) min[ch] = v;
    if (v > max[ch]) max[ch] = v;
  }
  return { min, max };
}

/** The place of the largest value of one channel of an HWC map (the first on a tie). */
export function strongestValue(values: ArrayLike<number>, shape: readonly number[], channel: number): { row: number; col: number; value: number } {
  const [h, w, c] = shape;
  let best = { row: 0, col: 0, value: -Infinity };
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const v = values[(row * w + col) * c + channel];
      if (v > best.value) best = { row, col, value: v };
    }
  }
  return best;
}
