/**
 * Paints every map canvas of the overview after a render: canvases that name a column and
 * channel (`data-column`, `data-channel`) get that map, `data-rgb` ones the input picture.
 * A canvas remembers what it shows, so a render that changed nothing paints nothing.
 */
import { paintInputChannel, paintMap, paintRgb } from '../shared/map-painter';
import type { NetworkRun } from '../shared/network-types';
import type { ColumnView } from './overview-view';

/** Each run's serial: a new run of the same picture (another model, the reader's edits) paints again. */
const runIds = new WeakMap<NetworkRun, number>();
let runCount = 0;

export function paintCanvases(root: ParentNode, cols: readonly ColumnView[], run: NetworkRun | null, scale: string): void {
  if (!run) return;
  let id = runIds.get(run);
  if (id === undefined) runIds.set(run, (id = ++runCount));
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-column], canvas[data-rgb]')) {
    const rgb = canvas.hasAttribute('data-rgb');
    const key = `${id}|${run.imageKey}|${scale}|${rgb ? 'rgb' : `${canvas.dataset.column}:${canvas.dataset.channel}`}`;
    if (canvas.dataset.painted === key) continue;
    const input = cols[0];
    if (rgb) {
      if (!input?.values) continue;
      paintRgb(canvas, input.values, input.shape);
    } else {
      const col = cols[Number(canvas.dataset.column)];
      const ch = Number(canvas.dataset.channel);
      if (!col?.values) continue;
      if (col.kind === 'input') paintInputChannel(canvas, col.values, col.shape, ch);
      else if (col.domain) paintMap(canvas, col.values, col.shape, ch, col.domain);
      else continue;
    }
    canvas.dataset.painted = key;
  }
}
