/**
 * Paints maps into canvases at their native size (one pixel per value); CSS scales them up
 * with pixelated sampling. Image channels are drawn from black to their own hue, every
 * other map in the shared diverging scale.
 */
import { paintChannel, type SymmetricDomain } from '../../shared/diverging-colors';

const TINTS: readonly [number, number, number][] = [[255, 40, 40], [40, 190, 60], [50, 90, 255]];

function imageFor(canvas: HTMLCanvasElement, width: number, height: number): ImageData {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return new ImageData(width, height);
}

/**
 * Channel `channel` of an HWC map. A null domain means an image channel (values 0 to 1),
 * tinted with the channel's colour.
 */
export function paintMapChannel(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  shape: readonly number[],
  channel: number,
  domain: SymmetricDomain | null,
): void {
  const [h, w, c] = shape;
  const img = imageFor(canvas, w, h);
  if (domain) {
    paintChannel(values as Float32Array, w, h, c, channel, domain, img.data);
  } else {
    const tint = TINTS[channel] ?? [255, 255, 255];
    const d = img.data;
    for (let p = 0; p < w * h; p++) {
      const v = Math.max(0, Math.min(1, values[p * c + channel]));
      d[p * 4] = v * tint[0];
      d[p * 4 + 1] = v * tint[1];
      d[p * 4 + 2] = v * tint[2];
      d[p * 4 + 3] = 255;
    }
  }
  canvas.getContext('2d')?.putImageData(img, 0, 0);
}

/** An image channel value (0 to 1) as a CSS colour, matching paintMapChannel. */
export function tintOf(value: number, channel: number): string {
  const tint = TINTS[channel] ?? [255, 255, 255];
  const v = Math.max(0, Math.min(1, value));
  return `rgb(${Math.round(v * tint[0])}, ${Math.round(v * tint[1])}, ${Math.round(v * tint[2])})`;
}

/**
 * Black or white text, whichever has the higher WCAG contrast on an rgb() background (one
 * of the two always reaches 4.5:1).
 */
export function inkOn(css: string): string {
  const m = css.match(/\d+/g);
  if (!m) return '#000000';
  const linear = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = m.map(Number);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

/** Percent box of a cell range on a rows × cols map, for an overlay. */
export function boxStyle(row: number, col: number, height: number, width: number, rows: number, cols: number): string {
  const top = Math.max(0, row);
  const left = Math.max(0, col);
  const bottom = Math.min(rows, row + height);
  const right = Math.min(cols, col + width);
  return `top:${(top / rows) * 100}%;left:${(left / cols) * 100}%;height:${((bottom - top) / rows) * 100}%;width:${((right - left) / cols) * 100}%`;
}

/** Which cell of a rows × cols map a pointer is over. */
export function cellFromPointer(e: PointerEvent | MouseEvent, el: Element, rows: number, cols: number): { row: number; col: number } | null {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  const col = Math.floor(((e.clientX - r.left) / r.width) * cols);
  const row = Math.floor(((e.clientY - r.top) / r.height) * rows);
  if (row < 0 || col < 0 || row >= rows || col >= cols) return null;
  return { row, col };
}
