/**
 * Each picture address is downloaded and decoded once per page, and shared: the picker that
 * shows an example and every figure that runs it get their own copy of the one decoded
 * bitmap (a copy is cheap; the network's copy is handed to the worker and closed there).
 * A failure is not kept, so the next request tries again.
 */
import { loadImageUrl, type DecodeResult } from './decode-image';

const decoded = new Map<string, Promise<DecodeResult>>();
/** Decoded pictures kept at once (examples are small: 256 × 256). */
const KEPT = 24;

function decodedOnce(address: string): Promise<DecodeResult> {
  let result = decoded.get(address);
  if (!result) {
    result = loadImageUrl(address);
    decoded.set(address, result);
    void result.then((r) => { if (!r.ok) decoded.delete(address); });
    while (decoded.size > KEPT) {
      const oldest = decoded.keys().next().value as string;
      const dropped = decoded.get(oldest);
      decoded.delete(oldest);
      void dropped?.then((r) => { if (r.ok) r.bitmap.close(); });
    }
  }
  return result;
}

/** The picture at `address`, decoded once per page; the bitmap returned is the caller's own (it may transfer or close it). */
export async function sharedPicture(address: string): Promise<DecodeResult> {
  const href = new URL(address, typeof document !== 'undefined' ? document.baseURI : undefined).href;
  const result = await decodedOnce(href);
  if (!result.ok) return result;
  try {
    return { ...result, bitmap: await createImageBitmap(result.bitmap) };
  } catch {
    // The shared bitmap was closed (dropped while this copy was asked for): decode again.
    decoded.delete(href);
    return sharedPicture(href);
  }
}

/** Starts downloading and decoding a picture that the reader is likely to want next. */
export function warmPicture(address: string): void {
  void sharedPicture(address).then((r) => { if (r.ok) r.bitmap.close(); });
}
