/**
 * Node only. Writes the feature atlas of a model (feature-atlas.ts): one PNG sprite per conv
 * layer and index.json, from the weights alone, on the WASM backend with the training
 * gradient kernels. Deterministic: the same weights give the same bytes.
 *
 *   npm run inspect:precompute                 assets/model/model.json → assets/model/features/
 *   npm run inspect:precompute -- --check      exit 1 if the atlas does not fit the model (no compute)
 *   options: --model PATH/model.json  --out DIR  --steps N
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { loadModel } from '../engine/load-model';
import { fileIOHandler } from '../node/file-io-handler';
import { useWasmBackend } from '../train/wasm-gradients';
import { atlasFits, computeFeatureAtlas, type AtlasIndex } from './feature-atlas';
import { FEATURE_VIS_DEFAULTS } from './feature-visualisation';
import { encodePngRgb } from './png-encode';

const root = join(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: join(root, 'assets/model/model.json') },
    out: { type: 'string' },
    steps: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
const modelPath = args.model!;
const out = args.out ?? join(dirname(modelPath), 'features');
const steps = args.steps === undefined ? FEATURE_VIS_DEFAULTS.steps : Number(args.steps);
if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`--steps must be a whole number of at least 1, got ${args.steps}`);

await useWasmBackend();
const model = await loadModel(fileIOHandler(modelPath), { source: modelPath });
const indexPath = join(out, 'index.json');

if (args.check) {
  const index = existsSync(indexPath) ? (JSON.parse(readFileSync(indexPath, 'utf8')) as AtlasIndex) : null;
  const fits = index !== null && atlasFits(index, model) && index.settings.steps === steps;
  const missing = index?.layers.filter((l) => !existsSync(join(out, l.file))).map((l) => l.file) ?? [];
  if (fits && missing.length === 0) {
    console.log(`${relative(root, indexPath)} fits ${relative(root, modelPath)}`);
    process.exit(0);
  }
  console.log(
    index === null
      ? `No atlas at ${relative(root, indexPath)}: run npm run inspect:precompute`
      : `${relative(root, indexPath)} does not fit ${relative(root, modelPath)}${missing.length ? ` (missing ${missing.join(', ')})` : ''}: run npm run inspect:precompute`,
  );
  process.exit(1);
}

const started = performance.now();
const cpuStarted = process.cpuUsage();
const { index, sprites } = await computeFeatureAtlas(model, {
  steps,
  onChannel: (p) => process.stderr.write(`\r${p.layer} channel ${p.channel}  (${p.done}/${p.total})   `),
});
process.stderr.write('\n');

mkdirSync(out, { recursive: true });
const keep = new Set(['index.json', ...sprites.map((s) => s.file)]);
for (const name of readdirSync(out)) if (name.endsWith('.png') && !keep.has(name)) rmSync(join(out, name));
for (const s of sprites) writeFileSync(join(out, s.file), encodePngRgb(s.width, s.height, s.rgb, (d) => deflateSync(d, { level: 9 })));
writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);

const bytes = [...keep].reduce((n, f) => n + statSync(join(out, f)).size, 0);
const cpu = process.cpuUsage(cpuStarted);
const channels = index.layers.reduce((n, l) => n + l.channels, 0);
console.log(
  `Wrote ${relative(root, out)}/: ${keep.size} files, ${bytes.toLocaleString('en')} bytes; ${channels} channels of ${index.layers.length} conv layers ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); fingerprint ${index.fingerprint}`,
);
model.tfModel.dispose();
