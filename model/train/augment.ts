/**
 * Data augmentation on the CPU, straight from RGB bytes into the float32 batch (RGB/255, HWC).
 * Every random draw comes from the caller's seeded Prng, in a fixed order per image, so a
 * run is reproducible. See model/train/README.md for what each step is for.
 */
import { INPUT_SIZE } from '../input-size';
import { IMAGE_BYTES, PIXELS } from './image-set';
import type { Prng } from './prng';

export interface AugmentConfig {
  /** Mirror left–right with probability 1/2. */
  flip: boolean;
  /** Largest translation in pixels, each axis (borders are filled by reflection). */
  shift: number;
  /** Zoom-in range [min, max] (1 = none): the image is magnified about its centre, bilinearly. */
  zoom: [number, number];
  /** Brightness factor drawn from [1 − b, 1 + b]. */
  brightness: number;
  /** Contrast factor (about the image's mean grey) drawn from [1 − c, 1 + c]. */
  contrast: number;
  /** Saturation factor (about each pixel's grey) drawn from [1 − s, 1 + s]. */
  saturation: number;
  /**
   * Cutout: a square of this side (pixels) at a uniformly drawn centre, clipped to the
   * image, is painted with the image's mean colour; 0 or absent: none. Done last.
   */
  cutout?: number;
}

export const NO_AUGMENTATION: AugmentConfig = { flip: false, shift: 0, zoom: [1, 1], brightness: 0, contrast: 0, saturation: 0 };

const S = INPUT_SIZE;
const LAST = S - 1;

/** Reflects an index into [0, S − 1] (the edge pixel is not repeated). */
function reflect(i: number): number {
  if (i < 0) i = -i;
  if (i > LAST) i = 2 * LAST - i;
  return i < 0 ? 0 : i > LAST ? LAST : i;
}

/** Copies image `n` of `rgb` into `out` at `at` as RGB/255: the model's plain input. */
export function writePlain(rgb: Uint8Array, n: number, out: Float32Array, at: number): void {
  const src = n * IMAGE_BYTES;
  for (let k = 0; k < IMAGE_BYTES; k++) out[at + k] = rgb[src + k] / 255;
}

/** Writes an augmented copy of image `n` of `rgb` into `out` at `at` (IMAGE_BYTES floats). */
export function writeAugmented(rgb: Uint8Array, n: number, out: Float32Array, at: number, cfg: AugmentConfig, prng: Prng): void {
  const src = n * IMAGE_BYTES;
  const flip = cfg.flip && prng.next() < 0.5;
  const zoomed = cfg.zoom[1] > cfg.zoom[0] || cfg.zoom[0] !== 1;
  const zoom = zoomed ? prng.uniform(cfg.zoom[0], cfg.zoom[1]) : 1;
  // Integer shifts keep the pixels sharp when there is no zoom; with zoom, sub-pixel ones.
  const drawShift = () => (zoomed ? prng.uniform(-cfg.shift, cfg.shift) : prng.int(2 * cfg.shift + 1) - cfg.shift);
  const dx = cfg.shift > 0 ? drawShift() : 0;
  const dy = cfg.shift > 0 ? drawShift() : 0;
  const brightness = cfg.brightness > 0 ? prng.uniform(1 - cfg.brightness, 1 + cfg.brightness) : 1;
  const contrast = cfg.contrast > 0 ? prng.uniform(1 - cfg.contrast, 1 + cfg.contrast) : 1;
  const saturation = cfg.saturation > 0 ? prng.uniform(1 - cfg.saturation, 1 + cfg.saturation) : 1;

  // Geometry: output pixel (x, y) samples the source at ((x + ½ − c) / zoom + c + dx − ½, …).
  const c = S / 2;
  for (let y = 0; y < S; y++) {
    const v = (y + 0.5 - c) / zoom + c + dy - 0.5;
    for (let x = 0; x < S; x++) {
      const xo = flip ? LAST - x : x;
      const u = (xo + 0.5 - c) / zoom + c + dx - 0.5;
      const o = at + (y * S + x) * 3;
      if (!zoomed) {
        const s = src + (reflect(v) * S + reflect(u)) * 3;
        out[o] = rgb[s] / 255;
        out[o + 1] = rgb[s + 1] / 255;
        out[o + 2] = rgb[s + 2] / 255;
        continue;
      }
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      const a = src + (reflect(v0) * S + reflect(u0)) * 3;
      const b = src + (reflect(v0) * S + reflect(u0 + 1)) * 3;
      const d = src + (reflect(v0 + 1) * S + reflect(u0)) * 3;
      const e = src + (reflect(v0 + 1) * S + reflect(u0 + 1)) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = rgb[a + ch] + (rgb[b + ch] - rgb[a + ch]) * fu;
        const bottom = rgb[d + ch] + (rgb[e + ch] - rgb[d + ch]) * fu;
        out[o + ch] = (top + (bottom - top) * fv) / 255;
      }
    }
  }
  if (brightness !== 1 || contrast !== 1 || saturation !== 1) adjustColour(out, at, brightness, contrast, saturation);
  if (cfg.cutout && cfg.cutout > 0) cutout(out, at, cfg.cutout, prng.int(S), prng.int(S));
}

/** Paints the square of side `side` centred at (cx, cy) (clipped) with the image's mean colour. */
function cutout(out: Float32Array, at: number, side: number, cx: number, cy: number): void {
  const mean = [0, 0, 0];
  for (let p = 0; p < PIXELS; p++) for (let ch = 0; ch < 3; ch++) mean[ch] += out[at + p * 3 + ch];
  for (let ch = 0; ch < 3; ch++) mean[ch] /= PIXELS;
  const x0 = Math.max(0, cx - Math.floor(side / 2));
  const y0 = Math.max(0, cy - Math.floor(side / 2));
  const x1 = Math.min(S, cx - Math.floor(side / 2) + side);
  const y1 = Math.min(S, cy - Math.floor(side / 2) + side);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = at + (y * S + x) * 3;
      out[o] = mean[0];
      out[o + 1] = mean[1];
      out[o + 2] = mean[2];
    }
  }
}

function adjustColour(out: Float32Array, at: number, brightness: number, contrast: number, saturation: number): void {
  // Colour: brightness, then contrast about the mean grey, then saturation; clamped to [0, 1].
  let mean = 0;
  for (let p = 0; p < PIXELS; p++) {
    const o = at + p * 3;
    mean += 0.299 * out[o] + 0.587 * out[o + 1] + 0.114 * out[o + 2];
  }
  mean = (mean / PIXELS) * brightness;
  for (let p = 0; p < PIXELS; p++) {
    const o = at + p * 3;
    let r = (out[o] * brightness - mean) * contrast + mean;
    let g = (out[o + 1] * brightness - mean) * contrast + mean;
    let b = (out[o + 2] * brightness - mean) * contrast + mean;
    const grey = 0.299 * r + 0.587 * g + 0.114 * b;
    r = grey + (r - grey) * saturation;
    g = grey + (g - grey) * saturation;
    b = grey + (b - grey) * saturation;
    out[o] = r < 0 ? 0 : r > 1 ? 1 : r;
    out[o + 1] = g < 0 ? 0 : g > 1 ? 1 : g;
    out[o + 2] = b < 0 ? 0 : b > 1 ? 1 : b;
  }
}

/** A short human-readable description of a config, for the report and the log. */
export function describeAugmentation(cfg: AugmentConfig): string {
  const parts: string[] = [];
  if (cfg.flip) parts.push('horizontal flip (p = 0.5)');
  if (cfg.shift > 0) parts.push(`shift ≤ ±${cfg.shift} px with reflected borders`);
  if (cfg.zoom[0] !== 1 || cfg.zoom[1] !== 1) parts.push(`zoom-in ×${cfg.zoom[0]}–${cfg.zoom[1]} (bilinear)`);
  if (cfg.brightness > 0) parts.push(`brightness ×(1 ± ${cfg.brightness})`);
  if (cfg.contrast > 0) parts.push(`contrast ×(1 ± ${cfg.contrast})`);
  if (cfg.saturation > 0) parts.push(`saturation ×(1 ± ${cfg.saturation})`);
  if (cfg.cutout && cfg.cutout > 0) parts.push(`cutout ${cfg.cutout}×${cfg.cutout} px in the image's mean colour`);
  return parts.length ? parts.join('; ') : 'none';
}
