/**
 * Everything the figures and the article know about a kind of layer, in one table. Kinds
 * come from the engine, which maps each TF.js layer class to a kind (model/engine/layer-plan.ts),
 * never from a layer's name. Anything that branches on a kind reads this table.
 */
import type { LayerKind } from '../../model/layer-info';

export type { LayerKind };

/** Kinds that do the same job: a block of maps ends at a pooling layer, a unit starts at a convolution. */
export type LayerFamily = 'input' | 'convolution' | 'relu' | 'pooling' | 'flatten' | 'output';

/** The operation views, by the name the article and the URL give them. */
export type OperationViewName = 'conv' | 'relu' | 'pool' | 'flatten' | 'softmax';

export interface LayerKindFacts {
  family: LayerFamily;
  /** The view that shows this layer's operation on the live numbers; null for the input. */
  view: OperationViewName | null;
  /** The article section (its anchor) that explains this kind of layer. */
  section: string;
  /** What a reader calls it: "a {label} layer". */
  label: string;
  /** Whether output map c reads input map c alone (else every input map). */
  oneToOne: boolean;
  /** Whether the overview draws the layer as a column of maps (when its output is [h, w, c]). */
  mapColumn: boolean;
}

export const LAYER_KINDS: Readonly<Record<LayerKind, LayerKindFacts>> = {
  input: { family: 'input', view: null, section: 'input', label: 'input', oneToOne: false, mapColumn: true },
  conv: { family: 'convolution', view: 'conv', section: 'convolution', label: 'convolution', oneToOne: false, mapColumn: true },
  relu: { family: 'relu', view: 'relu', section: 'relu', label: 'ReLU', oneToOne: true, mapColumn: true },
  maxpool: { family: 'pooling', view: 'pool', section: 'pooling', label: 'max-pooling', oneToOne: true, mapColumn: true },
  avgpool: { family: 'pooling', view: 'pool', section: 'pooling', label: 'average-pooling', oneToOne: true, mapColumn: true },
  flatten: { family: 'flatten', view: 'flatten', section: 'flatten', label: 'flatten', oneToOne: false, mapColumn: false },
  dense: { family: 'output', view: 'softmax', section: 'softmax', label: 'dense', oneToOne: false, mapColumn: false },
  softmax: { family: 'output', view: 'softmax', section: 'softmax', label: 'softmax', oneToOne: true, mapColumn: false },
};

/** The facts of a kind, or undefined for a string that names no kind. */
export function kindFacts(kind: string | undefined): LayerKindFacts | undefined {
  return kind !== undefined && Object.hasOwn(LAYER_KINDS, kind) ? LAYER_KINDS[kind as LayerKind] : undefined;
}

/** The kinds of one family, in the table's order. */
export function kindsOf(family: LayerFamily): LayerKind[] {
  return (Object.keys(LAYER_KINDS) as LayerKind[]).filter((k) => LAYER_KINDS[k].family === family);
}
