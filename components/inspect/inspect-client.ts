/**
 * The page's side of the look-inside jobs: which model a job uses, and one slot per figure
 * concern that keeps only the newest job (starting one cancels the one before, whose
 * result is never shown). No TF.js here: the work happens in the worker.
 */
import { assetUrl } from '../shared/asset-base';
import { backendOverride, CancelledError, inferenceClient, type JobOptions } from '../shared/inference-client';
import type { ModelRef } from './inspect-protocol';

/** The model a job computes with: the figure's model key, and how the worker starts its backend. */
export function modelRef(modelKey: string): ModelRef {
  return { modelKey, wasmBase: assetUrl('wasm/'), backend: backendOverride() };
}

export type JobOutcome<R> = { ok: true; result: R } | { ok: false; cancelled: boolean; message: string };

/** Runs one job at a time for a figure: a new start cancels the one running. */
export class LatestJob {
  private controller?: AbortController;
  private ticket = 0;

  /** Whether a job is running. */
  get running(): boolean {
    return this.controller !== undefined;
  }

  /** Starts `job`; resolves with its result, or why there is none (cancelled, replaced or failed). */
  async start<R>(job: string, payload: unknown, options: Omit<JobOptions, 'signal'> = {}): Promise<JobOutcome<R>> {
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    const ticket = ++this.ticket;
    try {
      const result = await (await inferenceClient()).run<R>(job, payload, { ...options, signal: controller.signal });
      if (ticket !== this.ticket) return { ok: false, cancelled: true, message: 'Replaced.' };
      return { ok: true, result };
    } catch (err) {
      const cancelled = err instanceof CancelledError || ticket !== this.ticket;
      return { ok: false, cancelled, message: err instanceof Error ? err.message : String(err) };
    } finally {
      if (ticket === this.ticket) this.controller = undefined;
    }
  }

  /** Stops the running job, if any (its promise resolves as cancelled). */
  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}

/** A small cache of results by key, newest kept. */
export class ResultCache<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly size = 12) {}

  get(key: string): T | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: T): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }
}
