/**
 * A run writes into a staging folder: until it has finished, the output folder (the
 * committed assets/model/ for `npm run train`) keeps its files byte for byte.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { silentProgress } from '../../model/train/progress';
import { runTraining } from '../../model/train/run';
import { smallData, smokeConfig } from './train-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'train-staging-'));
const data = smallData(3);
const config = smokeConfig({ epochs: 3, batchSize: 10, checkpointEpochs: [0, 1, 2, 3] });

/** Every file under dir, by relative path, with its bytes (base64). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, name.name);
      if (name.isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return out;
}

function committedOutputs(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'checkpoints'), { recursive: true });
  for (const f of ['model.json', 'group1-shard1of1.bin', 'report.json', 'checkpoints/index.json', 'checkpoints/epoch-999.bin']) {
    writeFileSync(join(dir, f), `committed ${f}`);
  }
  return dir;
}

test('a run interrupted after its first epoch leaves the output folder byte-identical', async () => {
  const outDir = committedOutputs('interrupted');
  const before = snapshot(outDir);
  const summary = await runTraining({ dataDir: 'unused', data, outDir, stateDir: join(tmp, 'state-interrupted'), config, stopAfterEpoch: 1 });
  assert.not.ok(summary.completed);
  assert.equal(snapshot(outDir), before);
  assert.ok(existsSync(join(tmp, 'state-interrupted/staging/checkpoints/epoch-001.bin')), 'the checkpoints so far wait in the staging folder');
});

test('a run that fails midway leaves the output folder byte-identical', async () => {
  const outDir = committedOutputs('failed');
  const before = snapshot(outDir);
  const failing = { ...silentProgress, epoch: ({ epoch }: { epoch: number }) => {
    if (epoch === 2) throw new Error('disk full (simulated)');
  } };
  let error: unknown = null;
  await runTraining({ dataDir: 'unused', data, outDir, config, progress: failing }).catch((e: unknown) => (error = e));
  assert.match(String(error), 'disk full (simulated)');
  assert.equal(snapshot(outDir), before);
});

test('a finished run replaces the outputs whole: no checkpoint of the earlier run survives, and the staging folder is gone', async () => {
  const outDir = committedOutputs('finished');
  const stateDir = join(tmp, 'state-finished');
  const summary = await runTraining({ dataDir: 'unused', data, outDir, stateDir, config });
  assert.ok(summary.completed);
  const files = Object.keys(snapshot(outDir)).sort();
  assert.equal(files, [
    'checkpoints/epoch-000.bin', 'checkpoints/epoch-001.bin', 'checkpoints/epoch-002.bin', 'checkpoints/epoch-003.bin',
    'checkpoints/final.bin', 'checkpoints/index.json', 'group1-shard1of1.bin', 'model.json', 'report.json',
  ]);
  assert.ok(JSON.parse(readFileSync(join(outDir, 'model.json'), 'utf8')).modelTopology, 'a real model.json');
  assert.not.ok(existsSync(join(stateDir, 'staging')));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
