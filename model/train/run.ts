/**
 * One training run end to end: WASM backend, data, training, evaluation of the selected
 * model on both halves of val, and the files of the output folder. Everything is written to
 * a staging folder first and moved into the output folder only when the run has finished
 * (staging.ts). Node only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type NamedWeights } from './checkpoint-format';
import { checkpointEpochsOf } from './config';
import { loadTrainingData, type TrainingData } from './data';
import { evaluatePredictions, percent } from './metrics';
import { writeFileAtomic } from './node-io';
import { buildReport, CheckpointWriter, saveShippedModel } from './outputs';
import { type ProgressSink, formatDuration, silentProgress } from './progress';
import { CHECKPOINTS_DIR, publishRun } from './staging';
import { describeModel } from './models';
import { plainBatch, predictLabels, type TeacherWeights, train, type TrainConfig, type TrainResult } from './trainer';
import { useWasmBackend } from './wasm-gradients';

export interface RunOptions {
  dataDir: string;
  /** The data itself, already loaded (tests); default: read from dataDir. */
  data?: TrainingData;
  outDir: string;
  stateDir?: string;
  /** Where the run's files are written until it finishes; default: stateDir/staging, or a temporary folder. */
  stagingDir?: string;
  resume?: boolean;
  /** Images per class of train and of val (smoke runs). */
  limit?: number;
  config: TrainConfig;
  progress?: ProgressSink;
  /** Stop after this many epochs as if interrupted. */
  stopAfterEpoch?: number;
  /** Resumable state of the teacher (config.distill); default stateDir/teacher. */
  teacherStateDir?: string;
}

/** What the report says about the teacher of a distilled run. */
export interface TeacherSummary {
  model: string;
  selection: TrainResult['selection'];
  earlyStopHalfAccuracy: number;
  testHalfAccuracy: number;
  trainSeconds: number;
  epochs: TrainResult['history'];
}

/**
 * Trains (or, with `resume` and a finished state, reloads) the teacher of a distilled run;
 * null if it was interrupted.
 */
async function trainTeacher(opts: RunOptions, data: TrainingData, progress: ProgressSink): Promise<{ teacher: TeacherWeights; summary: TeacherSummary } | null> {
  const cfg = opts.config.distill!.teacher;
  const stateDir = opts.teacherStateDir ?? (opts.stateDir ? join(opts.stateDir, 'teacher') : undefined);
  progress.log(`Teacher first (${describeModel(cfg.model)}), ${cfg.epochs} epochs${stateDir ? `, state in ${stateDir}` : ''}.`);
  const result = await train({ data, config: cfg, stateDir, resume: opts.resume, progress });
  if (!result.completed || !result.model || !result.selection) return null;
  const weights = result.model.getWeights().map((t) => Float32Array.from(t.dataSync()));
  result.model.dispose();
  const s = result.selection;
  const record = result.history.find((h) => h.epoch === s.epoch)!;
  const ema = s.weights === 'ema';
  const summary: TeacherSummary = {
    model: describeModel(cfg.model),
    selection: s,
    earlyStopHalfAccuracy: ema ? record.valAccuracyEma! : record.valAccuracy,
    testHalfAccuracy: ema ? record.testAccuracyEma! : record.testAccuracy,
    trainSeconds: result.trainSeconds,
    epochs: result.history,
  };
  progress.log(
    `Teacher: epoch ${s.epoch} (${s.weights}), early-stopping half ${percent(summary.earlyStopHalfAccuracy)}, ` +
      `test half ${percent(summary.testHalfAccuracy)}. Now the student, distilled (weight ${opts.config.distill!.weight}, T ${opts.config.distill!.temperature}).`,
  );
  return { teacher: { model: cfg.model ?? { kind: 'tiny-vgg' }, weights }, summary };
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
  const cpuStarted = process.cpuUsage();
  const progress = opts.progress ?? silentProgress;
  await useWasmBackend();
  const data = opts.data ?? loadTrainingData(opts.dataDir, opts.limit);
  progress.log(
    `tfjs ${tf.version.tfjs} on '${tf.getBackend()}'; ${data.train.count} train images, ` +
      `${data.split.earlyStop.length} + ${data.split.test.length} val (early stopping + test); ` +
      `loaded in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  const temporary = !opts.stagingDir && !opts.stateDir;
  const staging = opts.stagingDir ?? (opts.stateDir ? join(opts.stateDir, 'staging') : mkdtempSync(join(tmpdir(), 'tiny-vgg-staging-')));
  const checkpoints = new CheckpointWriter(join(staging, CHECKPOINTS_DIR));
  if (!opts.resume) checkpoints.clear();

  try {
    let teacher: TeacherWeights | undefined;
    let teacherSummary: TeacherSummary | undefined;
    if (opts.config.distill) {
      const trained = await trainTeacher(opts, data, progress);
      if (!trained) {
        progress.log(`The teacher stopped before its last epoch; ${opts.outDir} is unchanged.` + (opts.stateDir ? ' Run again with --resume to continue.' : ''));
        return { completed: false, report: null };
      }
      ({ teacher, summary: teacherSummary } = trained);
    }
    const result = await train({
      teacher,
      data,
      config: opts.config,
      stateDir: opts.stateDir,
      resume: opts.resume,
      stopAfterEpoch: opts.stopAfterEpoch,
      progress,
      hooks: { checkpoint: (epoch, weights, record) => checkpoints.write(epoch, weights, record) },
    });
    if (!result.completed || !result.model || !result.selection) {
      progress.log(`Stopped after epoch ${result.history.length}; ${opts.outDir} is unchanged.` + (opts.stateDir ? ' Run again with --resume to continue.' : ''));
      return { completed: false, report: null };
    }
    const model = result.model;
    const selection = result.selection;
    const valX = plainBatch(data.val);
    const { predicted } = predictLabels(model, valX, undefined, true);
    valX.dispose();
    const labels = data.val.labels;
    const evaluation = {
      earlyStopHalf: evaluatePredictions(labels, predicted, data.split.earlyStop),
      testHalf: evaluatePredictions(labels, predicted, data.split.test),
      allVal: evaluatePredictions(labels, predicted),
    };
    const shippedRecord = result.history.find((h) => h.epoch === selection.epoch)!;
    checkpoints.write(selection.epoch, namedWeightsOf(model), shippedRecord, selection.weights);
    await saveShippedModel(model, staging, {
      seed: opts.config.seed,
      epochs: opts.config.epochs,
      selectedEpoch: selection.epoch,
      selectedWeights: selection.weights,
      valAccuracy: evaluation.allVal.accuracy,
      earlyStopHalfAccuracy: evaluation.earlyStopHalf.accuracy,
      testHalfAccuracy: evaluation.testHalf.accuracy,
      report: 'report.json',
    });
    model.dispose();
    const cpu = process.cpuUsage(cpuStarted);
    const wallSeconds = (performance.now() - started) / 1000;
    const report = buildReport({
      config: { ...opts.config, checkpointEpochs: checkpointEpochsOf(opts.config) },
      data,
      dataDir: opts.dataDir,
      limit: opts.limit,
      selection,
      history: result.history,
      evaluation,
      wallSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      trainSeconds: result.trainSeconds,
      resumedFromEpoch: result.resumedFromEpoch,
      checkpoints: checkpoints.list().map(({ label, file, bytes }) => ({ label, file, bytes })),
      teacher: teacherSummary,
    });
    writeFileAtomic(join(staging, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
    publishRun(staging, opts.outDir);
    progress.log(
      `Selected epoch ${selection.epoch} (${selection.weights} weights). Accuracy: all val ${percent(evaluation.allVal.accuracy)}, ` +
        `early-stopping half ${percent(evaluation.earlyStopHalf.accuracy)}, test half ${percent(evaluation.testHalf.accuracy)}. ` +
        `Wall time ${formatDuration(wallSeconds)} (CPU ${formatDuration(report.timing.cpuSeconds)}). ` +
        `Wrote ${opts.outDir}/model.json, ${opts.outDir}/report.json, ${opts.outDir}/${CHECKPOINTS_DIR}/.`,
    );
    return { completed: true, report };
  } finally {
    if (temporary) rmSync(staging, { recursive: true, force: true });
  }
}
