/**
 * The jobs the inference worker does, by name. Each takes its payload and a context (the
 * page's one InferenceService, a progress reporter, a cancel flag) and returns its result
 * with the buffers to transfer rather than copy. A concern with jobs of its own (inspecting
 * the network, training it) adds them with `defineJobs` in its own module, which the worker
 * entry imports; the page runs the same table where workers are blocked.
 */
import { InferenceService } from './inference-service';
import { runBuffers, type ImageInput } from './worker-protocol';

export interface JobContext {
  /** The service that loads models and runs images (one per worker). */
  service(config?: { wasmBase: string; backend?: string }): InferenceService;
  /** Reports progress to the caller (any structured-cloneable value). */
  progress(value: unknown): void;
  /** True once the caller cancelled: long jobs check it and stop. */
  readonly cancelled: boolean;
}

export interface JobOutput<R> {
  result: R;
  transfer?: Transferable[];
}

export type Job<P = unknown, R = unknown> = (payload: P, ctx: JobContext) => Promise<JobOutput<R>>;

const jobs = new Map<string, Job>();

/** Adds jobs to the table; a name taken twice is a mistake in the code, so it throws. */
export function defineJobs(table: Record<string, Job<never, unknown>>): void {
  for (const [name, job] of Object.entries(table)) {
    if (jobs.has(name)) throw new Error(`worker job "${name}" is defined twice`);
    jobs.set(name, job as Job);
  }
}

export function jobNamed(name: string): Job {
  const job = jobs.get(name);
  if (!job) throw new Error(`The worker has no job called "${name}"`);
  return job;
}

let shared: InferenceService | undefined;

/** A context for one request. */
export function jobContext(progress: (value: unknown) => void, isCancelled: () => boolean): JobContext {
  return {
    service: (config) => {
      if (!shared) {
        if (!config) throw new Error('The worker has no model yet');
        shared = new InferenceService(config.wasmBase, config.backend);
      }
      return shared;
    },
    progress,
    get cancelled() { return isCancelled(); },
  };
}

export interface LoadPayload { modelUrl: string; wasmBase: string; backend?: string }
export interface InferPayload { modelUrl: string; imageKey: string; image: ImageInput }

defineJobs({
  load: (async (p: LoadPayload, ctx) => ({
    result: await ctx.service({ wasmBase: p.wasmBase, backend: p.backend }).load(p.modelUrl, (f) => ctx.progress(f)),
  })) as Job<LoadPayload>,
  infer: (async (p: InferPayload, ctx) => {
    const run = await ctx.service().infer(p.modelUrl, p.imageKey, p.image);
    return { result: run, transfer: runBuffers(run) };
  }) as Job<InferPayload>,
});
