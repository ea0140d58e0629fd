/**
 * Which layers share one colour range, in each of the overview's three modes.
 *
 * - unit:   a conv layer and the ReLU and pooling layers that follow it share one range;
 *           any other hidden layer stands alone.
 * - module: one range per block, a block being every hidden layer up to and including a
 *           pooling layer (Tiny VGG's conv-relu-conv-relu-pool).
 * - global: one range for every hidden layer.
 *
 * Pure: works on layer kinds and values, never on layer names.
 */
import { maxAbs } from '../shared/numbers';
import { symmetricDomain, type SymmetricDomain } from '../shared/diverging-colors';
import type { ScaleMode } from '../shared/url-state';
import { LAYER_KINDS, type LayerKind } from '../shared/layer-kinds';

/** The kinds of the hidden layers drawn as maps (conv, ReLU, pooling). */
export type MapKind = Exclude<LayerKind, 'input' | 'flatten' | 'dense' | 'softmax'>;

export interface HiddenLayerValues {
  name: string;
  kind: MapKind;
  values: Float32Array;
}

const isPool = (k: MapKind) => LAYER_KINDS[k].family === 'pooling';

/** Group index for every hidden layer, in order. Layers with the same index share a range. */
export function scaleGroups(kinds: readonly MapKind[], mode: ScaleMode): number[] {
  const groups: number[] = [];
  let group = -1;
  let closeNext = true;
  for (const kind of kinds) {
    if (mode === 'global') {
      groups.push(0);
      continue;
    }
    if (mode === 'unit') {
      if (LAYER_KINDS[kind].family === 'convolution' || group < 0) group++;
    } else {
      if (closeNext) group++;
      closeNext = isPool(kind);
    }
    groups.push(group);
  }
  return groups;
}

/** The symmetric colour domain of every hidden layer under a mode. */
export function layerDomains(layers: readonly HiddenLayerValues[], mode: ScaleMode): SymmetricDomain[] {
  const groups = scaleGroups(layers.map((l) => l.kind), mode);
  const peak = new Map<number, number>();
  layers.forEach((l, i) => peak.set(groups[i], Math.max(peak.get(groups[i]) ?? 0, maxAbs(l.values))));
  return groups.map((g) => symmetricDomain(peak.get(g) ?? 0));
}
