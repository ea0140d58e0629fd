#!/usr/bin/env node
// npm run bench: runs every test/bench/*.bench.ts in turn. Each prints medians and ratios;
// these 2-core machines are noisy, so nothing here is a pass/fail test.
// Usage: node test/bench/run.mjs [substring ...]   (only bench files whose name contains one)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const build = spawnSync(process.execPath, [join(root, 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const filters = process.argv.slice(2);
let failed = 0;
const benches = readdirSync(join(root, 'test/bench')).filter((n) => n.endsWith('.bench.ts') && (filters.length === 0 || filters.some((s) => n.includes(s))));
for (const f of benches.sort()) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/bench', f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
