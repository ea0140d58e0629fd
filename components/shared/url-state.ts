/**
 * The figure state that a URL carries, in one declarative table. Every field has a query
 * parameter, a default (omitted from URLs), a parser that rejects bad values with a reason,
 * a serialiser, and the figure attribute it sets on the views that have it. The article's
 * step markup (`data-<param>`), its address bar, "Copy link", the figures' "Open in the
 * article" links and course pages all read and write the state through this table only.
 *
 *   ?image=koala&layer=conv_1_1&channel=3&scale=module&step=12#convolution
 */
export type FigureView = 'overview' | 'conv' | 'relu' | 'pool' | 'flatten' | 'softmax' | 'hyperparameters' | 'training' | 'teach' | 'features' | 'saliency' | 'sizes';
export const FIGURE_VIEWS: readonly FigureView[] = ['overview', 'conv', 'relu', 'pool', 'flatten', 'softmax', 'hyperparameters', 'training', 'teach', 'features', 'saliency', 'sizes'];

/** How <cnn-saliency> makes its map. */
export type SaliencyMethodName = 'occlusion' | 'gradient' | 'grad-cam';
export const SALIENCY_METHOD_NAMES: readonly SaliencyMethodName[] = ['occlusion', 'gradient', 'grad-cam'];

/** Colour range of the overview's maps: per layer unit, per block, or the whole network. */
export type ScaleMode = 'unit' | 'module' | 'global';
export const SCALE_MODES: readonly ScaleMode[] = ['unit', 'module', 'global'];

export interface FigureState {
  section: string;
  view: FigureView;
  image: string;
  layer: string;
  /** The channel within the layer; AUTO_CHANNEL (the default) lets the view choose one. */
  channel: number;
  scale: ScaleMode;
  /** Hyperparameter playground: input size n, padding p, kernel size k, stride s, dilation d. */
  inputSize: number;
  padding: number;
  kernelSize: number;
  stride: number;
  dilation: number;
  /** Softmax, flatten and saliency: the class on show (a class name). */
  className: string;
  /** Saliency: how the map is made (optional: added after the article's step table). */
  method?: SaliencyMethodName;
  /** Softmax temperature T. */
  temperature: number;
  /** The reader's changes to the network (kernels replaced, channels off), in the edits' link format; '' for none. */
  edits: string;
  /** The training figure's saved epoch; SHIPPED_EPOCH (the default) shows the shipped one. */
  epoch?: number;
  step: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface FieldSpec<K extends keyof FigureState = keyof FigureState> {
  key: K;
  /** Query parameter name (and `data-<param>` in step markup); the section travels in the fragment instead. */
  param: string | null;
  fallback: FigureState[K];
  parse(raw: string): Parsed<FigureState[K]>;
  serialize(value: FigureState[K]): string;
  /** The figure attribute this field sets, and the views that have it; none for article-only fields. */
  attribute?: { name: string; views: readonly FigureView[] };
}

const ID = /^[A-Za-z0-9_\-/.:]{1,200}$/;

function field<K extends keyof FigureState>(spec: FieldSpec<K>): FieldSpec<K> {
  return spec;
}

const text = (what: string) => (raw: string): Parsed<string> =>
  ID.test(raw) ? { ok: true, value: raw } : { ok: false, reason: `${what} "${raw.slice(0, 40)}" has characters a ${what} cannot have` };

const className = (raw: string): Parsed<string> =>
  /^[\p{L}\p{N} _-]{1,60}$/u.test(raw) ? { ok: true, value: raw } : { ok: false, reason: `class "${raw.slice(0, 40)}" has characters a class name cannot have` };

const wholeNumber = (what: string, min: number, max: number) => (raw: string): Parsed<number> => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= min && n <= max ? { ok: true, value: n } : { ok: false, reason: `${what} must be a whole number from ${min} to ${max}, not "${raw.slice(0, 20)}"` };
};

const oneOf = <T extends string>(what: string, values: readonly T[]) => (raw: string): Parsed<T> =>
  (values as readonly string[]).includes(raw) ? { ok: true, value: raw as T } : { ok: false, reason: `${what} must be one of ${values.join(', ')}, not "${raw.slice(0, 20)}"` };

/**
 * No channel named: the conv, ReLU and pooling views then choose one by their own rule
 * (where their operation shows most). It appears in no URL and sets no attribute.
 */
export const AUTO_CHANNEL = -1;

const OPERATION_VIEWS: readonly FigureView[] = ['conv', 'relu', 'pool'];
/** Views with a layer and a channel: the operation views, and <cnn-features> (conv layers; no channel named shows channel 0). */
const CHANNEL_VIEWS: readonly FigureView[] = [...OPERATION_VIEWS, 'features'];
const ALL_VIEWS = FIGURE_VIEWS;
const HYPER: readonly FigureView[] = ['hyperparameters'];

/** No epoch named: the training figure shows the shipped epoch. It appears in no URL and sets no attribute. */
export const SHIPPED_EPOCH = -1;

/** The table. Order is the order parameters appear in a URL. */
export const URL_STATE: readonly FieldSpec[] = [
  field({ key: 'section', param: null, fallback: '', parse: text('section'), serialize: String }),
  field({ key: 'view', param: 'view', fallback: 'overview', parse: oneOf('view', FIGURE_VIEWS), serialize: String }),
  field({
    key: 'image', param: 'image', fallback: '', serialize: String, attribute: { name: 'image', views: ALL_VIEWS },
    parse: (raw): Parsed<string> => (raw.length <= 2000 ? { ok: true, value: raw } : { ok: false, reason: 'the image address is too long' }),
  }),
  field({ key: 'layer', param: 'layer', fallback: '', parse: text('layer'), serialize: String, attribute: { name: 'layer', views: CHANNEL_VIEWS } }),
  field({
    key: 'channel', param: 'channel', fallback: AUTO_CHANNEL, parse: wholeNumber('channel', 0, 4096), attribute: { name: 'channel', views: CHANNEL_VIEWS },
    serialize: (c) => (c === AUTO_CHANNEL ? '' : String(c)),
  }),
  field({ key: 'scale', param: 'scale', fallback: 'unit', parse: oneOf('scale', SCALE_MODES), serialize: String, attribute: { name: 'scale', views: ['overview'] } }),
  field({ key: 'inputSize', param: 'size', fallback: 7, parse: wholeNumber('size', 3, 14), serialize: String, attribute: { name: 'input-size', views: HYPER } }),
  field({ key: 'padding', param: 'padding', fallback: 0, parse: wholeNumber('padding', 0, 4), serialize: String, attribute: { name: 'padding', views: HYPER } }),
  field({ key: 'kernelSize', param: 'kernel', fallback: 3, parse: wholeNumber('kernel', 1, 7), serialize: String, attribute: { name: 'kernel-size', views: HYPER } }),
  field({ key: 'stride', param: 'stride', fallback: 1, parse: wholeNumber('stride', 1, 4), serialize: String, attribute: { name: 'stride', views: HYPER } }),
  field({ key: 'dilation', param: 'dilation', fallback: 1, parse: wholeNumber('dilation', 1, 3), serialize: String, attribute: { name: 'dilation', views: HYPER } }),
  field({ key: 'className', param: 'class', fallback: '', parse: className, serialize: String, attribute: { name: 'class-name', views: ['softmax', 'flatten', 'saliency'] } }),
  field({ key: 'method', param: 'method', fallback: 'occlusion', parse: oneOf('method', SALIENCY_METHOD_NAMES), serialize: String, attribute: { name: 'method', views: ['saliency'] } }),
  field({
    key: 'temperature', param: 'temperature', fallback: 1, serialize: (t) => String(Math.round(t * 100) / 100), attribute: { name: 'temperature', views: ['softmax'] },
    parse: (raw): Parsed<number> => {
      const t = Number(raw);
      return /^\d+(\.\d+)?$/.test(raw) && t >= 0.1 && t <= 5 ? { ok: true, value: t } : { ok: false, reason: `temperature must be a number from 0.1 to 5, not "${raw.slice(0, 20)}"` };
    },
  }),
  field({
    // The training figure shows the training as it happened: the reader's edits stay out of it.
    key: 'edits', param: 'edits', fallback: '', serialize: String, attribute: { name: 'edits', views: ALL_VIEWS.filter((v) => v !== 'training') },
    parse: (raw): Parsed<string> => (/^[A-Za-z0-9_.*~-]{1,4000}$/.test(raw) ? { ok: true, value: raw } : { ok: false, reason: 'the changes to the network have characters they cannot have' }),
  }),
  field({
    key: 'epoch', param: 'epoch', fallback: SHIPPED_EPOCH, parse: wholeNumber('epoch', 0, 1_000_000), attribute: { name: 'epoch', views: ['training'] },
    serialize: (e) => (e === undefined || e === SHIPPED_EPOCH ? '' : String(e)),
  }),
  field({ key: 'step', param: 'step', fallback: 0, parse: wholeNumber('step', 0, 1_000_000), serialize: String }),
] as readonly FieldSpec[];

export interface ParseResult {
  state: Partial<FigureState>;
  /** Why each rejected value was dropped, for a console warning. */
  problems: string[];
}

/** Reads the state from a query string and fragment (location.search, location.hash). */
export function parseState(search: string, hash = ''): ParseResult {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return parseFields((spec) => (spec.param === null ? safeDecode(hash.replace(/^#/, '')) : params.get(spec.param)));
}

/** Reads the state from step markup: `data-<param>` attributes (the section comes from the step's place). */
export function parseDataset(dataset: DOMStringMap): ParseResult {
  return parseFields((spec) => (spec.param === null ? null : dataset[spec.param] ?? null));
}

function parseFields(raw: (spec: FieldSpec) => string | null): ParseResult {
  const state: Partial<Record<keyof FigureState, unknown>> = {};
  const problems: string[] = [];
  for (const spec of URL_STATE) {
    const value = raw(spec);
    if (value === null || value === '') continue;
    const parsed = spec.parse(value);
    if (parsed.ok) state[spec.key] = parsed.value;
    else problems.push(parsed.reason);
  }
  return { state: state as Partial<FigureState>, problems };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
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

/** The fields a view shows, with the attribute each sets. */
export function fieldsOfView(view: FigureView): FieldSpec[] {
  return URL_STATE.filter((s) => s.attribute?.views.includes(view));
}

/**
 * The attributes that put a view into a state: every field the view has (a missing field
 * takes its default; an empty value removes the attribute), and for the overview its
 * selected map, `layer:channel`.
 */
export function viewAttributes(view: FigureView, state: Partial<FigureState>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const spec of fieldsOfView(view)) {
    const text = (spec.serialize as (v: unknown) => string)(state[spec.key] ?? spec.fallback);
    out[spec.attribute!.name] = text === '' ? null : text;
  }
  if (view === 'overview') out.selected = state.layer ? `${state.layer}:${Math.max(0, state.channel ?? 0)}` : null;
  return out;
}

/** The inverse of viewAttributes: what a view's attributes say of the state (invalid values are left out). */
export function stateOfView(view: FigureView, read: (attribute: string) => string | null): Partial<FigureState> {
  const state: Partial<Record<keyof FigureState, unknown>> = { view };
  for (const spec of fieldsOfView(view)) {
    const raw = read(spec.attribute!.name);
    if (raw === null || raw === '') continue;
    const parsed = spec.parse(raw);
    if (parsed.ok) state[spec.key] = parsed.value;
  }
  if (view === 'overview') {
    const m = /^(.+):(\d+)$/.exec(read('selected') ?? '');
    if (m) Object.assign(state, { layer: m[1], channel: Number(m[2]) });
  }
  return state as Partial<FigureState>;
}
