/**
 * "Open in the article": every embedded figure can link to the exact state it shows, in
 * the article that belongs to the same copy of dist/ (or the one named by the host page's
 * `article-base` attribute). URLs are written by the shared URL-state table only.
 */
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { articleLink, type FigureState } from './url-state';
import { assetUrl } from './asset-base';

/** The article's address: the host's `article-base` when given, else index.html beside embed.js. */
export function articleUrl(articleBase = ''): string {
  return articleBase || assetUrl('index.html');
}

/** `layer:channel` (a figure's `selected` attribute) as URL state; {} when it is not one. */
export function selectionState(selected: string): Partial<FigureState> {
  const m = /^(.+):(\d+)$/.exec(selected);
  return m ? { layer: m[1], channel: Number(m[2]) } : {};
}

/** The link for a figure's state. Empty strings are left out, so they fall back to defaults. */
export function figureArticleLink(articleBase: string, state: Partial<FigureState>): string {
  const clean = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== '' && v !== undefined)) as Partial<FigureState>;
  return articleLink(articleUrl(articleBase), clean);
}

/** True when the page is the article itself: a link to it would only reload the figure. */
export function isArticlePage(href: string, here: string | undefined = globalThis.location?.href): boolean {
  if (!here) return false;
  const a = new URL(href, here);
  const b = new URL(here);
  const path = (p: string) => p.replace(/\/index\.html$/, '/');
  return a.origin === b.origin && path(a.pathname) === path(b.pathname);
}

const LINK_STYLE = { color: 'var(--cnn-accent, #0b62a4)', whiteSpace: 'nowrap' };

/** The toolbar link, `part="article-link"`; nothing on the article's own page. */
export function articleLinkTemplate(articleBase: string, state: Partial<FigureState>) {
  const href = figureArticleLink(articleBase, state);
  if (isArticlePage(href)) return nothing;
  return html`<a class="article-link" part="article-link" href=${href} style=${styleMap(LINK_STYLE)}>Open in the article<span aria-hidden="true"> ↗</span></a>`;
}
