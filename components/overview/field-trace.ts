/**
 * The receptive-field tracer of the overview: a model's layer list turned into field steps
 * (by each layer's kind, from the kinds table), and one value's field traced back to the
 * input pixels, with the channels it reaches in each layer. The maths is model/ops/receptive-field.ts.
 */
import { traceField, type FieldRect, type FieldStep } from '../../model/ops/receptive-field';
import { LAYER_KINDS } from '../shared/layer-kinds';
import type { LayerInfo } from '../shared/network-types';

/** What each layer does to positions, by its kind's family; null for the input. */
export function fieldSteps(layers: readonly LayerInfo[]): (FieldStep | null)[] {
  return layers.map((layer, i): FieldStep | null => {
    if (i === 0) return null;
    switch (LAYER_KINDS[layer.kind].family) {
      case 'convolution':
        return { kind: 'window', window: layer.kernelSize ?? [1, 1], strides: layer.strides ?? [1, 1], padding: layer.padding ?? 'valid' };
      case 'pooling': {
        const pool = layer.poolSize ?? [2, 2];
        return { kind: 'window', window: pool, strides: layer.strides ?? pool, padding: layer.padding ?? 'valid' };
      }
      case 'relu':
        return { kind: 'elementwise' };
      case 'output':
        return LAYER_KINDS[layer.kind].oneToOne ? { kind: 'elementwise' } : { kind: 'all' };
      default:
        return { kind: 'all' };
    }
  });
}

/** Each layer's [h, w]; a vector of n values counts as one row of n. */
export function layerSizes(layers: readonly LayerInfo[]): [number, number][] {
  return layers.map((l) => (l.shape.length === 3 ? [l.shape[0], l.shape[1]] : [1, l.shape[0] ?? 1]));
}

/** A value of one layer: its place and channel. */
export interface ValuePosition {
  layer: number;
  channel: number;
  row: number;
  col: number;
}

export interface TracedField {
  at: ValuePosition;
  /** One rectangle per layer 0 … at.layer (the last is the value itself). */
  rects: FieldRect[];
  /** The channels of each layer the value depends on; null means every channel. */
  channels: (number[] | null)[];
}

/** The field of one value in every layer before it, down to the input. */
export function traceValue(layers: readonly LayerInfo[], at: ValuePosition): TracedField {
  const rects = traceField(fieldSteps(layers), layerSizes(layers), at.layer, at.row, at.col);
  const channels: (number[] | null)[] = new Array(at.layer + 1);
  channels[at.layer] = [at.channel];
  for (let i = at.layer; i > 0; i--) {
    const layer = layers[i];
    const before = layers[i - 1];
    const sameChannels = LAYER_KINDS[layer.kind].oneToOne && layer.shape.length === 3 && before.shape.length === 3 && layer.shape[2] === before.shape[2];
    channels[i - 1] = sameChannels ? channels[i] : null;
  }
  return { at, rects, channels };
}

/** Whether the traced field reaches channel `channel` of layer `layer`. */
export function fieldReaches(field: TracedField, layer: number, channel: number): boolean {
  if (layer > field.at.layer) return false;
  const c = field.channels[layer];
  return c === null || c.includes(channel);
}

export { strongestValue } from './overview-view';
