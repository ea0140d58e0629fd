import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributeKind, elementDocs, elementMarkup, packageManifest, snippet, themeProperties, type Manifest } from '../../components/kit/manifest';
import { componentSources } from '../../components/kit/analyze';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SAMPLE: Manifest = {
  schemaVersion: '1.0.0',
  modules: [
    { kind: 'javascript-module', path: 'components/shared/helpers.ts', declarations: [{ kind: 'function', name: 'helper' }] },
    {
      kind: 'javascript-module',
      path: 'components/views/b/cnn-b.ts',
      declarations: [{
        kind: 'class', name: 'CnnB', customElement: true, tagName: 'cnn-b',
        description: 'Shows B.\nIn detail: the `b` things. More text.',
        attributes: [{ name: 'size', type: { text: 'number' }, default: '3', description: 'How big.' }, { name: 'on', type: { text: 'boolean' }, default: 'false' }],
        events: [{ name: 'cnn-b', description: 'Fired: detail `{ x }`.' }],
        cssParts: [{ name: 'box', description: 'The box.' }],
        cssProperties: [{ name: '--cnn-accent', description: 'Accent.' }, { name: '--cnn-ink', description: 'Ink.' }],
      }],
      exports: [{ kind: 'js', name: 'CnnB', declaration: { name: 'CnnB', module: 'components/views/b/cnn-b.ts' } }],
    },
    {
      kind: 'javascript-module',
      path: 'components/a/cnn-a.ts',
      declarations: [{ kind: 'class', name: 'CnnA', customElement: true, tagName: 'cnn-a', description: 'Shows A.', cssProperties: [{ name: '--cnn-accent', description: 'Focus colour.' }] }],
    },
  ],
};

test('lists the custom elements, sorted, with their documentation', () => {
  const docs = elementDocs(SAMPLE);
  assert.equal(docs.map((d) => d.tag), ['cnn-a', 'cnn-b']);
  const b = docs[1];
  assert.is(b.className, 'CnnB');
  assert.is(b.summary, 'Shows B.');
  assert.is(b.description, 'Shows B. In detail: the `b` things. More text.');
  assert.equal(b.attributes.map((a) => [a.name, a.kind, a.default]), [['size', 'number', '3'], ['on', 'boolean', 'false']]);
  assert.equal(b.events, [{ name: 'cnn-b', description: 'Fired: detail `{ x }`.' }]);
  assert.equal(b.cssParts.map((p) => p.name), ['box']);
});

test('attribute kinds drive the playground controls', () => {
  assert.is(attributeKind('boolean'), 'boolean');
  assert.is(attributeKind('number'), 'number');
  assert.is(attributeKind('ScaleMode'), 'text');
  assert.is(attributeKind("'a' | 'b'"), 'text');
});

test('snippets: one script tag and the element; booleans bare; values escaped', () => {
  assert.is(elementMarkup('cnn-b'), '<cnn-b></cnn-b>');
  assert.is(elementMarkup('cnn-b', { size: '4', on: true, off: false }), '<cnn-b size="4" on></cnn-b>');
  assert.is(elementMarkup('cnn-b', { image: 'a"b<c>&' }), '<cnn-b image="a&quot;b&lt;c&gt;&amp;"></cnn-b>');
  assert.is(snippet('cnn-b', { on: true }), '<script type="module" src="https://YOUR-HOST/dist/embed.js"></script>\n<cnn-b on></cnn-b>');
  assert.match(snippet('cnn-b', {}, 'https://cdn.example/x/embed.js'), 'src="https://cdn.example/x/embed.js"');
});

test('theme properties are merged across elements, first description kept', () => {
  const props = themeProperties(elementDocs(SAMPLE));
  assert.equal(props.map((p) => [p.name, p.tags]), [['--cnn-accent', ['cnn-a', 'cnn-b']], ['--cnn-ink', ['cnn-b']]]);
  assert.is(props[0].description, 'Focus colour.');
});

test('the package manifest keeps element modules and names the compiled JavaScript', () => {
  const pkg = packageManifest(SAMPLE);
  assert.equal(pkg.modules.map((m) => m.path), ['lib/components/views/b/cnn-b.js', 'lib/components/a/cnn-a.js']);
  assert.match(JSON.stringify(pkg.modules[0].exports), '"module":"lib/components/views/b/cnn-b.js"');
  assert.is(SAMPLE.modules[1].path, 'components/views/b/cnn-b.ts', 'the input is not changed');
});

test('the built manifest documents every element: description, and each attribute and event', () => {
  const file = join(ROOT, 'dist/custom-elements.json');
  if (!existsSync(file)) return; // the runner builds first; a bare `tsx` run may not have
  const docs = elementDocs(JSON.parse(readFileSync(file, 'utf8')) as Manifest);
  const missing: string[] = [];
  for (const d of docs) {
    if (!d.description) missing.push(`<${d.tag}>: no description`);
    for (const a of d.attributes) if (!a.description) missing.push(`<${d.tag}> attribute ${a.name}: no description (@attr or a JSDoc comment on the property)`);
    for (const e of d.events) if (!e.description) missing.push(`<${d.tag}> event ${e.name}: no description (@fires name - …)`);
  }
  assert.equal(missing, []);
});

test('every --cnn-* custom property the styles read is documented by some element', () => {
  const file = join(ROOT, 'dist/custom-elements.json');
  if (!existsSync(file)) return;
  const documented = new Set(themeProperties(elementDocs(JSON.parse(readFileSync(file, 'utf8')) as Manifest)).map((p) => p.name));
  const used = new Set<string>();
  for (const f of componentSources(ROOT)) {
    if (f.startsWith('components/kit/')) continue;
    for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/var\((--cnn-[a-z0-9-]+)/g)) used.add(m[1]);
  }
  assert.equal([...used].filter((p) => !documented.has(p)).sort(), [], 'add @cssprop lines to the element that reads them');
});

test.run();
