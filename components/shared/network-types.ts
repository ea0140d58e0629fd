/**
 * What the figures receive from the model: a plain, structured-clone-friendly snapshot.
 * It crosses the worker boundary as is (the Float32Arrays are transferred, not copied).
 */

import type { LayerInfo } from '../../model/layer-info';

export type { LayerInfo, LayerKind } from '../../model/layer-info';

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
  /** Something a reader should know about how the network runs here (a slower engine, no worker); '' when nothing. */
  notice?: string;
  /** A description read from a first-run snapshot (first-run.ts): no parameters yet; the live model's replaces it. */
  preview?: boolean;
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
