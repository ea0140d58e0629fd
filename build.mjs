#!/usr/bin/env node
// Builds the article into dist/: bundles the TypeScript entries with esbuild (ESM, code
// splitting, so TF.js sits in a chunk that loads only when a figure needs it), renders every
// TeX formula to HTML with KaTeX (a bad formula fails the build), copies assets/, KaTeX's CSS
// and woff2 fonts and TF.js's .wasm files, and writes a build report with gzip sizes.
import * as esbuild from 'esbuild';
import katex from 'katex';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const root = dirname(fileURLToPath(import.meta.url));
const dist = process.env.CNN_DIST ? resolve(process.env.CNN_DIST) : join(root, 'dist'); // CNN_DIST: build elsewhere (e.g. while tests use dist/)
const quiet = process.argv.includes('--quiet');
const log = (...a) => { if (!quiet) console.log(...a); };

/** Entry points: the article's own small script, and the one-script embed for bloggers. */
const ENTRIES = {
  article: 'article/main.ts',
  embed: 'components/embed.ts',
  style: 'article/style.css',
  'inference-worker': 'components/shared/inference-worker.ts',
  'embed-playground': 'components/kit/playground.ts',
};

/** Pages assembled from article/: the shell, with the sections spliced in order. */
const SECTIONS_DIR = join(root, 'article/sections');

/**
 * Renders <tex>…</tex> (inline) and <tex display>…</tex> (display) with KaTeX.
 * Throws with the file and formula when KaTeX rejects one.
 */
export function renderTex(html, source = 'page') {
  return html.replace(/<tex(\s+display)?>([\s\S]*?)<\/tex>/g, (_, display, tex) => {
    const formula = decodeEntities(tex.trim());
    try {
      // Screen readers read the MathML; a display formula becomes a tab stop only if it is too wide for the column (article/wide-formulas.ts).
      return katex.renderToString(formula, { displayMode: Boolean(display), throwOnError: true, output: 'htmlAndMathml' });
    } catch (err) {
      throw new Error(`KaTeX could not render a formula in ${source}: ${formula}\n${err.message}`);
    }
  });
}

function decodeEntities(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Measured numbers in the prose come from the shipped model's report, so the text cannot
 * drift from the weights: `<span data-fact="accuracy-test">…</span>` is filled at build time.
 */
export function articleFacts(report) {
  const pct = (x) => `${(x * 100).toFixed(1)}&nbsp;%`;
  const e = report.evaluation;
  return { 'accuracy-all': pct(e.allVal.accuracy), 'accuracy-early': pct(e.earlyStopHalf.accuracy), 'accuracy-test': pct(e.testHalf.accuracy) };
}

export function fillFacts(html, facts, source = 'page') {
  return html.replace(/<span data-fact="([^"]+)">[\s\S]*?<\/span>/g, (_, name) => {
    if (!(name in facts)) throw new Error(`${source}: data-fact="${name}" is not a known fact (${Object.keys(facts).join(', ')})`);
    return `<span data-fact="${name}">${facts[name]}</span>`;
  });
}

function assembleArticle() {
  const shell = readFileSync(join(root, 'article/page.html'), 'utf8');
  const files = readdirSync(SECTIONS_DIR).filter((f) => f.endsWith('.html')).sort();
  const facts = articleFacts(JSON.parse(readFileSync(join(root, 'assets/model/report.json'), 'utf8')));
  const sections = files.map((f) => fillFacts(renderTex(readFileSync(join(SECTIONS_DIR, f), 'utf8'), `article/sections/${f}`), facts, `article/sections/${f}`));
  const page = renderTex(shell, 'article/page.html')
    .replace('<!-- SECTIONS -->', sections.join('\n'))
    .replace('<!-- TOC -->', tableOfContents(sections.join('\n')));
  if (!page.includes('</html>')) throw new Error('article/page.html must be a whole HTML document');
  return page;
}

/** A table of contents from the sections' ids and first headings, written at build time. */
function tableOfContents(html) {
  const items = [...html.matchAll(/<section id="([^"]+)"[^>]*>\s*<h2[^>]*>([\s\S]*?)<\/h2>/g)].map(
    ([, id, title]) => `<li><a href="#${id}">${title.replace(/<[^>]+>/g, '').trim()}</a></li>`,
  );
  return `<nav class="toc" aria-label="Contents"><details open><summary>Contents</summary><ol>${items.join('')}</ol></details></nav>`;
}

/**
 * No waterfall: the head names every chunk article.js imports before any of them is parsed
 * (modulepreload), the example list and the first-run snapshot the figures read first (preload), and starts the
 * inference worker with the model (early-worker.js) from the page's first bytes.
 */
export function preloadHints(page, meta) {
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === 'article/main.ts');
  const chunks = entry ? staticClosure(meta, entry).filter((o) => o !== entry).map((o) => relative(dist, join(root, o))) : [];
  const hints = [
    ...chunks.map((c) => `<link rel="modulepreload" href="${c}">`),
    '<link rel="preload" href="assets/examples/manifest.json" as="fetch" crossorigin>',
    // The overview's first paint, before the model has loaded (components/shared/first-run.ts).
    ...(existsSync(join(root, 'assets/model/first-run.bin')) ? ['<link rel="preload" href="assets/model/first-run.bin" as="fetch" crossorigin>'] : []),
  ].join('\n');
  const anchor = '<link rel="modulepreload" href="article.js">';
  if (!page.includes(anchor)) throw new Error(`article/page.html must load article.js with ${anchor}`);
  // Before the stylesheets (a script waits for stylesheets above it): a blocking script of
  // 0.6 kB, so that the worker starts before the page's first layout, not after it (an async
  // script ran only after that layout; interleaved A/B: overview drawn 735 → 685 ms).
  const styles = page.indexOf('<link rel="stylesheet"');
  if (styles < 0) throw new Error('article/page.html must link its stylesheets in the head');
  const early = '<script src="early-worker.js"></script>\n';
  return (page.slice(0, styles) + early + page.slice(styles)).replace(anchor, `${anchor}\n${hints}`);
}

function copyKatexAssets() {
  const src = join(root, 'node_modules/katex/dist');
  mkdirSync(join(dist, 'katex/fonts'), { recursive: true });
  // Keep only the woff2 sources: every browser the article supports reads woff2.
  const css = readFileSync(join(src, 'katex.min.css'), 'utf8').replace(
    /src:(url\([^)]+\.woff2\) format\("woff2"\))[^;}]*/g,
    'src:$1',
  );
  if (/\.woff\)|\.ttf\)/.test(css)) throw new Error('KaTeX CSS still names woff/ttf fonts: its format changed');
  writeFileSync(join(dist, 'katex/katex.css'), css);
  for (const f of readdirSync(join(src, 'fonts'))) {
    if (f.endsWith('.woff2')) cpSync(join(src, 'fonts', f), join(dist, 'katex/fonts', f));
  }
}

function copyWasm() {
  const src = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  mkdirSync(join(dist, 'wasm'), { recursive: true });
  for (const f of readdirSync(src)) if (f.endsWith('.wasm')) cpSync(join(src, f), join(dist, 'wasm', f));
}

function notFoundPage() {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · How a CNN sees</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#222}a{color:#0b62a4}</style>
</head><body><h1>Page not found</h1><p>There is nothing at this address. The article starts at <a href="/">the front page</a>.</p></body></html>
`;
}

/** Walks the esbuild metafile: which outputs the entry loads before any dynamic import. */
function staticClosure(meta, output) {
  const seen = new Set();
  const visit = (o) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const imp of meta.outputs[o]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(output);
  return [...seen];
}

function writeReport(meta) {
  const rows = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (!e.name.endsWith('.map') && e.name !== 'build-report.json') {
        const bytes = readFileSync(full);
        rows.push({ file: relative(dist, full), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  walk(dist);
  rows.sort((a, b) => b.gzip - a.gzip);
  const entries = {};
  for (const [out, info] of Object.entries(meta.outputs)) {
    if (!info.entryPoint) continue;
    const closure = staticClosure(meta, out);
    const inputs = closure.flatMap((o) => Object.keys(meta.outputs[o].inputs));
    entries[relative(dist, join(root, out))] = {
      staticChunks: closure.map((o) => relative(dist, join(root, o))),
      staticGzip: closure.reduce((sum, o) => sum + (rows.find((r) => r.file === relative(dist, join(root, o)))?.gzip ?? 0), 0),
      loadsTfjsStatically: inputs.some((i) => i.includes('@tensorflow')),
    };
  }
  const report = { builtAt: new Date().toISOString(), entries, files: rows };
  writeFileSync(join(dist, 'build-report.json'), JSON.stringify(report, null, 2));
  log('\nBuild report (gzip bytes, largest first):');
  for (const r of rows.slice(0, 15)) log(`  ${String(r.gzip).padStart(9)}  ${r.file}`);
  if (rows.length > 15) log(`  … ${rows.length - 15} more files in dist/build-report.json`);
  for (const [e, info] of Object.entries(entries)) {
    log(`  entry ${e}: ${info.staticGzip} B gzip before any lazy chunk; TF.js static: ${info.loadsTfjsStatically}`);
  }
  return report;
}

export async function build() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: !process.env.CNN_NO_MINIFY,
    sourcemap: 'linked',
    metafile: true,
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'linked',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    // TF.js without the converter, tf.data and (until needed) WebGL: see model/engine/tfjs-browser.ts.
    alias: { '@tensorflow/tfjs': './model/engine/tfjs-browser.ts' },
    // TF.js probes for Node modules it never uses in the browser.
    external: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'crypto'],
  });
  // The article's first script, classic and tiny: it starts the worker and the model while the page parses.
  await esbuild.build({
    entryPoints: { 'early-worker': 'components/shared/early-worker.ts' },
    outdir: dist, bundle: true, format: 'iife', target: 'es2022', minify: true, logLevel: 'warning',
  });
  writeFileSync(join(dist, 'index.html'), preloadHints(assembleArticle(), result.metafile));
  writeFileSync(join(dist, '404.html'), notFoundPage());
  // The embed kit: custom-elements.json from the components' JSDoc, and the embedding guide embed.html.
  const { buildKit } = await tsImport('./components/kit/build-kit.ts', import.meta.url);
  await buildKit(root, dist);
  if (existsSync(join(root, 'assets'))) cpSync(join(root, 'assets'), join(dist, 'assets'), { recursive: true });
  copyKatexAssets();
  copyWasm();
  return writeReport(result.metafile);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build().then(
    () => log(`\nBuilt ${relative(process.cwd(), dist) || 'dist'}/`),
    (err) => { console.error(`Build failed: ${err.message}`); process.exit(1); },
  );
}
