/**
 * The overview's column labels, planned so that they never overlap: the richest form that
 * fits every column's share of the width is used for all of them.
 *
 * - `name`:  the layer's own name and its ⓘ on one line (`conv_1_1 ⓘ`);
 * - `kind`:  two lines, the kind of layer, then its block and place in the block (`conv` / `1·1 ⓘ`);
 * - `short`: the same with the shortest kind words (`pool` / `2 ⓘ`);
 * - `stacked`: three lines, the ⓘ on its own (`conv` / `1·1` / `ⓘ`), for the tightest figures.
 *
 * Blocks and places come from the layer kinds (a block ends at a pooling layer), never from
 * names, so any model gets labels; the full name is always the label's title and readout.
 * With `detail`, a shape line follows, again in the longest form that fits.
 */
import { LAYER_KINDS } from '../shared/layer-kinds';
import type { ColumnKind } from './layout';

export type LabelTier = 'name' | 'kind' | 'short' | 'stacked';

/** The width an ⓘ takes beside its text (its 14 px circle and a 3 px margin). */
export const INFO_WIDTH = 17;
/** Clear space kept between neighbouring labels. */
export const LABEL_GUTTER = 6;
/** Height of one label line (11 px text). */
export const LABEL_LINE = 14;

/** What a label shows: its lines of text (the ⓘ follows the last one, which may be empty) and its shape line. */
export interface ColumnLabel {
  lines: string[];
  shape: string;
  /** Set when shapes alternate between two rows (too wide for one): 0 or 1, the row of this one. */
  shapeRow?: number;
  /** The layer's own name, for titles and accessible names. */
  full: string;
}

export interface LabelPlan {
  tier: LabelTier;
  labels: ColumnLabel[];
  /** The height the labels need, shape line included. */
  height: number;
}

export interface LabelColumn {
  name: string;
  kind: ColumnKind;
  count: number;
  height: number;
  width: number;
}

/** Words for each kind: the medium one, then the shortest. */
const KIND_WORDS: Readonly<Record<ColumnKind, readonly [string, string]>> = {
  input: ['input', 'input'],
  conv: ['conv', 'conv'],
  relu: ['ReLU', 'ReLU'],
  maxpool: ['max pool', 'pool'],
  avgpool: ['avg pool', 'pool'],
  flatten: ['flatten', 'flat'],
  dense: ['dense', 'dense'],
  softmax: ['softmax', 'softmax'],
  output: ['output', 'output'],
};

/**
 * Each column's block and place: `1·2` is the second layer of its kind in block 1, a
 * pooling layer closing block 2 is `2`; the input and output have none.
 */
export function blockPlaces(cols: readonly LabelColumn[]): string[] {
  let block = 1;
  let seen = new Map<string, number>();
  return cols.map((c) => {
    if (c.kind === 'input' || c.kind === 'output') return '';
    const family = LAYER_KINDS[c.kind].family;
    if (family === 'pooling') {
      const label = String(block);
      block++;
      seen = new Map();
      return label;
    }
    const n = (seen.get(family) ?? 0) + 1;
    seen.set(family, n);
    return `${block}·${n}`;
  });
}

/** Shape lines from the longest to the shortest form. */
function shapeForms(c: LabelColumn): string[] {
  if (c.kind === 'output') return [`(${c.count})`, String(c.count)];
  return [`(${c.height}, ${c.width}, ${c.count})`, `${c.height}×${c.width}×${c.count}`, `${c.height}×${c.width}`];
}

/**
 * The labels for columns `pitch` px apart (the output column gets `outputSpace`), measured
 * with `measure` (text width in px at the labels' size).
 */
export function planLabels(
  cols: readonly LabelColumn[],
  pitch: number,
  outputSpace: number,
  detail: boolean,
  measure: (text: string) => number,
): LabelPlan {
  const places = blockPlaces(cols);
  const space = (c: LabelColumn) => (c.kind === 'output' ? outputSpace : pitch) - LABEL_GUTTER;
  const fits = (text: string, c: LabelColumn, info = false) => measure(text) + (info ? INFO_WIDTH : 0) <= space(c);
  // Two-line forms put the input's and output's ⓘ on a second line of their own.
  const twoLines = (word: string, i: number) => [word, places[i]];
  const candidates: { tier: LabelTier; lines: (c: LabelColumn, i: number) => string[] }[] = [
    { tier: 'name', lines: (c) => [c.kind === 'output' ? 'output' : c.name] },
    { tier: 'kind', lines: (c, i) => twoLines(KIND_WORDS[c.kind][0], i) },
    { tier: 'short', lines: (c, i) => twoLines(KIND_WORDS[c.kind][1], i) },
    { tier: 'stacked', lines: (c, i) => (places[i] ? [KIND_WORDS[c.kind][1], places[i], ''] : [KIND_WORDS[c.kind][1], '']) },
  ];
  const chosen = candidates.find((cand) => cols.every((c, i) => {
    const lines = cand.lines(c, i);
    return lines.every((line, k) => fits(line, c, k === lines.length - 1));
  })) ?? candidates[candidates.length - 1];
  const lines = cols.map((c, i) => chosen.lines(c, i));
  // Two-line tiers keep the ⓘ on a line of its own height even where one line would do.
  const lineCount = Math.max(1, ...lines.map((l) => l.length));
  // Shapes: the longest form that fits every column; failing that, alternate rows, which
  // gives each shape two columns' room.
  let shapes = cols.map(() => '');
  let staggered = false;
  if (detail) {
    const forms = cols.map(shapeForms);
    const depth = Math.max(...forms.map((f) => f.length));
    const pickAt = (k: number) => forms.map((f) => f[Math.min(k, f.length - 1)]);
    const fitting = (room: (c: LabelColumn) => number) => {
      for (let k = 0; k < depth; k++) {
        const pick = pickAt(k);
        if (pick.every((t, i) => measure(t) <= room(cols[i]))) return pick;
      }
      return null;
    };
    const single = fitting(space);
    const double = single ? null : fitting((c) => (c.kind === 'output' ? outputSpace : 2 * pitch) - LABEL_GUTTER);
    shapes = single ?? double ?? pickAt(depth - 1);
    staggered = !single;
  }
  return {
    tier: chosen.tier,
    labels: cols.map((c, i) => ({ lines: lines[i], shape: shapes[i], full: c.kind === 'output' ? 'output' : c.name, ...(staggered ? { shapeRow: i % 2 } : {}) })),
    height: (lineCount + (detail ? (staggered ? 2 : 1) : 0)) * LABEL_LINE + 6,
  };
}

/** A width estimate for 11 px UI text, for layouts computed away from a browser. */
export function estimateTextWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[mwMW]/.test(ch) ? 9.5 : /[il.,·:;'|!()\s]/.test(ch) ? 3.5 : /[A-Z0-9_×]/.test(ch) ? 7.2 : 6.3;
  return w;
}
