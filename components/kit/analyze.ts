/**
 * Node only (the build): runs @custom-elements-manifest/analyzer, with its Lit support, over
 * every TypeScript file under components/ and returns custom-elements.json as an object.
 * The manifest comes from the elements' JSDoc: @attr, @fires, @csspart and @cssprop tags,
 * and @property fields with their types and defaults.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Manifest } from './manifest';

interface SourceFileLike { fileName: string }
interface AnalyzerApi {
  create(opts: { modules: SourceFileLike[]; plugins?: unknown[]; context?: Record<string, unknown> }): Manifest;
  ts: { createSourceFile(name: string, text: string, target: number, setParents: boolean): SourceFileLike; ScriptTarget: { ES2022: number } };
}

/** The analyzer's Lit plugin has no type declarations and no package export of its own. */
const LIT_PLUGIN = '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

export function componentSources(root: string, dir = 'components'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      const rel = `${d}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/** custom-elements.json for the sources under components/ (paths relative to root, with '/'). */
export async function analyzeComponents(root: string): Promise<Manifest> {
  const analyzer = (await import('@custom-elements-manifest/analyzer')) as unknown as AnalyzerApi;
  const { litPlugin } = (await import(LIT_PLUGIN)) as { litPlugin(): unknown[] };
  const modules = componentSources(root).map((file) =>
    analyzer.ts.createSourceFile(relative(root, join(root, file)).split(sep).join('/'), readFileSync(join(root, file), 'utf8'), analyzer.ts.ScriptTarget.ES2022, true),
  );
  return analyzer.create({ modules, plugins: litPlugin(), context: { dev: false } });
}
