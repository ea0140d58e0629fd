#!/usr/bin/env node
// Runs the whole suite: the build, the type-check, then every uvu test file in its own Node
// process, TEST_JOBS (default 2) at a time; each file's output is printed whole when it ends.
// uvu exits 0 when a file holds no test and its summary is not a line CI reads, so this
// runner sums the per-file counts, fails on zero tests, prints how many tests were skipped
// for missing data (../shared) and how long the run took, and ends with "N passed, N failed".
// Usage: node test/run.mjs [substring ...]   (only files whose path contains a substring)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);
const jobs = Math.max(1, Number(process.env.TEST_JOBS) || 2);
const started = Date.now();

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Runs a command; `live` streams its output, otherwise it is returned for printing whole. */
function run(cmd, args, live = false) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let text = '';
    const take = (d, out) => { text += d; if (live) out.write(d); };
    child.stdout.on('data', (d) => take(d, process.stdout));
    child.stderr.on('data', (d) => take(d, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

const count = (text, label) => {
  const m = text.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'));
  return m ? Number(m[1]) : 0;
};

const duration = (ms) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];

console.log('# build (node build.mjs)');
const built = await run(process.execPath, [join(root, 'build.mjs'), '--quiet'], true);
if (built.code !== 0) { console.log('The build failed, so no test can run.\n0 passed, 1 failed'); process.exit(1); }

const files = findTests(join(root, 'test')).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const tasks = files.map((file) => ({ name: relative(root, file), args: ['--import', 'tsx', file] }));
if (filters.length === 0) {
  tasks.unshift({ name: 'tsc --noEmit', args: [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], typeCheck: true });
}

const wallTimes = [];

function record(task, res, ms) {
  wallTimes.push([task.name, ms]);
  console.log(`\n# ${task.name} (${(ms / 1000).toFixed(1)} s)`);
  process.stdout.write(res.text.endsWith('\n') || !res.text ? res.text : `${res.text}\n`);
  if (task.typeCheck) {
    if (res.code === 0) passed++;
    else { failed++; broken.push(task.name); }
    return;
  }
  const total = count(res.text, 'Total');
  const ok = count(res.text, 'Passed');
  const skip = count(res.text, 'Skipped');
  const bad = Math.max(0, total - ok - skip);
  passed += ok;
  skipped += skip;
  failed += bad;
  if (res.code !== 0 && bad === 0) { failed++; broken.push(`${task.name} (exit ${res.code})`); }
  else if (bad > 0) broken.push(task.name);
}

const queue = [...tasks];
await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, async () => {
  for (let task = queue.shift(); task; task = queue.shift()) {
    const t0 = Date.now();
    const res = await run(process.execPath, task.args);
    record(task, res, Date.now() - t0);
  }
}));

const ran = passed + failed;
console.log('');
if (broken.length) console.log(`Failing: ${broken.join(', ')}`);
const slowest = [...wallTimes].sort((a, b) => b[1] - a[1]).slice(0, 8);
console.log(`Slowest files: ${slowest.map(([name, ms]) => `${name.replace(/^test\//, '')} ${Math.round(ms / 1000)} s`).join(', ')}`);
console.log(`Skipped for missing data (../shared not found): ${skipped}`);
console.log(`Took ${duration(Date.now() - started)} (${files.length} files, ${jobs} at a time)`);
if (ran === 0 || files.length === 0) {
  console.log('No test ran: the suite counts that as a failure.');
  console.log(`0 passed, 1 failed`);
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
