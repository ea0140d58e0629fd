/**
 * Support for the embed-kit browser tests (test/browser/embed-*.test.ts): the element list
 * from the built custom-elements manifest, blank pages written from it, and servers that
 * play "the blogger's site" and "wherever dist/ is hosted", on different origins if asked.
 *
 * dist/ is served from a snapshot taken when the suite starts, so a build running at the
 * same time elsewhere in the work tree cannot pull files from under a test. When the
 * shipped model is not in dist/ yet, the reference model stands in at its address, so the
 * pages stay plain: one script tag and one element, no attributes.
 */
import type { Page } from 'puppeteer';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, HAS_REFERENCE_MODEL, REFERENCE_MODEL_DIR, ensureBuilt } from '../support/browser';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { elementDocs, type ElementDoc, type Manifest } from '../../components/kit/manifest';

export const CORS = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

/**
 * Runs `fn`, retrying for a few seconds while it throws: other people's builds in the same
 * work tree empty dist/ for a moment.
 */
function patiently<T>(fn: () => T, seconds = 15): T {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return fn();
    } catch (err) {
      if (Date.now() > until) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}

/** The elements the built manifest lists: new elements are covered without editing a test. */
export function manifestElements(dist = DIST): ElementDoc[] {
  ensureBuilt();
  const manifest = patiently(() => JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8')) as Manifest);
  return elementDocs(manifest);
}

/** True when some model answers at dist's default model address (shipped, or the stand-in). */
export const HAS_MODEL = existsSync(join(DIST, 'assets/model/model.json')) || HAS_REFERENCE_MODEL;

export function blankPage(scriptSrc: string | string[], body: string, title = 'blank page'): string {
  const scripts = (Array.isArray(scriptSrc) ? scriptSrc : [scriptSrc]).map((s) => `<script type="module" src="${s}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="icon" href="data:,">
${scripts}
</head>
<body>
${body}
</body>
</html>
`;
}

export interface KitServers {
  /** Serves the dist/ snapshot (and a second copy of it under /copy/). */
  dist: StaticServer;
  /** Serves the pages written with `writePage`; the same server as `dist` unless foreign. */
  pages: StaticServer;
  writePage(name: string, html: string): string;
  close(): Promise<void>;
}

export async function startKitServers(opts: { foreign?: boolean } = {}): Promise<KitServers> {
  ensureBuilt();
  const work = mkdtempSync(join(tmpdir(), 'cnn-embed-'));
  const snapshot = join(work, 'dist');
  patiently(() => {
    rmSync(snapshot, { recursive: true, force: true });
    cpSync(DIST, snapshot, { recursive: true });
    if (!existsSync(join(snapshot, 'embed.js')) || !existsSync(join(snapshot, 'embed.html'))) throw new Error('dist/ is being rebuilt');
  });
  const pagesDir = join(work, 'pages');
  mkdirSync(pagesDir);
  const mounts: Record<string, string> = { '/copy/': snapshot };
  if (!existsSync(join(snapshot, 'assets/model/model.json')) && HAS_REFERENCE_MODEL) {
    mounts['/assets/model/'] = REFERENCE_MODEL_DIR;
    mounts['/copy/assets/model/'] = REFERENCE_MODEL_DIR;
  }
  // Longer prefixes first: the server takes the first mount that matches.
  const sorted = Object.fromEntries(Object.entries(mounts).sort((a, b) => b[0].length - a[0].length));
  let dist: StaticServer;
  let pages: StaticServer;
  if (opts.foreign) {
    dist = await startStaticServer({ root: snapshot, mounts: sorted, headers: CORS });
    pages = await startStaticServer({ root: pagesDir });
  } else {
    dist = await startStaticServer({ root: snapshot, mounts: { '/pages/': pagesDir, ...sorted } });
    pages = dist;
  }
  return {
    dist,
    pages,
    writePage(name, html) {
      writeFileSync(join(pagesDir, name), html);
      return opts.foreign ? `${pages.url}/${name}` : `${pages.url}/pages/${name}`;
    },
    async close() {
      await pages.close();
      if (pages !== dist) await dist.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Waits until the element is defined, upgraded and has rendered something visible. */
export async function whenRendered(page: Page, tag: string): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const el = document.querySelector(t) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
      if (!el || !customElements.get(t) || !el.shadowRoot) return false;
      const box = el.getBoundingClientRect();
      return el.shadowRoot.childElementCount > 0 && box.width > 0 && box.height > 0;
    },
    { timeout: 20_000 },
    tag,
  );
}

/** For elements that run the network: waits until their run has arrived. Others return at once. */
export async function whenRun(page: Page, tag: string, timeout = 90_000): Promise<boolean> {
  const hasNetwork = await page.$eval(tag, (el) => 'network' in el);
  if (!hasNetwork) return false;
  await page.waitForFunction(
    (t) => {
      const el = document.querySelector(t) as (HTMLElement & { network?: { run: unknown; error?: string } }) | null;
      if (el?.network?.error) throw new Error(`<${t}>: ${el.network.error}`);
      return Boolean(el?.network?.run);
    },
    { timeout, polling: 200 },
    tag,
  );
  return true;
}
