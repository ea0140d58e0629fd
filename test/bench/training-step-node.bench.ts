/**
 * What one gradient worker's share of a training step costs in Node on the WASM backend (16
 * random pictures, the shipped config's batch of 32 cut in two): Tiny VGG's forward and
 * backward with the distillation loss, the teacher's forward, and a teacher's own training
 * step, for the shipped teacher and two narrower ones; then where Tiny VGG's step goes, by
 * kernel. The numbers behind model/train/README.md ("Speed"). No budget: information.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_DISTILL } from '../../model/train/config';
import { batchGradients, type LossSpec } from '../../model/train/gradients';
import { buildModel, type ModelSpec } from '../../model/train/models';
import { useWasmBackend } from '../../model/train/wasm-gradients';
import { line, median } from './stats';

await useWasmBackend();
if (tf.getBackend() !== 'wasm') throw new Error(`training-step bench: the backend is ${tf.getBackend()}, not wasm`);

const IMAGES = 16;
const RUNS = Number(process.env.BENCH_RUNS) || 20;
const shipped = DEFAULT_DISTILL.teacher.model as Extract<ModelSpec, { kind: 'teacher' }>;
const TEACHERS = [shipped.widths, [16, 32, 48, 96], [12, 24, 48, 96]];

const x = tf.randomUniform([IMAGES, 64, 64, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
const labels = tf.tensor1d(Array.from({ length: IMAGES }, (_, i) => i % 10), 'int32');
const distilled: LossSpec = { labelSmoothing: 0, l2: 0, distill: { weight: DEFAULT_DISTILL.weight, temperature: DEFAULT_DISTILL.temperature } };

/** One training step of `model` on the pictures: its gradients read back, as a worker does. */
function gradientStep(model: tf.LayersModel, spec: LossSpec, teacherLogits?: tf.Tensor2D): void {
  tf.tidy(() => {
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const isKernel = model.trainableWeights.map((w) => w.originalName.endsWith('/kernel'));
    const out = batchGradients(model, vars, isKernel, x, labels, spec, teacherLogits);
    out.grads.forEach((g) => g.dataSync());
    out.correct.dispose();
  });
}

function timed(f: () => void): number[] {
  for (let i = 0; i < 3; i++) f();
  return Array.from({ length: RUNS }, () => {
    const t = performance.now();
    f();
    return performance.now() - t;
  });
}

const student = buildModel({ kind: 'tiny-vgg' }, 0, 'linear');
const shippedTeacher = buildModel(shipped, 0, 'linear');
const teacherLogits = tf.tidy(() => shippedTeacher.predict(x) as tf.Tensor2D);
console.log(`one worker's share of a step: ${IMAGES} pictures, medians of ${RUNS} (${tf.getBackend()})`);
console.log(line('Tiny VGG forward + backward (distilled loss)', timed(() => gradientStep(student, distilled, teacherLogits))));
for (const widths of TEACHERS) {
  const teacher = widths === shipped.widths ? shippedTeacher : buildModel({ kind: 'teacher', widths }, 0, 'linear');
  const label = `teacher ${widths.join('-')}${widths === shipped.widths ? ' (shipped)' : ''}, ${teacher.countParams()} parameters`;
  console.log(line(`${label}: forward`, timed(() => tf.tidy(() => { (teacher.predict(x) as tf.Tensor).dataSync(); }))));
  console.log(line(`${label}: training step`, timed(() => gradientStep(teacher, { labelSmoothing: 0, l2: 0 }))));
  if (teacher !== shippedTeacher) teacher.dispose();
}

// Where Tiny VGG's step goes: kernel time summed by kernel and input shapes (a kernel run
// inside another, as a fused op's, counts in both, so the rows add up to more than the step).
const byKernel = new Map<string, number[]>();
for (let r = 0; r < 5; r++) {
  const info = await tf.profile(() => gradientStep(student, distilled, teacherLogits));
  const sums = new Map<string, number>();
  for (const k of info.kernels) {
    const key = `${k.name} ${k.inputShapes.map((s) => `[${s?.join(',') ?? ''}]`).join(' ')}`;
    sums.set(key, (sums.get(key) ?? 0) + (await k.kernelTimeMs as number));
  }
  for (const [key, ms] of sums) byKernel.set(key, [...(byKernel.get(key) ?? []), ms]);
}
console.log('Tiny VGG step by kernel (median ms of 5 profiled steps, the heaviest 10):');
for (const [key, ms] of [...byKernel].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 10)) {
  console.log(`  ${median(ms).toFixed(2).padStart(6)}  ${key}`);
}
tf.dispose([x, labels, teacherLogits]);
student.dispose();
shippedTeacher.dispose();
console.log(`tensors left: ${tf.memory().numTensors}`);
