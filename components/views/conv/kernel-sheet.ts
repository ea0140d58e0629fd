/**
 * Moving through kernels with the arrow keys, however they are laid out: the kernels on
 * show sit in a sheet of `cols` columns (one column stacks them, as in the channel rows; a
 * row puts them side by side). An arrow moves one weight across the whole sheet, from one
 * kernel into its neighbour, and stops at the sheet's edges. Pure.
 */

export interface WeightRef {
  /** Input channel (which kernel). */
  ci: number;
  ky: number;
  kx: number;
}

export interface KernelSheet {
  /** The input channels whose kernels are on show, in reading order. */
  channels: readonly number[];
  cols: number;
  kh: number;
  kw: number;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The weight an arrow key leads to from `at`; null for other keys or a kernel not on the sheet. */
export function moveInSheet(sheet: KernelSheet, at: WeightRef, key: string): WeightRef | null {
  const m = MOVES[key];
  const slot = sheet.channels.indexOf(at.ci);
  if (!m || slot < 0) return null;
  const { cols, kh, kw } = sheet;
  const n = sheet.channels.length;
  const sheetRows = Math.ceil(n / cols);
  const y = Math.floor(slot / cols) * kh + at.ky + m[0];
  const x = (slot % cols) * kw + at.kx + m[1];
  if (y < 0 || x < 0 || y >= sheetRows * kh || x >= cols * kw) return at;
  const target = Math.floor(y / kh) * cols + Math.floor(x / kw);
  if (target >= n) return at;
  return { ci: sheet.channels[target], ky: y % kh, kx: x % kw };
}
