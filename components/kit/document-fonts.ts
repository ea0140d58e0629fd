/**
 * Fonts that shadow DOM cannot register. A @font-face rule inside a shadow root is ignored,
 * so KaTeX's fonts (used by the views' formulas) must be declared by the document. The embed
 * script adds KaTeX's stylesheet to <head> once, from beside itself; the host page needs no
 * CSS of its own.
 */

/** The attribute that marks the link this module adds. */
export const KATEX_LINK_ATTRIBUTE = 'data-cnn-katex';

/** True when the document already has KaTeX's stylesheet (ours, the article's or the host's). */
export function hasKatexStylesheet(doc: Document): boolean {
  if (doc.querySelector(`link[${KATEX_LINK_ATTRIBUTE}]`)) return true;
  return [...doc.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')].some((l) => /katex(\.min)?\.css(\?|#|$)/.test(l.href));
}

/**
 * Adds `<link rel="stylesheet" href="{base}katex/katex.css" data-cnn-katex>` to the head
 * unless the document has KaTeX's stylesheet already. Returns the link it added, if any.
 */
export function ensureKatexStylesheet(base: string, doc: Document | undefined = globalThis.document): HTMLLinkElement | null {
  if (!doc?.head || hasKatexStylesheet(doc)) return null;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('katex/katex.css', base).href;
  link.setAttribute(KATEX_LINK_ATTRIBUTE, '');
  doc.head.append(link);
  return link;
}
