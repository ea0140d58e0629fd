/**
 * The training figure's data, fetched only once the figure is in use: the run's saved
 * epochs (checkpoints/index.json) and curves (report.json) beside the model, and, per
 * saved epoch, what its weights do with the picture on show (a worker job, one at a time).
 * The epoch the reader asks for goes first; its neighbours follow in idle time, so that
 * scrubbing finds them ready. Each checkpoint's failure is kept apart: the other epochs
 * and the curves go on working.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { inferenceClient, backendOverride } from '../../shared/inference-client';
import { assetUrl } from '../../shared/asset-base';
import { variantKey } from '../../../model/engine/variant-key';
import { curvesFromReport, stopsFromIndex, type Stop, type TrainingCurves } from './training-data';
import { TRAINING_SNAPSHOT_JOB, type Snapshot, type SnapshotPayload } from './training-snapshot';

/** Snapshots kept (each about 160 kB: the maps dominate). */
const SNAPSHOTS_KEPT = 40;
/** Neighbours fetched ahead in idle time, nearest first. */
const NEIGHBOURS = [1, -1, 2, -2];

type Wanted = { stop: number; imageKey: string; input: Float32Array };

async function fetchJson(url: string, what: string): Promise<unknown> {
  const res = await fetch(url).catch(() => null);
  if (!res) throw new Error(`The ${what} could not be downloaded from ${url}: the connection failed.`);
  if (!res.ok) throw new Error(`The ${what} was not found at ${url} (the server answered ${res.status}).`);
  try {
    return await res.json();
  } catch {
    throw new Error(`The ${what} at ${url} is damaged: it is not JSON.`);
  }
}

const idle = (f: () => void): void => {
  const w = globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };
  if (w.requestIdleCallback) w.requestIdleCallback(f, { timeout: 400 });
  else setTimeout(f, 30);
};

export class TrainingController implements ReactiveController {
  stops: Stop[] = [];
  curves: TrainingCurves | null = null;
  /** Why the saved epochs or the curves are missing, in a reader's words; '' when they are not. */
  indexError = '';
  reportError = '';
  /** Whether the index and the report have both answered (with data or an error). */
  settled = false;

  private modelUrl = '';
  private readonly snapshots = new Map<string, Snapshot>();
  /** The newest snapshot of each file, whatever its picture: its kernels do not depend on the picture. */
  private readonly byFile = new Map<string, Snapshot>();
  private readonly failures = new Map<string, string>();
  private readonly inFlight = new Set<string>();
  private wanted: Wanted | null = null;
  private busy = false;
  private connected = true;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
  }

  /** Fetches the saved epochs and the curves of the model at `modelUrl`, once per model. */
  start(modelUrl: string): void {
    if (modelUrl === this.modelUrl) return;
    this.modelUrl = modelUrl;
    this.stops = [];
    this.curves = null;
    this.indexError = '';
    this.reportError = '';
    this.settled = false;
    this.snapshots.clear();
    this.byFile.clear();
    this.failures.clear();
    this.wanted = null;
    const index = fetchJson(new URL('checkpoints/index.json', modelUrl).href, 'list of training checkpoints').then((json) => {
      if (modelUrl === this.modelUrl) this.stops = stopsFromIndex(json);
    }).catch((err: Error) => { if (modelUrl === this.modelUrl) this.indexError = err.message; });
    const report = fetchJson(new URL('report.json', modelUrl).href, 'training report').then((json) => {
      if (modelUrl === this.modelUrl) this.curves = curvesFromReport(json);
    }).catch((err: Error) => { if (modelUrl === this.modelUrl) this.reportError = err.message; });
    void Promise.all([index, report]).then(() => {
      if (modelUrl !== this.modelUrl) return;
      this.settled = true;
      this.host.requestUpdate();
    });
  }

  private key(stop: number, imageKey: string): string {
    return `${this.stops[stop]?.file}|${imageKey}`;
  }

  /** What `stop`'s weights do with the picture `imageKey`, once loaded. */
  snapshot(stop: number, imageKey: string): Snapshot | undefined {
    return this.snapshots.get(this.key(stop, imageKey));
  }

  /** `stop`'s weights from any picture's snapshot (the kernels), once one is loaded. */
  weights(stop: number): Snapshot | undefined {
    return this.byFile.get(this.stops[stop]?.file ?? '');
  }

  /** Why `stop` could not be shown, in a reader's words; '' when nothing went wrong. */
  failure(stop: number): string {
    return this.failures.get(this.stops[stop]?.file ?? '') ?? '';
  }

  /** Whether `stop` is on its way (loading or running). */
  loading(stop: number, imageKey: string): boolean {
    return this.inFlight.has(this.key(stop, imageKey));
  }

  /** Asks for `stop` on the picture `imageKey` (its input as the network sees it); the neighbours follow in idle time. */
  show(stop: number, imageKey: string, input: Float32Array): void {
    if (stop < 0 || stop >= this.stops.length) return;
    this.wanted = { stop, imageKey, input };
    this.pump();
  }

  /** The next stop to load: the wanted one, else its nearest neighbour not yet loaded. */
  private next(): { stop: number; prefetch: boolean } | null {
    const w = this.wanted;
    if (!w) return null;
    const needed = (s: number) => s >= 0 && s < this.stops.length && !this.snapshots.has(this.key(s, w.imageKey)) && !this.failures.has(this.stops[s].file);
    if (needed(w.stop)) return { stop: w.stop, prefetch: false };
    const near = NEIGHBOURS.map((d) => w.stop + d).find(needed);
    return near === undefined ? null : { stop: near, prefetch: true };
  }

  private pump(): void {
    if (this.busy || !this.connected) return;
    const job = this.next();
    if (!job) return;
    this.busy = true;
    const run = () => {
      const w = this.wanted!;
      // The reader may have moved while this waited for an idle moment.
      const now = this.next();
      if (!now) { this.busy = false; return; }
      void this.load(now.stop, w).finally(() => { this.busy = false; this.pump(); });
    };
    if (job.prefetch) idle(run);
    else run();
  }

  private async load(stop: number, w: Wanted): Promise<void> {
    const file = this.stops[stop].file;
    const key = this.key(stop, w.imageKey);
    const modelUrl = this.modelUrl;
    this.inFlight.add(key);
    this.host.requestUpdate();
    try {
      const payload: SnapshotPayload = {
        modelKey: variantKey(modelUrl, { checkpoint: file }), input: w.input, wasmBase: assetUrl('wasm/'), backend: backendOverride(),
      };
      const snapshot = await (await inferenceClient()).run<Snapshot>(TRAINING_SNAPSHOT_JOB, payload);
      if (modelUrl !== this.modelUrl) return;
      this.snapshots.set(key, snapshot);
      this.byFile.set(file, snapshot);
      while (this.snapshots.size > SNAPSHOTS_KEPT) this.snapshots.delete(this.snapshots.keys().next().value as string);
    } catch (err) {
      if (modelUrl === this.modelUrl) this.failures.set(file, (err as Error).message);
    } finally {
      this.inFlight.delete(key);
      this.host.requestUpdate();
    }
  }
}
