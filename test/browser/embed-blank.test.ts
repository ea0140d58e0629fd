/**
 * Blank pages: for every element in the custom-elements manifest, a page with nothing but
 * `<script type="module" src=".../embed.js">` and the bare tag shows it working; and one page
 * with all of them loads the model once.
 */
import * as assert from 'uvu/assert';
import { browserSuite, screenshot } from '../support/browser';
import { HAS_MODEL, blankPage, manifestElements, startKitServers, whenRendered, whenRun, type KitServers } from './embed-kit-support';

const { it, run, suite } = browserSuite('embed: blank pages');
let kit: KitServers;
suite.before(async () => { kit = await startKitServers(); });
suite.after(async () => { await kit?.close(); });

const elements = manifestElements();

it('the manifest lists the elements the embed script registers', async ({ page }) => {
  assert.ok(elements.length >= 3, `only ${elements.length} elements in custom-elements.json`);
  for (const known of ['cnn-overview', 'cnn-image-picker']) assert.ok(elements.some((e) => e.tag === known), `${known} is in the manifest`);
  const url = kit.writePage('registry.html', blankPage(`${kit.dist.url}/embed.js`, ''));
  await page.goto(url);
  const tags = elements.map((e) => e.tag);
  await page.waitForFunction((ts: string[]) => ts.every((t) => customElements.get(t)), { timeout: 20_000 }, tags);
  // The manifest's documentation is there for every element.
  for (const e of elements) assert.ok(e.description.length > 20, `<${e.tag}> has a JSDoc description`);
});

for (const el of elements) {
  it(`<${el.tag}> works on a blank page with only the script and the tag`, async ({ page }) => {
    const url = kit.writePage(`${el.tag}.html`, blankPage(`${kit.dist.url}/embed.js`, `<${el.tag}></${el.tag}>`, `${el.tag} alone`));
    await page.goto(url);
    await whenRendered(page, el.tag);
    if (HAS_MODEL) await whenRun(page, el.tag);
    const facts = await page.$eval(el.tag, (node) => ({
      rendered: node.shadowRoot!.querySelectorAll('*').length,
      katexLinks: document.querySelectorAll('link[data-cnn-katex]').length,
      katexHref: document.querySelector<HTMLLinkElement>('link[data-cnn-katex]')?.href ?? '',
    }));
    assert.ok(facts.rendered > 0, 'the element rendered into its shadow root');
    assert.is(facts.katexLinks, 1, 'the script declared KaTeX fonts in the document once');
    assert.is(facts.katexHref, `${kit.dist.url}/katex/katex.css`);
    await screenshot(page, `embed-blank-${el.tag}`);
  });
}

it('all elements on one page share one model load', async ({ page }) => {
  const body = elements.map((e) => `<section style="margin:2rem 0"><${e.tag}></${e.tag}></section>`).join('\n');
  await page.goto(kit.writePage('all.html', blankPage(`${kit.dist.url}/embed.js`, body, 'every element')));
  for (const e of elements) {
    await page.$eval(e.tag, (node) => node.scrollIntoView({ block: 'center' }));
    await whenRendered(page, e.tag);
  }
  if (!HAS_MODEL) return;
  const withNetwork: string[] = [];
  for (const e of elements) if (await whenRun(page, e.tag)) withNetwork.push(e.tag);
  assert.ok(withNetwork.length >= 1, 'some element runs the network');
  const counters = await page.evaluate(() => (window as unknown as { __cnnNetworkCounters: { loads: number; inferences: number } }).__cnnNetworkCounters);
  assert.is(counters.loads, 1, `one model load for ${withNetwork.join(', ')}`);
  assert.ok(counters.inferences >= 1);
  const workers = page.workers().filter((w) => /inference-worker/.test(w.url()));
  assert.is(workers.length, 1, 'one inference worker for the page');
});

run();
