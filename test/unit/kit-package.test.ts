/**
 * The npm package: `npm pack` gives a tarball whose types compile in a fresh TypeScript
 * project that imports it (Node's ESM resolution and a bundler's), whose ES modules resolve
 * with fully specified imports, and whose custom-elements.json lists every element in the
 * sources. Offline: the tarball is unpacked into a temporary node_modules and the
 * dependencies are links to this checkout's node_modules.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { emitPackage } from '../../components/kit/emit-package';
import { componentSources } from '../../components/kit/analyze';
import { elementDocs, type Manifest } from '../../components/kit/manifest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cnn-pack-'));
const consumer = join(work, 'consumer');
const pkgDir = join(consumer, 'node_modules/cnn-explorer');
let pkg: { name: string; exports: Record<string, string | Record<string, string>>; types: string; customElements: string; scripts: Record<string, string> };

/** Every tag the sources register with @customElement('…') (read without the analyzer). */
function sourceTags(): string[] {
  const tags = new Set<string>();
  for (const f of componentSources(ROOT)) {
    for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/^@customElement\('([a-z0-9-]+)'\)/gm)) tags.add(m[1]);
  }
  return [...tags].sort();
}

test.before(() => {
  if (!existsSync(join(ROOT, 'dist/custom-elements.json'))) execFileSync(process.execPath, [join(ROOT, 'build.mjs'), '--quiet'], { cwd: ROOT });
  // The prepack script is build + emit; the runner has built dist/ already, so only emit here.
  emitPackage(ROOT);
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
  renameSync(join(work, 'package'), pkgDir);
  for (const dep of readdirSync(join(ROOT, 'node_modules'))) {
    if (dep === '.bin' || dep === 'cnn-explorer' || dep.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', dep), join(consumer, 'node_modules', dep));
  }
  pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test('prepack builds dist/ and emits lib/', () => {
  assert.match(pkg.scripts.prepack, /build\.mjs/);
  assert.match(pkg.scripts.prepack, /emit-package/);
});

test('every export, the types and the manifest are in the tarball', () => {
  for (const [key, target] of Object.entries(pkg.exports)) {
    const paths = typeof target === 'string' ? [target] : Object.values(target);
    for (const p of paths) if (!p.includes('*')) assert.ok(existsSync(join(pkgDir, p)), `exports["${key}"] → ${p} is packed`);
  }
  assert.ok(existsSync(join(pkgDir, pkg.types)));
  assert.ok(existsSync(join(pkgDir, 'dist/embed.js')));
  assert.ok(existsSync(join(pkgDir, 'dist/inference-worker.js')));
  assert.not.ok(readdirSync(join(pkgDir, 'dist')).some((f) => f.endsWith('.map')), 'no source maps packed');
  assert.not.ok(existsSync(join(pkgDir, 'components')), 'no TypeScript sources packed');
});

test('the manifest lists every element in the sources, with its module packed', () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, pkg.customElements), 'utf8')) as Manifest;
  const docs = elementDocs(manifest);
  assert.equal(docs.map((d) => d.tag), sourceTags());
  for (const d of docs) {
    assert.ok(existsSync(join(pkgDir, d.path)), `${d.tag}: ${d.path} is packed`);
    assert.ok(existsSync(join(pkgDir, d.path.replace(/\.js$/, '.d.ts'))), `${d.tag}: its .d.ts is packed`);
  }
  const overview = docs.find((d) => d.tag === 'cnn-overview')!;
  assert.ok(overview.attributes.some((a) => a.name === 'scale' && a.default === "'unit'"));
  assert.ok(overview.events.some((e) => e.name === 'cnn-select'));
  assert.ok(overview.cssParts.some((p) => p.name === 'map'));
  assert.ok(overview.cssProperties.some((p) => p.name === '--cnn-accent'));
});

function consumerSource(tags: string[]): string {
  return `import { CnnOverview, setAssetBase, articleLink, parseState, type FigureState, type ScaleMode } from 'cnn-explorer';
import type { CnnImageDetail } from 'cnn-explorer';
setAssetBase('https://example.org/cnn/');
const overview: CnnOverview = document.createElement('cnn-overview');
overview.scale = 'module' satisfies ScaleMode;
// @ts-expect-error: a scale that does not exist is a type error (the types are real, not any)
overview.scale = 'sideways';
overview.addEventListener('cnn-select', () => undefined);
const picked = (d: CnnImageDetail) => d.bitmap.width;
const state: Partial<FigureState> = { section: 'relu', layer: 'conv_1_1', channel: 2 };
export const link: string = articleLink('https://example.org/article/', state) + String(picked) + JSON.stringify(parseState('?scale=global').state);
${tags.map((t, i) => `export const el${i}: HTMLElementTagNameMap['${t}'] = document.createElement('${t}');`).join('\n')}
`;
}

function tsc(config: object): void {
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(config, null, 2));
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`the consumer project does not compile:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

const BASE = { strict: true, target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], noEmit: true, skipLibCheck: true };

test('a fresh TypeScript project that imports the package compiles (NodeNext and Bundler)', () => {
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'index.ts'), consumerSource(sourceTags()));
  tsc({ compilerOptions: { ...BASE, module: 'NodeNext', moduleResolution: 'NodeNext' }, files: ['index.ts'] });
  tsc({ compilerOptions: { ...BASE, module: 'ESNext', moduleResolution: 'Bundler' }, files: ['index.ts'] });
});

test('the package declarations type-check on their own', () => {
  // skipLibCheck off, for the package's own .d.ts only (its dependencies' are not ours to check).
  const own = 'node_modules/cnn-explorer/lib/components/kit/index.d.ts';
  tsc({ compilerOptions: { ...BASE, skipLibCheck: false, module: 'NodeNext', moduleResolution: 'NodeNext', skipDefaultLibCheck: true }, files: [own] });
});

test('its ES modules resolve with fully specified relative imports', async () => {
  const bare: string[] = [];
  await esbuild.build({
    entryPoints: [join(pkgDir, 'lib/components/kit/index.js')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    external: ['lit', 'lit/*', 'd3', 'd3-*', 'katex', '@tensorflow/*'],
    plugins: [{
      name: 'fully-specified',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          if (!/\.js$/.test(args.path)) bare.push(`${args.importer.slice(pkgDir.length)} → ${args.path}`);
          return undefined;
        });
      },
    }],
  });
  assert.equal(bare, [], 'relative imports without .js');
});

test.run();
