/**
 * Pure helpers shared by the four small operation views (<cnn-relu-view>, <cnn-pool-view>,
 * <cnn-flatten-view>, <cnn-softmax-view>): grid positions and keyboard
 * moves, choosing a layer, channel or class from an attribute (with a reason when the
 * attribute does not fit), and the step ↔ cell mapping of row-major playback. No DOM.
 */
import type { LayerInfo, LayerKind, ModelInfo } from '../../shared/network-types';

/** What a view of one layer's operation on one channel knows of where it stands. */
export interface LayerChannelData {
  /** Changes whenever what is on show changes (model, image, layer or channel). */
  key: string;
  layer: LayerInfo;
  layerIndex: number;
  /** The layer before, whose output this layer reads. */
  inputLayer: LayerInfo;
  /** [h, w, c] going in. */
  inShape: [number, number, number];
  /** [outH, outW, c] coming out. */
  outShape: [number, number, number];
  channel: number;
}

/** A channel picked by a view's rule (no channel named), and the rule in a few words for the figure's text. */
export interface ChannelChoice {
  channel: number;
  /** E.g. "where the most values are non-zero". */
  rule: string;
}

export interface GridPosition {
  row: number;
  col: number;
}

/** Row-major playback: step s is the cell (⌊s / width⌋, s mod width). */
export const positionOfStep = (step: number, width: number): GridPosition => ({ row: Math.floor(step / width), col: step % width });
export const stepOfPosition = (p: GridPosition, width: number): number => p.row * width + p.col;

/** Arrow keys move a cell within rows × cols; null for any other key. */
export function moveByKey(key: string, p: GridPosition, rows: number, cols: number): GridPosition | null {
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const m = moves[key];
  if (!m) return null;
  return { row: Math.max(0, Math.min(rows - 1, p.row + m[0])), col: Math.max(0, Math.min(cols - 1, p.col + m[1])) };
}

/** A size × size block of cells around `center`, kept inside a rows × cols map. */
export function blockAround(center: GridPosition, size: number, rows: number, cols: number): { row0: number; col0: number; rows: number; cols: number } {
  const h = Math.min(size, rows);
  const w = Math.min(size, cols);
  const row0 = Math.max(0, Math.min(rows - h, center.row - Math.floor(h / 2)));
  const col0 = Math.max(0, Math.min(cols - w, center.col - Math.floor(w / 2)));
  return { row0, col0, rows: h, cols: w };
}

/**
 * The block around `anchor` (the playback position) while it holds `shown`, else around
 * `shown`: a lens that follows a previewed cell only when it must, so cells do not slide
 * away under a pointer that is reading them.
 */
export function anchoredBlock(anchor: GridPosition, shown: GridPosition, size: number, rows: number, cols: number) {
  const block = blockAround(anchor, size, rows, cols);
  const inside = shown.row >= block.row0 && shown.row < block.row0 + block.rows && shown.col >= block.col0 && shown.col < block.col0 + block.cols;
  return inside ? block : blockAround(shown, size, rows, cols);
}

/** Layers of the given kinds; map kinds (everything but vectors) must have an [h, w, c] shape. */
export function layersOfKind(info: ModelInfo | null, kinds: readonly LayerKind[]): LayerInfo[] {
  return (info?.layers ?? []).filter((l, i) => i > 0 && kinds.includes(l.kind));
}

export interface Choice<T> {
  value: T;
  /** Why the requested value was not used; empty when it was (or nothing was asked for). */
  problem: string;
}

/** A layer by name among `names`; anything else falls back to the first one. */
export function chooseLayer(requested: string, names: readonly string[], what: string): Choice<string> {
  if (names.includes(requested)) return { value: requested, problem: '' };
  const fallback = names[0] ?? '';
  const problem = requested ? `layer="${requested}" is not ${what} of this model (${names.join(', ')}); showing "${fallback}".` : '';
  return { value: fallback, problem };
}

/**
 * A channel 0 … count − 1. `raw` is the attribute as written (null when absent), so that
 * "abc" or "2.5" can be named in the warning; anything out of range falls back to 0.
 */
export function chooseChannel(raw: string | null, value: number, count: number, layer: string, what = 'a channel'): Choice<number> {
  if (Number.isInteger(value) && value >= 0 && value < count && (raw === null || /^\s*\d+\s*$/.test(raw))) return { value, problem: '' };
  return { value: 0, problem: `channel="${raw ?? value}" is not ${what} of ${layer} (0 to ${count - 1}); showing 0.` };
}

/**
 * A class from a name (any case, spaces or dashes or underscores alike) or an index.
 * Returns -1 when `value` names none of `classNames`.
 */
export function classIndexOf(value: string, classNames: readonly string[]): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const i = Number(v);
    return i < classNames.length ? i : -1;
  }
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  return classNames.findIndex((n) => norm(n) === norm(v));
}
