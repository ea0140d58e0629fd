/**
 * Everything <cnn-pool-view> shows for one pooling layer, channel and image: the map that
 * goes in, each output cell's window (with its winner, from model/ops maxPoolWindow), the
 * engine's output, and how much pooling throws away, from the shapes. No DOM.
 */
import { avgPoolWindow, maxPoolWindow, type AvgPoolWindow, type MaxPoolWindow, type PoolGeometry } from '../../../model/ops/pool-window';
import { channelPlane } from '../../../model/ops/flatten-order';
import { windowGeometry } from '../../../model/ops/window-geometry';
import { symmetricDomain, type SymmetricDomain } from '../../shared/diverging-colors';
import type { LayerInfo, ModelInfo, NetworkRun } from '../../shared/network-types';
import { kindsOf, LAYER_KINDS } from '../../shared/layer-kinds';
import { layersOfKind, type ChannelChoice, type GridPosition, type LayerChannelData } from '../shared/view-helpers';
import { formatCount, maxAbs } from '../../shared/numbers';

export type PoolMode = 'max' | 'avg';

/** Pooling steps whose input and output are maps. */
export function poolLayerNames(info: ModelInfo | null): string[] {
  if (!info) return [];
  return layersOfKind(info, kindsOf('pooling'))
    .filter((l) => l.shape.length === 3 && info.layers[info.layers.indexOf(l) - 1]?.shape.length === 3)
    .map((l) => l.name);
}

/** The layer's window, stride and padding, with Keras's defaults (stride = pool size, 'valid'). */
export function poolGeometryOf(layer: LayerInfo): PoolGeometry {
  const poolSize = layer.poolSize ?? [2, 2];
  return { poolSize, strides: layer.strides ?? poolSize, padding: layer.padding ?? 'valid' };
}

export interface PoolBudget {
  inValues: number;
  outValues: number;
  channels: number;
  windowArea: number;
  /** Windows share cells (stride smaller than the window). */
  overlapping: boolean;
  /** Input rows and columns that no window reads (at the bottom and right). */
  unreadRows: number;
  unreadCols: number;
}

export interface PoolViewData extends LayerChannelData {
  mode: PoolMode;
  geometry: PoolGeometry;
  /** The channel going in, [h, w] row-major. */
  inPlane: Float32Array;
  /** The channel coming out as the engine computed it, [outH, outW] row-major. */
  output: Float32Array;
  /** One window per output cell, row-major, from model/ops. */
  windows: (MaxPoolWindow | AvgPoolWindow)[];
  /** 1 where an input cell is the winner of some window (max pooling only). */
  winners: Uint8Array;
  /** For each input cell, the first output cell whose window holds it (−1: none). */
  readBy: Int32Array;
  domain: SymmetricDomain;
  budget: PoolBudget;
}

export function buildPoolData(info: ModelInfo | null, run: NetworkRun | null, layerName: string, channel: number): PoolViewData | null {
  if (!info || !run) return null;
  const layerIndex = info.layers.findIndex((l) => l.name === layerName);
  const layer = info.layers[layerIndex];
  if (!layer || LAYER_KINDS[layer.kind].family !== 'pooling' || layer.shape.length !== 3) return null;
  const inputLayer = info.layers[layerIndex - 1];
  const input = run.values[layerIndex - 1];
  const out = run.values[layerIndex];
  if (!input || !out || inputLayer.shape.length !== 3 || channel < 0 || channel >= layer.shape[2]) return null;
  const inShape = inputLayer.shape as [number, number, number];
  const outShape = layer.shape as [number, number, number];
  const geometry = poolGeometryOf(layer);
  const mode: PoolMode = layer.kind === 'maxpool' ? 'max' : 'avg';
  const [h, w] = inShape;
  const [oh, ow] = outShape;
  const windows: (MaxPoolWindow | AvgPoolWindow)[] = [];
  const winners = new Uint8Array(h * w);
  const readBy = new Int32Array(h * w).fill(-1);
  for (let row = 0; row < oh; row++) {
    for (let col = 0; col < ow; col++) {
      const win = mode === 'max'
        ? maxPoolWindow(input, inShape, channel, row, col, geometry)
        : avgPoolWindow(input, inShape, channel, row, col, geometry);
      windows.push(win);
      for (const cell of win.cells) if (readBy[cell.row * w + cell.col] < 0) readBy[cell.row * w + cell.col] = row * ow + col;
      if ('argmax' in win) {
        const best = win.cells[win.argmax];
        winners[best.row * w + best.col] = 1;
      }
    }
  }
  const inPlane = channelPlane(input, inShape, channel);
  return {
    key: `${info.url}|${run.imageKey}|${layer.name}|${channel}`,
    layer, layerIndex, inputLayer, inShape, outShape, channel, mode, geometry, inPlane,
    output: channelPlane(out, outShape, channel),
    windows, winners, readBy,
    domain: symmetricDomain(maxAbs(inPlane)),
    budget: poolBudget(inShape, outShape, geometry),
  };
}

export function poolBudget(inShape: readonly number[], outShape: readonly number[], geometry: PoolGeometry): PoolBudget {
  const [h, w, channels] = inShape;
  const [oh, ow] = outShape;
  const [ph, pw] = geometry.poolSize;
  const [sh, sw] = geometry.strides;
  const g = windowGeometry(h, w, geometry.poolSize, geometry.strides, geometry.padding);
  const lastRow = (oh - 1) * sh - g.padTop + ph;
  const lastCol = (ow - 1) * sw - g.padLeft + pw;
  return {
    inValues: h * w,
    outValues: oh * ow,
    channels,
    windowArea: ph * pw,
    overlapping: sh < ph || sw < pw,
    unreadRows: Math.max(0, h - lastRow),
    unreadCols: Math.max(0, w - lastCol),
  };
}

/** How much the layer discards, in words, e.g. "3 of every 4 values are dropped: 3,600 → 900 for this map". */
export function discardSentence(b: PoolBudget, mode: PoolMode): string {
  const counts = `${formatCount(b.inValues)} → ${formatCount(b.outValues)} for this map` +
    (b.channels > 1 ? ` (${formatCount(b.inValues * b.channels)} → ${formatCount(b.outValues * b.channels)} over all ${b.channels} channels)` : '');
  const parts = [
    b.unreadRows ? (b.unreadRows > 1 ? `${b.unreadRows} rows` : 'row') : '',
    b.unreadCols ? (b.unreadCols > 1 ? `${b.unreadCols} columns` : 'column') : '',
  ].filter(Boolean);
  const single = parts.length === 1 && !/^\d/.test(parts[0]);
  const unread = parts.length ? ` The last ${parts.join(' and ')} ${single ? 'fits no window and is' : 'fit no window and are'} never read.` : '';
  if (mode === 'avg') return `Every ${b.windowArea} values are averaged into 1: ${counts}.${unread}`;
  if (b.overlapping) return `Each output keeps 1 of the ${b.windowArea} values under its window (windows overlap): ${counts}.${unread}`;
  return `${b.windowArea - 1} of every ${b.windowArea} values are dropped: ${counts}.${unread}`;
}

/** The value a window gives: its maximum or its mean. */
export const windowResult = (win: MaxPoolWindow | AvgPoolWindow): number => ('argmax' in win ? win.max : win.mean);

export function windowAt(data: PoolViewData, p: GridPosition): MaxPoolWindow | AvgPoolWindow {
  return data.windows[p.row * data.outShape[1] + p.col];
}

/** The output cell whose window holds input cell `p` (the first, if windows overlap); null if none reads it. */
export function outputCellOf(data: PoolViewData, p: GridPosition): GridPosition | null {
  const o = data.readBy[p.row * data.inShape[1] + p.col];
  return o < 0 ? null : { row: Math.floor(o / data.outShape[1]), col: o % data.outShape[1] };
}

/** The sentence the live region reads for one window. */
export function poolSentence(data: PoolViewData, p: GridPosition, fmt: (v: number) => string): string {
  const win = windowAt(data, p);
  const values = win.cells.map((c) => fmt(c.value)).join(', ');
  if ('argmax' in win) {
    const best = win.cells[win.argmax];
    return `Window (${p.row}, ${p.col}): max(${values}) = ${fmt(win.max)}, from input (${best.row}, ${best.col}).`;
  }
  return `Window (${p.row}, ${p.col}): mean(${values}) = ${fmt(win.mean)}.`;
}

/** The rule, in the figure's words. */
export const POOL_CHANNEL_RULE = 'where the most values are non-zero';

/**
 * The channel a pooling view shows when none is named: the one whose input map (what the
 * layer pools) has the most values other than 0, so that the windows have something to
 * choose between; the first channel on a tie. Null when the layer is not a pooled map.
 */
export function poolChannelRule(info: ModelInfo, run: NetworkRun, layerName: string): ChannelChoice | null {
  const li = info.layers.findIndex((l) => l.name === layerName);
  const layer = info.layers[li];
  const input = run.values[li - 1];
  if (!layer || LAYER_KINDS[layer.kind].family !== 'pooling' || layer.shape.length !== 3 || !input) return null;
  const channels = layer.shape[2];
  const nonZero = new Float64Array(channels);
  for (let i = 0; i < input.length; i++) if (input[i] !== 0) nonZero[i % channels]++;
  let best = 0;
  for (let k = 1; k < channels; k++) if (nonZero[k] > nonZero[best]) best = k;
  return { channel: best, rule: POOL_CHANNEL_RULE };
}

/**
 * The window a finished pooling pass shows: the one whose values spread the most (largest
 * maximum minus minimum; the first in row-major order on a tie), where the kept value
 * stands out most from the dropped ones. It is never a window of equal values (all zeros,
 * say) unless every window is one.
 */
export function poolFeaturedWindow(data: PoolViewData): GridPosition {
  let best = 0;
  let bestSpread = -1;
  data.windows.forEach((win, i) => {
    const values = win.cells.map((c) => c.value);
    const spread = values.length ? Math.max(...values) - Math.min(...values) : 0;
    if (spread > bestSpread) {
      bestSpread = spread;
      best = i;
    }
  });
  return { row: Math.floor(best / data.outShape[1]), col: best % data.outShape[1] };
}
