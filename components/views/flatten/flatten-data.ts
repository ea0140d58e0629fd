/**
 * Everything <cnn-flatten-view> shows: the pooled maps that go in (HWC), the flat vector
 * that comes out (the engine's flatten activation), the index maths between them (model/ops
 * flatten-order: i = (r·W + c)·C + k), and the dense layer's weights from that vector to one
 * class, with the class's logit rebuilt as a sum. No DOM.
 */
import { hwcIndex, hwcPosition, type MapPosition } from '../../../model/ops/flatten-order';
import { argmax } from '../../../model/ops/softmax';
import { symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import type { LayerInfo, LayerParams, ModelInfo, NetworkRun } from '../../shared/network-types';
import { classIndexOf, layersOfKind } from '../shared/view-helpers';
import { formatNumber, maxAbs } from '../../shared/numbers';

/** What the strip of the flat vector is coloured by. */
export const STRIP_MODES = ['value', 'weight', 'product'] as const;
export type StripMode = (typeof STRIP_MODES)[number];

/** Flatten steps whose input is a map. */
export function flattenLayerNames(info: ModelInfo | null): string[] {
  if (!info) return [];
  return layersOfKind(info, ['flatten']).filter((l) => info.layers[info.layers.indexOf(l) - 1]?.shape.length === 3).map((l) => l.name);
}

/** The dense layer that reads the flat vector: the first one after it whose kernel has n inputs. */
export function denseAfter(info: ModelInfo, flattenIndex: number): { layer: LayerInfo; index: number; params: LayerParams } | null {
  const n = info.layers[flattenIndex].shape[0];
  for (let i = flattenIndex + 1; i < info.layers.length; i++) {
    const layer = info.layers[i];
    const params = info.params[layer.name];
    if (layer.kind === 'dense' && params?.kernelShape.length === 2 && params.kernelShape[0] === n) return { layer, index: i, params };
  }
  return null;
}

export interface FlattenViewData {
  key: string;
  layer: LayerInfo;
  layerIndex: number;
  source: LayerInfo;
  /** [h, w, c] of the maps going in. */
  shape: [number, number, number];
  /** The maps going in, HWC (the engine's activation of the layer before). */
  sourceValues: Float32Array;
  /** The flat vector coming out (the engine's flatten activation). */
  values: Float32Array;
  dense: { layer: LayerInfo; index: number; outputs: number } | null;
  classIndex: number;
  className: string;
  /** Weights from every entry of the vector to the class, and each entry times its weight. */
  weights: Float32Array;
  products: Float32Array;
  bias: number;
  /** bias + Σ products, summed here; and the engine's logit for the class. */
  rebuiltLogit: number;
  engineLogit: number;
  domains: Record<StripMode, SymmetricDomain>;
}

/**
 * The class to show: `requested` (a name or an index) when it names one, else the top
 * class; `problem` says why a non-empty request was not used.
 */
export function chooseClass(requested: string, classNames: readonly string[], logits: ArrayLike<number>): { index: number; problem: string } {
  const top = Math.max(0, argmax(logits));
  if (!requested.trim()) return { index: top, problem: '' };
  const index = classIndexOf(requested, classNames);
  if (index >= 0) return { index, problem: '' };
  return { index: top, problem: `"${requested}" is not a class of this model (${classNames.join(', ')}, or 0 to ${classNames.length - 1}); showing the top class, "${classNames[top]}".` };
}

export function buildFlattenData(info: ModelInfo | null, run: NetworkRun | null, layerName: string, classIndex: number): FlattenViewData | null {
  if (!info || !run) return null;
  const layerIndex = info.layers.findIndex((l) => l.name === layerName);
  const layer = info.layers[layerIndex];
  const source = info.layers[layerIndex - 1];
  if (!layer || layer.kind !== 'flatten' || source?.shape.length !== 3) return null;
  const values = run.values[layerIndex];
  const sourceValues = run.values[layerIndex - 1];
  if (!values || !sourceValues) return null;
  const shape = source.shape as [number, number, number];
  const n = values.length;
  const found = denseAfter(info, layerIndex);
  const outputs = found ? found.params.kernelShape[1] : 0;
  const cls = found && classIndex >= 0 && classIndex < outputs ? classIndex : 0;
  const weights = new Float32Array(n);
  const products = new Float32Array(n);
  let sum = 0;
  if (found) {
    for (let i = 0; i < n; i++) {
      weights[i] = found.params.kernel[i * outputs + cls];
      products[i] = values[i] * weights[i];
      sum += values[i] * weights[i];
    }
  }
  const bias = found ? found.params.bias[cls] : 0;
  return {
    key: `${info.url}|${run.imageKey}|${layer.name}|${cls}`,
    layer, layerIndex, source, shape, sourceValues, values,
    dense: found ? { layer: found.layer, index: found.index, outputs } : null,
    classIndex: cls,
    className: info.classNames[cls] ?? `class ${cls}`,
    weights, products, bias,
    rebuiltLogit: sum + bias,
    engineLogit: found ? run.values[found.index][cls] : NaN,
    domains: {
      value: symmetricDomain(maxAbs(values)),
      weight: symmetricDomain(maxAbs(weights)),
      product: symmetricDomain(maxAbs(products)),
    },
  };
}

/** The index maths both ways, from model/ops. */
export const indexOf = (data: FlattenViewData, p: MapPosition): number => hwcIndex(data.shape, p);
export const positionOf = (data: FlattenViewData, index: number): MapPosition => hwcPosition(data.shape, index);

/** The numbers the strip is coloured by. */
export function stripValues(data: FlattenViewData, mode: StripMode): Float32Array {
  return mode === 'value' ? data.values : mode === 'weight' ? data.weights : data.products;
}

/** The sentence the live region reads for one index. */
export function flattenSentence(data: FlattenViewData, index: number, fmt: (v: number) => string): string {
  const { row, col, channel } = positionOf(data, index);
  const [, w, c] = data.shape;
  return `Entry ${index} = (${row}·${w} + ${col})·${c} + ${channel}: ${data.source.name} at row ${row}, column ${col}, channel ${channel}, value ${fmt(data.values[index])}; ` +
    `weight to ${data.className} ${formatNumber(data.weights[index], 4)}.`;
}
