/**
 * Pictures made from a seed, for teaching tests and the bench (no photo is ever shipped):
 * 'red' and 'blue' (mostly one colour, with noise and a few blobs of other colours), and
 * five shapes drawn in random colours on noisy backgrounds, at random places and sizes
 * ('disc', 'square', 'triangle', 'stripes', 'ring'), a problem colour cannot solve.
 * Pure: RGBA bytes, plus PNG files through the project's encoder.
 */
import { deflateSync } from 'node:zlib';
import { Prng } from '../../model/train/prng';
import { encodePngRgb } from '../../model/inspect/png-encode';

export type PictureKind = 'red' | 'blue' | 'disc' | 'square' | 'triangle' | 'stripes' | 'ring';
export const SHAPES: readonly PictureKind[] = ['disc', 'square', 'triangle', 'stripes', 'ring'];

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** A `size`×`size` picture of `kind`, the same for the same seed. */
export function generatedPicture(kind: PictureKind, seed: number | string, size = 80): Rgba {
  const prng = new Prng(`picture/${kind}/${seed}`);
  const data = new Uint8Array(size * size * 4);
  const rgb = (): [number, number, number] => [prng.int(256), prng.int(256), prng.int(256)];
  let background: [number, number, number];
  let ink: [number, number, number];
  if (kind === 'red' || kind === 'blue') {
    const strong = 170 + prng.int(80);
    background = kind === 'red' ? [strong, prng.int(70), prng.int(70)] : [prng.int(70), prng.int(70), strong];
    ink = rgb();
  } else {
    background = rgb();
    ink = rgb();
    // Keep the shape visible: push the ink away from the background.
    if (Math.abs(ink[0] + ink[1] + ink[2] - background[0] - background[1] - background[2]) < 200) ink = ink.map((c, i) => (background[i] > 127 ? c / 3 : 255 - c / 3)) as typeof ink;
  }
  const cx = size * prng.uniform(0.35, 0.65);
  const cy = size * prng.uniform(0.35, 0.65);
  const r = size * prng.uniform(0.18, 0.3);
  const angle = prng.uniform(0, Math.PI);
  const period = prng.uniform(6, 12);
  const inside = (x: number, y: number): boolean => {
    const dx = x - cx;
    const dy = y - cy;
    switch (kind) {
      case 'red':
      case 'blue':
        return dx * dx + dy * dy < (r * 0.5) ** 2;
      case 'disc':
        return dx * dx + dy * dy < r * r;
      case 'ring': {
        const d = Math.hypot(dx, dy);
        return d < r && d > r * 0.6;
      }
      case 'square':
        return Math.abs(dx) < r * 0.85 && Math.abs(dy) < r * 0.85;
      case 'triangle':
        return dy < r * 0.8 && dy > -r && Math.abs(dx) < (dy + r) * 0.6;
      case 'stripes':
        return Math.floor((dx * Math.cos(angle) + dy * Math.sin(angle)) / period + 100) % 2 === 0;
    }
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const colour = inside(x, y) ? ink : background;
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = clamp(colour[c] + prng.uniform(-25, 25));
      data[o + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

/** The picture as PNG bytes. */
export function generatedPng(kind: PictureKind, seed: number | string, size = 80): Uint8Array {
  const { width, height, data } = generatedPicture(kind, seed, size);
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) rgb.set(data.subarray(p * 4, p * 4 + 3), p * 3);
  return encodePngRgb(width, height, rgb, (bytes) => deflateSync(bytes));
}

/** A picture's 64×64 RGB bytes (its centre crop, by nearest pixel), as the teaching core takes them. */
export function rgb64(picture: Rgba): Uint8Array {
  const out = new Uint8Array(64 * 64 * 3);
  const side = Math.min(picture.width, picture.height);
  const x0 = Math.floor((picture.width - side) / 2);
  const y0 = Math.floor((picture.height - side) / 2);
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      const sx = x0 + Math.floor(((x + 0.5) * side) / 64);
      const sy = y0 + Math.floor(((y + 0.5) * side) / 64);
      const o = (sy * picture.width + sx) * 4;
      out.set(picture.data.subarray(o, o + 3), (y * 64 + x) * 3);
    }
  }
  return out;
}

/** `perClass` pictures of each kind, as the teaching core's input. */
export function generatedSet(kinds: readonly PictureKind[], perClass: number, seed = 0): { rgb: Uint8Array; labels: Int32Array } {
  const rgb = new Uint8Array(kinds.length * perClass * 64 * 64 * 3);
  const labels = new Int32Array(kinds.length * perClass);
  kinds.forEach((kind, c) => {
    for (let i = 0; i < perClass; i++) {
      const n = c * perClass + i;
      rgb.set(rgb64(generatedPicture(kind, `${seed}/${i}`)), n * 64 * 64 * 3);
      labels[n] = c;
    }
  });
  return { rgb, labels };
}
