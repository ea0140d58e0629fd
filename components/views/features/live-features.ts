/**
 * Feature visualisation computed live, in the worker, for <cnn-features>: one channel at a
 * time, with progress (the picture so far every few steps), a Stop that keeps the picture
 * reached, and on request the layer's other channels one after another for the grid.
 * Finished pictures are kept per model, layer and channel, so coming back is instant.
 */
import type { ReactiveControllerHost } from 'lit';
import { INSPECT_JOBS, type FeaturesProgress, type FeaturesResult } from '../../inspect/inspect-protocol';
import { LatestJob, modelRef } from '../../inspect/inspect-client';

/** Finished pictures kept (each 64 × 64 × 3 floats). */
const KEPT = 80;

interface Partial {
  image: Float32Array;
  step: number;
  steps: number;
  activation: number;
  stopped: boolean;
}

export interface LiveState {
  progress: { step: number; steps: number } | null;
  done: boolean;
  stopped: boolean;
  activation: number | null;
  /** Steps taken, and the steps of the ascent in all. */
  steps: number;
  total: number;
  error: string;
}

const keyOf = (modelKey: string, layer: string, channel: number) => `${modelKey}|${layer}|${channel}`;

export class LiveFeatures {
  private readonly job = new LatestJob();
  private readonly done = new Map<string, FeaturesResult>();
  private readonly partial = new Map<string, Partial>();
  private readonly stopped = new Set<string>();
  private readonly errors = new Map<string, string>();
  private current: { key: string; modelKey: string; layer: string; channel: number } | null = null;
  private fillQueue: { modelKey: string; layer: string; count: number } | null = null;

  constructor(private readonly host: ReactiveControllerHost) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Shows this channel: its finished picture, or a computation of it (unless the reader stopped it; `again` restarts). */
  want(modelKey: string, layer: string, channel: number, { again = false } = {}): void {
    const key = keyOf(modelKey, layer, channel);
    if (again) {
      this.stopped.delete(key);
      this.errors.delete(key);
    }
    if (this.current?.key === key) return;
    if (this.done.has(key) || this.stopped.has(key) || this.errors.has(key)) {
      if (!this.current) this.next();
      return;
    }
    void this.start(modelKey, layer, channel);
  }

  /** Computes every channel of the layer not drawn yet, one after another. */
  fill(modelKey: string, layer: string, count: number): void {
    this.fillQueue = { modelKey, layer, count };
    for (let c = 0; c < count; c++) this.stopped.delete(keyOf(modelKey, layer, c));
    if (!this.current) this.next();
    this.host.requestUpdate();
  }

  /** Stops the computation on show; its picture so far stays, marked as stopped. */
  stop(): void {
    const cur = this.current;
    this.fillQueue = null;
    if (!cur) return;
    this.stopped.add(cur.key);
    const p = this.partial.get(cur.key);
    if (p) p.stopped = true;
    this.current = null;
    this.job.cancel();
    this.host.requestUpdate();
  }

  private next(): void {
    const q = this.fillQueue;
    if (!q) return;
    for (let c = 0; c < q.count; c++) {
      const key = keyOf(q.modelKey, q.layer, c);
      if (!this.done.has(key) && !this.stopped.has(key) && !this.errors.has(key)) {
        void this.start(q.modelKey, q.layer, c);
        return;
      }
    }
    this.fillQueue = null;
  }

  private async start(modelKey: string, layer: string, channel: number): Promise<void> {
    const key = keyOf(modelKey, layer, channel);
    this.current = { key, modelKey, layer, channel };
    this.partial.delete(key);
    this.host.requestUpdate();
    const outcome = await this.job.start<FeaturesResult>(INSPECT_JOBS.features, { ...modelRef(modelKey), layer, channel }, {
      onProgress: (value) => {
        if (this.current?.key !== key) return;
        const p = value as FeaturesProgress;
        this.partial.set(key, { image: p.image, step: p.step, steps: p.steps, activation: p.activation, stopped: false });
        this.host.requestUpdate();
      },
    });
    if (this.current?.key === key) this.current = null;
    if (outcome.ok) {
      this.done.set(key, outcome.result);
      this.partial.delete(key);
      if (this.done.size > KEPT) this.done.delete(this.done.keys().next().value as string);
    } else if (!outcome.cancelled) {
      this.errors.set(key, `The picture could not be computed: ${outcome.message}`);
    }
    if (!this.current) this.next();
    this.host.requestUpdate();
  }

  stateFor(modelKey: string, layer: string, channel: number): LiveState {
    const key = keyOf(modelKey, layer, channel);
    const done = this.done.get(key);
    const p = this.partial.get(key);
    const running = this.current?.key === key;
    return {
      progress: running ? { step: p?.step ?? 0, steps: p?.steps ?? 96 } : null,
      done: Boolean(done),
      stopped: !done && !running && this.stopped.has(key),
      activation: done?.activation ?? p?.activation ?? null,
      steps: done?.steps ?? p?.step ?? 0,
      total: p?.steps ?? done?.steps ?? 96,
      error: this.errors.get(key) ?? '',
    };
  }

  /** The picture to paint and a stamp that changes with it; the picture so far unless `finishedOnly`. */
  imageFor(modelKey: string, layer: string, channel: number, { finishedOnly = false } = {}): { image: Float32Array; stamp: string } | null {
    const key = keyOf(modelKey, layer, channel);
    const done = this.done.get(key);
    if (done) return { image: done.image, stamp: `${key}|done` };
    const p = finishedOnly ? undefined : this.partial.get(key);
    return p ? { image: p.image, stamp: `${key}|${p.step}` } : null;
  }

  readyChannels(modelKey: string, layer: string): Set<number> {
    const prefix = `${modelKey}|${layer}|`;
    return new Set([...this.done.keys()].filter((k) => k.startsWith(prefix)).map((k) => Number(k.slice(prefix.length))));
  }

  computingChannel(modelKey: string, layer: string): number {
    const c = this.current;
    return c && c.modelKey === modelKey && c.layer === layer ? c.channel : -1;
  }
}
