/**
 * npm run train -- --data DIR [--epochs N] [--out assets/model] [--resume] [--seed S] [--limit N] …
 * Trains Tiny VGG on a Tiny-ImageNet-style folder. See model/train/README.md.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SHARED_DATA_DIR } from '../node/dataset';
import { type AugmentConfig, NO_AUGMENTATION } from './augment';
import { DEFAULT_DISTILL, type DistillConfig } from './config';
import { type ModelSpec, TINY_VGG } from './models';
import { streamProgress } from './progress';
import { runTraining } from './run';
import { DEFAULT_CONFIG, type TrainConfig } from './trainer';

const USAGE = `Usage: npm run train -- --data DIR [options]
  --data DIR            Tiny-ImageNet-style folder with train/<wnid>/*.JPEG and val/<wnid>/*.JPEG
                        (default: ../shared/data/tiny-imagenet-10 when it exists)
  --out DIR             output folder, written only when the run has finished
                        (default assets/model; with --limit: .cache/train-smoke)
  --state DIR           resumable state and the staging folder of the outputs
                        (default .cache/train-state; with --limit: .cache/train-smoke-state)
  --resume              continue an interrupted run with the same options
  --epochs N            default ${DEFAULT_CONFIG.epochs}
  --seed S              default ${DEFAULT_CONFIG.seed}
  --limit N             only N images per class of train and of val (smoke runs)
  --batch-size N        default ${DEFAULT_CONFIG.batchSize}
  --lr X                peak learning rate, default ${DEFAULT_CONFIG.learningRate}
  --warmup N            warmup epochs, default ${DEFAULT_CONFIG.warmupEpochs}
  --label-smoothing X   default ${DEFAULT_CONFIG.labelSmoothing}
  --weight-decay X      decoupled (AdamW), default ${DEFAULT_CONFIG.weightDecay}
  --l2 X                L2 penalty in the loss, default ${DEFAULT_CONFIG.l2}
  --ema X               EMA decay per step (0: off), default ${DEFAULT_CONFIG.emaDecay}
  --shift N             largest shift in pixels, default ${DEFAULT_CONFIG.augment.shift}
  --colour X            brightness/contrast/saturation jitter ±X, default ${DEFAULT_CONFIG.augment.brightness}
  --zoom X              largest zoom-in factor (1: none), default ${DEFAULT_CONFIG.augment.zoom[1]}
  --cutout N            side of a cutout square in pixels (0: none), default ${DEFAULT_CONFIG.augment.cutout ?? 0}
  --flip-only-final N   last N epochs with flips only, default ${DEFAULT_CONFIG.flipOnlyFinalEpochs}
  --workers N           gradient worker threads (0: none), default ${DEFAULT_CONFIG.workers};
                        part of the run: another count gives slightly different weights
  --no-augment          train on the plain images
  --model M             the network: tiny-vgg (default) or teacher:W1,W2,… (a distillation teacher alone)
  --distill W           distil from a teacher trained first; W = share of the soft term (0: no teacher),
                        default ${DEFAULT_CONFIG.distill?.weight ?? 0}
  --temperature T       distillation temperature, default ${DEFAULT_DISTILL.temperature}
  --teacher-widths L    the teacher's conv widths, default ${widthsOf(DEFAULT_DISTILL.teacher.model)}
  --teacher-epochs N    default ${DEFAULT_DISTILL.teacher.epochs}
  --teacher-lr X        default ${DEFAULT_DISTILL.teacher.learningRate}
  --teacher-state DIR   the teacher's resumable state (default <state>/teacher)`;

function widthsOf(spec: ModelSpec | undefined): string {
  return spec?.kind === 'teacher' ? spec.widths.join(',') : '';
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    state: { type: 'string', default: '.cache/train-state' },
    resume: { type: 'boolean', default: false },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    limit: { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    warmup: { type: 'string' },
    'label-smoothing': { type: 'string' },
    'weight-decay': { type: 'string' },
    l2: { type: 'string' },
    ema: { type: 'string' },
    shift: { type: 'string' },
    colour: { type: 'string' },
    zoom: { type: 'string' },
    cutout: { type: 'string' },
    'flip-only-final': { type: 'string' },
    workers: { type: 'string' },
    'no-augment': { type: 'boolean', default: false },
    model: { type: 'string' },
    distill: { type: 'string' },
    temperature: { type: 'string' },
    'teacher-widths': { type: 'string' },
    'teacher-epochs': { type: 'string' },
    'teacher-lr': { type: 'string' },
    'teacher-state': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function num(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n)) {
    console.error(`--${name} needs a number, got '${text}'\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const dataDir = values.data ?? (existsSync(SHARED_DATA_DIR) ? SHARED_DATA_DIR : undefined);
if (!dataDir) {
  console.error(`--data is required.\n\n${USAGE}`);
  process.exit(2);
}
const limit = values.limit === undefined ? undefined : num('limit', values.limit, 0);
const config: TrainConfig = {
  ...DEFAULT_CONFIG,
  epochs: num('epochs', values.epochs, DEFAULT_CONFIG.epochs),
  seed: num('seed', values.seed, DEFAULT_CONFIG.seed),
  batchSize: num('batch-size', values['batch-size'], DEFAULT_CONFIG.batchSize),
  learningRate: num('lr', values.lr, DEFAULT_CONFIG.learningRate),
  warmupEpochs: num('warmup', values.warmup, DEFAULT_CONFIG.warmupEpochs),
  labelSmoothing: num('label-smoothing', values['label-smoothing'], DEFAULT_CONFIG.labelSmoothing),
  weightDecay: num('weight-decay', values['weight-decay'], DEFAULT_CONFIG.weightDecay),
  l2: num('l2', values.l2, DEFAULT_CONFIG.l2),
  emaDecay: num('ema', values.ema, DEFAULT_CONFIG.emaDecay),
  augment: values['no-augment'] ? NO_AUGMENTATION : augmentFromFlags(),
  workers: num('workers', values.workers, DEFAULT_CONFIG.workers),
  flipOnlyFinalEpochs: num('flip-only-final', values['flip-only-final'], DEFAULT_CONFIG.flipOnlyFinalEpochs),
  model: modelFromFlag(values.model) ?? DEFAULT_CONFIG.model,
  distill: distillFromFlags(),
};
if (config.distill && config.model && config.model.kind !== 'tiny-vgg') {
  console.error(`--distill trains a teacher for Tiny VGG; it does not go with --model ${values.model}`);
  process.exit(2);
}

function modelFromFlag(text: string | undefined): ModelSpec | undefined {
  if (text === undefined) return undefined;
  if (text === 'tiny-vgg') return TINY_VGG;
  const m = /^teacher:(\d+(?:,\d+)*)$/.exec(text);
  if (!m) {
    console.error(`--model takes tiny-vgg or teacher:W1,W2,…, got '${text}'\n\n${USAGE}`);
    process.exit(2);
  }
  return { kind: 'teacher', widths: m[1].split(',').map(Number) };
}

/** The defaults' distillation, or DEFAULT_DISTILL when --distill turns it on; the teacher flags adjust it. */
function distillFromFlags(): DistillConfig | undefined {
  const base = DEFAULT_CONFIG.distill ?? DEFAULT_DISTILL;
  const weight = num('distill', values.distill, DEFAULT_CONFIG.distill?.weight ?? 0);
  if (weight <= 0) return undefined;
  const widths = values['teacher-widths'];
  const teacher: TrainConfig = {
    ...base.teacher,
    seed: num('seed', values.seed, base.teacher.seed),
    workers: num('workers', values.workers, base.teacher.workers),
    epochs: num('teacher-epochs', values['teacher-epochs'], base.teacher.epochs),
    learningRate: num('teacher-lr', values['teacher-lr'], base.teacher.learningRate),
    ...(widths ? { model: modelFromFlag(`teacher:${widths}`) } : {}),
  };
  return { weight, temperature: num('temperature', values.temperature, base.temperature), teacher };
}

function augmentFromFlags(): AugmentConfig {
  const base = DEFAULT_CONFIG.augment;
  const colour = num('colour', values.colour, base.brightness);
  return {
    ...base,
    shift: num('shift', values.shift, base.shift),
    zoom: [1, num('zoom', values.zoom, base.zoom[1])],
    ...(values.cutout !== undefined || base.cutout ? { cutout: num('cutout', values.cutout, base.cutout ?? 0) } : {}),
    brightness: colour,
    contrast: colour,
    saturation: colour,
  };
}
const outDir = values.out ?? (limit !== undefined ? '.cache/train-smoke' : 'assets/model');

const stateDir = values.state ?? (limit !== undefined ? '.cache/train-smoke-state' : '.cache/train-state');

const summary = await runTraining({
  dataDir,
  outDir,
  stateDir,
  resume: values.resume,
  limit,
  config,
  progress: streamProgress(),
  teacherStateDir: values['teacher-state'],
});
process.exit(summary.completed ? 0 : 1);
