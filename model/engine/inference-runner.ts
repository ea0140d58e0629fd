/**
 * Runs the model on images as they come, "latest wins", with a per-key memo.
 *
 * - run(key, image) returns a promise that always RESOLVES with a RunOutcome:
 *   { status: 'done', record } when `key` is still the latest key asked for when the
 *   inference finishes, else { status: 'superseded' }. A stale result is never delivered
 *   and nothing rejects for being stale (so no unhandled rejections). A real failure
 *   (bad image, model load error) rejects, but only for the latest key; stale failures
 *   resolve as 'superseded' too.
 * - Inferences run one at a time. One that is superseded before it starts is skipped.
 * - The same key gives one inference: callers asking for a key that is running or done
 *   (among the last `cacheSize` keys) share its record. Keys identify images; the caller
 *   chooses them (e.g. the image URL, or 'upload:<n>').
 */
import { imageToInput, type ImageInput } from './image-pixels';
import { runModel } from './run-model';
import type { ActivationRecord, LoadedModel } from './types';

export type RunOutcome =
  | { status: 'done'; key: string; record: ActivationRecord }
  | { status: 'superseded'; key: string; latestKey: string };

export interface InferenceRunnerOptions {
  /** How many keys' records to keep (least recently used dropped first). Default 16. */
  cacheSize?: number;
}

/** An image, or the model input itself (HWC RGB / 255 of the model's input shape). */
export type RunnerInput = ImageInput | Float32Array;

export class InferenceRunner {
  private readonly model: Promise<LoadedModel>;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, Promise<ActivationRecord | null>>();
  private tail: Promise<unknown> = Promise.resolve();
  private latest = '';
  /** How many inferences actually ran (for tests and diagnostics). */
  inferenceCount = 0;

  constructor(model: LoadedModel | Promise<LoadedModel>, options: InferenceRunnerOptions = {}) {
    this.model = Promise.resolve(model);
    // A failed load is reported through run(); do not leave it unhandled here.
    this.model.catch(() => undefined);
    this.cacheSize = Math.max(1, options.cacheSize ?? 16);
  }

  /** The key of the most recent run() call. */
  get latestKey(): string {
    return this.latest;
  }

  /** Infers `image` (identified by `key`) unless a newer run() supersedes it. */
  run(key: string, image: RunnerInput): Promise<RunOutcome> {
    this.latest = key;
    let job = this.cache.get(key);
    if (job) {
      this.cache.delete(key);
    } else {
      job = this.schedule(key, image);
      const scheduled = job;
      scheduled.then(
        (record) => {
          if (record === null && this.cache.get(key) === scheduled) this.cache.delete(key);
        },
        () => {
          if (this.cache.get(key) === scheduled) this.cache.delete(key);
        },
      );
    }
    this.cache.set(key, job);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return job.then(
      (record): RunOutcome | Promise<RunOutcome> => {
        if (this.latest !== key) return this.superseded(key);
        // Skipped while another key was latest, and asked for again since: run it now.
        if (record === null) return this.run(key, image);
        return { status: 'done', key, record };
      },
      (err: unknown): RunOutcome => {
        if (this.latest === key) throw err;
        return this.superseded(key);
      },
    );
  }

  /** Forgets every memoised record. */
  clear(): void {
    this.cache.clear();
  }

  private superseded(key: string): RunOutcome {
    return { status: 'superseded', key, latestKey: this.latest };
  }

  /** Queues one inference; resolves null when it was superseded before it started. */
  private schedule(key: string, image: RunnerInput): Promise<ActivationRecord | null> {
    const job = this.tail.then(async () => {
      if (this.latest !== key) return null;
      const model = await this.model;
      const input = image instanceof Float32Array ? image : await imageToInput(image, model.inputShape);
      this.inferenceCount++;
      return runModel(model, input);
    });
    this.tail = job.catch(() => undefined);
    return job;
  }
}
