/**
 * KaTeX for the views' live formulas, loaded on first use so that the embed's first script
 * stays small. Until it has loaded, `renderTex` returns null and calls `onReady` once it
 * has; the caller then renders again. The stylesheet must also sit in each shadow root
 * (see `katexStylesheet`), since document styles do not reach inside one.
 */
import { html } from 'lit';
import { assetUrl } from '../../shared/asset-base';

type Katex = typeof import('katex').default;

let katex: Katex | undefined;
let loading: Promise<Katex> | undefined;

function load(): Promise<Katex> {
  loading ??= import('katex').then((m) => (katex = m.default));
  return loading;
}

/** HTML for a TeX formula, or null while KaTeX loads (then `onReady` runs). */
export function renderTex(tex: string, display: boolean, onReady: () => void): string | null {
  if (katex) {
    return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  }
  load().then(onReady, () => undefined);
  return null;
}

/**
 * KaTeX's CSS, for a shadow root (document styles do not reach inside one). The fonts it
 * names are declared by the document: the embed script adds the same stylesheet to <head>.
 */
export function katexStylesheet() {
  return html`<link rel="stylesheet" href=${assetUrl('katex/katex.css')}>`;
}

/** A number in TeX: fixed decimals, negative numbers in parentheses when they follow an operator. */
export function texNumber(v: number, digits = 2, wrapNegative = false): string {
  const s = Math.abs(v).toFixed(digits);
  if (v < 0 && Number(s) !== 0) return wrapNegative ? `(-${s})` : `-${s}`;
  return s;
}
