/**
 * The feature atlas: the feature visualisation of every channel of every conv layer,
 * computed once from the weights (npm run inspect:precompute, for the shipped model) and
 * stored as one sprite per layer (8-bit RGB, tiles of the input size, `columns` per row) with
 * a small JSON index. The browser shows the atlas when its fingerprint matches the loaded
 * model's weights (atlasFits), and computes the pictures live otherwise.
 *
 * Every channel uses FEATURE_VIS_DEFAULTS (seed 0 included), so a live computation with the
 * defaults draws the same picture, up to the backend's rounding.
 */
import type { LoadedModel } from '../engine/types';
import { FEATURE_VIS_DEFAULTS, featureVisualisation } from './feature-visualisation';
import { paramsFingerprint } from './params-fingerprint';
import { ATLAS_COLUMNS, ATLAS_FORMAT, ATLAS_VERSION, type AtlasIndex, type AtlasLayer, type AtlasSprite } from './atlas-index';

export { ATLAS_FORMAT, ATLAS_VERSION, ATLAS_COLUMNS, atlasFits, atlasTile, type AtlasIndex, type AtlasLayer, type AtlasSprite } from './atlas-index';

const fileName = (name: string, i: number): string => `${/^[A-Za-z0-9_-]+$/.test(name) ? name : `layer-${i}`}.png`;

export interface AtlasProgress {
  layer: string;
  channel: number;
  /** Channels finished so far, over all layers, and how many there are. */
  done: number;
  total: number;
}

/** Computes the atlas of every conv layer (by the engine's kind) of a model. */
export async function computeFeatureAtlas(
  model: LoadedModel,
  options: { steps?: number; onChannel?: (p: AtlasProgress) => void } = {},
): Promise<{ index: AtlasIndex; sprites: AtlasSprite[] }> {
  const [th, tw, c] = model.inputShape;
  const d = FEATURE_VIS_DEFAULTS;
  const settings: AtlasIndex['settings'] = {
    steps: options.steps ?? d.steps,
    seed: d.seed,
    lr: d.lr,
    jitter: Math.floor(Math.min(th, tw) / 2),
    blurEvery: d.blurEvery,
    blur: d.blur,
    smoothness: d.smoothness,
  };
  if (c !== 3) throw new RangeError(`The atlas stores RGB pictures, but the model's input has ${c} channels`);
  const convs = model.layers.filter((l) => l.kind === 'conv');
  const total = convs.reduce((n, l) => n + l.shape[2], 0);
  const layers: AtlasLayer[] = [];
  const sprites: AtlasSprite[] = [];
  let done = 0;
  for (const [i, layer] of convs.entries()) {
    const channels = layer.shape[2];
    const columns = Math.min(channels, ATLAS_COLUMNS);
    const width = columns * tw;
    const height = Math.ceil(channels / columns) * th;
    const rgb = new Uint8Array(width * height * 3);
    const activations: number[] = [];
    for (let ch = 0; ch < channels; ch++) {
      const result = await featureVisualisation(model, layer.name, ch, { ...settings, yieldEvery: 0 });
      activations.push(Math.round(result.activation * 1e4) / 1e4);
      const x0 = (ch % columns) * tw;
      const y0 = Math.floor(ch / columns) * th;
      for (let y = 0; y < th; y++) {
        for (let x = 0; x < tw; x++) {
          for (let k = 0; k < 3; k++) rgb[((y0 + y) * width + x0 + x) * 3 + k] = Math.round(result.image[(y * tw + x) * 3 + k] * 255);
        }
      }
      options.onChannel?.({ layer: layer.name, channel: ch, done: ++done, total });
    }
    const file = fileName(layer.name, i);
    layers.push({ name: layer.name, file, channels, columns, width, height, activations });
    sprites.push({ file, width, height, rgb });
  }
  const index: AtlasIndex = {
    format: ATLAS_FORMAT,
    version: ATLAS_VERSION,
    fingerprint: paramsFingerprint(model.layers, model.params),
    settings,
    tile: [th, tw],
    layers,
  };
  return { index, sprites };
}
