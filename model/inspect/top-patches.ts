/**
 * "What each channel looks for", from real pictures: the places in a set of pictures (the
 * shipped examples and the reader's, never the training set) where one channel is
 * strongest, each with the input pixels that value sees (its receptive field, from the
 * injected function) so a view can cut them out.
 *
 * Picks are greedy, strongest first; a pick is skipped when its field overlaps one already
 * taken from the same picture by more than `maxOverlap` (intersection over union), so that
 * k picks show k different places rather than one place k times. maxOverlap = 1 keeps
 * every position. `perPicture` caps the picks from any one picture.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../engine/types';
import { checkRange, forwardRange, inputBatch, mapStepIndex } from './forward';
import { rectOverlap, rectSize, type InputRect, type ReceptiveFieldOf } from './input-field';

export interface Picture {
  id: string;
  /** HWC RGB in [0, 1], the model's input shape. */
  input: Float32Array;
}

/** One layer's maps for one picture: HWC values of shape [h, w, c]. */
export interface PictureMaps {
  id: string;
  values: Float32Array;
  shape: readonly [number, number, number];
}

export interface TopPatch {
  /** Index of the picture in the list given. */
  picture: number;
  id: string;
  row: number;
  col: number;
  /** The channel's value there. */
  value: number;
  /** The input pixels that value sees (from the receptive-field function). */
  field: InputRect;
}

export interface TopPatchOptions {
  /** Largest overlap (IoU, 0 … 1) allowed between two picks from one picture. Default 0.25. */
  maxOverlap?: number;
  /** Most picks from any one picture (default: no limit). */
  perPicture?: number;
  /** Pictures per forward pass. Default 16. */
  batchSize?: number;
}

export const TOP_PATCH_DEFAULTS = { maxOverlap: 0.25, batchSize: 16 } as const;

/** The maps of step `index` for every picture (batched forward passes). */
export function mapsOf(model: LoadedModel, pictures: readonly Picture[], index: number, batchSize: number): PictureMaps[] {
  const shape = model.layers[index].shape as [number, number, number];
  const out: PictureMaps[] = [];
  for (let start = 0; start < pictures.length; start += batchSize) {
    const chunk = pictures.slice(start, start + batchSize);
    const values = tf.tidy(() => forwardRange(model, inputBatch(model, chunk.map((p) => p.input)), 0, index).dataSync());
    const size = shape[0] * shape[1] * shape[2];
    chunk.forEach((p, i) => out.push({ id: p.id, values: Float32Array.from(values.subarray(i * size, (i + 1) * size)), shape }));
  }
  return out;
}

/**
 * The k strongest places of `channel` of step `layerName` over `pictures`, strongest first
 * (see the top of this file). `receptiveField` gives each place's input pixels.
 */
export function topPatches(
  model: LoadedModel,
  pictures: readonly Picture[],
  layerName: string,
  channel: number,
  k: number,
  receptiveField: ReceptiveFieldOf,
  options: TopPatchOptions = {},
): TopPatch[] {
  const index = mapStepIndex(model, layerName, channel);
  const maps = mapsOf(model, pictures, index, options.batchSize ?? TOP_PATCH_DEFAULTS.batchSize);
  return topPatchesInMaps(maps, channel, k, (row, col) => receptiveField(index, row, col), options);
}

/** The same as topPatches, on maps already computed (e.g. from the engine's records). */
export function topPatchesInMaps(
  maps: readonly PictureMaps[],
  channel: number,
  k: number,
  fieldOf: (row: number, col: number) => InputRect,
  options: TopPatchOptions = {},
): TopPatch[] {
  const maxOverlap = options.maxOverlap ?? TOP_PATCH_DEFAULTS.maxOverlap;
  if (!(maxOverlap >= 0 && maxOverlap <= 1)) throw new RangeError(`maxOverlap must be from 0 to 1, got ${maxOverlap}`);
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be a whole number, got ${k}`);
  const perPicture = options.perPicture ?? Infinity;
  if (!(perPicture >= 1)) throw new RangeError(`perPicture must be at least 1, got ${perPicture}`);
  const candidates: { picture: number; row: number; col: number; value: number }[] = [];
  maps.forEach((m, picture) => {
    const [h, w, c] = m.shape;
    checkRange(channel, c, `Channel ${channel}`);
    if (m.values.length !== h * w * c) throw new RangeError(`Maps of shape [${m.shape}] need ${h * w * c} values, got ${m.values.length}`);
    for (let row = 0; row < h; row++) {
      for (let col = 0; col < w; col++) candidates.push({ picture, row, col, value: m.values[(row * w + col) * c + channel] });
    }
  });
  // Strongest first; ties in reading order, so the result never depends on the sort.
  candidates.sort((a, b) => b.value - a.value || a.picture - b.picture || a.row - b.row || a.col - b.col);
  const picks: TopPatch[] = [];
  const taken = new Array<number>(maps.length).fill(0);
  for (const cand of candidates) {
    if (picks.length >= k) break;
    if (taken[cand.picture] >= perPicture) continue;
    const field = fieldOf(cand.row, cand.col);
    const clash = picks.some((p) => p.picture === cand.picture && rectOverlap(p.field, field) > maxOverlap);
    if (!clash) {
      picks.push({ ...cand, id: maps[cand.picture].id, field });
      taken[cand.picture]++;
    }
  }
  return picks;
}

/**
 * The pixels of `rect` cut out of an HWC picture of shape [h, w, c]: rect's height × width
 * × c values, row-major. Parts of rect outside the picture are filled with `fill`.
 */
export function cropPatch(input: Float32Array, shape: readonly [number, number, number], rect: InputRect, fill = 0): { height: number; width: number; pixels: Float32Array } {
  const [h, w, c] = shape;
  const [height, width] = rectSize(rect);
  const pixels = new Float32Array(height * width * c).fill(fill);
  for (let y = 0; y < height; y++) {
    const sy = rect.rows.first + y;
    if (sy < 0 || sy >= h) continue;
    for (let x = 0; x < width; x++) {
      const sx = rect.cols.first + x;
      if (sx < 0 || sx >= w) continue;
      pixels.set(input.subarray((sy * w + sx) * c, (sy * w + sx + 1) * c), (y * width + x) * c);
    }
  }
  return { height, width, pixels };
}
