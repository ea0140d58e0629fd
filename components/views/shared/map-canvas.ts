/**
 * Geometry and ink for the views' maps: which cell a pointer is over, the percent box of a
 * cell range for an overlay, and text colour that reads on a cell's background. Painting
 * is components/shared/map-painter.ts.
 */

/**
 * What a figure with an input grid and an output grid does with the pointer, focus and keys
 * on them: an input cell probed, an output cell previewed or chosen (conv view, hyperparameters).
 */
export interface InputOutputHandlers {
  onInputPointer(e: PointerEvent): void;
  onInputLeave(): void;
  onInputFocus(e: FocusEvent): void;
  onInputBlur(): void;
  onInputKey(e: KeyboardEvent): void;
  onOutputPointer(e: PointerEvent): void;
  onOutputLeave(): void;
  onOutputClick(e: MouseEvent): void;
  onOutputKey(e: KeyboardEvent): void;
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
