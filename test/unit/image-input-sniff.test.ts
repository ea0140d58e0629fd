import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jpeg from 'jpeg-js';
import { readImageHeaderSize, sniffImageType } from '../../components/shared/decode-image';
import { countGifFrames, jpegLooksComplete, looksLikeText, pngLooksComplete, readJpegOrientation } from '../../components/shared/image-headers';
import {
  TIFF_HEADER, SVG_WITH_SCRIPT, animatedGif, crc32, encodeBmp, encodePng, isoFtyp, jpegHeader, pngHeaderOnly, webpHeader,
} from '../fixtures/make-image-fixtures';

const text = (s: string) => new TextEncoder().encode(s);
const realJpeg = (w: number, h: number): Uint8Array => {
  const data = Buffer.alloc(w * h * 4, 128);
  return new Uint8Array(jpeg.encode({ data, width: w, height: h }, 80).data);
};

test('crc32 matches the published check value', () => {
  assert.is(crc32(text('123456789')), 0xcbf43926);
});

test('sniffImageType names each format by its magic bytes', () => {
  assert.is(sniffImageType(realJpeg(8, 8)), 'jpeg');
  assert.is(sniffImageType(jpegHeader(10, 10)), 'jpeg');
  assert.is(sniffImageType(pngHeaderOnly(1, 1)), 'png');
  assert.is(sniffImageType(animatedGif(2, [[255, 0, 0], [0, 0, 255]])), 'gif');
  assert.is(sniffImageType(text('GIF87a\x01\x00\x01\x00')), 'gif');
  assert.is(sniffImageType(webpHeader('VP8X', 5, 5)), 'webp');
  assert.is(sniffImageType(encodeBmp(2, 2, () => [0, 0, 0])), 'bmp');
  assert.is(sniffImageType(TIFF_HEADER), 'tiff');
  assert.is(sniffImageType(Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])), 'tiff');
  assert.is(sniffImageType(isoFtyp('avif', ['mif1', 'avif'])), 'avif');
  assert.is(sniffImageType(isoFtyp('mif1', ['mif1', 'miaf', 'avif'])), 'avif', 'AVIF under a generic major brand');
  assert.is(sniffImageType(isoFtyp('heic', ['mif1', 'heic'])), 'heic');
  assert.is(sniffImageType(isoFtyp('isom', ['isom', 'mp41'])), 'unknown', 'an MP4 video is not an image');
});

test('sniffImageType reads SVG as text, with or without an XML prolog, BOM or comments', () => {
  assert.is(sniffImageType(text(SVG_WITH_SCRIPT)), 'svg');
  assert.is(sniffImageType(text('\uFEFF  <svg viewBox="0 0 1 1"></svg>')), 'svg');
  assert.is(sniffImageType(text('<!DOCTYPE svg><svg\nwidth="1"/>')), 'svg');
  assert.is(sniffImageType(text('<html><body>not svg</body></html>')), 'unknown');
  assert.is(sniffImageType(text('svg is a format')), 'unknown');
});

test('sniffImageType says unknown for text, empty input and near-misses', () => {
  assert.is(sniffImageType(text('Dear diary, this is not a photo.')), 'unknown');
  assert.is(sniffImageType(new Uint8Array(0)), 'unknown');
  assert.is(sniffImageType(Uint8Array.from([0xff, 0xd8])), 'unknown', 'two bytes are not a JPEG');
  assert.is(sniffImageType(text('BMW owners club newsletter, issue 4')), 'unknown', '"BM" alone is not a bitmap');
  assert.is(sniffImageType(text('RIFF....WAVEfmt ')), 'unknown', 'a WAV file is RIFF but not WebP');
});

test('looksLikeText tells text from binary', () => {
  assert.ok(looksLikeText(text('hello\nworld\t!')));
  assert.not.ok(looksLikeText(pngHeaderOnly(4, 4)));
  assert.not.ok(looksLikeText(new Uint8Array(0)));
});

test('readImageHeaderSize reads PNG IHDR, including a 12000 × 12000 header with no pixels', () => {
  assert.equal(readImageHeaderSize(pngHeaderOnly(12000, 12000), 'png'), { width: 12000, height: 12000 });
  assert.equal(readImageHeaderSize(encodePng(3, 5, 2, () => [1, 2, 3]), 'png'), { width: 3, height: 5 });
  assert.is(readImageHeaderSize(pngHeaderOnly(1, 1).subarray(0, 20), 'png'), null, 'cut inside IHDR');
});

test('readImageHeaderSize reads GIF and BMP (top-down BMPs have a negative height)', () => {
  assert.equal(readImageHeaderSize(animatedGif(40, [[0, 0, 0], [9, 9, 9]]), 'gif'), { width: 40, height: 40 });
  assert.equal(readImageHeaderSize(encodeBmp(7, 3, () => [0, 0, 0]), 'bmp'), { width: 7, height: 3 });
  const topDown = encodeBmp(7, 3, () => [0, 0, 0]);
  new DataView(topDown.buffer).setInt32(22, -3, true);
  assert.equal(readImageHeaderSize(topDown, 'bmp'), { width: 7, height: 3 });
});

test('readImageHeaderSize reads the three WebP flavours', () => {
  assert.equal(readImageHeaderSize(webpHeader('VP8X', 1920, 1080), 'webp'), { width: 1920, height: 1080 });
  assert.equal(readImageHeaderSize(webpHeader('VP8L', 300, 200), 'webp'), { width: 300, height: 200 });
  assert.equal(readImageHeaderSize(webpHeader('VP8 ', 640, 480), 'webp'), { width: 640, height: 480 });
});

test('readImageHeaderSize reads JPEG SOF0, SOF1 and SOF2 frames, past APP segments', () => {
  assert.equal(readImageHeaderSize(jpegHeader(4032, 3024, 0xc0), 'jpeg'), { width: 4032, height: 3024 });
  assert.equal(readImageHeaderSize(jpegHeader(100, 50, 0xc1), 'jpeg'), { width: 100, height: 50 });
  assert.equal(readImageHeaderSize(jpegHeader(800, 600, 0xc2, 6), 'jpeg'), { width: 800, height: 600 });
  assert.equal(readImageHeaderSize(realJpeg(33, 17), 'jpeg'), { width: 33, height: 17 });
  assert.is(readImageHeaderSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'jpeg'), null, 'no frame yet');
});

test('readImageHeaderSize gives null for formats it does not read and for zero sizes', () => {
  assert.is(readImageHeaderSize(TIFF_HEADER, 'tiff'), null);
  assert.is(readImageHeaderSize(text(SVG_WITH_SCRIPT), 'svg'), null);
  assert.is(readImageHeaderSize(pngHeaderOnly(0, 10), 'png'), null);
});

test('readJpegOrientation finds the EXIF orientation, 1 when there is none', () => {
  assert.is(readJpegOrientation(jpegHeader(10, 10, 0xc0, 6)), 6);
  assert.is(readJpegOrientation(jpegHeader(10, 10, 0xc0, 3)), 3);
  assert.is(readJpegOrientation(jpegHeader(10, 10)), 1);
});

test('jpegLooksComplete wants the end marker after the scan', () => {
  const whole = realJpeg(40, 30);
  assert.ok(jpegLooksComplete(whole));
  assert.not.ok(jpegLooksComplete(whole.subarray(0, whole.length - 2)), 'end marker cut off');
  assert.not.ok(jpegLooksComplete(whole.subarray(0, Math.floor(whole.length / 2))), 'cut in half');
  assert.not.ok(jpegLooksComplete(jpegHeader(10, 10)), 'no scan at all');
  const trailing = new Uint8Array(whole.length + 10);
  trailing.set(whole);
  assert.ok(jpegLooksComplete(trailing), 'bytes after the end marker are tolerated');
});

test('pngLooksComplete wants every chunk up to IEND', () => {
  const whole = encodePng(4, 4, 6, () => [1, 2, 3, 4]);
  assert.ok(pngLooksComplete(whole));
  assert.not.ok(pngLooksComplete(whole.subarray(0, whole.length - 12)));
  assert.not.ok(pngLooksComplete(pngHeaderOnly(12000, 12000)));
});

test('countGifFrames counts image descriptors and spots the looping block', () => {
  assert.equal(countGifFrames(animatedGif(4, [[255, 0, 0], [0, 255, 0], [0, 0, 255]])), { frames: 3, looping: true });
  const still = Uint8Array.from([...text('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b]);
  assert.equal(countGifFrames(still), { frames: 1, looping: false });
  assert.equal(countGifFrames(still.subarray(0, 8)), { frames: 0, looping: false });
});

test.run();
