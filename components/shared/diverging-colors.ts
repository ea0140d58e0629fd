/**
 * The diverging colour scale every map uses: centred on 0, symmetric, and colour-blind-safe.
 *
 * Why PuOr (purple–orange) from d3-scale-chromatic: it is one of ColorBrewer's diverging
 * schemes marked safe for the common forms of colour blindness, it never asks the reader to
 * tell red from green, and its pale middle makes 0 recede so that strong activations, of
 * either sign, stand out. Orange is positive, purple is negative.
 */
import { interpolatePuOr } from 'd3-scale-chromatic';

/** A symmetric domain [-max, max]; max is never 0, so a blank map still has a scale. */
export interface SymmetricDomain {
  min: number;
  max: number;
}

export const LUT_SIZE = 256;

/** 256 RGBA entries: index 0 is the domain's minimum, 255 its maximum, 127.5 is zero. */
export function buildLut(interpolate: (t: number) => string = interpolatePuOr): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, g, b] = parseColor(interpolate(i / (LUT_SIZE - 1)));
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

let defaultLut: Uint8ClampedArray | undefined;
export function divergingLut(): Uint8ClampedArray {
  return (defaultLut ??= buildLut());
}

/** CSS colour for a value, for legends and SVG. */
export function colorOf(value: number, domain: SymmetricDomain, lut = divergingLut()): string {
  const i = lutIndex(value, domain);
  return `rgb(${lut[i * 4]}, ${lut[i * 4 + 1]}, ${lut[i * 4 + 2]})`;
}

export function lutIndex(value: number, domain: SymmetricDomain): number {
  const t = (value - domain.min) / (domain.max - domain.min);
  return Math.max(0, Math.min(LUT_SIZE - 1, Math.round(t * (LUT_SIZE - 1))));
}

export function symmetricDomain(maxAbs: number): SymmetricDomain {
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  return { min: -m, max: m };
}

function parseColor(css: string): [number, number, number] {
  const rgb = css.match(/rgb\((\d+),\s*(\d+),\s*(\d+)\)/);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = css.match(/^#([0-9a-f]{6})$/i);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  throw new Error(`Unexpected colour from the interpolator: ${css}`);
}

/**
 * Paints one channel of an HWC tensor into RGBA pixels through the LUT.
 * values[(row * width + col) * channels + channel] is the value at (row, col).
 */
export function paintChannel(
  values: Float32Array,
  width: number,
  height: number,
  channels: number,
  channel: number,
  domain: SymmetricDomain,
  out: Uint8ClampedArray,
  lut = divergingLut(),
): void {
  const scale = (LUT_SIZE - 1) / (domain.max - domain.min);
  const n = width * height;
  for (let p = 0; p < n; p++) {
    let i = Math.round((values[p * channels + channel] - domain.min) * scale);
    i = i < 0 ? 0 : i > LUT_SIZE - 1 ? LUT_SIZE - 1 : i;
    const o = p * 4;
    const l = i * 4;
    out[o] = lut[l];
    out[o + 1] = lut[l + 1];
    out[o + 2] = lut[l + 2];
    out[o + 3] = 255;
  }
}
