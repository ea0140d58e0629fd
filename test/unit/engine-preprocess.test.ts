import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getRgbaPixels, imageToInput } from '../../model/engine/image-pixels';
import { centerCropBox, compositeOnWhite, preprocess, resize, type RgbaPixels } from '../../model/engine/preprocess';
import { listSplit, SHARED_DATA_DIR } from '../../model/node/dataset';
import { readJpeg, rgbaToUnitRgb } from '../../model/node/decode-jpeg';
import { rejectsWith, testWithShared } from './engine-fixtures';

const shared = testWithShared({ model: false, data: true });

/** An opaque image whose pixel (x, y) has RGB = f(x, y). */
function image(width: number, height: number, f: (x: number, y: number) => [number, number, number], alpha = 255): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set([...f(x, y), alpha], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

shared('a 64×64 val JPEG comes out bit-identical to RGB / 255, the training input', () => {
  for (const file of listSplit(SHARED_DATA_DIR, 'val').slice(0, 20)) {
    const img = readJpeg(file.path);
    const expected = rgbaToUnitRgb(img);
    const actual = preprocess(img);
    assert.is(actual.length, 64 * 64 * 3);
    assert.ok(actual.every((v, i) => Object.is(v, expected[i])), file.path);
  }
});

test('the output is HWC row-major RGB / 255', () => {
  const out = preprocess(image(64, 64, (x, y) => [x, y, 200]));
  const at = (row: number, col: number, ch: number) => out[(row * 64 + col) * 3 + ch];
  assert.is(at(3, 10, 0), Math.fround(10 / 255));
  assert.is(at(3, 10, 1), Math.fround(3 / 255));
  assert.is(at(3, 10, 2), Math.fround(200 / 255));
});

test('a wide image is center-cropped to a square before resizing', () => {
  assert.equal(centerCropBox(100, 60), { x: 20, y: 0, width: 60, height: 60 });
  assert.equal(centerCropBox(60, 101), { x: 0, y: 20, width: 60, height: 60 });
  // A 64×32 image: the central 32×32 columns 16…47; the edges are red and must disappear.
  const wide = image(96, 64, (x) => (x < 16 || x >= 80 ? [255, 0, 0] : [0, 0, 255]));
  const out = preprocess(wide);
  for (let i = 0; i < out.length; i += 3) assert.equal([out[i], out[i + 2]], [0, 1]);
});

test('shrinking averages areas: 128×128 to 64×64 is the mean of each 2×2 block', () => {
  const big = image(128, 128, (x, y) => [(x * 7 + y * 3) % 256, (x * y) % 256, (x + y) % 2 ? 255 : 0]);
  const out = preprocess(big);
  const px = (x: number, y: number, ch: number) => big.data[(y * 128 + x) * 4 + ch];
  for (const [row, col] of [[0, 0], [10, 33], [63, 63], [31, 5]]) {
    for (let ch = 0; ch < 3; ch++) {
      const mean = (px(2 * col, 2 * row, ch) + px(2 * col + 1, 2 * row, ch) + px(2 * col, 2 * row + 1, ch) + px(2 * col + 1, 2 * row + 1, ch)) / 4;
      assert.ok(Math.abs(out[(row * 64 + col) * 3 + ch] - mean / 255) < 1e-6);
    }
  }
  // The checkerboard channel averages to mid-grey exactly.
  assert.ok(Math.abs(out[2] - 0.5) < 1e-7);
});

test('shrinking by a fractional factor weights partly covered pixels by their share', () => {
  // 3 pixels → 2: out[0] = (p0 + 0.5·p1) / 1.5, out[1] = (0.5·p1 + p2) / 1.5.
  const row = resize({ width: 3, height: 1, data: Float64Array.from([0, 0, 0, 90, 90, 90, 30, 30, 30]) }, 2, 1);
  assert.ok(Math.abs(row.data[0] - 30) < 1e-12);
  assert.ok(Math.abs(row.data[3] - 50) < 1e-12);
});

test('enlarging interpolates bilinearly with half-pixel centres', () => {
  // 2 pixels → 4: centres at 0.25, 0.75, 1.25, 1.75 source pixels → clamp, 0.25, 0.75, clamp.
  const row = resize({ width: 2, height: 1, data: Float64Array.from([0, 0, 0, 100, 100, 100]) }, 4, 1);
  assert.equal(Array.from(row.data.filter((_, i) => i % 3 === 0)), [0, 25, 75, 100]);
  const out = preprocess(image(16, 16, () => [51, 102, 153]));
  assert.ok(out.every((v, i) => Math.abs(v - [0.2, 0.4, 0.6][i % 3]) < 1e-6), 'a flat image stays flat');
});

test('transparent pixels are composited on white', () => {
  const plane = compositeOnWhite(image(1, 1, () => [0, 100, 255], 0));
  assert.equal(Array.from(plane.data), [255, 255, 255]);
  const half = compositeOnWhite({ width: 1, height: 1, data: [0, 100, 255, 51] });
  assert.equal(Array.from(half.data), [204, 224, 255]);
  const out = preprocess(image(64, 64, () => [0, 0, 0], 0));
  assert.ok(out.every((v) => v === 1));
});

test('a wrongly sized pixel buffer is refused', () => {
  assert.throws(() => preprocess({ width: 4, height: 4, data: new Uint8Array(10) }), /4×4 RGBA pixels/);
});

test('ImageData-like pixels pass through the adapter without a canvas', async () => {
  const img = image(64, 64, (x, y) => [x * 4, y * 4, 0]);
  const pixels = await getRgbaPixels(img);
  assert.is(pixels.data, img.data);
  const input = await imageToInput(img, [64, 64, 3]);
  assert.equal(Array.from(input), Array.from(preprocess(img)));
});

test('without OffscreenCanvas, a bitmap is refused with a clear message', async () => {
  const bitmap = { width: 10, height: 10, close() {} } as unknown as ImageBitmap;
  await rejectsWith(() => getRgbaPixels(bitmap), /OffscreenCanvas is not available/);
});

test('a bitmap is drawn at its natural size on an OffscreenCanvas and read back', async () => {
  const drawn: unknown[] = [];
  class FakeCanvas {
    constructor(readonly width: number, readonly height: number) {}
    getContext() {
      const { width, height } = this;
      return {
        drawImage: (...args: unknown[]) => drawn.push(args),
        getImageData: () => ({ width, height, data: new Uint8ClampedArray(width * height * 4).fill(255) }),
      };
    }
  }
  const g = globalThis as { OffscreenCanvas?: unknown };
  g.OffscreenCanvas = FakeCanvas;
  try {
    const bitmap = { width: 80, height: 70, close() {} } as unknown as ImageBitmap;
    const pixels = await getRgbaPixels(bitmap);
    assert.equal([pixels.width, pixels.height, pixels.data.length], [80, 70, 80 * 70 * 4]);
    assert.equal(drawn, [[bitmap, 0, 0, 80, 70]]);
    const input = await imageToInput(bitmap, [64, 64, 3]);
    assert.ok(input.every((v) => v === 1));
  } finally {
    delete g.OffscreenCanvas;
  }
});

test.run();
