/**
 * The overview's geometry, computed from the model's layer list alone (kinds and shapes,
 * never names), so any supported Sequential model lays itself out.
 *
 * Columns: the input (one map per colour channel), one column per conv, ReLU and pooling
 * layer (one map per channel), and the output (one row per class). Flatten and dense layers
 * have no column of their own: the edges into the output stand for them.
 */

import { LAYER_KINDS, type LayerKind } from '../shared/layer-kinds';

/** A column shows one layer's maps, or the classes ('output', the last dense layer). */
export type ColumnKind = LayerKind | 'output';

export interface LayerShape {
  name: string;
  kind: LayerKind;
  /** Output shape without the batch dimension: [h, w, c] for maps, [n] for vectors. */
  shape: readonly number[];
}

export interface Column {
  /** Index into the layer list this column shows (the last dense layer for the output). */
  layerIndex: number;
  name: string;
  kind: ColumnKind;
  /** Maps (or classes, for the output). */
  count: number;
  height: number;
  width: number;
}

export interface MapBox {
  column: number;
  channel: number;
  x: number;
  y: number;
  size: number;
}

export interface Edge {
  from: { column: number; channel: number };
  to: { column: number; channel: number };
}

export interface WideLayout {
  width: number;
  height: number;
  mapSize: number;
  /** Distance between the left edges of neighbouring map columns. */
  pitch: number;
  columnX: number[];
  boxes: MapBox[][];
  outputX: number;
  outputWidth: number;
  rowHeight: number;
}

export function columnsOf(layers: readonly LayerShape[]): Column[] {
  const cols: Column[] = [];
  let lastDense = -1;
  layers.forEach((layer, i) => {
    if (LAYER_KINDS[layer.kind].mapColumn && layer.shape.length === 3) {
      const [h, w, c] = layer.shape;
      cols.push({ layerIndex: i, name: layer.name, kind: layer.kind, count: c, height: h, width: w });
    } else if (layer.kind === 'dense') {
      lastDense = i;
    }
  });
  if (lastDense >= 0) {
    const n = layers[lastDense].shape[0];
    cols.push({ layerIndex: lastDense, name: layers[lastDense].name, kind: 'output', count: n, height: 1, width: 1 });
  }
  return cols;
}

/**
 * Edges between consecutive columns: a convolution reads every map of the column before it,
 * ReLU and pooling read the same channel, the output reads every map of the last column.
 */
export function edgesInto(cols: readonly Column[], column: number): Edge[] {
  const target = cols[column];
  if (!target || column === 0) return [];
  const source = cols[column - 1];
  const edges: Edge[] = [];
  const oneToOne = target.kind !== 'output' && LAYER_KINDS[target.kind].oneToOne && source.count === target.count;
  for (let t = 0; t < target.count; t++) {
    if (oneToOne) edges.push({ from: { column: column - 1, channel: t }, to: { column, channel: t } });
    else for (let s = 0; s < source.count; s++) edges.push({ from: { column: column - 1, channel: s }, to: { column, channel: t } });
  }
  return edges;
}

export function allEdges(cols: readonly Column[]): Edge[] {
  return cols.flatMap((_, i) => edgesInto(cols, i));
}

/** Below this width the overview stacks layers vertically instead of shrinking columns. */
export const NARROW_BREAKPOINT = 720;

export interface WideOptions {
  width: number;
  /** The most height the maps may take (fitted figures); unbounded when absent. */
  height?: number;
  outputWidth?: number;
  /** Room kept free left of the first column (for a label wider than its map). */
  leftInset?: number;
  maxMap?: number;
  minMap?: number;
  gapRatio?: number;
}

/** The height a column of `count` maps of side `size` takes, with the gaps between them. */
export function stackHeight(count: number, size: number): number {
  return count * size + (count - 1) * verticalGap(size);
}

const verticalGap = (size: number) => Math.max(3, Math.round(size * 0.16));

/**
 * Absolute positions for the wide (desktop) layout: columns left to right. Maps are as large
 * as the width allows (and the height, when given); when the height is the limit, the
 * columns spread out over the width, which leaves their labels more room.
 */
export function wideLayout(cols: readonly Column[], opts: WideOptions): WideLayout {
  const outputWidth = opts.outputWidth ?? 230;
  const mapCols = cols.filter((c) => c.kind !== 'output');
  const n = Math.max(1, mapCols.length);
  const gapRatio = opts.gapRatio ?? 0.4;
  const inset = opts.leftInset ?? 0;
  const available = Math.max(0, opts.width - outputWidth - inset);
  const maxCount = Math.max(1, ...mapCols.map((c) => c.count));
  // n maps and n gaps (the last gap leads into the output column).
  const pitchFit = available / n;
  const minMap = opts.minMap ?? 24;
  let mapSize = Math.floor(Math.max(minMap, Math.min(opts.maxMap ?? 64, pitchFit / (1 + gapRatio))));
  if (opts.height !== undefined) {
    const floor = Math.min(minMap, 8);
    while (mapSize > floor && stackHeight(maxCount, mapSize) > opts.height) mapSize--;
  }
  const gap = Math.floor(Math.max(mapSize * gapRatio, Math.min(pitchFit - mapSize, mapSize * 1.5)));
  const vGap = verticalGap(mapSize);
  const height = stackHeight(maxCount, mapSize);
  const spare = Math.max(0, available - n * (mapSize + gap));
  const left = inset + Math.floor(spare / 2);
  const columnX: number[] = [];
  const boxes: MapBox[][] = [];
  mapCols.forEach((c, ci) => {
    const x = left + ci * (mapSize + gap);
    columnX.push(x);
    const h = stackHeight(c.count, mapSize);
    const top = Math.floor((height - h) / 2);
    boxes.push(Array.from({ length: c.count }, (_, ch) => ({ column: ci, channel: ch, x, y: top + ch * (mapSize + vGap), size: mapSize })));
  });
  const outputX = left + n * (mapSize + gap);
  const out = cols.find((c) => c.kind === 'output');
  // Class rows: at least 18 px (24 for the two-line rows of a narrow column) unless the height forbids it.
  const minRow = out ? Math.min(outputWidth < 200 ? 24 : 18, (opts.height ?? Infinity) / out.count) : 0;
  const rowHeight = out ? Math.max(minRow, Math.min(mapSize + vGap, height / out.count)) : 0;
  let totalHeight = height;
  if (out) {
    const oh = rowHeight * out.count;
    totalHeight = Math.max(height, oh);
    const top = Math.floor((height - oh) / 2);
    columnX.push(outputX);
    boxes.push(Array.from({ length: out.count }, (_, ch) => ({ column: mapCols.length, channel: ch, x: outputX, y: Math.max(0, top) + ch * rowHeight, size: rowHeight })));
  }
  return { width: opts.width, height: totalHeight, mapSize, pitch: mapSize + gap, columnX, boxes, outputX, outputWidth, rowHeight };
}

/** The point where an edge leaves a source box and enters a target box. */
export function edgeAnchors(layout: WideLayout, e: Edge): { x1: number; y1: number; x2: number; y2: number } {
  const a = layout.boxes[e.from.column][e.from.channel];
  const b = layout.boxes[e.to.column][e.to.channel];
  return { x1: a.x + a.size, y1: a.y + a.size / 2, x2: b.x, y2: b.y + b.size / 2 };
}
