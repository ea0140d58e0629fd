/**
 * Node-only JPEG decoding (pure JavaScript, via jpeg-js), so that training and tests need
 * no native TensorFlow. Grayscale files come back as RGBA like any other.
 */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA bytes, row-major, 4 per pixel. */
  data: Uint8Array;
}

export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 64 });
  return { width: img.width, height: img.height, data: img.data };
}

export function readJpeg(path: string): RgbaImage {
  return decodeJpeg(readFileSync(path));
}

/** RGBA bytes → RGB float32 in [0, 1], HWC order: the model's input (RGB / 255). */
export function rgbaToUnitRgb(img: RgbaImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = img.data[i * 4] / 255;
    out[i * 3 + 1] = img.data[i * 4 + 1] / 255;
    out[i * 3 + 2] = img.data[i * 4 + 2] / 255;
  }
  return out;
}
