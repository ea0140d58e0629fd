/**
 * Draws activation maps into canvases at their native size; CSS scales them up with
 * pixelated sampling, so each value stays one crisp square.
 */
import { paintChannel, type SymmetricDomain } from '../shared/diverging-colors';

const images = new WeakMap<HTMLCanvasElement, ImageData>();

function imageFor(canvas: HTMLCanvasElement, width: number, height: number): ImageData {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  let img = images.get(canvas);
  if (!img || img.width !== width || img.height !== height) {
    img = new ImageData(width, height);
    images.set(canvas, img);
  }
  return img;
}

/** One channel of an HWC tensor, in the diverging scale. */
export function paintMap(canvas: HTMLCanvasElement, values: Float32Array, shape: readonly number[], channel: number, domain: SymmetricDomain): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  paintChannel(values, w, h, c, channel, domain, img.data);
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

const INPUT_TINTS: readonly [number, number, number][] = [[255, 0, 0], [0, 160, 0], [0, 0, 255]];

/** One colour channel of the input, from black to that channel's own hue (values 0 to 1). */
export function paintInputChannel(canvas: HTMLCanvasElement, values: Float32Array, shape: readonly number[], channel: number): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  const tint = INPUT_TINTS[channel] ?? [255, 255, 255];
  const d = img.data;
  for (let p = 0; p < w * h; p++) {
    const v = Math.max(0, Math.min(1, values[p * c + channel]));
    d[p * 4] = v * tint[0] + (1 - v) * 0;
    d[p * 4 + 1] = v * tint[1];
    d[p * 4 + 2] = v * tint[2];
    d[p * 4 + 3] = 255;
  }
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

/** The whole RGB input as a picture (values 0 to 1). */
export function paintRgb(canvas: HTMLCanvasElement, values: Float32Array, shape: readonly number[]): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  const d = img.data;
  for (let p = 0; p < w * h; p++) {
    for (let k = 0; k < 3; k++) d[p * 4 + k] = Math.round(255 * values[p * c + Math.min(k, c - 1)]);
    d[p * 4 + 3] = 255;
  }
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

/** Minimum and maximum of every channel of an HWC tensor, in one pass. */
export function channelRanges(values: Float32Array, channels: number): { min: Float32Array; max: Float32Array } {
  const min = new Float32Array(channels).fill(Infinity);
  const max = new Float32Array(channels).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const ch = i % channels;
    const v = values[i];
    if (v < min[ch]) min[ch] = v;
    if (v > max[ch]) max[ch] = v;
  }
  return { min, max };
}

/** Compact number for labels: 3 significant digits and a real minus sign. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const s = String(Number(Math.abs(v).toPrecision(3)));
  return (v < 0 && s !== '0' ? '\u2212' : '') + s;
}
