/**
 * The bench's verdict lines: a metric's median over runs with its spread (min–max), next to
 * its budget, with PASS or OVER. Each line is also appended to the file named by
 * BENCH_RESULTS (run.mjs sets it) so that run.mjs can print the one-line summary.
 */
import { appendFileSync } from 'node:fs';
import { median } from './stats';

export interface Verdict {
  metric: string;
  median: number;
  min: number;
  max: number;
  unit: string;
  budget: number;
  pass: boolean;
}

const fmt = (x: number, unit: string) => (unit === 'KiB' || unit === 'MiB' ? x.toFixed(1) : Math.abs(x) >= 100 || Number.isInteger(x) ? x.toFixed(0) : x.toFixed(1));

/** Prints one verdict line for values (one per run) against `value ≤ budget`. */
export function verdict(metric: string, values: number[], budget: number, unit: string, note = ''): Verdict {
  const finite = values.filter(Number.isFinite);
  const m = finite.length ? median(finite) : NaN;
  const v: Verdict = { metric, median: m, min: Math.min(...finite), max: Math.max(...finite), unit, budget, pass: Number.isFinite(m) && m <= budget };
  const spread = finite.length > 1 ? `(${fmt(v.min, unit)}–${fmt(v.max, unit)})` : '';
  const limit = Number.isFinite(budget) ? `≤ ${fmt(budget, unit)} ${unit}` : 'none yet';
  console.log(`  ${metric.padEnd(44)} ${`${fmt(m, unit)} ${unit}`.padStart(10)} ${spread.padEnd(16)} budget ${limit.padEnd(12)} ${v.pass ? 'PASS' : 'OVER'}${note ? `  ${note}` : ''}`);
  if (process.env.BENCH_RESULTS) appendFileSync(process.env.BENCH_RESULTS, JSON.stringify(v) + '\n');
  return v;
}
