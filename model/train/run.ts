/**
 * One training run end to end: WASM backend, data, training, evaluation of the selected
 * model on both halves of val, and the files of the output folder. Node only.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type NamedWeights } from './checkpoint-format';
import { loadTrainingData } from './data';
import { evaluatePredictions, percent } from './metrics';
import { writeFileAtomic } from './node-io';
import { buildReport, CheckpointWriter, saveShippedModel } from './outputs';
import { type ProgressSink, formatDuration, silentProgress } from './progress';
import { plainBatch, predictLabels, train, type TrainConfig } from './trainer';
import { useWasmBackend } from './wasm-gradients';

export interface RunOptions {
  dataDir: string;
  outDir: string;
  stateDir?: string;
  resume?: boolean;
  /** Images per class of train and of val (smoke runs). */
  limit?: number;
  config: TrainConfig;
  progress?: ProgressSink;
  /** Stop after this many epochs as if interrupted. */
  stopAfterEpoch?: number;
}

export interface RunSummary {
  completed: boolean;
  report: ReturnType<typeof buildReport> | null;
}

export function namedWeightsOf(model: tf.LayersModel): NamedWeights[] {
  return model.trainableWeights.map((w) => ({ name: w.originalName, shape: w.shape as number[], values: Float32Array.from(w.read().dataSync()) }));
}

export async function runTraining(opts: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const progress = opts.progress ?? silentProgress;
  await useWasmBackend();
  const data = loadTrainingData(opts.dataDir, opts.limit);
  progress.log(
    `tfjs ${tf.version.tfjs} on '${tf.getBackend()}'; ${data.train.count} train images, ` +
      `${data.split.earlyStop.length} + ${data.split.test.length} val (early stopping + test); ` +
      `loaded in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  const checkpoints = new CheckpointWriter(join(opts.outDir, 'checkpoints'));
  if (!opts.resume) checkpoints.clear();

  const result = await train({
    data,
    config: opts.config,
    stateDir: opts.stateDir,
    resume: opts.resume,
    stopAfterEpoch: opts.stopAfterEpoch,
    progress,
    hooks: { checkpoint: (epoch, weights, record) => checkpoints.write(epoch, weights, record) },
  });
  if (!result.completed || !result.model || !result.selection) {
    progress.log(`Stopped after epoch ${result.history.length}; run again with --resume to continue.`);
    return { completed: false, report: null };
  }
  const model = result.model;
  const valX = plainBatch(data.val);
  const { predicted } = predictLabels(model, valX, undefined, true);
  valX.dispose();
  const labels = data.val.labels;
  const evaluation = {
    earlyStopHalf: evaluatePredictions(labels, predicted, data.split.earlyStop),
    testHalf: evaluatePredictions(labels, predicted, data.split.test),
    allVal: evaluatePredictions(labels, predicted),
  };
  const last = result.history[result.history.length - 1];
  checkpoints.write(last.epoch, namedWeightsOf(model), last, true);
  await saveShippedModel(model, opts.outDir, {
    seed: opts.config.seed,
    epochs: opts.config.epochs,
    selectedEpoch: result.selection.epoch,
    selectedWeights: result.selection.weights,
    valAccuracy: evaluation.allVal.accuracy,
    earlyStopHalfAccuracy: evaluation.earlyStopHalf.accuracy,
    testHalfAccuracy: evaluation.testHalf.accuracy,
    report: 'report.json',
  });
  model.dispose();
  const wallSeconds = (performance.now() - started) / 1000;
  const report = buildReport({
    config: opts.config,
    data,
    dataDir: opts.dataDir,
    limit: opts.limit,
    selection: result.selection,
    history: result.history,
    evaluation,
    wallSeconds,
    trainSeconds: result.trainSeconds,
    resumedFromEpoch: result.resumedFromEpoch,
    checkpoints: checkpoints.list().map(({ label, file, bytes }) => ({ label, file, bytes })),
  });
  writeFileAtomic(join(opts.outDir, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
  progress.log(
    `Selected epoch ${result.selection.epoch} (${result.selection.weights} weights). Accuracy: all val ${percent(evaluation.allVal.accuracy)}, ` +
      `early-stopping half ${percent(evaluation.earlyStopHalf.accuracy)}, test half ${percent(evaluation.testHalf.accuracy)}. ` +
      `Wall time ${formatDuration(wallSeconds)}. Wrote ${opts.outDir}/model.json, report.json, checkpoints/.`,
  );
  return { completed: true, report };
}
