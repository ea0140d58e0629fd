import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentSection, inlineMarkdown, renderEmbedPage } from '../../components/kit/embed-page';
import { fullySpecified, rewriteSpecifiers } from '../../components/kit/emit-package';
import { figureArticleLink, isArticlePage, selectionState } from '../../components/shared/article-link';
import { ensureKatexStylesheet } from '../../components/kit/document-fonts';
import { describeDetail } from '../../components/kit/playground';
import type { ElementDoc } from '../../components/kit/manifest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const DOC: ElementDoc = {
  tag: 'cnn-b', className: 'CnnB', path: 'lib/components/b.js', summary: 'Shows <b>.', description: 'Shows <b>. Uses `code`.',
  attributes: [
    { name: 'scale', description: 'Per `unit` or `global`.', type: 'ScaleMode', kind: 'text', default: "'unit'" },
    { name: 'detail', description: 'More.', type: 'boolean', kind: 'boolean', default: 'false' },
    { name: 'channel', description: 'Which.', type: 'number', kind: 'number', default: '0' },
  ],
  events: [{ name: 'cnn-select', description: 'Chosen.' }],
  cssParts: [{ name: 'map', description: 'A map.' }],
  cssProperties: [{ name: '--cnn-accent', description: 'Accent.' }],
};

test('inline markdown: code spans, and everything escaped', () => {
  assert.is(inlineMarkdown('a `<b>` & c'), 'a <code>&lt;b&gt;</code> &amp; c');
});

test('a component section: live example, playground controls by kind, snippet, references', () => {
  const html = componentSection(DOC);
  assert.match(html, '<cnn-b></cnn-b>');
  assert.match(html, 'data-events="cnn-select"');
  assert.match(html, /<input type="text"[^>]*data-attr="scale"[^>]*placeholder="unit"/);
  assert.match(html, /<input type="checkbox"[^>]*data-attr="detail"/);
  assert.match(html, /<input type="number"[^>]*data-attr="channel"/);
  assert.match(html, '&lt;script type=&quot;module&quot; src=&quot;https://YOUR-HOST/dist/embed.js&quot;&gt;&lt;/script&gt;');
  assert.match(html, '<caption>Events of cnn-b</caption>');
  assert.match(html, '<caption>CSS parts of cnn-b (style with ::part)</caption>');
  assert.match(html, 'Shows &lt;b&gt;. Uses <code>code</code>.');
  assert.not.match(html, 'Shows <b>');
});

test('the page fills every slot of the template, and refuses a template without one', () => {
  const template = readFileSync(join(ROOT, 'components/kit/embed-page.html'), 'utf8');
  const page = renderEmbedPage(template, [DOC]);
  assert.not.match(page, '<!-- COMPONENTS -->');
  assert.match(page, 'href="#cnn-b"');
  assert.match(page, '<script type="module" src="embed.js"></script>');
  assert.match(page, 'Custom properties every figure reads');
  assert.throws(() => renderEmbedPage('<html></html>', [DOC]), /lacks the <!-- CONTENTS --> slot/);
});

test('package modules get fully specified imports', () => {
  const have = new Set(['/p/lib/a/layout.js', '/p/lib/a/sub/index.js', '/p/lib/b.d.ts']);
  const exists = (p: string) => have.has(p);
  assert.is(fullySpecified('/p/lib/a/x.js', './layout', exists), './layout.js');
  assert.is(fullySpecified('/p/lib/a/x.js', './sub', exists), './sub/index.js');
  assert.is(fullySpecified('/p/lib/a/x.js', '../b', exists), '../b.js');
  assert.is(fullySpecified('/p/lib/a/x.js', './layout.js', exists), './layout.js');
  assert.is(fullySpecified('/p/lib/a/x.js', './missing', exists), './missing', 'a path in a comment is left alone');
  const src = `import { a } from './layout';\nimport './sub';\nexport * from "../b";\nconst m = await import('./layout');\nimport { html } from 'lit';`;
  assert.is(rewriteSpecifiers('/p/lib/a/x.js', src, exists), `import { a } from './layout.js';\nimport './sub/index.js';\nexport * from "../b.js";\nconst m = await import('./layout.js');\nimport { html } from 'lit';`);
});

test('article links carry the figure state, defaults and empty values left out', () => {
  assert.equal(selectionState('conv_1_2:4'), { layer: 'conv_1_2', channel: 4 });
  assert.equal(selectionState(''), {});
  const link = figureArticleLink('https://example.org/cnn/index.html', { section: 'what-is-a-cnn', view: 'overview', image: 'koala', scale: 'unit', layer: 'conv_1_2', channel: 4 });
  assert.is(link, 'https://example.org/cnn/index.html?image=koala&layer=conv_1_2&channel=4#what-is-a-cnn');
  assert.is(figureArticleLink('https://example.org/a/', { section: 'relu', image: '' }), 'https://example.org/a/#relu');
  // Without article-base, the article beside embed.js.
  assert.match(figureArticleLink('', { section: 'relu' }), /index\.html#relu$/);
});

test('no article link on the article itself', () => {
  assert.ok(isArticlePage('https://x.org/cnn/index.html?scale=module#relu', 'https://x.org/cnn/'));
  assert.ok(isArticlePage('https://x.org/cnn/index.html', 'https://x.org/cnn/index.html#top'));
  assert.not.ok(isArticlePage('https://x.org/cnn/index.html', 'https://blog.example/post'));
  assert.not.ok(isArticlePage('https://x.org/cnn/index.html', 'https://x.org/cnn/embed.html'));
});

/** Just enough of a document for the stylesheet helper. */
function fakeDocument(links: { href: string; rel: string; attrs?: string[] }[] = []) {
  const head = { children: [] as unknown[], append(el: unknown) { this.children.push(el); links.push(el as never); } };
  return {
    head,
    links,
    querySelector: (sel: string) => (sel === 'link[data-cnn-katex]' ? links.find((l) => l.attrs?.includes('data-cnn-katex')) ?? null : null),
    querySelectorAll: () => links.filter((l) => l.rel.split(' ').includes('stylesheet')),
    createElement: () => {
      const el = { rel: '', href: '', attrs: [] as string[], setAttribute(name: string) { this.attrs.push(name); } };
      return el;
    },
  };
}

test('KaTeX fonts: one link, beside the script, unless the page has KaTeX CSS already', () => {
  const doc = fakeDocument();
  const link = ensureKatexStylesheet('https://cdn.example/cnn/embed.js', doc as unknown as Document);
  assert.ok(link);
  assert.is(doc.links[0].href, 'https://cdn.example/cnn/katex/katex.css');
  assert.ok(doc.links[0].attrs!.includes('data-cnn-katex'));
  assert.is(ensureKatexStylesheet('https://other.example/embed.js', doc as unknown as Document), null, 'a second copy adds nothing');
  const host = fakeDocument([{ href: 'https://host.example/css/katex.min.css', rel: 'stylesheet' }]);
  assert.is(ensureKatexStylesheet('https://cdn.example/cnn/embed.js', host as unknown as Document), null, "the host's own KaTeX CSS is enough");
  assert.is(ensureKatexStylesheet('https://cdn.example/cnn/embed.js', undefined), null, 'no document, nothing to do');
});

test('event details are summarised for the event log', () => {
  assert.is(describeDetail({ layer: 'conv_1_1', channel: 3 }), '{"layer":"conv_1_1","channel":3}');
  assert.is(describeDetail({ imageKey: 'koala', inferenceMs: 12.345678 }), '{"imageKey":"koala","inferenceMs":12.346}');
  assert.is(describeDetail({ v: new Float32Array(3) }), '{"v":"[Float32Array]"}');
  assert.is(describeDetail(undefined), '');
  assert.is(describeDetail({ s: 'x'.repeat(400) }).length, 240);
});

test.run();
