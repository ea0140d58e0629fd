/**
 * Numbers as every figure prints and scales them: fixed decimals or significant digits with
 * a true minus sign, huge and tiny values with a power of ten, counts with separators, and
 * the largest magnitude of a list (for symmetric colour domains). No DOM.
 */

/** A number with fixed decimals and a true minus sign; "0.00" never carries a sign. */
export function formatNumber(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return String(v);
  const s = Math.abs(v).toFixed(digits);
  return (v < 0 && Number(s) !== 0 ? '\u2212' : '') + s;
}

/**
 * A number that may be huge or tiny (exp terms): fixed decimals between 0.001 and 10⁵,
 * otherwise mantissa × 10^exponent, e.g. "2.41×10⁹".
 */
export function formatWide(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0 || (a >= 1e-3 && a < 1e5)) return formatNumber(v, a >= 100 ? 1 : digits);
  const [mantissa, exponent] = v.toExponential(2).split('e');
  return `${formatNumber(Number(mantissa), 2)}×10${superscript(Number(exponent))}`;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(n: number): string {
  return (n < 0 ? '⁻' : '') + String(Math.abs(n)).replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]);
}

/** 3600 → "3,600". */
export const formatCount = (n: number): string => n.toLocaleString('en');

/** Compact number for labels: 3 significant digits and a real minus sign. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const s = String(Number(Math.abs(v).toPrecision(3)));
  return (v < 0 && s !== '0' ? '\u2212' : '') + s;
}

/**
 * Largest |value| of every `step`-th entry from `from` (one channel of an interleaved
 * list, say); 0 for an empty or all-zero list. symmetricDomain turns 0 into a usable range.
 */
export function maxAbs(values: ArrayLike<number>, from = 0, step = 1): number {
  let m = 0;
  for (let i = from; i < values.length; i += step) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}
