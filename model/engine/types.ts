/**
 * The engine's data types. Everything here except `LoadedModel.tfModel` is plain data
 * (numbers, strings, arrays, Float32Arrays), so it survives structuredClone / postMessage.
 *
 * Memory layout of every map (input, conv, relu, pool): HWC row-major, as in TF.js,
 *   values[(row * width + col) * channels + channel]
 * Vectors (flatten, dense, softmax) are plain 1-D arrays; flatten keeps TF's HWC order.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import type { LayerInfo, LayerKind } from '../layer-info';

export type { LayerInfo, LayerKind, Padding } from '../layer-info';


/** A step with where it comes from in the TF.js model. */
export interface LayerDescriptor extends LayerInfo {
  /** Name of the TF.js layer this step comes from ('input' for the input). */
  layerName: string;
  /** TF.js class of that layer (getClassName()), e.g. 'Conv2D', 'Activation'. */
  className: string;
}

export type { ConvParams, DenseParams, LayerParams } from './layer-params';
import type { LayerParams } from './layer-params';

/** A model ready to run. */
export interface LoadedModel {
  /** Where it came from: its URL, or a label for a custom IOHandler. */
  source: string;
  /** [h, w, c] of one input image. */
  inputShape: [number, number, number];
  /** Input first, then one entry per step; the last is the output. */
  layers: LayerDescriptor[];
  classNames: string[];
  /** Parameters by descriptor name, for 'conv' and 'dense' steps. */
  params: Record<string, LayerParams>;
  /** The TF.js model (not cloneable; use the fields above to send data to a worker). */
  tfModel: LayersModel;
}

/** One step's output for one image. */
export interface LayerActivation {
  name: string;
  kind: LayerKind;
  shape: number[];
  /** HWC row-major for maps: values[(row * W + col) * C + channel]. */
  values: Float32Array;
  /** The step's weights for 'conv' and 'dense' (the same object as in LoadedModel.params). */
  params?: LayerParams;
}

/** Everything one inference produced. */
export interface ActivationRecord {
  /** The model input, HWC RGB in [0, 1] (also layers[0].values). */
  input: Float32Array;
  /** Input first, then every step in order. */
  layers: LayerActivation[];
  /** Pre-softmax scores (input of the final softmax, or the last output when there is none). */
  logits: Float32Array;
  /** softmax(logits): the model's output when it ends in softmax, else computed. */
  probabilities: Float32Array;
  /** The model's parameters (a reference, not a copy). */
  params: Record<string, LayerParams>;
  classNames: string[];
  /** Wall-clock milliseconds of the inference (compute + download). */
  inferenceMs: number;
}
