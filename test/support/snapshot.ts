/**
 * Checked-in JSON snapshots, compared on every run (in the manner of Observable Plot's
 * snapshot tests): test/snapshots/NAME.json holds what NAME looked like when it was last
 * accepted. A difference fails the test, names the first lines that differ, and writes what
 * the code makes now to NAME.actual.json (ignored by git) beside it. Accepting a change is
 * explicit: UPDATE_SNAPSHOTS=1 node test/run.mjs snapshots
 */
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SNAPSHOT_DIR = fileURLToPath(new URL('../snapshots', import.meta.url));
export const UPDATING = process.env.UPDATE_SNAPSHOTS === '1';

/** Rounds to `digits` significant digits, so that float noise does not count as a change. */
export const roundTo = (v: number, digits = 4): number => (Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(digits)) : v);

/**
 * A readable stand-in for big data: numeric arrays become their length, range, mean and
 * first values; long lists their length, first entries and last; numbers are rounded.
 */
export function summarize(value: unknown, keep = 4): unknown {
  if (typeof value === 'number') return roundTo(value);
  if (ArrayBuffer.isView(value) || (Array.isArray(value) && value.length > 12 && value.every((v) => typeof v === 'number'))) {
    const a = Array.from(value as unknown as ArrayLike<number>);
    if (a.length <= 12) return a.map((v) => roundTo(v));
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of a) { min = Math.min(min, v); max = Math.max(max, v); sum += v; }
    return { length: a.length, min: roundTo(min), max: roundTo(max), mean: roundTo(sum / a.length), first: a.slice(0, keep).map((v) => roundTo(v)) };
  }
  if (Array.isArray(value)) {
    if (value.length <= 12) return value.map((v) => summarize(v, keep));
    return { length: value.length, first: value.slice(0, 3).map((v) => summarize(v, keep)), last: summarize(value[value.length - 1], keep) };
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== 'function').map(([k, v]) => [k, summarize(v, keep)]));
  }
  return value;
}

/** Fails unless `value` serialises to the checked-in snapshot NAME (or writes it, when updating). */
export function assertSnapshot(name: string, value: unknown): void {
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const file = join(SNAPSHOT_DIR, `${name}.json`);
  const actualFile = join(SNAPSHOT_DIR, `${name}.actual.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (UPDATING) {
    writeFileSync(file, text);
    rmSync(actualFile, { force: true });
    return;
  }
  if (!existsSync(file)) {
    writeFileSync(actualFile, text);
    assert.unreachable(`no snapshot test/snapshots/${name}.json yet: check ${name}.actual.json, then accept it with UPDATE_SNAPSHOTS=1 node test/run.mjs snapshots`);
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === text) {
    rmSync(actualFile, { force: true });
    return;
  }
  writeFileSync(actualFile, text);
  const want = expected.split('\n');
  const got = text.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length) && lines.length < 12; i++) {
    if (want[i] !== got[i]) lines.push(`  line ${i + 1}: was ${JSON.stringify(want[i] ?? '')}, now ${JSON.stringify(got[i] ?? '')}`);
  }
  assert.unreachable(`test/snapshots/${name}.json differs (now in ${name}.actual.json); if the change is meant, accept it with UPDATE_SNAPSHOTS=1 node test/run.mjs snapshots\n${lines.join('\n')}`);
}
