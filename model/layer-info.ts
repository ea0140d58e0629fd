/**
 * The network's steps as every part of the project names them: the kinds of layer and what
 * a figure knows of one step. Plain data with no TF.js or DOM types, so the figures (and
 * the npm package's declarations) can use it without the engine.
 */

export type LayerKind = 'input' | 'conv' | 'relu' | 'maxpool' | 'avgpool' | 'flatten' | 'dense' | 'softmax';

export type Padding = 'valid' | 'same';

/** One step of the network as the figures see it (it crosses the worker boundary as is). */
export interface LayerInfo {
  /**
   * Unique name. Equals the TF layer name, except for an activation fused into a Conv2D or
   * Dense layer, which becomes its own step named `<layer>/relu` or `<layer>/softmax`.
   */
  name: string;
  /** From the layer's class (model/engine/layer-plan.ts), never from its name. */
  kind: LayerKind;
  /** Output shape without the batch dimension: [h, w, c] for maps, [n] for vectors. */
  shape: number[];
  /** conv: [kh, kw]. */
  kernelSize?: [number, number];
  /** conv and pools: [rowStride, colStride]. */
  strides?: [number, number];
  /** conv and pools. */
  padding?: Padding;
  /** pools: [ph, pw]. */
  poolSize?: [number, number];
}
