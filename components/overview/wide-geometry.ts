/**
 * Everything the wide overview needs to place its parts in a box: the columns' layout, the
 * labels that fit the columns' spacing, and the heights of the label and legend rows.
 * Pure: text widths come from the `measure` function the element passes (canvas metrics
 * in a browser, an estimate in tests).
 */
import { INFO_WIDTH, planLabels, type LabelPlan } from './column-labels';
import { wideLayout, type Column, type WideLayout } from './layout';

export interface WideGeometryOptions {
  width: number;
  /** The height of the whole network (labels, maps, legends) in a fitted figure. */
  height?: number;
  detail: boolean;
  /** Whether the colour legends sit under the columns. */
  legends: boolean;
  measure: (text: string) => number;
}

export interface WideGeometry {
  layout: WideLayout;
  labels: LabelPlan;
  /** Height of the label row above the maps. */
  labelH: number;
  /** Height of the legend row under the maps (0 without legends). */
  legendH: number;
  /** Labels + maps + legends. */
  height: number;
}

export const LEGEND_ROW = 34;

/** The output column's width: narrower boxes give the maps a larger share. */
export function outputWidthFor(width: number): number {
  return Math.round(Math.max(132, Math.min(230, width * 0.2)));
}

export function wideGeometry(cols: readonly Column[], opts: WideGeometryOptions): WideGeometry {
  const outputWidth = outputWidthFor(opts.width);
  const legendH = opts.legends ? LEGEND_ROW : 0;
  // The first label may be wider than its map: keep it inside the figure.
  let inset = 0;
  const place = (labelH: number) => {
    const layout = wideLayout(cols, {
      width: opts.width,
      outputWidth,
      leftInset: inset,
      ...(opts.height !== undefined ? { height: Math.max(0, opts.height - labelH - legendH), minMap: 12 } : {}),
    });
    return { layout, labels: planLabels(cols, layout.pitch, outputWidth, opts.detail, opts.measure) };
  };
  // Labels depend on the columns' spacing, which (in a bounded height) depends on the labels'
  // height: start from the tallest labels, then take shorter ones while they still fit.
  let labelH = planLabels(cols, 0, 0, opts.detail, opts.measure).height;
  let guess = place(labelH);
  for (let round = 0; round < 2 && guess.labels.height < labelH; round++) {
    const shorter = place(guess.labels.height);
    if (shorter.labels.height > guess.labels.height) break;
    labelH = guess.labels.height;
    guess = shorter;
  }
  const first = guess.labels.labels[0];
  if (first && cols[0]?.kind !== 'output') {
    const widest = Math.max(...first.lines.map((l, i) => opts.measure(l) + (i === first.lines.length - 1 ? INFO_WIDTH : 0)), first.shape ? opts.measure(first.shape) : 0);
    const overhang = Math.ceil(widest / 2 - guess.layout.mapSize / 2 - guess.layout.columnX[0]) + 2;
    if (overhang > 0) {
      inset = overhang;
      const again = place(labelH);
      if (again.labels.height <= labelH) guess = again;
    }
  }
  return { layout: guess.layout, labels: guess.labels, labelH, legendH, height: labelH + guess.layout.height + legendH };
}
