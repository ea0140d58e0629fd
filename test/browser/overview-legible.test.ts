/**
 * The overview reads at article width: at 1440, 1280 and 1024 px windows, in a blog's 808 px
 * column, across the whole window, and fitted into the article's stage, no layer label runs
 * into another, no detail shape overprints another, every ⓘ can be clicked, and the maps
 * take the room the figure has.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { shimNames } from './framing-support';

const { it, run } = browserSuite('cnn-overview legibility');

type El = HTMLElement & { network?: { run: unknown } };

async function drawn(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel) as El | null;
    return Boolean(el?.network?.run) && (el!.shadowRoot!.querySelectorAll('canvas.map').length ?? 0) > 0;
  }, { timeout: 60_000 }, selector);
  await settle(page);
}

/** Two frames and a little time: long enough for a re-layout after a measurement. */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 120)));

interface Report { problems: string[]; labels: number; infos: number; mapSize: number; networkWidth: number; hostWidth: number }

/** Everything that makes the overview hard to read, found in the page. */
function legibility(page: Page, selector: string): Promise<Report> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement;
    const root = el.shadowRoot!;
    const problems: string[] = [];
    // An ⓘ can only be clicked on screen: bring the network's labels into view first.
    root.querySelector('.wide')!.scrollIntoView({ block: 'start', behavior: 'instant' });
    const shown = (e: Element) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const overlap = (p: DOMRect, q: DOMRect) => p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1;
    const host = el.getBoundingClientRect();
    const labels = [...root.querySelectorAll<HTMLElement>('[part~="layer-label"]')].filter(shown);
    const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ').trim();
    for (let a = 0; a < labels.length; a++) {
      const p = labels[a].getBoundingClientRect();
      if (p.left < host.left - 1 || p.right > host.right + 1) problems.push(`label "${text(labels[a])}" leaves the figure`);
      for (let b = a + 1; b < labels.length; b++) if (overlap(p, labels[b].getBoundingClientRect())) problems.push(`labels "${text(labels[a])}" and "${text(labels[b])}" overlap`);
    }
    const shapes = [...root.querySelectorAll('.col-label .shape, .col-shape')].filter(shown);
    for (let a = 0; a < shapes.length; a++) {
      for (let b = a + 1; b < shapes.length; b++) if (overlap(shapes[a].getBoundingClientRect(), shapes[b].getBoundingClientRect())) problems.push(`shapes "${text(shapes[a])}" and "${text(shapes[b])}" overprint`);
    }
    const infos = [...root.querySelectorAll<HTMLElement>('[part~="info-link"]')].filter(shown);
    for (const info of infos) {
      const r = info.getBoundingClientRect();
      const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit !== info && !info.contains(hit)) problems.push(`the ⓘ "${info.getAttribute('aria-label')}" is under ${hit ? hit.localName + '.' + [...hit.classList].join('.') : 'nothing'}`);
      if (r.width < 14 || r.height < 14) problems.push(`the ⓘ "${info.getAttribute('aria-label')}" is only ${r.width}×${r.height}`);
    }
    for (const label of labels) {
      const size = parseFloat(getComputedStyle(label).fontSize);
      if (size < 11) problems.push(`label "${text(label)}" is set in ${size} px`);
    }
    const map = root.querySelector('canvas.map[data-layer="conv_1_1"]')!.getBoundingClientRect();
    const network = root.querySelector('.wide')!.getBoundingClientRect();
    return { problems, labels: labels.length, infos: infos.length, mapSize: map.width, networkWidth: network.width, hostWidth: host.width };
  }, selector);
}

const WINDOWS = [
  { width: 1440, height: 900, stage: [851, 836] },
  { width: 1280, height: 800, stage: [749, 736] },
  { width: 1024, height: 768, stage: [585, 704] },
];

for (const w of WINDOWS) {
  it(`at ${w.width} px, in an 808 px column and across the window, labels and shapes never overlap and every ⓘ can be clicked`, async ({ page, url }) => {
    await page.setViewport({ width: w.width, height: w.height });
    await shimNames(page);
    await page.goto(url('/test-pages/overview-column.html'));
    await drawn(page, '#column');
    await drawn(page, '#full');
    for (const selector of ['#column', '#full']) {
      for (const detail of [false, true]) {
        await page.$eval(selector, (el, d) => el.toggleAttribute('detail', d), detail);
        await settle(page);
        const r = await legibility(page, selector);
        const where = `${w.width} px, ${selector}${detail ? ', detail' : ''}`;
        assert.equal(r.problems, [], where);
        assert.is(r.labels, 12, `${where}: a label per column`);
        assert.is(r.infos, 12, `${where}: an ⓘ per column`);
        assert.ok(r.networkWidth >= r.hostWidth * 0.93, `${where}: the network spans the figure (${r.networkWidth} of ${r.hostWidth} px)`);
        assert.ok(r.mapSize >= (r.hostWidth >= 800 ? 40 : 28), `${where}: maps are ${r.mapSize} px`);
      }
    }
    await screenshot(page, `overview-legible-${w.width}`, true);
  });

  it(`fitted into the ${w.stage[0]} × ${w.stage[1]} stage of a ${w.width} px window, the network reads and fills the box`, async ({ page, url }) => {
    await page.setViewport({ width: w.width, height: w.height + 100 });
    await shimNames(page);
    await page.goto(url('/test-pages/overview-fit.html'));
    await page.$eval('#box', (box, [bw, bh]) => { (box as HTMLElement).style.width = `${bw}px`; (box as HTMLElement).style.height = `${bh}px`; }, w.stage);
    await drawn(page, 'cnn-overview');
    for (const detail of [false, true]) {
      await page.$eval('cnn-overview', (el, d) => el.toggleAttribute('detail', d), detail);
      await settle(page);
      const r = await legibility(page, 'cnn-overview');
      assert.equal(r.problems, [], `stage ${w.stage}${detail ? ', detail' : ''}`);
      assert.ok(r.networkWidth >= (w.stage[0] - 20) * 0.95, `the network spans the box (${r.networkWidth} px)`);
      const fits = await page.$eval('cnn-overview', (el) => ({ zoom: (el as unknown as { frame: { zoom: number } }).frame.zoom, over: el.scrollHeight - el.clientHeight }));
      assert.equal(fits, { zoom: 1, over: 0 }, 'fits without shrinking or overflowing');
    }
    await screenshot(page, `overview-legible-stage-${w.stage[0]}`);
  });
}

run();
