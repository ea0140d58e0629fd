/**
 * Keeps the address bar in step with the figure: scrolling replaces the current entry,
 * explicit navigation (contents, next step, a click in a figure) pushes a new one, so the
 * back button walks through what the reader chose rather than every scroll position.
 */
import { parseState, serializeState, type FigureState } from '../components/shared/url-state';

export function currentUrlState(): Partial<FigureState> {
  const { state, problems } = parseState(location.search, location.hash);
  for (const p of problems) console.warn(`Link: ${p}; using the article's default instead.`);
  return state;
}

export function writeUrlState(state: Partial<FigureState>, mode: 'replace' | 'push'): void {
  const url = `${location.pathname}${serializeState(state)}${state.section ? `#${state.section}` : ''}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
