/**
 * The plain evaluator: loads a layers-model with tf.loadLayersModel (through a small file
 * IOHandler), feeds each val JPEG as RGB/255 and takes the argmax. It shares no code with the
 * training loop beyond the file listing and the split, and runs on tfjs's default backend.
 *
 *   npx tsx model/train/evaluate.ts --model assets/model/model.json --data DIR [--json] [--limit N]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { INPUT_SHAPE } from '../architecture';
import { CLASS_NAMES } from '../classes';
import { listSplit, SHARED_DATA_DIR } from '../node/dataset';
import { readJpeg, rgbaToUnitRgb } from '../node/decode-jpeg';
import { limitPerClass, splitValidation } from './data';
import { type Evaluation, evaluatePredictions, percent } from './metrics';
import { fileLoader } from './node-io';

export interface ModelEvaluation {
  allVal: Evaluation;
  earlyStopHalf: Evaluation;
  testHalf: Evaluation;
}

/** `limit`: only the first `limit` val images of each class, as `npm run train -- --limit` uses. */
export async function evaluateModelFile(modelJsonPath: string, dataDir: string, limit?: number): Promise<ModelEvaluation> {
  const model = await tf.loadLayersModel(fileLoader(modelJsonPath));
  const all = listSplit(dataDir, 'val');
  const files = limit === undefined ? all : limitPerClass(all, limit);
  const predicted = new Int32Array(files.length);
  const batch = 50;
  for (let start = 0; start < files.length; start += batch) {
    const chunk = files.slice(start, start + batch);
    const x = new Float32Array(chunk.length * INPUT_SHAPE[0] * INPUT_SHAPE[1] * INPUT_SHAPE[2]);
    chunk.forEach((f, k) => x.set(rgbaToUnitRgb(readJpeg(f.path)), k * (x.length / chunk.length)));
    const labels = tf.tidy(() => (model.predict(tf.tensor4d(x, [chunk.length, ...INPUT_SHAPE])) as tf.Tensor).argMax(1).dataSync());
    predicted.set(labels, start);
  }
  model.dispose();
  const truth = files.map((f) => f.label);
  const split = splitValidation(files);
  return {
    allVal: evaluatePredictions(truth, predicted),
    earlyStopHalf: evaluatePredictions(truth, predicted, split.earlyStop),
    testHalf: evaluatePredictions(truth, predicted, split.test),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'assets/model/model.json' },
      data: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const dataDir = values.data ?? (existsSync(SHARED_DATA_DIR) ? SHARED_DATA_DIR : undefined);
  if (!dataDir) throw new Error('--data DIR is required (a folder with val/<wnid>/*.JPEG)');
  const result = await evaluateModelFile(values.model!, dataDir, values.limit === undefined ? undefined : Number(values.limit));
  if (values.json) {
    console.log(JSON.stringify(result, null, 1));
    return;
  }
  const line = (name: string, e: Evaluation) => `${name.padEnd(22)} ${percent(e.accuracy).padStart(7)}  (${e.correct}/${e.images})`;
  console.log(`${values.model} on ${dataDir}/val (backend ${tf.getBackend()})`);
  console.log(line('all val', result.allVal));
  console.log(line('early-stopping half', result.earlyStopHalf));
  console.log(line('test half', result.testHalf));
  console.log('\nper class (all val):');
  for (const c of result.allVal.perClass) console.log(`  ${c.class.padEnd(12)} ${percent(c.accuracy).padStart(7)}  (${c.correct}/${c.total})`);
  console.log(`\nconfusion (rows: true class, columns: predicted, order: ${CLASS_NAMES.join(', ')}):`);
  for (const row of result.allVal.confusion) console.log(`  ${row.map((n) => String(n).padStart(3)).join(' ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
