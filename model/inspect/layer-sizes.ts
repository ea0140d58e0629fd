/**
 * "How big is each layer": per step, its output shape, its parameters and its
 * multiply-adds, from the layer list alone (any loaded model gets its own table).
 *
 * - conv (kh × kw kernel, cin → cout channels, output h × w):
 *     params = kh·kw·cin·cout + cout (bias), multiply-adds = h·w·cout·kh·kw·cin
 *     (with 'same' padding the products with padding zeros are counted too, as usual);
 * - dense (n inputs → m outputs): params = n·m + m, multiply-adds = n·m;
 * - input, relu, pooling, flatten, softmax: no parameters and no multiply-adds (their work
 *   is comparisons, copies or exponentials, not multiply-adds).
 *
 * A layer without a bias is named in `withoutBias` (layerSizesOf finds them in a loaded model).
 */
import type { LayerInfo, LoadedModel } from '../engine/types';

export interface LayerSizeRow {
  name: string;
  kind: LayerInfo['kind'];
  outputShape: number[];
  params: number;
  multiplyAdds: number;
}

export interface LayerSizes {
  /** One row per step, input first. */
  rows: LayerSizeRow[];
  totals: { params: number; multiplyAdds: number };
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function layerSizes(layers: readonly LayerInfo[], options: { withoutBias?: readonly string[] } = {}): LayerSizes {
  const noBias = new Set(options.withoutBias ?? []);
  const rows = layers.map((layer, i): LayerSizeRow => {
    const row = { name: layer.name, kind: layer.kind, outputShape: [...layer.shape], params: 0, multiplyAdds: 0 };
    const previous = layers[i - 1]?.shape;
    if (layer.kind === 'conv') {
      if (!previous || previous.length !== 3 || !layer.kernelSize || layer.shape.length !== 3) {
        throw new RangeError(`Conv layer "${layer.name}" needs a kernel size and maps before and after it`);
      }
      const [kh, kw] = layer.kernelSize;
      const cin = previous[2];
      const [h, w, cout] = layer.shape;
      row.params = kh * kw * cin * cout + (noBias.has(layer.name) ? 0 : cout);
      row.multiplyAdds = h * w * cout * kh * kw * cin;
    } else if (layer.kind === 'dense') {
      if (!previous) throw new RangeError(`Dense layer "${layer.name}" has no input`);
      const n = product(previous);
      const m = product(layer.shape);
      row.params = n * m + (noBias.has(layer.name) ? 0 : m);
      row.multiplyAdds = n * m;
    }
    return row;
  });
  return {
    rows,
    totals: {
      params: rows.reduce((s, r) => s + r.params, 0),
      multiplyAdds: rows.reduce((s, r) => s + r.multiplyAdds, 0),
    },
  };
}

/** layerSizes of a loaded model, with its bias-free conv and dense layers found in the TF.js model. */
export function layerSizesOf(model: LoadedModel): LayerSizes {
  const withoutBias = model.layers
    .filter((l) => (l.kind === 'conv' || l.kind === 'dense') && model.tfModel.getLayer(l.layerName).weights.length < 2)
    .map((l) => l.name);
  return layerSizes(model.layers, { withoutBias });
}
