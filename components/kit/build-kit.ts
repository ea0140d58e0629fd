/**
 * Node only, run by build.mjs: writes dist/custom-elements.json (the manifest as the npm
 * package ships it) and dist/embed.html (the embedding guide) from the components' sources.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeComponents } from './analyze';
import { elementDocs, packageManifest } from './manifest';
import { renderEmbedPage } from './embed-page';

export async function buildKit(root: string, dist: string): Promise<{ elements: string[] }> {
  const manifest = packageManifest(await analyzeComponents(root));
  const docs = elementDocs(manifest);
  if (docs.length === 0) throw new Error('The custom-elements manifest lists no element: is the analyzer reading @customElement?');
  writeFileSync(join(dist, 'custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const template = readFileSync(join(root, 'components/kit/embed-page.html'), 'utf8');
  writeFileSync(join(dist, 'embed.html'), renderEmbedPage(template, docs));
  return { elements: docs.map((d) => d.tag) };
}
