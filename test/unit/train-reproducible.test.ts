/**
 * The same command gives the same files: two runs of the shipped config (two gradient worker
 * threads) on a small data set, compared byte for byte.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../model/train/config';
import { runTraining } from '../../model/train/run';
import { smallData } from './train-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'train-reproducible-'));
const data = smallData(3);
const config = { ...DEFAULT_CONFIG, epochs: 3, batchSize: 16, flipOnlyFinalEpochs: 1 };

const BYTE_IDENTICAL = ['group1-shard1of1.bin', 'model.json', 'checkpoints/index.json'];

async function run(name: string): Promise<Record<string, Buffer>> {
  const outDir = join(tmp, name);
  const summary = await runTraining({ dataDir: 'unused', data, outDir, config });
  assert.ok(summary.completed);
  const files = [...BYTE_IDENTICAL, ...readdirSync(join(outDir, 'checkpoints')).filter((f) => f.endsWith('.bin')).map((f) => `checkpoints/${f}`)];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(outDir, f))]));
}

test('the shipped config with two gradient workers, run twice, writes byte-identical weights, model.json and checkpoints', async () => {
  assert.is(config.workers, 2);
  const [a, b] = [await run('a'), await run('b')];
  assert.equal(Object.keys(a).length, 3 + 4 + 1, 'three files, checkpoints 0–3 and final');
  for (const f of Object.keys(a)) assert.ok(a[f].equals(b[f]), `${f} differs`);
  assert.not.ok(a['checkpoints/epoch-000.bin'].equals(a['checkpoints/epoch-003.bin']), 'training moved the weights');
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
