/**
 * The one painter of maps: values go into canvases at their native size (one pixel per
 * value) and CSS scales them up with pixelated sampling, so each value stays one crisp
 * square. Image channels are drawn from black to their own hue (one set of tints, also
 * used for cells drawn as HTML), every other map in the shared diverging scale.
 */
import { paintChannel, type SymmetricDomain } from './diverging-colors';

/** Red, green and blue: each input channel from black to this colour. */
const INPUT_TINTS: readonly [number, number, number][] = [[255, 0, 0], [0, 160, 0], [0, 0, 255]];
const NO_TINT: readonly [number, number, number] = [255, 255, 255];

const images = new WeakMap<HTMLCanvasElement, ImageData>();

/** The canvas sized to the map, and an ImageData of that size kept per canvas. */
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

/** One channel of an HWC map in the diverging scale; `adjust` may change the RGBA pixels before they are drawn. */
export function paintMap(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  shape: readonly number[],
  channel: number,
  domain: SymmetricDomain,
  adjust?: (pixels: Uint8ClampedArray) => void,
): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  paintChannel(values as Float32Array, w, h, c, channel, domain, img.data);
  adjust?.(img.data);
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

/** The stripes of a switched-off map: a red (the compact panel's "switched off" note is a darker one, for contrast). */
const OFF_STRIPE: readonly [number, number, number] = [192, 57, 43];

/**
 * For `paintMap`'s `adjust`: diagonal stripes over a map whose channel the reader switched
 * off, so that it reads as "off", not as a map that happens to be quiet. About seven
 * stripes across, whatever the map's size; each pixel is blended half-way to the stripe colour.
 */
export function switchedOffStripes(width: number): (pixels: Uint8ClampedArray) => void {
  const period = Math.max(3, Math.round(width / 7));
  const thick = Math.max(1, Math.round(period / 3));
  const [r, g, b] = OFF_STRIPE;
  return (px) => {
    for (let i = 0, n = px.length / 4; i < n; i++) {
      const x = i % width;
      const y = (i - x) / width;
      if ((x + y) % period >= thick) continue;
      px[4 * i] = (px[4 * i] + r) >> 1;
      px[4 * i + 1] = (px[4 * i + 1] + g) >> 1;
      px[4 * i + 2] = (px[4 * i + 2] + b) >> 1;
    }
  };
}

/** One colour channel of the input (values 0 to 1), from black to that channel's tint. */
export function paintInputChannel(canvas: HTMLCanvasElement, values: ArrayLike<number>, shape: readonly number[], channel: number): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  const tint = INPUT_TINTS[channel] ?? NO_TINT;
  const d = img.data;
  for (let p = 0; p < w * h; p++) {
    const v = Math.max(0, Math.min(1, values[p * c + channel]));
    d[p * 4] = v * tint[0];
    d[p * 4 + 1] = v * tint[1];
    d[p * 4 + 2] = v * tint[2];
    d[p * 4 + 3] = 255;
  }
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

/** Channel `channel` of an HWC map; a null domain means an image channel (tinted). */
export function paintMapChannel(canvas: HTMLCanvasElement, values: ArrayLike<number>, shape: readonly number[], channel: number, domain: SymmetricDomain | null): void {
  if (domain) paintMap(canvas, values, shape, channel, domain);
  else paintInputChannel(canvas, values, shape, channel);
}

/** The whole RGB input as a picture (values 0 to 1). */
export function paintRgb(canvas: HTMLCanvasElement, values: ArrayLike<number>, shape: readonly number[]): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  const d = img.data;
  for (let p = 0; p < w * h; p++) {
    for (let k = 0; k < 3; k++) d[p * 4 + k] = Math.round(255 * values[p * c + Math.min(k, c - 1)]);
    d[p * 4 + 3] = 255;
  }
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

/** An image channel value (0 to 1) as a CSS colour, matching paintInputChannel. */
export function tintOf(value: number, channel: number): string {
  const tint = INPUT_TINTS[channel] ?? NO_TINT;
  const v = Math.max(0, Math.min(1, value));
  return `rgb(${Math.round(v * tint[0])}, ${Math.round(v * tint[1])}, ${Math.round(v * tint[2])})`;
}
