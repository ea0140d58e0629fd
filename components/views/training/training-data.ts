/**
 * What the training figure knows of a training run, as plain data (no DOM, no TF.js): the
 * saved epochs a reader can scrub through (from checkpoints/index.json), the curves of
 * loss and accuracy (from report.json), which epoch was shipped, and the rules that turn
 * an `epoch` attribute into a saved epoch. Nothing here names a file or an epoch: both
 * come from the run's own files.
 */

/** One saved point of training a reader can scrub to. */
export interface Stop {
  epoch: number;
  /** The checkpoint file in checkpoints/ (e.g. 'epoch-005.bin'). */
  file: string;
  /** Whether these are the shipped weights. */
  shipped: boolean;
  /** 'raw' or 'ema' (an average of the weights), as the index says. */
  weights: string;
}

/** The three curves: training batches, the early-stopping half and the held-out half of val. */
export const CURVE_NAMES = ['train', 'early', 'heldOut'] as const;
export type CurveName = (typeof CURVE_NAMES)[number];

export interface CurvePoint { epoch: number; value: number }

export interface TrainingCurves {
  loss: Record<CurveName, CurvePoint[]>;
  accuracy: Record<CurveName, CurvePoint[]>;
  /** The last epoch trained. */
  lastEpoch: number;
  /** The epoch whose weights were shipped, and which weights (raw or ema); null when the report does not say. */
  shipped: { epoch: number; weights: string } | null;
  /** Pictures in each half of val, when the report lists them. */
  halfSizes: { early: number; heldOut: number } | null;
}

interface IndexEntry { epoch?: unknown; label?: unknown; file?: unknown; weights?: unknown }

/** A plain-words error for a file that is not what the figure expects. */
export class TrainingFileError extends Error {
  override name = 'TrainingFileError';
}

const FILE = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The saved epochs of checkpoints/index.json, in order. The "final" entry is the shipped
 * weights: when a plain epoch file holds the same epoch, the shipped one takes its place.
 */
export function stopsFromIndex(index: unknown): Stop[] {
  const list = (index as { checkpoints?: unknown } | null)?.checkpoints;
  if (!Array.isArray(list)) throw new TrainingFileError('The list of training checkpoints (index.json) has no checkpoints in it.');
  const byEpoch = new Map<number, Stop>();
  for (const raw of list as IndexEntry[]) {
    const epoch = raw?.epoch;
    const file = raw?.file;
    if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0 || typeof file !== 'string' || !FILE.test(file)) continue;
    const shipped = raw.label === 'final';
    const stop: Stop = { epoch, file, shipped, weights: typeof raw.weights === 'string' ? raw.weights : 'raw' };
    const known = byEpoch.get(epoch);
    if (!known || (shipped && !known.shipped)) byEpoch.set(epoch, stop);
  }
  const stops = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  if (stops.length === 0) throw new TrainingFileError('The list of training checkpoints (index.json) names no checkpoint file.');
  return stops;
}

interface EpochRecord {
  epoch?: unknown; loss?: unknown; accuracy?: unknown;
  valLoss?: unknown; valAccuracy?: unknown; testLoss?: unknown; testAccuracy?: unknown;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The per-epoch curves of report.json: train (loss, accuracy), early-stopping half (valLoss, valAccuracy), held-out half (testLoss, testAccuracy). */
export function curvesFromReport(report: unknown): TrainingCurves {
  const r = report as { epochs?: unknown; selection?: { epoch?: unknown; weights?: unknown }; split?: { earlyStopHalf?: unknown; testHalf?: unknown } } | null;
  if (!r || !Array.isArray(r.epochs) || r.epochs.length === 0) throw new TrainingFileError('The training report (report.json) has no epochs in it.');
  const fields: Record<'loss' | 'accuracy', Record<CurveName, keyof EpochRecord>> = {
    loss: { train: 'loss', early: 'valLoss', heldOut: 'testLoss' },
    accuracy: { train: 'accuracy', early: 'valAccuracy', heldOut: 'testAccuracy' },
  };
  const curve = (field: keyof EpochRecord): CurvePoint[] => (r.epochs as EpochRecord[])
    .filter((e) => finite(e?.epoch) && finite(e[field]))
    .map((e) => ({ epoch: e.epoch as number, value: e[field] as number }))
    .sort((a, b) => a.epoch - b.epoch);
  const pick = (f: Record<CurveName, keyof EpochRecord>) => ({ train: curve(f.train), early: curve(f.early), heldOut: curve(f.heldOut) });
  const lastEpoch = Math.max(...(r.epochs as EpochRecord[]).map((e) => (finite(e?.epoch) ? e.epoch : 0)));
  const sel = r.selection;
  const shipped = sel && finite(sel.epoch) ? { epoch: sel.epoch, weights: typeof sel.weights === 'string' ? sel.weights : 'raw' } : null;
  const early = r.split?.earlyStopHalf;
  const heldOut = r.split?.testHalf;
  const halfSizes = Array.isArray(early) && Array.isArray(heldOut) ? { early: early.length, heldOut: heldOut.length } : null;
  return { loss: pick(fields.loss), accuracy: pick(fields.accuracy), lastEpoch, shipped, halfSizes };
}

/** The index of the stop nearest `epoch` (the later one on a tie: training moves on). */
export function nearestStop(stops: readonly Stop[], epoch: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++) {
    if (Math.abs(stops[i].epoch - epoch) <= Math.abs(stops[best].epoch - epoch)) best = i;
  }
  return best;
}

/** The stop of the shipped weights: the "final" checkpoint, else the report's selected epoch, else the last. */
export function shippedStop(stops: readonly Stop[], shippedEpoch: number | null): number {
  const marked = stops.findIndex((s) => s.shipped);
  if (marked >= 0) return marked;
  const at = shippedEpoch === null ? -1 : stops.findIndex((s) => s.epoch === shippedEpoch);
  return at >= 0 ? at : stops.length - 1;
}

/** Saved epochs as a reader reads them: "0–10, 15, 20, 25, 30, 40, …, 100". */
export function describeEpochs(stops: readonly Stop[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < stops.length) {
    let j = i;
    while (j + 1 < stops.length && stops[j + 1].epoch === stops[j].epoch + 1) j++;
    parts.push(j - i >= 2 ? `${stops[i].epoch}–${stops[j].epoch}` : stops.slice(i, j + 1).map((s) => String(s.epoch)).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * The stop an `epoch` attribute asks for: empty means the shipped epoch; a whole number
 * that was not saved gives the nearest saved one; anything else gives the shipped one.
 * `problem` says what was wrong, for a console warning ('' when nothing).
 */
export function resolveEpoch(raw: string, stops: readonly Stop[], shipped: number): { index: number; problem: string } {
  const text = raw.trim();
  if (text === '') return { index: shipped, problem: '' };
  if (!/^\d{1,7}$/.test(text)) {
    return { index: shipped, problem: `epoch="${text.slice(0, 20)}" is not a whole number of epochs; showing the shipped epoch, ${stops[shipped].epoch}.` };
  }
  const epoch = Number(text);
  const index = nearestStop(stops, epoch);
  if (stops[index].epoch === epoch) return { index, problem: '' };
  return { index, problem: `epoch="${text}" was not saved (saved: ${describeEpochs(stops)}); showing epoch ${stops[index].epoch}, the nearest saved one.` };
}

/** The curves' values at one epoch, for the readout and the marker; null where a curve has no point. */
export function valuesAt(curves: TrainingCurves, epoch: number): Record<'loss' | 'accuracy', Record<CurveName, number | null>> {
  const at = (points: CurvePoint[]) => points.find((p) => p.epoch === epoch)?.value ?? null;
  const of = (kind: 'loss' | 'accuracy') => ({ train: at(curves[kind].train), early: at(curves[kind].early), heldOut: at(curves[kind].heldOut) });
  return { loss: of('loss'), accuracy: of('accuracy') };
}

/** One row of the prediction: a class, its probability at the epoch on show and in the shipped model. */
export interface PredictionRow { index: number; name: string; probability: number; shipped: number | null }

/**
 * The top `k` classes at the epoch on show, and the shipped model's top class when it is
 * not among them (last), each with the shipped model's probability for comparison.
 */
export function predictionRows(probabilities: ArrayLike<number>, shipped: ArrayLike<number> | null, classNames: readonly string[], k: number): PredictionRow[] {
  const order = Array.from({ length: probabilities.length }, (_, i) => i).sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  const picked = order.slice(0, k);
  if (shipped && shipped.length === probabilities.length) {
    let top = 0;
    for (let i = 1; i < shipped.length; i++) if (shipped[i] > shipped[top]) top = i;
    if (!picked.includes(top)) picked.push(top);
  }
  return picked.map((i) => ({ index: i, name: classNames[i] ?? `class ${i}`, probability: probabilities[i], shipped: shipped && shipped.length === probabilities.length ? shipped[i] : null }));
}

/** A percentage for a reader: one decimal below 10 %, none above. */
export function percent(p: number): string {
  const v = p * 100;
  return `${v < 9.95 ? v.toFixed(1) : v.toFixed(0)}\u00a0%`;
}
