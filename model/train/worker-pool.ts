/**
 * Data-parallel gradients on worker threads: each step, the batch is cut into equal
 * contiguous parts, one per worker, and the parts' gradients are averaged, weighted by
 * their sizes, always in worker order (worker 0 first), whichever replies first: the
 * gradient of the whole batch, up to float rounding. The result depends only on the inputs
 * and the number of workers, so runs stay reproducible. At each epoch's end the workers also
 * score the weights on the halves of val, which this thread would otherwise do alone. gradients() copies its inputs
 * before it returns, so the caller may refill its buffers while the workers compute.
 */
import { Worker } from 'node:worker_threads';
import { IMAGE_BYTES } from './data';
import type { GradientRequest, ScoreReply, ScoreRequest, WorkerReply, WorkerSetup } from './gradient-worker';

export interface PooledGradients {
  loss: number;
  correct: number;
  grads: Float32Array[];
}

interface Pending {
  resolve(reply: WorkerReply | ScoreReply): void;
  reject(error: Error): void;
}

class Slot {
  pending: Pending | null = null;
  failure: Error | null = null;
  readonly ready: Promise<void>;

  constructor(readonly worker: Worker) {
    let started: () => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      this.pending = { resolve: () => {}, reject };
    });
    worker.on('message', (m: WorkerReply | ScoreReply | 'ready') => {
      if (m === 'ready') return started();
      const p = this.pending;
      this.pending = null;
      p?.resolve(m);
    });
    const fail = (e: Error) => {
      this.failure = e;
      this.pending?.reject(e);
      this.pending = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a gradient worker exited (code ${code})`)));
  }

  run(req: GradientRequest): Promise<WorkerReply>;
  run(req: ScoreRequest): Promise<ScoreReply>;
  run(req: GradientRequest | ScoreRequest): Promise<WorkerReply | ScoreReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<WorkerReply | ScoreReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(req, req.kind === 'gradients' ? [req.x.buffer as ArrayBuffer] : []);
    });
  }
}

export class GradientWorkers {
  private constructor(private readonly slots: Slot[]) {}

  static async start(count: number, setup: WorkerSetup): Promise<GradientWorkers> {
    // Node will not start a worker from a .ts file, so a one-line script registers tsx first.
    const entry = new URL('./gradient-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
    const slots = Array.from({ length: count }, () => new Slot(new Worker(boot, { eval: true, workerData: setup })));
    await Promise.all(slots.map((s) => s.ready));
    return new GradientWorkers(slots);
  }

  async gradients(weights: Float32Array[], x: Float32Array, labels: Int32Array): Promise<PooledGradients> {
    const n = labels.length;
    const per = Math.ceil(n / this.slots.length);
    const parts = this.slots
      .map((slot, k) => ({ slot, from: k * per, to: Math.min(n, (k + 1) * per) }))
      .filter((p) => p.to > p.from);
    const replies = await Promise.all(
      parts.map(({ slot, from, to }) => slot.run({ kind: 'gradients', weights, x: x.slice(from * IMAGE_BYTES, to * IMAGE_BYTES), labels: labels.slice(from, to) })),
    );
    const grads = weights.map((w) => new Float32Array(w.length));
    let loss = 0;
    let correct = 0;
    replies.forEach((r, k) => {
      const share = (parts[k].to - parts[k].from) / n;
      loss += r.loss * share;
      correct += r.correct;
      r.grads.forEach((g, i) => {
        const sum = grads[i];
        for (let j = 0; j < g.length; j++) sum[j] += g[j] * share;
      });
    });
    return { loss, correct, grads };
  }

  /**
   * Scores each (weights, set) pair on a worker (the sets given at start as `scoring`), the
   * pairs dealt out in turn so that the workers share them; the replies come in job order.
   * A worker computes exactly what predictLabels computes in this thread.
   */
  async score(jobs: { weights: Float32Array[]; set: string }[]): Promise<ScoreReply[]> {
    const n = this.slots.length;
    const replies: ScoreReply[] = new Array(jobs.length);
    await Promise.all(this.slots.map(async (slot, k) => {
      for (let j = k; j < jobs.length; j += n) replies[j] = await slot.run({ kind: 'score', ...jobs[j] });
    }));
    return replies;
  }

  async stop(): Promise<void> {
    for (const s of this.slots) s.worker.removeAllListeners('exit');
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
