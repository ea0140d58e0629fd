#!/usr/bin/env node
// npm run bench: builds, then runs every test/bench/*.bench.ts in turn (or those named on the
// command line: `npm run bench -- article`). Each prints medians; the budgets of issue 15 print
// as lines with PASS or OVER (test/bench/verdict.ts), and a one-line summary ends the run.
// These 2-core machines are noisy: the load average is printed with the summary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const build = spawnSync(process.execPath, [join(root, 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'cnn-bench-'));
const results = join(dir, 'results.jsonl');
let failed = 0;
for (const f of readdirSync(join(root, 'test/bench')).filter((n) => n.endsWith('.bench.ts')).sort()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/bench', f)], { cwd: root, stdio: 'inherit', env: { ...process.env, BENCH_RESULTS: results } });
  if (r.status !== 0) failed++;
}
const verdicts = existsSync(results) ? readFileSync(results, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
rmSync(dir, { recursive: true, force: true });
const over = verdicts.filter((v) => !v.pass);
console.log(`\nSummary: ${verdicts.length - over.length}/${verdicts.length} budgets PASS${over.length ? `; OVER: ${over.map((v) => v.metric).join('; ')}` : ''}${failed ? `; ${failed} bench file(s) failed` : ''} (load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
process.exit(failed ? 1 : 0);
