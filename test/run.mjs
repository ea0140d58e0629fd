#!/usr/bin/env node
// Runs the whole suite: the type-check, then every uvu test file in its own Node process.
// uvu exits 0 when a file holds no test and its summary is not a line CI reads, so this
// runner sums the per-file counts, fails on zero tests, and ends with "N passed, N failed".
// Usage: node test/run.mjs [substring ...]   (only files whose path contains a substring)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let text = '';
    child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { text += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

const count = (text, label) => {
  const m = text.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'));
  return m ? Number(m[1]) : 0;
};

let passed = 0;
let failed = 0;
const broken = [];

console.log('# build (node build.mjs)');
const built = await run(process.execPath, [join(root, 'build.mjs'), '--quiet']);
if (built.code !== 0) { console.log('The build failed, so no test can run.\n0 passed, 1 failed'); process.exit(1); }

if (filters.length === 0) {
  console.log('# type-check (tsc --noEmit)');
  const tsc = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root]);
  if (tsc.code === 0) passed++;
  else { failed++; broken.push('tsc --noEmit'); }
}

const files = findTests(join(root, 'test')).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
for (const file of files) {
  const rel = relative(root, file);
  console.log(`\n# ${rel}`);
  const res = await run(process.execPath, ['--import', 'tsx', file]);
  const total = count(res.text, 'Total');
  const ok = count(res.text, 'Passed');
  const skipped = count(res.text, 'Skipped');
  const bad = Math.max(0, total - ok - skipped);
  passed += ok;
  failed += bad;
  if (res.code !== 0 && bad === 0) { failed++; broken.push(`${rel} (exit ${res.code})`); }
  else if (bad > 0) broken.push(rel);
}

const ran = passed + failed;
console.log('');
if (broken.length) console.log(`Failing: ${broken.join(', ')}`);
if (ran === 0 || files.length === 0) {
  console.log('No test ran: the suite counts that as a failure.');
  console.log(`0 passed, 1 failed`);
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
