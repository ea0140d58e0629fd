/**
 * One training run as the page sees it: started in the worker (teach:train) with the
 * reader's pictures, its reports gathered for the curves, the progress bar and the time
 * left, stopped on request, and its outcome: a model under a new key that every figure can
 * load, or why there is none.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CancelledError, backendOverride, inferenceClient } from '../shared/inference-client';
import { assetUrl } from '../shared/asset-base';
import type { TeachEpoch, TeachMode, TeachSettings } from '../../model/teach/teach-trainer';
import type { TrainingArrays } from './class-list';
import type { TrainOutcome, TrainPayload, TrainReport } from './teach-protocol';

export type SessionPhase = 'idle' | 'training' | 'finished' | 'stopped' | 'diverged' | 'failed';

export interface BatchPoint { step: number; loss: number; accuracy: number }

/** Every run's model gets a key of its own, so no figure keeps a stale copy. */
let runs = 0;

export class TeachSession implements ReactiveController {
  phase: SessionPhase = 'idle';
  mode: TeachMode = 'fine-tune';
  batches: BatchPoint[] = [];
  epochs: TeachEpoch[] = [];
  report: TrainReport | null = null;
  /** The first layer's kernels as last reported (from scratch). */
  kernels: Float32Array | null = null;
  outcome: TrainOutcome | null = null;
  /** What happened, in plain words ('' while nothing has). */
  message = '';
  /** The pictures the run learned from, to find the held-out ones again. */
  refs: TrainingArrays['refs'] = [];
  /** ClassList.version when the run started. */
  trainedVersion = -1;
  /** Stop was pressed and the worker has not answered yet. */
  stopping = false;
  private abort?: AbortController;
  /** The running (or last) run's model key. */
  private key = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // The figure left the page: the run is dropped, not kept.
    this.abort?.abort();
  }

  get running(): boolean {
    return this.phase === 'training';
  }

  /** The key of the model the last run left ('' when none). */
  get modelKey(): string {
    return this.outcome?.key ?? '';
  }

  async start(arrays: TrainingArrays, mode: TeachMode, baseModel: string, version: number, settings?: Partial<TeachSettings>): Promise<TrainOutcome | null> {
    if (this.running) return null;
    this.abort = new AbortController();
    Object.assign(this, { phase: 'training', stopping: false, mode, batches: [], epochs: [], report: null, kernels: null, outcome: null, message: '', refs: arrays.refs, trainedVersion: version });
    this.host.requestUpdate();
    this.key = `taught:${++runs}`;
    const payload: TrainPayload = {
      key: this.key,
      rgb: arrays.rgb,
      labels: arrays.labels,
      classNames: arrays.classNames,
      mode,
      baseModel,
      wasmBase: assetUrl('wasm/'),
      backend: backendOverride(),
      settings,
    };
    try {
      const client = await inferenceClient();
      const outcome = await client.run<TrainOutcome>('teach:train', payload, {
        transfer: [arrays.rgb.buffer as ArrayBuffer],
        signal: this.abort.signal,
        onProgress: (r) => this.take(r as TrainReport),
      });
      this.outcome = outcome;
      this.phase = outcome.outcome;
      this.message = outcome.message;
      return outcome;
    } catch (err) {
      this.phase = err instanceof CancelledError ? 'stopped' : 'failed';
      this.message = err instanceof CancelledError ? 'Training was called off; nothing was kept.' : `Training could not run: ${err instanceof Error ? err.message : String(err)}`;
      return null;
    } finally {
      this.abort = undefined;
      this.stopping = false;
      this.host.requestUpdate();
    }
  }

  /** Asks the run in hand to stop after its current batch; it keeps what it learned so far. */
  stop(): void {
    if (!this.running) return;
    this.stopping = true;
    this.host.requestUpdate();
    void inferenceClient().then((client) => client.run('teach:stop', { key: this.key }));
  }

  /** Tensors TF.js holds in the worker (teach:tensors): what tests and the bench compare before and after a run. */
  async tensorsInWorker(): Promise<number> {
    return (await inferenceClient()).run<number>('teach:tensors', null);
  }

  private take(report: TrainReport): void {
    this.report = report;
    this.batches.push(...report.batches);
    if (report.epochDone) this.epochs.push(report.epochDone);
    if (report.kernels) this.kernels = report.kernels;
    this.host.requestUpdate();
  }
}
