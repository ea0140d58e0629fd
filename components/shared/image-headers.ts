/**
 * Reads what an image file is, and how big it claims to be, from its first bytes, without
 * decoding any pixels. No DOM: these functions run in Node (the unit tests) and browsers.
 */

export type ImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'svg' | 'avif' | 'tiff' | 'heic' | 'unknown';

export interface ImageSize {
  width: number;
  height: number;
}

/** Reader-facing names of the formats, as a sentence would say them. */
export const FORMAT_NAMES: Readonly<Record<ImageType, string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  svg: 'SVG',
  avif: 'AVIF',
  tiff: 'TIFF',
  heic: 'HEIC',
  unknown: 'unknown',
};

const BMP_INFO_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const u16be = (b: Uint8Array, i: number): number => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number): number => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const u32le = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const i32le = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

/** The format named by the file's magic bytes; SVG is recognised by reading the start as text. */
export function sniffImageType(bytes: Uint8Array): ImageType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  const head = ascii(bytes, 0, 12);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.startsWith('BM') && bytes.length >= 26 && BMP_INFO_HEADER_SIZES.has(u32le(bytes, 14))) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (head.slice(4, 8) === 'ftyp') return isoBrandType(bytes);
  if (looksLikeSvg(bytes)) return 'svg';
  return 'unknown';
}

/** AVIF and HEIC are ISO media files; their `ftyp` box lists brands that say which. */
function isoBrandType(bytes: Uint8Array): ImageType {
  const boxSize = Math.min(u32be(bytes, 0), bytes.length, 256);
  const brands = [ascii(bytes, 8, 4)];
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(bytes, i, 4));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIC_BRANDS.has(b) || b === 'mif1' || b === 'msf1')) return 'heic';
  return 'unknown';
}

function decodeTextStart(bytes: Uint8Array, limit: number): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, limit)).replace(/^\uFEFF/, '');
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const text = decodeTextStart(bytes, 4096);
  if (!text.trimStart().startsWith('<')) return false;
  return /<svg[\s>/]/i.test(text);
}

/** True when the start of the file reads as text (no NUL bytes, few control characters). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return control / sample.length < 0.02;
}

/** Width and height from the header, or null when the header is missing or not understood. */
export function readImageHeaderSize(bytes: Uint8Array, type: ImageType): ImageSize | null {
  const size = readSize(bytes, type);
  if (!size || !(size.width > 0) || !(size.height > 0)) return null;
  return size;
}

function readSize(b: Uint8Array, type: ImageType): ImageSize | null {
  switch (type) {
    case 'png':
      if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
      return { width: u32be(b, 16), height: u32be(b, 20) };
    case 'gif':
      if (b.length < 10) return null;
      return { width: u16le(b, 6), height: u16le(b, 8) };
    case 'bmp': {
      if (b.length < 26) return null;
      if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
      return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
    }
    case 'webp':
      return readWebpSize(b);
    case 'jpeg':
      return readJpegSize(b);
    default:
      return null;
  }
}

function readWebpSize(b: Uint8Array): ImageSize | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b.length >= 30 && startsWith(b, [0x9d, 0x01, 0x2a], 23)) {
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
}

interface JpegSegment {
  marker: number;
  /** Where the segment's payload starts (after the marker and the length field). */
  data: number;
  /** Payload length in bytes. */
  length: number;
}

/** Walks the marker segments of a JPEG, up to and including the first start-of-scan. */
function* jpegSegments(b: Uint8Array): Generator<JpegSegment> {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return;
    let marker = b[i + 1];
    while (marker === 0xff && i + 2 < b.length) marker = b[++i + 1];
    const standalone = marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
    if (standalone) { i += 2; continue; }
    if (marker === 0xd9) return;
    const length = u16be(b, i + 2);
    if (length < 2) return;
    yield { marker, data: i + 4, length: length - 2 };
    if (marker === 0xda) return;
    i += 2 + length;
  }
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function readJpegSize(b: Uint8Array): ImageSize | null {
  for (const seg of jpegSegments(b)) {
    if (isStartOfFrame(seg.marker) && seg.data + 5 <= b.length) {
      return { width: u16be(b, seg.data + 3), height: u16be(b, seg.data + 1) };
    }
  }
  return null;
}

/**
 * The EXIF orientation of a JPEG (1–8; 1 when absent). Values 5–8 mean the picture is
 * shown turned a quarter, so its displayed width is the stored height.
 */
export function readJpegOrientation(b: Uint8Array): number {
  for (const seg of jpegSegments(b)) {
    if (seg.marker !== 0xe1 || ascii(b, seg.data, 6) !== 'Exif\0\0') continue;
    const tiff = seg.data + 6;
    const end = Math.min(b.length, seg.data + seg.length);
    const little = ascii(b, tiff, 2) === 'II';
    const read16 = (i: number) => (little ? u16le(b, i) : u16be(b, i));
    const read32 = (i: number) => (little ? u32le(b, i) : u32be(b, i));
    if (tiff + 8 > end) return 1;
    const ifd = tiff + read32(tiff + 4);
    if (ifd + 2 > end) return 1;
    const count = read16(ifd);
    for (let k = 0; k < count; k++) {
      const entry = ifd + 2 + k * 12;
      if (entry + 12 > end) break;
      if (read16(entry) === 0x0112) {
        const value = read16(entry + 8);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }
  return 1;
}

/** True when a JPEG has its end-of-image marker after the first scan, i.e. was not cut short. */
export function jpegLooksComplete(b: Uint8Array): boolean {
  let scanStart = -1;
  for (const seg of jpegSegments(b)) if (seg.marker === 0xda) scanStart = seg.data + seg.length;
  if (scanStart < 0) return false;
  for (let i = scanStart; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

/** True when a PNG's chunks run on, whole, to its IEND chunk. */
export function pngLooksComplete(b: Uint8Array): boolean {
  let i = 8;
  while (i + 8 <= b.length) {
    const length = u32be(b, i);
    if (ascii(b, i + 4, 4) === 'IEND') return true;
    i += 12 + length;
  }
  return false;
}

export interface GifFrames {
  /** Image descriptors found: one per frame. */
  frames: number;
  /** Whether a NETSCAPE2.0 (looping animation) block is present. */
  looping: boolean;
}

/** Counts the frames of a GIF by walking its blocks (stops quietly at a damaged block). */
export function countGifFrames(b: Uint8Array): GifFrames {
  const result: GifFrames = { frames: 0, looping: false };
  if (b.length < 13) return result;
  let i = 13;
  if (b[10] & 0x80) i += 3 * (1 << ((b[10] & 7) + 1));
  const skipSubBlocks = (at: number): number => {
    while (at < b.length) {
      const size = b[at++];
      if (size === 0) return at;
      at += size;
    }
    return at;
  };
  while (i < b.length) {
    const block = b[i];
    if (block === 0x3b) break;
    if (block === 0x21) {
      if (b[i + 1] === 0xff && b[i + 2] === 11 && ascii(b, i + 3, 11) === 'NETSCAPE2.0') result.looping = true;
      i = skipSubBlocks(i + 2);
    } else if (block === 0x2c) {
      result.frames++;
      const flags = b[i + 9];
      i += 10;
      if (flags & 0x80) i += 3 * (1 << ((flags & 7) + 1));
      i = skipSubBlocks(i + 1);
    } else {
      break;
    }
  }
  return result;
}
