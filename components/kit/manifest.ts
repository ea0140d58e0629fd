/**
 * Reading the custom-elements manifest (custom-elements.json, generated from the sources'
 * JSDoc by @custom-elements-manifest/analyzer): the subset of its schema the kit uses, the
 * list of elements with their attributes, events, CSS parts and custom properties, and the
 * copy-paste snippet for one element. Pure: used by the build, the embed page's playground
 * and the tests.
 */

export interface ManifestText { text: string }
export interface ManifestAttribute { name: string; description?: string; type?: ManifestText; default?: string; fieldName?: string }
export interface ManifestNamed { name: string; description?: string; type?: ManifestText }
export interface ManifestDeclaration {
  kind: string;
  name: string;
  customElement?: boolean;
  tagName?: string;
  description?: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  events?: ManifestNamed[];
  cssParts?: ManifestNamed[];
  cssProperties?: ManifestNamed[];
}
export interface ManifestModule { kind: string; path: string; declarations?: ManifestDeclaration[]; exports?: unknown[] }
export interface Manifest { schemaVersion: string; readme?: string; modules: ManifestModule[] }

export type AttributeKind = 'boolean' | 'number' | 'text';

export interface AttributeDoc {
  name: string;
  description: string;
  type: string;
  kind: AttributeKind;
  /** The default as the source writes it, e.g. `'unit'`, `false`, `0`. */
  default: string;
}

export interface NamedDoc { name: string; description: string }

export interface ElementDoc {
  tag: string;
  className: string;
  /** The module that defines it, as the manifest names it. */
  path: string;
  /** The first sentence of the description. */
  summary: string;
  description: string;
  attributes: AttributeDoc[];
  events: NamedDoc[];
  cssParts: NamedDoc[];
  cssProperties: NamedDoc[];
}

export function attributeKind(type: string): AttributeKind {
  const t = type.replace(/\s+/g, '');
  if (t === 'boolean') return 'boolean';
  if (t === 'number') return 'number';
  return 'text';
}

function firstSentence(text: string): string {
  const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  return (m ? m[0] : text).replace(/\s+/g, ' ').trim();
}

const named = (list: ManifestNamed[] | undefined): NamedDoc[] =>
  (list ?? []).map((x) => ({ name: x.name, description: (x.description ?? '').replace(/\s+/g, ' ').trim() }));

/** Every custom element the manifest declares, sorted by tag name. */
export function elementDocs(manifest: Manifest): ElementDoc[] {
  const out: ElementDoc[] = [];
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const description = (d.description ?? d.summary ?? '').trim();
      out.push({
        tag: d.tagName,
        className: d.name,
        path: mod.path,
        summary: firstSentence(description),
        description: description.replace(/\s+/g, ' '),
        attributes: (d.attributes ?? []).map((a) => {
          const type = a.type?.text ?? 'string';
          return { name: a.name, description: (a.description ?? '').replace(/\s+/g, ' ').trim(), type, kind: attributeKind(type), default: a.default ?? '' };
        }),
        events: named(d.events),
        cssParts: named(d.cssParts),
        cssProperties: named(d.cssProperties),
      });
    }
  }
  return out.sort((a, b) => a.tag.localeCompare(b.tag));
}

/** Every CSS custom property any element reads, with the first description given for it. */
export function themeProperties(docs: readonly ElementDoc[]): (NamedDoc & { tags: string[] })[] {
  const byName = new Map<string, NamedDoc & { tags: string[] }>();
  for (const d of docs) {
    for (const p of d.cssProperties) {
      const known = byName.get(p.name);
      if (known) known.tags.push(d.tag);
      else byName.set(p.name, { ...p, tags: [d.tag] });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The placeholder address in snippets: the reader replaces it with where dist/ is hosted. */
export const SNIPPET_SCRIPT = 'https://YOUR-HOST/dist/embed.js';

/** The element's start and end tags with the given attributes (a boolean `true` is written bare). */
export function elementMarkup(tag: string, attributes: Readonly<Record<string, string | boolean>> = {}): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== false && v !== undefined)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join('');
  return `<${tag}${attrs}></${tag}>`;
}

/** The copy-paste snippet: one script tag and the element. */
export function snippet(tag: string, attributes: Readonly<Record<string, string | boolean>> = {}, src = SNIPPET_SCRIPT): string {
  return `<script type="module" src="${escapeHtml(src)}"></script>\n${elementMarkup(tag, attributes)}`;
}

/**
 * The manifest as the npm package ships it: only modules that define elements, with paths
 * naming the compiled JavaScript (lib/…/x.js) instead of the TypeScript sources.
 */
export function packageManifest(manifest: Manifest, libDir = 'lib'): Manifest {
  const toJs = (p: string) => `${libDir}/${p.replace(/^\.?\//, '').replace(/\.ts$/, '.js')}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'module' || k === 'path' ? (typeof v === 'string' && v.endsWith('.ts') ? toJs(v) : v) : rewrite(v)]));
    }
    return value;
  };
  const modules = manifest.modules.filter((m) => (m.declarations ?? []).some((d) => d.customElement));
  return rewrite({ ...manifest, modules }) as Manifest;
}
