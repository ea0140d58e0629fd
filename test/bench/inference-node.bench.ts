/** Inference latency in Node, per backend: the median of 50 runs of one image. */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../model/engine/load-model';
import { runModelSync } from '../../model/engine/run-model';
import { selectBackend } from '../../model/engine/backend';
import { fileIOHandler, REFERENCE_MODEL_DIR } from '../../model/node/file-io-handler';
import { line, median } from './stats';

const shipped = join(import.meta.dirname, '../../assets/model/model.json');
const models = [
  { label: 'shipped', path: shipped },
  { label: 'reference', path: join(REFERENCE_MODEL_DIR, 'model.json') },
].filter((m) => existsSync(m.path));

const medians: Record<string, number> = {};
for (const backend of ['wasm', 'cpu']) {
  const choice = await selectBackend({ override: backend });
  if (choice.backend !== backend) { console.log(`${backend}: unavailable (${choice.reason})`); continue; }
  for (const m of models) {
    const model = await loadModel(fileIOHandler(m.path));
    const input = new Float32Array(64 * 64 * 3).map((_, i) => (i % 97) / 97);
    for (let i = 0; i < 5; i++) runModelSync(model, input);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      runModelSync(model, input);
      times.push(performance.now() - t);
    }
    console.log(line(`node ${backend} · ${m.label} model`, times));
    medians[`${backend}/${m.label}`] = median(times);
    model.tfModel.dispose();
  }
}
if (medians['cpu/shipped'] && medians['wasm/shipped']) console.log(`ratio cpu / wasm (shipped): ${(medians['cpu/shipped'] / medians['wasm/shipped']).toFixed(1)}×`);
console.log(`tensors left: ${tf.memory().numTensors}`);
