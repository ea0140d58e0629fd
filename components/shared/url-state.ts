/**
 * The figure state that a URL carries, in one declarative table. Every field has a query
 * parameter, a default (omitted from URLs), a parser that rejects bad values with a reason,
 * and a serialiser. The article, the figures' "link to this" controls and course pages all
 * read and write URLs through this table only.
 *
 *   ?image=koala&layer=conv_1_1&channel=3&scale=module&step=12#convolution
 */

/** How the overview's colour range is shared: per unit (a conv with its ReLU and pool), per module (a block) or the whole network. */
export type ScaleMode = 'unit' | 'module' | 'global';
export const SCALE_MODES: readonly ScaleMode[] = ['unit', 'module', 'global'];

export type FigureView = 'overview' | 'conv' | 'relu' | 'pool' | 'flatten' | 'softmax' | 'hyperparameters';
export const FIGURE_VIEWS: readonly FigureView[] = ['overview', 'conv', 'relu', 'pool', 'flatten', 'softmax', 'hyperparameters'];

export interface FigureState {
  section: string;
  view: FigureView;
  image: string;
  layer: string;
  channel: number;
  scale: ScaleMode;
  step: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface FieldSpec<K extends keyof FigureState = keyof FigureState> {
  key: K;
  /** Query parameter name; the section travels in the fragment instead. */
  param: string | null;
  fallback: FigureState[K];
  parse(raw: string): Parsed<FigureState[K]>;
  serialize(value: FigureState[K]): string;
}

const ID = /^[A-Za-z0-9_\-/.:]{1,200}$/;

function field<K extends keyof FigureState>(spec: FieldSpec<K>): FieldSpec<K> {
  return spec;
}

const text = (what: string) => (raw: string): Parsed<string> =>
  ID.test(raw) ? { ok: true, value: raw } : { ok: false, reason: `${what} "${raw.slice(0, 40)}" has characters a ${what} cannot have` };

const wholeNumber = (what: string, max: number) => (raw: string): Parsed<number> => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n <= max ? { ok: true, value: n } : { ok: false, reason: `${what} must be a whole number from 0 to ${max}, not "${raw.slice(0, 20)}"` };
};

/** The table. Order is the order parameters appear in a URL. */
export const URL_STATE: readonly FieldSpec[] = [
  field({ key: 'section', param: null, fallback: '', parse: text('section'), serialize: String }),
  field({
    key: 'view',
    param: 'view',
    fallback: 'overview',
    parse: (raw): Parsed<FigureView> => ((FIGURE_VIEWS as readonly string[]).includes(raw) ? { ok: true, value: raw as FigureView } : { ok: false, reason: `view must be one of ${FIGURE_VIEWS.join(', ')}, not "${raw.slice(0, 20)}"` }),
    serialize: String,
  }),
  field({ key: 'image', param: 'image', fallback: '', parse: (raw): Parsed<string> => (raw.length <= 2000 ? { ok: true, value: raw } : { ok: false, reason: 'the image address is too long' }), serialize: String }),
  field({ key: 'layer', param: 'layer', fallback: '', parse: text('layer'), serialize: String }),
  field({ key: 'channel', param: 'channel', fallback: 0, parse: wholeNumber('channel', 4096), serialize: String }),
  field({
    key: 'scale',
    param: 'scale',
    fallback: 'unit',
    parse: (raw): Parsed<ScaleMode> => ((SCALE_MODES as readonly string[]).includes(raw) ? { ok: true, value: raw as ScaleMode } : { ok: false, reason: `scale must be unit, module or global, not "${raw.slice(0, 20)}"` }),
    serialize: String,
  }),
  field({ key: 'step', param: 'step', fallback: 0, parse: wholeNumber('step', 1_000_000), serialize: String }),
] as readonly FieldSpec[];

export interface ParseResult {
  state: Partial<FigureState>;
  /** Why each rejected value was dropped, for a console warning. */
  problems: string[];
}

/** Reads the state from a query string and fragment (location.search, location.hash). */
export function parseState(search: string, hash = ''): ParseResult {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state: Partial<Record<keyof FigureState, unknown>> = {};
  const problems: string[] = [];
  for (const spec of URL_STATE) {
    const raw = spec.param === null ? decodeURIComponent(hash.replace(/^#/, '')) : params.get(spec.param);
    if (raw === null || raw === '') continue;
    const parsed = spec.parse(raw);
    if (parsed.ok) state[spec.key] = parsed.value;
    else problems.push(parsed.reason);
  }
  return { state: state as Partial<FigureState>, problems };
}

/** The query string for a state, without defaults; '' when everything is default. */
export function serializeState(state: Partial<FigureState>): string {
  const params = new URLSearchParams();
  for (const spec of URL_STATE) {
    if (spec.param === null) continue;
    const value = state[spec.key];
    if (value === undefined || value === spec.fallback) continue;
    params.set(spec.param, (spec.serialize as (v: unknown) => string)(value));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** A link into the article: base + query + #section. */
export function articleLink(base: string, state: Partial<FigureState>): string {
  const clean = base.replace(/[?#].*$/, '');
  return `${clean}${serializeState(state)}${state.section ? `#${state.section}` : ''}`;
}
