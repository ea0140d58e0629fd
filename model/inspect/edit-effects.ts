/**
 * What an edit changed: compare the records (model/engine's ActivationRecord) of one picture
 * before and after, for the figure's "what moved" highlights and its prose.
 */
import type { ActivationRecord } from '../engine/types';

export interface PredictionChange {
  before: { classIndex: number; probability: number };
  after: { classIndex: number; probability: number };
  /** True when the top class is another one. */
  topClassChanged: boolean;
  /** after − before, one per class. */
  deltas: Float32Array;
  /** The class whose probability moved most (either way). */
  mostMoved: number;
}

const argMax = (v: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
};

export function predictionChange(before: ActivationRecord, after: ActivationRecord): PredictionChange {
  const p = before.probabilities;
  const q = after.probabilities;
  if (p.length !== q.length) throw new RangeError(`The records have ${p.length} and ${q.length} classes`);
  const deltas = q.map((v, i) => v - p[i]);
  const top = argMax(p);
  const newTop = argMax(q);
  let mostMoved = 0;
  for (let i = 1; i < deltas.length; i++) if (Math.abs(deltas[i]) > Math.abs(deltas[mostMoved])) mostMoved = i;
  return {
    before: { classIndex: top, probability: p[top] },
    after: { classIndex: newTop, probability: q[newTop] },
    topClassChanged: top !== newTop,
    deltas,
    mostMoved,
  };
}

export interface LayerChange {
  name: string;
  /** Largest |after − before| over the layer's values. */
  maxAbsDiff: number;
  /** For maps [h, w, c]: the channels in which some value differs by more than the tolerance. */
  changedChannels: number[];
}

/** Per step, how far the values moved (`tolerance`: differences up to it count as none). */
export function layerChanges(before: ActivationRecord, after: ActivationRecord, tolerance = 0): LayerChange[] {
  if (before.layers.length !== after.layers.length) throw new RangeError('The records come from different models');
  return before.layers.map((a, i) => {
    const b = after.layers[i];
    if (a.name !== b.name || a.values.length !== b.values.length) throw new RangeError(`Step ${i} differs: ${a.name} and ${b.name}`);
    const channels = a.shape.length === 3 ? a.shape[2] : 0;
    const changed = new Set<number>();
    let worst = 0;
    for (let j = 0; j < a.values.length; j++) {
      const d = Math.abs(a.values[j] - b.values[j]);
      if (d > worst) worst = d;
      if (channels && d > tolerance) changed.add(j % channels);
    }
    return { name: a.name, maxAbsDiff: worst, changedChannels: [...changed].sort((x, y) => x - y) };
  });
}
