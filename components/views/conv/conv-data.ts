/**
 * Everything <cnn-conv-view> shows, taken from the live network and the ops in model/ops:
 * the layer's input and weights, one intermediate map per input channel, their sum plus
 * bias, and, for one output position, the window's products and running sums. No DOM.
 */
import { convIntermediateMaps, convWindow, sumIntermediateMaps, type ConvGeometry, type ConvWindow } from '../../../model/ops/conv-window';
import { axisGeometry, windowGeometry } from '../../../model/ops/window-geometry';
import { symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import type { LayerParams, ModelInfo, NetworkRun } from '../../shared/network-types';
import { maxAbs } from '../../shared/numbers';
import type { GridPosition, LayerChannelData } from '../shared/view-helpers';

/** The conv layers of a model, in order. */
export function convLayerNames(info: ModelInfo | null): string[] {
  return (info?.layers ?? []).filter((l) => l.kind === 'conv' && info!.params[l.name]).map((l) => l.name);
}

/** What the conv view draws for one layer, output channel and image. */
export interface ConvViewData extends LayerChannelData {
  /** The layer's input, HWC (the previous layer's values). */
  input: Float32Array;
  params: LayerParams;
  geometry: ConvGeometry;
  kernelSize: [number, number];
  /** One [outH, outW] map per input channel (before the sum and the bias). */
  intermediate: Float32Array[];
  /** Their sum plus the bias: the output channel, [outH, outW]. */
  output: Float32Array;
  bias: number;
  /** cin × cout. */
  kernelCount: number;
  /** kh·kw·cin·cout + cout. */
  paramCount: number;
  domains: { input: SymmetricDomain | null; kernel: SymmetricDomain; intermediate: SymmetricDomain; output: SymmetricDomain };
}

/** Builds the view's data; null while the model or the run is missing or the layer is not a conv. */
export function buildConvData(info: ModelInfo | null, run: NetworkRun | null, layerName: string, channel: number): ConvViewData | null {
  if (!info || !run) return null;
  const layerIndex = info.layers.findIndex((l) => l.name === layerName);
  const layer = info.layers[layerIndex];
  const params = info.params[layerName];
  if (!layer || layer.kind !== 'conv' || !params || layerIndex < 1) return null;
  const inputLayer = info.layers[layerIndex - 1];
  const input = run.values[layerIndex - 1];
  const [kh, kw, cin, cout] = params.kernelShape;
  if (!input || channel < 0 || channel >= cout) return null;
  const inShape = inputLayer.shape as [number, number, number];
  const geometry: ConvGeometry = { strides: layer.strides ?? [1, 1], padding: layer.padding ?? 'valid' };
  const g = windowGeometry(inShape[0], inShape[1], [kh, kw], geometry.strides, geometry.padding);
  const intermediate = convIntermediateMaps(input, inShape, params, channel, geometry);
  const bias = params.bias[channel];
  const output = sumIntermediateMaps(intermediate, bias);
  let interMax = 0;
  for (const m of intermediate) interMax = Math.max(interMax, maxAbs(m));
  return {
    key: `${info.url}|${run.imageKey}|${layerName}|${channel}`,
    layer,
    layerIndex,
    inputLayer,
    inShape,
    outShape: [g.outHeight, g.outWidth, cout],
    channel,
    input,
    params,
    geometry,
    kernelSize: [kh, kw],
    intermediate,
    output,
    bias,
    kernelCount: cin * cout,
    paramCount: kh * kw * cin * cout + cout,
    domains: {
      input: inputLayer.kind === 'input' ? null : symmetricDomain(maxAbs(input)),
      kernel: symmetricDomain(maxAbs(params.kernel, channel, cout)),
      intermediate: symmetricDomain(interMax),
      output: symmetricDomain(maxAbs(output)),
    },
  };
}

/** The whole sum behind one output value, every input channel in order (from the ops). */
export function windowAt(data: ConvViewData, p: GridPosition): ConvWindow {
  return convWindow(data.input, data.inShape, data.params, data.channel, p.row, p.col, data.geometry);
}

/** One input channel and its slice of the kernel, as a one-channel conv (bias 0). */
export interface ChannelSlice {
  input: Float32Array;
  shape: [number, number, 1];
  weights: { kernelShape: [number, number, number, number]; kernel: Float32Array; bias: Float32Array };
}

const slices = new WeakMap<ConvViewData, Map<number, ChannelSlice>>();

/** Input channel `ci` alone with its kernel, so that the ops give its own running sum. */
export function channelSlice(data: ConvViewData, ci: number): ChannelSlice {
  let byChannel = slices.get(data);
  if (!byChannel) slices.set(data, (byChannel = new Map()));
  let slice = byChannel.get(ci);
  if (slice) return slice;
  const [h, w, cin] = data.inShape;
  const [kh, kw] = data.kernelSize;
  const cout = data.outShape[2];
  const input = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) input[i] = data.input[i * cin + ci];
  const kernel = new Float32Array(kh * kw);
  for (let k = 0; k < kh * kw; k++) kernel[k] = data.params.kernel[(k * cin + ci) * cout + data.channel];
  slice = { input, shape: [h, w, 1], weights: { kernelShape: [kh, kw, 1, 1], kernel, bias: new Float32Array(1) } };
  byChannel.set(ci, slice);
  return slice;
}

/** Channel ci's 3×3 patch, weights, products and running sum at one output position. */
export function channelWindowAt(data: ConvViewData, ci: number, p: GridPosition): ConvWindow {
  const s = channelSlice(data, ci);
  return convWindow(s.input, s.shape, s.weights, 0, p.row, p.col, data.geometry);
}

/** Weight (ky, kx) of input channel ci for the view's output channel. */
export function weightAt(data: ConvViewData, ci: number, ky: number, kx: number): number {
  const [, kw] = data.kernelSize;
  const cin = data.inShape[2];
  const cout = data.outShape[2];
  return data.params.kernel[((ky * kw + kx) * cin + ci) * cout + data.channel];
}

/**
 * The output positions whose window covers input cell (row, col), as an inclusive range
 * on each axis, or null when none does. Window o covers input o·stride − padBefore + 0…k−1.
 */
export function outputsReading(data: ConvViewData, cell: GridPosition): { rows: [number, number]; cols: [number, number] } | null {
  const axis = (i: number, inSize: number, k: number, stride: number, outSize: number): [number, number] | null => {
    const { padBefore } = axisGeometry(inSize, k, stride, data.geometry.padding);
    const first = Math.max(0, Math.ceil((i + padBefore - k + 1) / stride));
    const last = Math.min(outSize - 1, Math.floor((i + padBefore) / stride));
    return first <= last ? [first, last] : null;
  };
  const rows = axis(cell.row, data.inShape[0], data.kernelSize[0], data.geometry.strides[0], data.outShape[0]);
  const cols = axis(cell.col, data.inShape[1], data.kernelSize[1], data.geometry.strides[1], data.outShape[1]);
  return rows && cols ? { rows, cols } : null;
}

/** What a reader calls input channel ci: the colour for the image, else the layer's channel. */
export function inputChannelName(data: Pick<ConvViewData, 'inputLayer'>, ci: number, short = false): string {
  if (data.inputLayer.kind === 'input') return ['red', 'green', 'blue'][ci] ?? `channel ${ci}`;
  return short ? `#${ci}` : `${data.inputLayer.name} channel ${ci}`;
}
