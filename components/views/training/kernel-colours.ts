/**
 * How the training figure colours the first convolution's kernels, as RGBA pixels (pure,
 * no DOM): each output channel's kernel as one colour picture (what colour and edge it
 * responds to), and its red, green and blue 3×3 kernels in the maps' diverging scale. One
 * scale for every epoch, so weights growing from small noise read as growing.
 *
 * Kernel layout (TF.js): [kh, kw, cin, cout], kernel[((ky * kw + kx) * cin + ci) * cout + co].
 */
import { divergingLut, lutIndex, type SymmetricDomain } from '../../shared/diverging-colors';

/** The weight of output channel `co` from input channel `ci` at (ky, kx). */
export function weightAt(kernel: ArrayLike<number>, shape: readonly number[], ky: number, kx: number, ci: number, co: number): number {
  const [, kw, cin, cout] = shape;
  return kernel[((ky * kw + kx) * cin + ci) * cout + co];
}

/**
 * Output channel `co` as one colour picture of kh × kw pixels: each pixel's red, green and
 * blue are the weights on the input's red, green and blue there, mapped so that 0 is mid
 * grey and ±`scale` are full and none (values beyond are clamped).
 */
export function compositePixels(kernel: ArrayLike<number>, shape: readonly number[], co: number, scale: number): Uint8ClampedArray<ArrayBuffer> {
  const [kh, kw, cin] = shape;
  const out = new Uint8ClampedArray(kh * kw * 4);
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const o = (ky * kw + kx) * 4;
      for (let c = 0; c < 3; c++) {
        const w = weightAt(kernel, shape, ky, kx, Math.min(c, cin - 1), co);
        out[o + c] = Math.round(255 * Math.max(0, Math.min(1, 0.5 + w / (2 * scale))));
      }
      out[o + 3] = 255;
    }
  }
  return out;
}

/** The kh × kw kernel from input channel `ci` to output channel `co`, in the diverging scale of `domain`. */
export function kernelPixels(kernel: ArrayLike<number>, shape: readonly number[], ci: number, co: number, domain: SymmetricDomain): Uint8ClampedArray<ArrayBuffer> {
  const [kh, kw] = shape;
  const lut = divergingLut();
  const out = new Uint8ClampedArray(kh * kw * 4);
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const i = lutIndex(weightAt(kernel, shape, ky, kx, ci, co), domain) * 4;
      out.set([lut[i], lut[i + 1], lut[i + 2], 255], (ky * kw + kx) * 4);
    }
  }
  return out;
}

/** The largest |value|: the shipped model's gives the scale every epoch is drawn on. */
export function largestMagnitude(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** Puts RGBA pixels into a canvas of their size. */
export function putPixels(canvas: HTMLCanvasElement, pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(pixels, width, height), 0, 0);
}
