/**
 * The feature atlas's index, without TF.js: its format, where a channel's tile lies in its
 * layer's sprite, and whether the atlas was computed from a given model's weights. The
 * browser's page reads these (feature-atlas.ts computes the atlas and re-exports them).
 */
import type { LayerInfo } from '../layer-info';
import type { LayerParams } from '../engine/layer-params';
import { paramsFingerprint } from './params-fingerprint';

export const ATLAS_FORMAT = 'cnn-explorer feature atlas';
export const ATLAS_VERSION = 1;
/** Tiles per sprite row, at most. */
export const ATLAS_COLUMNS = 10;

export interface AtlasLayer {
  name: string;
  /** The sprite's file name, beside index.json. */
  file: string;
  channels: number;
  columns: number;
  /** Sprite size in pixels. */
  width: number;
  height: number;
  /** channelActivation of each channel's picture (before 8-bit rounding), 4 decimals. */
  activations: number[];
}

/** The feature-visualisation options every channel of an atlas used (feature-visualisation.ts's, without the callbacks; plain here so the page's types need no TF.js). */
export interface AtlasSettings {
  steps: number;
  seed: number;
  lr: number;
  jitter: number;
  blurEvery: number;
  blur: number;
  smoothness: number;
}

export interface AtlasIndex {
  format: typeof ATLAS_FORMAT;
  version: typeof ATLAS_VERSION;
  /** paramsFingerprint of the model the pictures belong to. */
  fingerprint: string;
  /** The feature-visualisation options every channel used. */
  settings: AtlasSettings;
  /** [height, width] of one tile: the model's input size. */
  tile: [number, number];
  layers: AtlasLayer[];
}

/** One layer's sprite, as 8-bit RGB bytes (width × height × 3, row-major). */
export interface AtlasSprite {
  file: string;
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Where one channel's tile lies in its layer's sprite. */
export function atlasTile(index: AtlasIndex, layerName: string, channel: number): { file: string; x: number; y: number; width: number; height: number } | null {
  const layer = index.layers.find((l) => l.name === layerName);
  if (!layer || !(Number.isInteger(channel) && channel >= 0 && channel < layer.channels)) return null;
  const [height, width] = index.tile;
  return { file: layer.file, x: (channel % layer.columns) * width, y: Math.floor(channel / layer.columns) * height, width, height };
}

/** Whether the atlas was computed from these weights. */
export const atlasFits = (index: AtlasIndex, model: { layers: readonly LayerInfo[]; params: Readonly<Record<string, LayerParams>> }): boolean =>
  index.format === ATLAS_FORMAT && index.version === ATLAS_VERSION && index.fingerprint === paramsFingerprint(model.layers, model.params);
