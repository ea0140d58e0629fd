/**
 * The diverging colour scale every map uses: centred on 0, symmetric, and colour-blind-safe.
 *
 * Why PuOr (purple–orange), ColorBrewer's scheme (Cynthia Brewer, colorbrewer2.org): it is
 * one of the diverging schemes marked safe for the common forms of colour blindness, it never
 * asks the reader to tell red from green, and its pale middle makes 0 recede so that strong
 * activations, of either sign, stand out. Orange is positive, purple is negative.
 *
 * Its eleven colours are blended with a uniform cubic B-spline, which gives the same colours
 * as d3-scale-chromatic's interpolatePuOr (a unit test checks every one of the 256 entries)
 * without the ~12 kB gzip that d3-scale-chromatic's single-file build adds to the first script.
 */

/** ColorBrewer PuOr, 11 classes, from the purple end (negative) to the orange end (positive). */
const PU_OR: readonly (readonly [number, number, number])[] = [
  [0x2d, 0x00, 0x4b], [0x54, 0x27, 0x88], [0x80, 0x73, 0xac], [0xb2, 0xab, 0xd2], [0xd8, 0xda, 0xeb], [0xf7, 0xf7, 0xf7],
  [0xfe, 0xe0, 0xb6], [0xfd, 0xb8, 0x63], [0xe0, 0x82, 0x14], [0xb3, 0x58, 0x06], [0x7f, 0x3b, 0x08],
];

/** Uniform cubic B-spline weights of four neighbouring control values at u ∈ [0, 1]. */
function bSpline(u: number, v0: number, v1: number, v2: number, v3: number): number {
  const u2 = u * u;
  const u3 = u2 * u;
  return ((1 - 3 * u + 3 * u2 - u3) * v0 + (4 - 6 * u2 + 3 * u3) * v1 + (1 + 3 * u + 3 * u2 - 3 * u3) * v2 + u3 * v3) / 6;
}

/** The PuOr colour at t ∈ [0, 1] as `rgb(r, g, b)`; the ends are extended by reflection. */
export function interpolatePuOr(t: number): string {
  const n = PU_OR.length - 1;
  const x = Math.min(1, Math.max(0, t));
  const i = x >= 1 ? n - 1 : Math.floor(x * n);
  const channel = (c: number) => {
    const v1 = PU_OR[i][c];
    const v2 = PU_OR[i + 1][c];
    const v0 = i > 0 ? PU_OR[i - 1][c] : 2 * v1 - v2;
    const v3 = i < n - 1 ? PU_OR[i + 2][c] : 2 * v2 - v1;
    return Math.round(Math.min(255, Math.max(0, bSpline((x - i / n) * n, v0, v1, v2, v3))));
  };
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
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
