/**
 * Browser adapter: RGBA pixels from whatever image a component holds. It draws the image
 * onto an OffscreenCanvas (feature-detected on globalThis; no `document`) at its natural
 * size, without resampling, and reads the pixels back. Resizing is left to preprocess.ts.
 * ImageData and plain { width, height, data } pixels are used as they are (works in Node).
 */
import { preprocess, type RgbaPixels } from './preprocess';

export type ImageInput = ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas | ImageData | RgbaPixels;

function isPixels(source: ImageInput): source is RgbaPixels {
  const s = source as Partial<RgbaPixels>;
  return typeof s.width === 'number' && typeof s.height === 'number' && s.data !== undefined && typeof s.data.length === 'number';
}

function isImageElement(source: ImageInput): source is HTMLImageElement {
  return typeof (source as HTMLImageElement).naturalWidth === 'number';
}

/** Whether this environment can read pixels from images (OffscreenCanvas with a 2D context). */
export function canReadImagePixels(): boolean {
  return typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas === 'function';
}

/** The RGBA pixels of an image, at its natural size. */
export async function getRgbaPixels(source: ImageInput): Promise<RgbaPixels> {
  if (isPixels(source)) return { width: source.width, height: source.height, data: source.data };
  let width: number;
  let height: number;
  if (isImageElement(source)) {
    if (!source.complete || source.naturalWidth === 0) await source.decode();
    width = source.naturalWidth;
    height = source.naturalHeight;
  } else {
    width = source.width;
    height = source.height;
  }
  if (!(width > 0 && height > 0)) throw new Error(`Cannot read pixels from an empty image (${width}×${height})`);
  if (!canReadImagePixels()) {
    throw new Error('Cannot read image pixels here: OffscreenCanvas is not available (pass ImageData or RGBA pixels instead)');
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('Cannot read image pixels: OffscreenCanvas has no 2D context');
  ctx.drawImage(source, 0, 0, width, height);
  const image = ctx.getImageData(0, 0, width, height);
  return { width, height, data: image.data };
}

/**
 * An image straight to the model input: its pixels (getRgbaPixels), then preprocess to
 * `inputShape` [h, w, 3]. Returns HWC RGB / 255.
 */
export async function imageToInput(source: ImageInput, inputShape: readonly number[]): Promise<Float32Array> {
  const [h, w, c] = inputShape;
  if (c !== 3) throw new Error(`Images can only feed an RGB model; this one takes ${c} channels`);
  return preprocess(await getRgbaPixels(source), w, h);
}
