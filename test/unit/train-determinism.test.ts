/** The seeded PRNG and the augmentation built on it: same seed, same numbers and images. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NO_AUGMENTATION, writeAugmented, writePlain, type AugmentConfig } from '../../model/train/augment';
import { IMAGE_BYTES } from '../../model/train/data';
import { Prng } from '../../model/train/prng';
import { DEFAULT_CONFIG } from '../../model/train/trainer';

const draw = (p: Prng, n: number) => Array.from({ length: n }, () => p.nextUint32());

test('the same seed gives the same stream, and another seed a different one', () => {
  assert.equal(draw(new Prng(42), 100), draw(new Prng(42), 100));
  assert.equal(draw(new Prng('a string seed'), 20), draw(new Prng('a string seed'), 20));
  assert.not.equal(draw(new Prng(42), 100), draw(new Prng(43), 100));
});

test('a saved state resumes exactly the same stream', () => {
  const p = new Prng(7);
  draw(p, 1234);
  const state = p.getState();
  const ahead = draw(p, 50);
  assert.equal(draw(Prng.fromState(state), 50), ahead);
  assert.equal(JSON.parse(JSON.stringify(state)), state, 'the state survives JSON');
});

test('next() is uniform in [0, 1) and int(n) covers 0..n−1', () => {
  const p = new Prng(1);
  const counts = new Array<number>(10).fill(0);
  let sum = 0;
  for (let i = 0; i < 100_000; i++) {
    const u = p.next();
    assert.ok(u >= 0 && u < 1);
    sum += u;
    counts[p.int(10)]++;
  }
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01, `mean ${sum / 100_000}`);
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500, `bucket ${c}`);
});

test('shuffle is a seeded permutation', () => {
  const a = new Prng(3).shuffle(Array.from({ length: 500 }, (_, i) => i));
  const b = new Prng(3).shuffle(Array.from({ length: 500 }, (_, i) => i));
  assert.equal(a, b);
  assert.equal([...a].sort((x, y) => x - y), Array.from({ length: 500 }, (_, i) => i));
  assert.not.equal(a, Array.from({ length: 500 }, (_, i) => i));
});

function image(seed: string): Uint8Array {
  const p = new Prng(seed);
  return Uint8Array.from({ length: IMAGE_BYTES }, () => p.int(256));
}

function augmentAll(rgb: Uint8Array, cfg: AugmentConfig, seed: number, times: number): Float32Array {
  const p = new Prng(seed);
  const out = new Float32Array(times * IMAGE_BYTES);
  for (let k = 0; k < times; k++) writeAugmented(rgb, 0, out, k * IMAGE_BYTES, cfg, p);
  return out;
}

const zoomed: AugmentConfig = { ...DEFAULT_CONFIG.augment, zoom: [1, 1.2] };

test('augmentation is reproducible from the seed and varies with it', () => {
  const rgb = image('picture');
  for (const cfg of [DEFAULT_CONFIG.augment, zoomed]) {
    const a = augmentAll(rgb, cfg, 11, 8);
    assert.equal(a, augmentAll(rgb, cfg, 11, 8));
    assert.not.equal(a, augmentAll(rgb, cfg, 12, 8));
    assert.ok(a.every((v) => v >= 0 && v <= 1), 'values stay in [0, 1]');
  }
});

test('without augmentation an image is exactly its RGB/255', () => {
  const rgb = image('plain');
  const plain = new Float32Array(IMAGE_BYTES);
  writePlain(rgb, 0, plain, 0);
  assert.equal(plain[5], Math.fround(rgb[5] / 255));
  assert.equal(augmentAll(rgb, NO_AUGMENTATION, 1, 1), plain);
});

test('flips and whole-pixel shifts only move pixels: every value comes from the source image', () => {
  const rgb = image('moves');
  const values = new Set(Array.from(rgb, (v) => Math.fround(v / 255)));
  const out = augmentAll(rgb, { ...NO_AUGMENTATION, flip: true, shift: 4 }, 5, 20);
  assert.ok(out.every((v) => values.has(v)));
});

test('cutout paints one square of the given side with the image\'s mean colour, reproducibly; without it the stream is unchanged', () => {
  const rgb = image('cutout');
  const cfg: AugmentConfig = { ...NO_AUGMENTATION, cutout: 16 };
  const out = augmentAll(rgb, cfg, 9, 6);
  assert.equal(out, augmentAll(rgb, cfg, 9, 6));
  const plain = new Float32Array(IMAGE_BYTES);
  writePlain(rgb, 0, plain, 0);
  const mean = [0, 1, 2].map((ch) => {
    let m = 0;
    for (let p = 0; p < IMAGE_BYTES / 3; p++) m += plain[p * 3 + ch];
    return Math.fround(m / (IMAGE_BYTES / 3));
  });
  for (let k = 0; k < 6; k++) {
    const img = out.subarray(k * IMAGE_BYTES, (k + 1) * IMAGE_BYTES);
    let changed = 0;
    let [minX, minY, maxX, maxY] = [64, 64, -1, -1];
    for (let p = 0; p < IMAGE_BYTES / 3; p++) {
      if ([0, 1, 2].every((ch) => img[p * 3 + ch] === plain[p * 3 + ch])) continue;
      changed++;
      const [x, y] = [p % 64, Math.floor(p / 64)];
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      assert.equal([0, 1, 2].map((ch) => img[p * 3 + ch]), mean, 'painted with the mean colour');
    }
    const [w, h] = [maxX - minX + 1, maxY - minY + 1];
    assert.ok(changed === w * h && w <= 16 && h <= 16 && (w === 16 || minX === 0 || maxX === 63) && (h === 16 || minY === 0 || maxY === 63), `image ${k}: a clipped 16-px square (${w}×${h})`);
  }
  const p = new Prng(4);
  const q = new Prng(4);
  const a = new Float32Array(IMAGE_BYTES);
  const b = new Float32Array(IMAGE_BYTES);
  writeAugmented(rgb, 0, a, 0, DEFAULT_CONFIG.augment, p);
  writeAugmented(rgb, 0, b, 0, { ...DEFAULT_CONFIG.augment, cutout: 0 }, q);
  assert.equal(a, b);
  assert.equal(p.getState(), q.getState(), 'cutout 0 draws nothing');
});

test.run();
