/**
 * What the figures receive from the model: a plain, structured-clone-friendly snapshot.
 * It crosses the worker boundary as is (the Float32Arrays are transferred, not copied).
 */

export type LayerKind = 'input' | 'conv' | 'relu' | 'maxpool' | 'avgpool' | 'flatten' | 'dense' | 'softmax';

export interface LayerInfo {
  name: string;
  kind: LayerKind;
  /** Output shape without the batch dimension: [h, w, c] for maps, [n] for vectors. */
  shape: number[];
  kernelSize?: [number, number];
  strides?: [number, number];
  padding?: 'valid' | 'same';
  poolSize?: [number, number];
}

export interface LayerParams {
  /** Conv: [kh, kw, cin, cout]; dense: [in, out]. */
  kernelShape: number[];
  kernel: Float32Array;
  bias: Float32Array;
}

export interface ModelInfo {
  url: string;
  layers: LayerInfo[];
  classNames: string[];
  /** Parameters by layer name, for layers that have them. */
  params: Record<string, LayerParams>;
  backend: string;
  backendReason: string;
}

export interface NetworkRun {
  /** The key of the image this run is for. */
  imageKey: string;
  /**
   * Values by layer, in the model's order, input first. HWC row-major:
   * values[(row * width + col) * channels + channel].
   */
  values: Float32Array[];
  logits: Float32Array;
  probabilities: Float32Array;
  /** Milliseconds the inference took where it ran. */
  inferenceMs: number;
}
