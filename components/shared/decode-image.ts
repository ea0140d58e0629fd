/**
 * Turns a file, a pasted or dropped blob, or an image address into an ImageBitmap the
 * figures can use, or into a message a reader can act on. Nothing here throws, and a file
 * is decoded on this page: no network request is made for it.
 */
import {
  FORMAT_NAMES,
  countGifFrames,
  jpegLooksComplete,
  looksLikeText,
  pngLooksComplete,
  readImageHeaderSize,
  readJpegOrientation,
  sniffImageType,
  type ImageSize,
  type ImageType,
} from './image-headers';

export { FORMAT_NAMES, readImageHeaderSize, sniffImageType, type ImageSize, type ImageType };

export interface DecodedImage {
  ok: true;
  /** The picture, upright, with its longest side at most `decodeSide` pixels. */
  bitmap: ImageBitmap;
  /** The bitmap's size. */
  width: number;
  height: number;
  /** Plain sentences for the reader about how the picture was adapted. */
  notes: string[];
  type: ImageType;
  /** The picture's size before any downscaling. */
  original: ImageSize;
}

export interface ImageRefusal {
  ok: false;
  /** Why the picture was not used, written for a reader. */
  message: string;
}

export type DecodeResult = DecodedImage | ImageRefusal;

export interface DecodeLimits {
  /** The longest side, in pixels, a picture may have. */
  maxSide: number;
  /** The most pixels (width × height) a picture may have. */
  maxPixels: number;
  /** The largest file, in bytes. */
  maxBytes: number;
  /** Pictures are downscaled so that their longest side is at most this. */
  decodeSide: number;
  /** Pictures smaller than this on a side get a note that they will look blocky. */
  tinySide: number;
}

export const DEFAULT_LIMITS: Readonly<DecodeLimits> = {
  maxSide: 10_000,
  maxPixels: 40_000_000,
  maxBytes: 60 * 1024 * 1024,
  decodeSide: 1024,
  tinySide: 32,
};

/** The formats every current browser decodes, as a list a sentence can end with. */
export const WORKING_FORMATS = 'JPEG, PNG, GIF, WebP and BMP';

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|bmp|avif|heic|heif|tiff?|svg)$/i;

const refuse = (message: string): ImageRefusal => ({ ok: false, message });

/** “name”, shortened in the middle when long; “This file” when there is no name. */
export function quoteName(name: string | undefined): string {
  const n = (name ?? '').trim();
  if (!n) return 'This file';
  return `“${n.length > 48 ? `${n.slice(0, 30)}…${n.slice(-15)}` : n}”`;
}

const megapixels = (s: ImageSize): string => (s.width * s.height / 1e6).toFixed(s.width * s.height >= 1e7 ? 0 : 1);
const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);

/** Why a file of this type cannot be used at all, or null when it may be decoded. */
function refusalForType(type: ImageType, bytes: Uint8Array, shown: string, name: string): string | null {
  const named = IMAGE_EXTENSION.exec(name);
  const despite = named ? `, even though its name ends in ${named[0].toLowerCase()}` : '';
  switch (type) {
    case 'unknown':
      return looksLikeText(bytes)
        ? `${shown} is not an image${despite}: it holds text. Please choose a picture (${WORKING_FORMATS} work).`
        : `${shown} is not an image${despite}: it matches no picture format this page knows. Pictures that work: ${WORKING_FORMATS}.`;
    case 'svg':
      return `${shown} is an SVG drawing. SVG is vector graphics and can carry scripts, so this page does not open it. Please save it as a PNG or JPEG and use that.`;
    case 'tiff':
      return `${shown} is a TIFF image, which web browsers cannot show. Pictures that work: ${WORKING_FORMATS}.`;
    case 'heic':
      return `${shown} is a HEIC photo (the iPhone’s format), which most browsers cannot show. Please use a JPEG instead (${WORKING_FORMATS} work).`;
    default:
      return null;
  }
}

function sizeRefusal(size: ImageSize, shown: string, limits: DecodeLimits): string | null {
  if (Math.max(size.width, size.height) <= limits.maxSide && size.width * size.height <= limits.maxPixels) return null;
  return `${shown} is ${size.width} × ${size.height} pixels (${megapixels(size)} megapixels), too large to open here. ` +
    `The limit is ${limits.maxSide} pixels on a side and ${limits.maxPixels / 1e6} megapixels; please make it smaller first.`;
}

const cutOff = (shown: string, type: ImageType): string =>
  `${shown} looks cut off: the end of the ${FORMAT_NAMES[type]} data is missing, perhaps because a download or copy did not finish. Please try the complete file.`;

function undecodable(shown: string, type: ImageType): string {
  if (type === 'jpeg') return cutOff(shown, type);
  if (type === 'avif') return `${shown} is an AVIF image, which this browser cannot show. Pictures that work: ${WORKING_FORMATS}.`;
  return `${shown} could not be read as a ${FORMAT_NAMES[type]} picture; the file may be damaged. Pictures that work: ${WORKING_FORMATS}.`;
}

/** Decodes a file or blob locally. Never throws: failures come back as `{ ok: false, message }`. */
export async function decodeImageFile(file: Blob, name?: string, limits: Partial<DecodeLimits> = {}): Promise<DecodeResult> {
  const fileName = name ?? (file as Partial<File>).name ?? '';
  const shown = quoteName(fileName);
  try {
    return await decode(file, shown, fileName, { ...DEFAULT_LIMITS, ...limits });
  } catch {
    return refuse(`${shown} could not be opened as a picture. Pictures that work: ${WORKING_FORMATS}.`);
  }
}

async function decode(file: Blob, shown: string, name: string, limits: DecodeLimits): Promise<DecodeResult> {
  if (file.size === 0) return refuse(`${shown} is empty: it holds no data, so there is no picture in it.`);
  if (file.size > limits.maxBytes) {
    return refuse(`${shown} is ${megabytes(file.size)} MB; the largest file this page opens is ${megabytes(limits.maxBytes)} MB.`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  const typeRefusal = refusalForType(type, bytes, shown, name);
  if (typeRefusal) return refuse(typeRefusal);

  const header = readImageHeaderSize(bytes, type);
  const tooLarge = header && sizeRefusal(header, shown, limits);
  if (tooLarge) return refuse(tooLarge);
  if ((type === 'jpeg' && !jpegLooksComplete(bytes)) || (type === 'png' && !pngLooksComplete(bytes))) {
    return refuse(cutOff(shown, type));
  }

  // Browsers turn a JPEG upright by its EXIF orientation, and resize in that upright frame.
  const upright = header && type === 'jpeg' && readJpegOrientation(bytes) >= 5
    ? { width: header.height, height: header.width }
    : header;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, resizeOptions(upright, limits.decodeSide));
  } catch {
    return refuse(undecodable(shown, type));
  }
  const original = upright ?? { width: bitmap.width, height: bitmap.height };
  const lateRefusal = sizeRefusal(original, shown, limits);
  if (lateRefusal) {
    bitmap.close();
    return refuse(lateRefusal);
  }
  bitmap = await fitWithin(bitmap, limits.decodeSide);
  return { ok: true, bitmap, width: bitmap.width, height: bitmap.height, notes: notesFor(bitmap, bytes, type, original, limits), type, original };
}

function scaledToFit(size: ImageSize, side: number): ImageSize | null {
  const longest = Math.max(size.width, size.height);
  if (longest <= side) return null;
  const s = side / longest;
  return { width: Math.max(1, Math.round(size.width * s)), height: Math.max(1, Math.round(size.height * s)) };
}

function resizeOptions(size: ImageSize | null, side: number): ImageBitmapOptions {
  const target = size && scaledToFit(size, side);
  return target ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' } : {};
}

/** Downscales a bitmap the browser decoded at full size (when it ignored the resize options). */
async function fitWithin(bitmap: ImageBitmap, side: number): Promise<ImageBitmap> {
  const target = scaledToFit(bitmap, side);
  if (!target) return bitmap;
  try {
    const smaller = await createImageBitmap(bitmap, { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
    if (Math.max(smaller.width, smaller.height) <= side) {
      bitmap.close();
      return smaller;
    }
    smaller.close();
  } catch {
    // Keep the full-size bitmap: it is within the pixel limit.
  }
  return bitmap;
}

function notesFor(bitmap: ImageBitmap, bytes: Uint8Array, type: ImageType, original: ImageSize, limits: DecodeLimits): string[] {
  const notes: string[] = [];
  if (Math.min(original.width, original.height) < limits.tinySide) {
    notes.push(`This picture is only ${original.width} × ${original.height} pixels, so it was enlarged and will look blocky.`);
  }
  if (type === 'gif') {
    const { frames, looping } = countGifFrames(bytes);
    if (frames > 1) notes.push(`This is an animated GIF with ${frames} frames; only its first frame is used.`);
    else if (frames === 0 && looping) notes.push('This is an animated GIF; only its first frame is used.');
  }
  if (isGrayscale(bitmap)) {
    notes.push('This picture is in shades of gray. The network expects colour, so each gray value is copied into red, green and blue alike.');
  }
  return notes;
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function sampleContext(width: number, height: number): Context2D | null {
  const options: CanvasRenderingContext2DSettings = { willReadFrequently: true };
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height).getContext('2d', options);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d', options);
}

/**
 * True when every visible pixel has R = G = B. Samples up to 64 × 64 real pixels (nearest
 * neighbour, so no blending can hide colour).
 */
export function isGrayscale(bitmap: ImageBitmap): boolean {
  const size = scaledToFit(bitmap, 64) ?? { width: bitmap.width, height: bitmap.height };
  const ctx = sampleContext(size.width, size.height);
  if (!ctx) return false;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, 0, 0, size.width, size.height);
  const data = ctx.getImageData(0, 0, size.width, size.height).data;
  let visible = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue;
    visible++;
    if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) return false;
  }
  return visible > 0;
}


export interface LoadUrlOptions {
  /** Give up waiting for the site after this long (default 20 s). */
  timeoutMs?: number;
  /** Relative addresses resolve against this (default: the document's base URL). */
  base?: string;
  limits?: Partial<DecodeLimits>;
}

const FETCHABLE = new Set(['http:', 'https:', 'data:', 'blob:']);

/** A short name for what an address points at: its file name, else its host. */
function nameFromUrl(url: URL): string {
  if (url.protocol === 'data:' || url.protocol === 'blob:') return url.href.length > 40 ? `${url.href.slice(0, 36)}…` : url.href;
  const last = url.pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : url.hostname;
  } catch {
    return last ?? url.hostname;
  }
}

function parseAddress(address: string, base: string | undefined): URL | ImageRefusal {
  const text = address.trim();
  if (!text) return refuse('Type or paste the address of a picture first.');
  try {
    return new URL(text, base ?? (typeof document !== 'undefined' ? document.baseURI : undefined));
  } catch {
    return refuse(`“${text.slice(0, 60)}” is not a web address. Addresses look like https://example.com/picture.jpg.`);
  }
}

/**
 * Fetches an image address without cookies and decodes it. A site that does not allow other
 * pages to read its images (no CORS header), an unreachable site and a web page instead of
 * a picture all come back as `{ ok: false, message }`.
 */
export async function loadImageUrl(address: string, options: LoadUrlOptions = {}): Promise<DecodeResult> {
  const url = parseAddress(address, options.base);
  if (!(url instanceof URL)) return url;
  if (url.protocol === 'file:') {
    return refuse('A file: address points to your own computer, which a web page may not read. Use the Upload button to choose the file instead.');
  }
  if (!FETCHABLE.has(url.protocol)) {
    return refuse(`Only web addresses starting with http:// or https:// can be loaded; “${url.protocol}” addresses cannot.`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
  const site = url.protocol.startsWith('http') ? url.host : 'that address';
  try {
    let response: Response;
    try {
      response = await fetch(url.href, { mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer', signal: controller.signal });
    } catch {
      if (controller.signal.aborted) return refuse(`${site} took too long to answer. Try again, or download the picture and upload it.`);
      return refuse(`${site} does not let other web pages read its pictures, or it could not be reached. ` +
        'Download the picture to your device, then upload it here with the Upload button.');
    }
    if (!response.ok) {
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      return refuse(`${site} answered “${status}” instead of sending a picture. Check the address, or download the picture and upload it.`);
    }
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limits.maxBytes) {
      return refuse(`That picture is ${megabytes(declared)} MB; the largest file this page opens is ${megabytes(limits.maxBytes)} MB.`);
    }
    const blob = await response.blob();
    const isPage = /html/i.test(response.headers.get('content-type') ?? '');
    if (isPage && sniffImageType(new Uint8Array(await blob.slice(0, 4096).arrayBuffer())) === 'unknown') {
      return refuse('That address leads to a web page, not to a picture. On that page, right-click the picture, choose “Copy image address” and paste that here.');
    }
    return await decodeImageFile(blob, nameFromUrl(url), limits);
  } catch {
    return refuse(`The picture at ${site} could not be downloaded completely. Try again, or download it and upload it.`);
  } finally {
    clearTimeout(timer);
  }
}
