/**
 * Node only, run by `npm pack` (the prepack script, after the build): writes lib/, the npm
 * package's unbundled ES modules with .d.ts types, from components/ (and the model code
 * they import) with components/tsconfig.build.json. TypeScript keeps import specifiers as
 * written (`./layout`), which Node and strict bundlers refuse in an ES module package, so
 * every relative specifier is then given the file it names (`./layout.js`).
 *
 *   tsx components/kit/emit-package.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Matches `from './x'`, `import './x'`, `import('./x')` and `export … from './x'`. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

/** The specifier with the extension Node needs, judged by which file exists beside `file`. */
export function fullySpecified(file: string, spec: string, exists: (p: string) => boolean = existsSync): string {
  if (/\.(m?js|json|css)$/.test(spec)) return spec;
  const base = resolve(dirname(file), spec);
  if (exists(`${base}.js`) || exists(`${base}.d.ts`)) return `${spec}.js`;
  if (exists(join(base, 'index.js')) || exists(join(base, 'index.d.ts'))) return `${spec.replace(/\/$/, '')}/index.js`;
  // Not a module beside it: a path in a comment, say. Left as it is; the package test bundles
  // lib/ and refuses any real import without an extension.
  return spec;
}

export function rewriteSpecifiers(file: string, text: string, exists?: (p: string) => boolean): string {
  return text.replace(SPECIFIER, (_m, lead: string, quote: string, spec: string) => `${lead}${quote}${fullySpecified(file, spec, exists)}${quote}`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

export function emitPackage(root: string): string[] {
  const lib = join(root, 'lib');
  rmSync(lib, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'components/tsconfig.build.json')], { cwd: root, stdio: ['ignore', 2, 2] });
  const out = files(lib).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'));
  for (const f of out) writeFileSync(f, rewriteSpecifiers(f, readFileSync(f, 'utf8')));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = emitPackage(root);
  console.error(`lib/: ${out.length} files (ES modules and .d.ts types)`);
}
