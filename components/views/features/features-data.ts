/**
 * The page's side of <cnn-features> that needs no TF.js: the conv layers (by kind), the
 * precomputed feature atlas of the shipped model (its index and sprites, used only when
 * its fingerprint matches the loaded weights), and the words the figure says.
 */
import { LAYER_KINDS } from '../../shared/layer-kinds';
import { assetUrl, DEFAULT_MODEL_PATH } from '../../shared/asset-base';
import type { ModelInfo } from '../../shared/network-types';
import type { LayerParams } from '../../../model/engine/layer-params';
import { atlasFits, atlasTile, type AtlasIndex } from '../../../model/inspect/atlas-index';
import { parseVariantKey } from '../../../model/engine/variant-key';

/** The layers whose channels the figure shows: the convolutions, in the model's order. */
export function convLayerNames(info: ModelInfo | null): string[] {
  return (info?.layers ?? []).filter((l, i) => i > 0 && LAYER_KINDS[l.kind].family === 'convolution' && l.shape.length === 3).map((l) => l.name);
}

export interface Atlas {
  index: AtlasIndex;
  /** The sprite of a layer, decoded once. */
  sprite(file: string): Promise<ImageBitmap>;
}

const atlases = new Map<string, Promise<Atlas | null>>();

/** Where the shipped model's atlas lives, for a model key; null for any other model (never precomputed). */
export function atlasUrlFor(modelKey: string): string | null {
  const { url } = parseVariantKey(modelKey);
  const shipped = assetUrl(DEFAULT_MODEL_PATH);
  return url === shipped ? new URL('features/index.json', shipped).href : null;
}

/** The atlas of the shipped model; null when there is none or it cannot be read (the figure then computes live). */
export function loadAtlas(indexUrl: string): Promise<Atlas | null> {
  let atlas = atlases.get(indexUrl);
  if (!atlas) {
    const sprites = new Map<string, Promise<ImageBitmap>>();
    atlas = fetch(indexUrl)
      .then((r) => (r.ok ? (r.json() as Promise<AtlasIndex>) : null))
      .then((index) => index && {
        index,
        sprite(file: string) {
          let s = sprites.get(file);
          if (!s) {
            s = fetch(new URL(file, indexUrl).href).then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.blob(); }).then((b) => createImageBitmap(b));
            sprites.set(file, s);
            s.catch(() => sprites.delete(file));
          }
          return s;
        },
      })
      .catch(() => null);
    atlases.set(indexUrl, atlas);
  }
  return atlas;
}

/** Whether the atlas was computed from these weights (the atlas's own fingerprint check). */
export function atlasFitsInfo(index: AtlasIndex, info: ModelInfo): boolean {
  return atlasFits(index, { layers: info.layers, params: info.params as unknown as Record<string, LayerParams> });
}

/** Draws one channel's tile of the atlas into a canvas (at the tile's own size). */
export async function drawAtlasTile(canvas: HTMLCanvasElement, atlas: Atlas, layer: string, channel: number): Promise<boolean> {
  const tile = atlasTile(atlas.index, layer, channel);
  if (!tile) return false;
  const sprite = await atlas.sprite(tile.file);
  if (canvas.width !== tile.width) canvas.width = tile.width;
  if (canvas.height !== tile.height) canvas.height = tile.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  ctx.clearRect(0, 0, tile.width, tile.height);
  ctx.drawImage(sprite, tile.x, tile.y, tile.width, tile.height, 0, 0, tile.width, tile.height);
  return true;
}

/** The atlas's activation of a channel (its objective on the picture), if the atlas has it. */
export function atlasActivation(index: AtlasIndex, layer: string, channel: number): number | null {
  return index.layers.find((l) => l.name === layer)?.activations[channel] ?? null;
}

/** What the big picture is, in one sentence. */
export function lookCaption(layer: string, channel: number, steps: number): string {
  return `The input that excites channel ${channel} of ${layer} most, found by gradient ascent on the input: ${steps} steps from grey, with random jitter, a blur that fades and colours kept in range.`;
}

/** Where the picture came from, in words. */
export function sourceLine(source: 'atlas' | 'live', done: boolean): string {
  if (source === 'atlas') return 'Precomputed from the shipped weights when the project was built.';
  return done ? 'Computed live in your browser, for the network as it is on this page.' : 'Computing live in your browser, for the network as it is on this page…';
}
