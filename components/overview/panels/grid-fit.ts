/**
 * How to lay n equal tiles into a box so that they are as large as possible: the number of
 * tiles per row, and the unit (cell) size. A tile is `units` cells wide and tall plus a
 * fixed extra height (its caption), tiles are `gap` apart. Pure.
 */
export interface GridFit {
  perRow: number;
  rows: number;
  /** Side of one cell in px (a tile is units × cell). */
  cell: number;
  /** The size the tiles take. */
  width: number;
  height: number;
}

export interface GridFitOptions {
  count: number;
  width: number;
  height: number;
  /** Cells per tile side (3 for a 3 × 3 kernel, 1 for a map). */
  units?: number;
  /** Extra height under each tile (a caption). */
  caption?: number;
  gap?: number;
  maxCell?: number;
  /** Fixed px a tile adds across and down (the 1 px lines between its cells). */
  tileExtra?: number;
}

export function fitGrid(o: GridFitOptions): GridFit {
  const units = o.units ?? 1;
  const caption = o.caption ?? 0;
  const gap = o.gap ?? 8;
  const extra = o.tileExtra ?? 0;
  const count = Math.max(1, o.count);
  let best: GridFit = { perRow: count, rows: 1, cell: 0, width: 0, height: 0 };
  for (let perRow = 1; perRow <= count; perRow++) {
    const rows = Math.ceil(count / perRow);
    const byWidth = (o.width - (perRow - 1) * gap - perRow * extra) / (perRow * units);
    const byHeight = (o.height - rows * (caption + extra) - (rows - 1) * gap) / (rows * units);
    const cell = Math.floor(Math.min(byWidth, byHeight, o.maxCell ?? Infinity));
    if (cell > best.cell) {
      best = { perRow, rows, cell, width: perRow * (units * cell + extra) + (perRow - 1) * gap, height: rows * (units * cell + extra + caption) + (rows - 1) * gap };
    }
  }
  return best;
}
