/**
 * The diverging colour scale every map uses: centred on 0, symmetric, and colour-blind-safe.
 *
 * Why PuOr (purple–orange): it is one of ColorBrewer's diverging schemes marked safe for the
 * common forms of colour blindness, it never asks the reader to tell red from green, and its
 * pale middle makes 0 recede so that strong activations, of either sign, stand out. Orange
 * is positive, purple is negative. The scale runs smoothly through ColorBrewer's eleven PuOr
 * colours (a cubic B-spline per channel, the curve d3's interpolatePuOr draws; a unit test
 * checks every entry of the table against d3), written here so that the article does not
 * carry d3's colour modules (about 10 kB gzip) for one table of 256 colours.
 */

/** ColorBrewer's PuOr, eleven classes, from purple (negative) to orange (positive). */
const PU_OR = ['#2d004b', '#542788', '#8073ac', '#b2abd2', '#d8daeb', '#f7f7f7', '#fee0b6', '#fdb863', '#e08214', '#b35806', '#7f3b08'];

/** One channel of a uniform cubic B-spline through `v` at t ∈ [0, 1], its ends extended in a straight line. */
function bSpline(v: readonly number[], t: number): number {
  const n = v.length - 1;
  const i = t <= 0 ? 0 : t >= 1 ? n - 1 : Math.floor(t * n);
  const v1 = v[i];
  const v2 = v[i + 1];
  const v0 = i > 0 ? v[i - 1] : 2 * v1 - v2;
  const v3 = i < n - 1 ? v[i + 2] : 2 * v2 - v1;
  const u = (t - i / n) * n;
  const u2 = u * u;
  const u3 = u2 * u;
  return ((1 - 3 * u + 3 * u2 - u3) * v0 + (4 - 6 * u2 + 3 * u3) * v1 + (1 + 3 * u + 3 * u2 - 3 * u3) * v2 + u3 * v3) / 6;
}

const PU_OR_CHANNELS = [16, 8, 0].map((shift) => PU_OR.map((hex) => (parseInt(hex.slice(1), 16) >> shift) & 255));

/** The PuOr scale at t ∈ [0, 1] as a CSS colour (purple at 0, near-white at 0.5, orange at 1). */
export function interpolatePuOr(t: number): string {
  const [r, g, b] = PU_OR_CHANNELS.map((c) => Math.max(0, Math.min(255, Math.round(bSpline(c, t)))));
  return `rgb(${r}, ${g}, ${b})`;
}

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
