/**
 * A small PNG encoder for 8-bit RGB pictures (the feature atlas), with no dependency: the
 * caller passes the zlib compressor (node:zlib's deflateSync in Node). Each row takes the
 * filter (None, Sub, Up, Average, Paeth) with the smallest sum of absolute bytes, the usual
 * heuristic. The output depends only on the pixels and the compressor.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Rows prefixed with their filter byte, each row filtered the cheapest way. */
export function filterRows(width: number, height: number, rgb: Uint8Array, bytesPerPixel = 3): Uint8Array {
  const stride = width * bytesPerPixel;
  const out = new Uint8Array(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rgb.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    let best = Infinity;
    for (let f = 0; f < 5; f++) {
      let cost = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
        const b = up[i];
        const c = i >= bytesPerPixel ? up[i - bytesPerPixel] : 0;
        const predicted = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[i] - predicted) & 0xff;
        candidate[i] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < best) {
        best = cost;
        out[y * (stride + 1)] = f;
        out.set(candidate, y * (stride + 1) + 1);
      }
    }
  }
  return out;
}

/** A PNG file of an 8-bit RGB picture (rgb: width × height × 3 bytes, row-major). */
export function encodePngRgb(width: number, height: number, rgb: Uint8Array, deflate: (data: Uint8Array) => Uint8Array): Uint8Array {
  if (rgb.length !== width * height * 3) throw new RangeError(`A ${width} × ${height} RGB picture needs ${width * height * 3} bytes, got ${rgb.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', deflate(filterRows(width, height, rgb))), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
