/**
 * "Change it and see": edits to a conv layer's weights, applied to a copy of the model.
 *
 * - A kernel edit replaces the kh × kw weights that connect one input channel to one output
 *   channel of a conv layer (row-major: weights[ky * kw + kx]); a null weight keeps the
 *   trained value, so an edit of one weight leaves the other eight exactly as they were.
 * - An ablation switches one output channel of a conv layer off: its whole kernel and its
 *   bias become 0, so the channel's map is 0 (and stays 0 through the ReLU).
 *
 * Ablations win over kernel edits of the same channel. Layers are named as in model.layers
 * and must be conv steps (by the engine's kind). Weights are kept to thousandths (see
 * roundWeight), the precision of a link (edit-codec.ts).
 *
 * This file is pure (no TF.js), so a page can read, check and build edits without loading
 * TF.js; edits.ts applies them to a TF.js model.
 */
import type { LayerInfo } from '../layer-info';
import type { ConvParams, LayerParams } from '../engine/layer-params';

export interface KernelEdit {
  layer: string;
  outChannel: number;
  inChannel: number;
  /** kh × kw weights, row-major; null keeps the trained weight. */
  weights: readonly (number | null)[];
}

export interface ChannelRef {
  layer: string;
  channel: number;
}

export interface Edits {
  kernels: readonly KernelEdit[];
  ablated: readonly ChannelRef[];
}

export const NO_EDITS: Edits = { kernels: [], ablated: [] };

/** Digits kept after the decimal point of an edited weight. */
export const WEIGHT_DECIMALS = 3;
/** Largest |weight| an edit may set. */
export const MAX_WEIGHT = 1000;

/** A weight as an edit keeps it (thousandths); editors should round with this too. */
export const roundWeight = (w: number): number => Math.round(w * 10 ** WEIGHT_DECIMALS) / 10 ** WEIGHT_DECIMALS + 0;

export const isEmpty = (edits: Edits): boolean => edits.kernels.length === 0 && edits.ablated.length === 0;

/** What checkEdits and editParams need of a model (a LoadedModel fits). */
export interface EditableModel {
  layers: readonly LayerInfo[];
  params: Readonly<Record<string, LayerParams>>;
}

/**
 * Sorted (layer name, then channels), duplicates dropped (the last kernel edit of a
 * connection wins), weights rounded: equal edits give equal links.
 */
export function normaliseEdits(edits: Edits): Edits {
  const kernels = new Map<string, KernelEdit>();
  for (const k of edits.kernels) {
    kernels.set(`${k.layer}\u0000${k.outChannel}\u0000${k.inChannel}`, { ...k, weights: k.weights.map((w) => (w === null ? null : roundWeight(w))) });
  }
  const ablated = new Map<string, ChannelRef>();
  for (const a of edits.ablated) ablated.set(`${a.layer}\u0000${a.channel}`, { layer: a.layer, channel: a.channel });
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    kernels: [...kernels.values()].sort((a, b) => byName(a.layer, b.layer) || a.outChannel - b.outChannel || a.inChannel - b.inChannel),
    ablated: [...ablated.values()].sort((a, b) => byName(a.layer, b.layer) || a.channel - b.channel),
  };
}

function convOf(model: EditableModel, layer: string): { info: LayerInfo; params: ConvParams } | string {
  const info = model.layers.find((l) => l.name === layer);
  if (!info) return `there is no layer called "${layer}"`;
  const params = model.params[layer];
  if (info.kind !== 'conv' || params?.kind !== 'conv') return `"${layer}" is a ${info.kind} layer, and only conv layers can be edited`;
  return { info, params };
}

const within = (i: number, n: number) => Number.isInteger(i) && i >= 0 && i < n;

/** Every reason the edits do not fit the model, in plain words (empty when they fit). */
export function checkEdits(model: EditableModel, edits: Edits): string[] {
  const problems: string[] = [];
  for (const k of edits.kernels) {
    const conv = convOf(model, k.layer);
    if (typeof conv === 'string') {
      problems.push(`Kernel edit of ${k.layer}: ${conv}`);
      continue;
    }
    const [kh, kw, cin, cout] = conv.params.kernelShape;
    if (!within(k.outChannel, cout)) problems.push(`Kernel edit of ${k.layer}: output channel ${k.outChannel} is outside 0…${cout - 1}`);
    if (!within(k.inChannel, cin)) problems.push(`Kernel edit of ${k.layer}: input channel ${k.inChannel} is outside 0…${cin - 1}`);
    if (k.weights.length !== kh * kw) problems.push(`Kernel edit of ${k.layer}: it has ${k.weights.length} weights, but the kernel is ${kh} × ${kw} = ${kh * kw}`);
    const bad = k.weights.find((w) => w !== null && !(Number.isFinite(w) && Math.abs(w) <= MAX_WEIGHT));
    if (bad !== undefined) problems.push(`Kernel edit of ${k.layer}: weight ${bad} is not a number from −${MAX_WEIGHT} to ${MAX_WEIGHT}`);
  }
  for (const a of edits.ablated) {
    const conv = convOf(model, a.layer);
    if (typeof conv === 'string') problems.push(`Switching off channel ${a.channel} of ${a.layer}: ${conv}`);
    else if (!within(a.channel, conv.params.kernelShape[3])) {
      problems.push(`Switching off a channel of ${a.layer}: channel ${a.channel} is outside 0…${conv.params.kernelShape[3] - 1}`);
    }
  }
  return problems;
}

function throwIfBad(model: EditableModel, edits: Edits): void {
  const problems = checkEdits(model, edits);
  if (problems.length) throw new RangeError(problems.join('; '));
}

/**
 * The model's parameters with the edits applied: a new record in which edited layers have
 * new ConvParams (fresh arrays) and every other layer keeps its own object.
 */
export function editParams(model: EditableModel, edits: Edits): Record<string, LayerParams> {
  throwIfBad(model, edits);
  const out: Record<string, LayerParams> = { ...model.params };
  const own = (layer: string): ConvParams => {
    const p = out[layer] as ConvParams;
    if (p !== model.params[layer]) return p;
    const copy: ConvParams = { kind: 'conv', kernelShape: [...p.kernelShape], kernel: Float32Array.from(p.kernel), bias: Float32Array.from(p.bias) };
    out[layer] = copy;
    return copy;
  };
  for (const k of edits.kernels) {
    const p = own(k.layer);
    const [, kw, cin, cout] = p.kernelShape;
    k.weights.forEach((w, i) => {
      if (w === null) return;
      const ky = Math.floor(i / kw);
      const kx = i % kw;
      p.kernel[((ky * kw + kx) * cin + k.inChannel) * cout + k.outChannel] = roundWeight(w);
    });
  }
  for (const a of edits.ablated) {
    const p = own(a.layer);
    const cout = p.kernelShape[3];
    for (let i = a.channel; i < p.kernel.length; i += cout) p.kernel[i] = 0;
    p.bias[a.channel] = 0;
  }
  return out;
}

/**
 * A kernel edit from a full set of kh × kw weights: weights equal to the trained ones (after
 * rounding both) become null, so only what the reader changed travels in the link.
 */
export function kernelEdit(model: EditableModel, layer: string, outChannel: number, inChannel: number, weights: readonly number[]): KernelEdit {
  const edit: KernelEdit = { layer, outChannel, inChannel, weights };
  throwIfBad(model, { kernels: [edit], ablated: [] });
  const p = model.params[layer] as ConvParams;
  const current = trainedKernel(p, outChannel, inChannel);
  return { ...edit, weights: weights.map((w, i) => (roundWeight(w) === roundWeight(current[i]) ? null : roundWeight(w))) };
}

/** The kh × kw weights from one input channel to one output channel, row-major. */
export function trainedKernel(p: Pick<ConvParams, 'kernel'> & { kernelShape: readonly number[] }, outChannel: number, inChannel: number): number[] {
  const [kh, kw, cin, cout] = p.kernelShape;
  return Array.from({ length: kh * kw }, (_, i) => p.kernel[(i * cin + inChannel) * cout + outChannel]);
}

