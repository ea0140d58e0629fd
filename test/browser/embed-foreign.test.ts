/**
 * A foreign host: the page comes from one origin and dist/ from another (which sends CORS
 * headers, as any CDN does). The model, weights, wasm, example images, KaTeX fonts and the
 * worker must all resolve against the script's own address, and the worker must still start
 * (browsers refuse a cross-origin module worker; the client starts a same-origin blob: worker
 * that imports it).
 */
import * as assert from 'uvu/assert';
import { browserSuite, screenshot } from '../support/browser';
import { HAS_MODEL, blankPage, manifestElements, startKitServers, whenRendered, whenRun, type KitServers } from './embed-kit-support';

const { it, run, suite } = browserSuite('embed: foreign host');
let kit: KitServers;
suite.before(async () => { kit = await startKitServers({ foreign: true }); });
suite.after(async () => { await kit?.close(); });

const elements = manifestElements();

it('every element works when dist/ is on another origin than the page', async ({ page }) => {
  const pageOrigin = new URL(kit.pages.url).origin;
  const distOrigin = new URL(kit.dist.url).origin;
  assert.is.not(pageOrigin, distOrigin);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const body = elements.map((e) => `<section style="margin:2rem 0"><${e.tag}></${e.tag}></section>`).join('\n');
  await page.goto(kit.writePage('foreign.html', blankPage(`${kit.dist.url}/embed.js`, body, 'a blog on another origin')));
  for (const e of elements) {
    await page.$eval(e.tag, (node) => node.scrollIntoView({ block: 'center' }));
    await whenRendered(page, e.tag);
  }
  const katex = await page.$eval('link[data-cnn-katex]', (l) => (l as HTMLLinkElement).href);
  assert.is(katex, `${distOrigin}/katex/katex.css`);
  // Nothing of ours was asked of the page's origin (the page itself aside).
  const strays = requests.filter((u) => u.startsWith(pageOrigin) && !u.endsWith('/foreign.html'));
  assert.equal(strays, [], 'no asset was looked for beside the page');
  if (!HAS_MODEL) return;
  for (const e of elements) await whenRun(page, e.tag);
  const workers = page.workers().map((w) => w.url());
  assert.is(workers.length, 1, `one worker: ${workers.join(', ')}`);
  assert.match(workers[0], /^blob:/, 'the worker came from a same-origin blob: URL');
  const counters = await page.evaluate(() => (window as unknown as { __cnnNetworkCounters: { loads: number } }).__cnnNetworkCounters);
  assert.is(counters.loads, 1);
  assert.ok(requests.some((u) => u === `${distOrigin}/assets/model/model.json`), 'the model came from dist/');
  assert.ok(requests.some((u) => u.startsWith(`${distOrigin}/wasm/`) || u.startsWith(`${distOrigin}/chunks/`)), 'TF.js came from dist/');
  // Example thumbnails decoded (CORS allowed them) wherever a picker shows them.
  // (A string, not a function: tsx would wrap a named inner function in a helper the page lacks.)
  const images = (await page.evaluate(`(() => {
    const all = [];
    const walk = (root) => {
      for (const img of root.querySelectorAll('img')) all.push({ src: img.src, ok: img.complete && img.naturalWidth > 0 });
      for (const host of root.querySelectorAll('*')) if (host.shadowRoot) walk(host.shadowRoot);
    };
    walk(document);
    return all;
  })()`)) as { src: string; ok: boolean }[];
  assert.ok(images.length > 0, 'the picture picker shows example thumbnails');
  for (const img of images) {
    assert.ok(img.src.startsWith(distOrigin), `image ${img.src} comes from dist/`);
    assert.ok(img.ok, `image ${img.src} loaded`);
  }
  // A formula was typeset somewhere: its fonts (declared by the document) loaded across origins.
  const usesKatex = await page.evaluate(() => [...document.querySelectorAll('*')].some((el) => el.shadowRoot?.querySelector('.katex')));
  if (usesKatex) {
    await page.evaluate(() => document.fonts.ready);
    const katexFonts = await page.evaluate(() => [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length);
    assert.ok(katexFonts > 0, 'KaTeX fonts loaded from dist/');
  }
  await screenshot(page, 'embed-foreign-host');
});

run();
