import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, DIST } from '../support/browser';

type BuildModule = {
  renderTex(html: string, source?: string): string;
  articleFacts(report: unknown): Record<string, string>;
  fillFacts(html: string, facts: Record<string, string>, source?: string): string;
};
const buildPath: string = '../../build.mjs';
const { renderTex, articleFacts, fillFacts } = (await import(buildPath)) as BuildModule;

test('renderTex turns inline and display TeX into KaTeX HTML', () => {
  const out = renderTex('<p><tex>a^2</tex> and <tex display>\\frac{1}{2}</tex></p>');
  assert.not.match(out, /<tex/);
  assert.match(out, /class="katex"/);
  assert.match(out, /class="katex-display"/);
});

test('renderTex decodes HTML entities inside a formula', () => {
  const out = renderTex('<tex>a &lt; b</tex>');
  assert.match(out, /&lt;/, 'the less-than sign survives as text');
});

test('a bad formula fails the build with the file and the formula named', () => {
  assert.throws(() => renderTex('<tex>\\frac{1}{</tex>', 'article/sections/x.html'), /article\/sections\/x\.html.*\\frac\{1\}\{/s);
  assert.throws(() => renderTex('<tex>\\notacommand</tex>'), /KaTeX/);
});

test('the prose\'s measured numbers are filled from the shipped model\'s report, each half on its own', () => {
  const report = JSON.parse(readFileSync(join(DIST, '..', 'assets/model/report.json'), 'utf8'));
  const facts = articleFacts(report);
  const e = report.evaluation;
  assert.is(facts['accuracy-test'], `${(e.testHalf.correct / e.testHalf.images * 100).toFixed(1)}&nbsp;%`);
  assert.is(facts['accuracy-early'], `${(e.earlyStopHalf.correct / e.earlyStopHalf.images * 100).toFixed(1)}&nbsp;%`);
  assert.is(facts['accuracy-all'], `${((e.testHalf.correct + e.earlyStopHalf.correct) / 500 * 100).toFixed(1)}&nbsp;%`);
  assert.is(fillFacts('<p><span data-fact="accuracy-test">old</span></p>', facts), `<p><span data-fact="accuracy-test">${facts['accuracy-test']}</span></p>`);
  assert.throws(() => fillFacts('<span data-fact="speed">x</span>', facts, 'a.html'), /a\.html: data-fact="speed" is not a known fact/);
});

test('the build writes the article, KaTeX css with woff2 fonts only, the wasm files and a report', () => {
  ensureBuilt();
  for (const f of ['index.html', '404.html', 'article.js', 'embed.js', 'style.css', 'katex/katex.css', 'wasm/tfjs-backend-wasm-simd.wasm', 'build-report.json']) {
    assert.ok(existsSync(join(DIST, f)), `dist/${f} exists`);
  }
  const css = readFileSync(join(DIST, 'katex/katex.css'), 'utf8');
  const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(fonts.length > 10);
  for (const f of fonts) {
    assert.match(f, /\.woff2$/);
    assert.ok(existsSync(join(DIST, 'katex', f)), `dist/katex/${f} exists`);
  }
});

test('the article entry stays small and loads no TF.js before a figure asks for it', () => {
  ensureBuilt();
  const report = JSON.parse(readFileSync(join(DIST, 'build-report.json'), 'utf8'));
  const article = report.entries['article.js'];
  assert.ok(article, 'the report lists the article entry');
  assert.is(article.loadsTfjsStatically, false);
  assert.ok(article.staticGzip < 60_000, `article entry is ${article.staticGzip} B gzip`);
  for (const row of report.files) {
    assert.type(row.gzip, 'number');
    assert.ok(row.gzip > 0 && row.gzip <= row.bytes * 1.1 + 64, `${row.file} has a plausible gzip size`);
  }
});

test.run();
