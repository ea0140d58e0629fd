/**
 * From any RGBA picture to the model's input, as pure functions (no DOM, no TF.js):
 *
 *   1. composite alpha on white: c' = (c·a + 255·(255 − a)) / 255 (fully opaque pixels
 *      are copied unchanged);
 *   2. center-crop to the target's aspect ratio (a square for 64×64): the largest centred
 *      box, offset floor((W − w) / 2), floor((H − h) / 2);
 *   3. resize to the target size, separately along rows and columns:
 *      - shrinking uses AREA AVERAGING: each output pixel is the mean of the source area it
 *        covers, partial source pixels weighted by their covered fraction (no aliasing);
 *      - enlarging uses BILINEAR interpolation with half-pixel centres (edges clamped);
 *      - an axis already at the target size is copied unchanged;
 *   4. divide by 255: Float32Array, HWC row-major RGB, index = (row * W + col) * 3 + channel.
 *
 * Arithmetic runs in float64 and is rounded to float32 once at the end, so a 64×64 opaque
 * image (the size the model was trained on) gives exactly RGB / 255, bit for bit.
 */

/** RGBA bytes, row-major, 4 per pixel (an ImageData fits). */
export interface RgbaPixels {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** The same picture as float RGB (0–255), row-major, 3 per pixel: the pipeline's working form. */
export interface RgbPlane {
  width: number;
  height: number;
  data: Float64Array;
}

export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

function checkPixels(img: RgbaPixels): void {
  if (!(img.width > 0 && img.height > 0) || img.data.length !== img.width * img.height * 4) {
    throw new RangeError(`Expected ${img.width}×${img.height} RGBA pixels (${img.width * img.height * 4} bytes), got ${img.data.length}`);
  }
}

/** Step 1: RGB over a white background. */
export function compositeOnWhite(img: RgbaPixels): RgbPlane {
  checkPixels(img);
  const n = img.width * img.height;
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = img.data[i * 4 + 3];
    for (let ch = 0; ch < 3; ch++) {
      const c = img.data[i * 4 + ch];
      out[i * 3 + ch] = a === 255 ? c : (c * a + 255 * (255 - a)) / 255;
    }
  }
  return { width: img.width, height: img.height, data: out };
}

/** Step 2's box: the largest centred box of aspect ratio width / height = `aspect`. */
export function centerCropBox(width: number, height: number, aspect = 1): CropBox {
  let w = width;
  let h = height;
  if (width > height * aspect) w = Math.max(1, Math.round(height * aspect));
  else h = Math.max(1, Math.round(width / aspect));
  return { x: Math.floor((width - w) / 2), y: Math.floor((height - h) / 2), width: w, height: h };
}

/** Step 2: cut a box out of a plane. */
export function crop(plane: RgbPlane, box: CropBox): RgbPlane {
  const out = new Float64Array(box.width * box.height * 3);
  for (let r = 0; r < box.height; r++) {
    const from = ((box.y + r) * plane.width + box.x) * 3;
    out.set(plane.data.subarray(from, from + box.width * 3), r * box.width * 3);
  }
  return { width: box.width, height: box.height, data: out };
}

/** Source indices and weights of each output position along one axis. */
interface AxisTaps {
  index: number[][];
  weight: number[][];
}

function axisTaps(src: number, dst: number): AxisTaps {
  const index: number[][] = [];
  const weight: number[][] = [];
  const scale = src / dst;
  for (let i = 0; i < dst; i++) {
    if (src === dst) {
      index.push([i]);
      weight.push([1]);
    } else if (src > dst) {
      // Area averaging over [i·scale, (i+1)·scale).
      const start = i * scale;
      const end = (i + 1) * scale;
      const idx: number[] = [];
      const wts: number[] = [];
      for (let j = Math.floor(start); j < Math.min(src, Math.ceil(end)); j++) {
        const overlap = Math.min(end, j + 1) - Math.max(start, j);
        if (overlap > 0) {
          idx.push(j);
          wts.push(overlap / scale);
        }
      }
      index.push(idx);
      weight.push(wts);
    } else {
      // Bilinear, half-pixel centres, clamped at the edges.
      const x = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), src - 1);
      const j0 = Math.floor(x);
      const j1 = Math.min(j0 + 1, src - 1);
      const f = x - j0;
      index.push(f === 0 ? [j0] : [j0, j1]);
      weight.push(f === 0 ? [1] : [1 - f, f]);
    }
  }
  return { index, weight };
}

/** Step 3: resize a plane (area averaging to shrink, bilinear to enlarge, per axis). */
export function resize(plane: RgbPlane, width: number, height: number): RgbPlane {
  if (plane.width === width && plane.height === height) return plane;
  const cols = axisTaps(plane.width, width);
  const rows = axisTaps(plane.height, height);
  // Columns first: plane.height × width.
  const mid = new Float64Array(plane.height * width * 3);
  for (let r = 0; r < plane.height; r++) {
    for (let c = 0; c < width; c++) {
      for (let ch = 0; ch < 3; ch++) {
        let acc = 0;
        const idx = cols.index[c];
        for (let k = 0; k < idx.length; k++) acc += plane.data[(r * plane.width + idx[k]) * 3 + ch] * cols.weight[c][k];
        mid[(r * width + c) * 3 + ch] = acc;
      }
    }
  }
  const out = new Float64Array(height * width * 3);
  for (let r = 0; r < height; r++) {
    const idx = rows.index[r];
    for (let c = 0; c < width; c++) {
      for (let ch = 0; ch < 3; ch++) {
        let acc = 0;
        for (let k = 0; k < idx.length; k++) acc += mid[(idx[k] * width + c) * 3 + ch] * rows.weight[r][k];
        out[(r * width + c) * 3 + ch] = acc;
      }
    }
  }
  return { width, height, data: out };
}

/** Step 4: RGB / 255 as float32, HWC row-major. */
export function toUnitRgb(plane: RgbPlane): Float32Array {
  const out = new Float32Array(plane.data.length);
  for (let i = 0; i < out.length; i++) out[i] = plane.data[i] / 255;
  return out;
}

/**
 * The whole pipeline: RGBA pixels of any size → the model input, HWC RGB / 255 of
 * `height`×`width` (default 64×64).
 */
export function preprocess(img: RgbaPixels, width = 64, height = width): Float32Array {
  const plane = compositeOnWhite(img);
  const cropped = crop(plane, centerCropBox(plane.width, plane.height, width / height));
  return toUnitRgb(resize(cropped, width, height));
}
