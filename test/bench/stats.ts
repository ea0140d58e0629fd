/** Small statistics for benchmarks: medians and percentiles, printed as one line. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export const median = (values: number[]) => percentile(values, 50);

export function line(label: string, values: number[], unit = 'ms'): string {
  return `${label.padEnd(40)} median ${median(values).toFixed(2)} ${unit}  p95 ${percentile(values, 95).toFixed(2)} ${unit}  (n=${values.length})`;
}
