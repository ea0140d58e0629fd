/**
 * A worker thread that computes the gradients of part of a batch (data-parallel training,
 * see worker-pool.ts). It holds its own WASM backend and model; each request brings the
 * current weights, so the worker keeps no training state. When distilling, it also holds
 * the (fixed) teacher, sent once at start, and runs it on the same augmented images.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { INPUT_SHAPE } from '../architecture';
import { batchGradients, type LossSpec } from './gradients';
import { buildModel, type ModelSpec } from './models';
import { predictLabels } from './predict';
import { useWasmBackend } from './wasm-gradients';

/** The gradients of a part of a batch, with these weights. */
export interface GradientRequest {
  kind: 'gradients';
  weights: Float32Array[];
  x: Float32Array;
  labels: Int32Array;
}

/** The predictions and mean loss on one of the scoring sets (setup.scoring), with these weights. */
export interface ScoreRequest {
  kind: 'score';
  weights: Float32Array[];
  set: string;
}

export type WorkerRequest = GradientRequest | ScoreRequest;

export interface WorkerReply {
  loss: number;
  correct: number;
  grads: Float32Array[];
}

export interface ScoreReply {
  predicted: Int32Array;
  loss: number;
}

/** A set of plain pictures to score (model/train/predict.ts, plainArray) and their labels. */
export interface ScoringSet {
  x: Float32Array;
  labels: Int32Array;
}

/** What a worker is started with. */
export interface WorkerSetup {
  loss: LossSpec;
  model?: ModelSpec;
  /** Distillation: the teacher's network and (fixed) weights. */
  teacher?: { model: ModelSpec; weights: Float32Array[] };
  /** Sets the trainer scores at each epoch's end, by name (the halves of val). */
  scoring?: Record<string, ScoringSet>;
}

const port = parentPort!;
const setup = workerData as WorkerSetup;
const spec = setup.loss;
await useWasmBackend();
const model = buildModel(setup.model, 0, 'linear');
const teacher = setup.teacher ? buildModel(setup.teacher.model, 0, 'linear') : null;
if (teacher) tf.tidy(() => teacher.setWeights(setup.teacher!.weights.map((a, i) => tf.tensor(a, teacher.weights[i].shape as number[]))));
const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
const isKernel = model.trainableWeights.map((w) => w.originalName.endsWith('/kernel'));

const scoring = new Map(Object.entries(setup.scoring ?? {}).map(([name, set]) => [name, { x: tf.tensor4d(set.x, [set.labels.length, ...INPUT_SHAPE]), labels: set.labels }]));

const setWeights = (weights: Float32Array[]) => tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape))));

port.on('message', (req: WorkerRequest) => {
  setWeights(req.weights);
  if (req.kind === 'score') {
    const set = scoring.get(req.set);
    if (!set) throw new Error(`gradient worker: no scoring set named ${req.set}`);
    const reply: ScoreReply = predictLabels(model, set.x, set.labels);
    port.postMessage(reply, [reply.predicted.buffer as ArrayBuffer]);
    return;
  }
  let reply: WorkerReply | null = null;
  tf.tidy(() => {
    const x = tf.tensor4d(req.x, [req.labels.length, ...INPUT_SHAPE]);
    const teacherLogits = teacher ? (teacher.predict(x) as tf.Tensor2D) : undefined;
    const out = batchGradients(model, vars, isKernel, x, tf.tensor1d(req.labels, 'int32'), spec, teacherLogits);
    reply = {
      loss: out.loss.dataSync()[0],
      correct: out.correct.dataSync()[0],
      grads: out.grads.map((g) => Float32Array.from(g.dataSync())),
    };
    out.correct.dispose();
  });
  const r = reply!;
  port.postMessage(r, r.grads.map((g) => g.buffer as ArrayBuffer));
});
port.postMessage('ready');
