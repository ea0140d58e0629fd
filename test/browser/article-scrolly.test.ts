import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { AxePuppeteer } from '@axe-core/puppeteer';
import { browserSuite, screenshot } from '../support/browser';

const { it, run } = browserSuite('the article');

interface StageFacts { view: string; image: string | null; layer: string | null; channel: string | null; selected: string | null; scale: string | null; url: string }

async function stageFacts(page: Page): Promise<StageFacts> {
  return page.evaluate(() => {
    const el = document.querySelector('.stage-views > [data-view]:not([hidden])') as HTMLElement;
    return {
      view: el.dataset.view!, image: el.getAttribute('image'), layer: el.getAttribute('layer'), channel: el.getAttribute('channel'),
      selected: el.getAttribute('selected') || null, scale: el.getAttribute('scale'), url: location.pathname + location.search + location.hash,
    };
  });
}

/** What the step markup says the figure must be at step i (the image is carried from earlier steps). */
async function expectedFor(page: Page, i: number) {
  return page.evaluate((index) => {
    const steps = [...document.querySelectorAll<HTMLElement>('section[id] .step')];
    let image = 'espresso-cup';
    for (let k = index; k >= 0; k--) if (steps[k].dataset.image) { image = steps[k].dataset.image!; break; }
    const d = steps[index].dataset;
    return { view: d.view ?? 'overview', layer: d.layer ?? '', channel: d.channel ?? null, image, section: steps[index].closest('section')!.id };
  }, i);
}

/**
 * Scrolls step i to the middle of the window, as a reader would, until it is the active step.
 * Late layout (fonts, pictures, figures sizing themselves) can move the step after the scroll,
 * and a reader would then scroll again: so does this, up to 20 s in all.
 */
async function scrollToStep(page: Page, i: number) {
  let lastError: unknown;
  for (let tries = 0; tries < 8; tries++) {
    await page.evaluate((index) => document.querySelectorAll('section[id] .step')[index].scrollIntoView({ block: 'center', behavior: 'instant' }), i);
    try {
      await page.waitForFunction((index) => document.querySelectorAll('section[id] .step')[index].classList.contains('is-active'), { timeout: 2500 }, i);
      return;
    } catch (e) {
      lastError = e;
    }
  }
  const where = await page.evaluate((index) => {
    const steps = [...document.querySelectorAll('section[id] .step')];
    const r = steps[index].getBoundingClientRect();
    return `step ${index} at ${Math.round(r.top)}–${Math.round(r.bottom)} of ${innerHeight}; active ${steps.findIndex((s) => s.classList.contains('is-active'))}`;
  }, i);
  throw new Error(`step ${i} never became active (${where}): ${String(lastError)}`);
}

function assertMatches(facts: StageFacts, want: Awaited<ReturnType<typeof expectedFor>>, where: string) {
  assert.is(facts.view, want.view, `${where}: view`);
  assert.is(facts.image, want.image, `${where}: image`);
  if (want.view === 'overview') assert.is(facts.selected, want.layer ? `${want.layer}:${want.channel ?? '0'}` : null, `${where}: selected map`);
  else if (want.layer) assert.equal([facts.layer, facts.channel], [want.layer, want.channel], `${where}: layer and channel`);
  assert.match(facts.url, new RegExp(`#${want.section}$`), `${where}: the URL names the section`);
}

it('sets the figure for every step as the reader scrolls down, and again scrolling up', async ({ page, url }) => {
  await page.goto(url('/'));
  const n = await page.$$eval('section[id] .step', (els) => els.length);
  assert.ok(n >= 20, `the article has ${n} steps`);
  for (let i = 0; i < n; i++) {
    await scrollToStep(page, i);
    assertMatches(await stageFacts(page), await expectedFor(page, i), `step ${i}`);
  }
  for (const i of [n - 3, 7, 2]) {
    await scrollToStep(page, i);
    assertMatches(await stageFacts(page), await expectedFor(page, i), `back at step ${i}`);
  }
});

it('keeps the network\'s maps while another view is on show, and shows them again without drawing them anew', async ({ page, url }) => {
  await page.goto(url('/'));
  const steps = await page.$$eval('section[id] .step', (els) => els.map((el) => ({ view: (el as HTMLElement).dataset.view ?? 'overview', section: el.closest('section')!.id })));
  const overviewAt = steps.findIndex((s) => s.view === 'overview');
  const convAt = steps.findIndex((s, i) => i > overviewAt && s.view === 'conv');
  assert.ok(overviewAt >= 0 && convAt > overviewAt, 'the article shows the network, then a convolution');
  await scrollToStep(page, overviewAt);
  const mark = () => page.$eval('.stage-views [data-view="overview"]', (el) => {
    const maps = [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column]')];
    return { count: maps.length, painted: maps.filter((c) => c.dataset.painted).length };
  });
  await page.waitForFunction(() => {
    const maps = [...document.querySelector('.stage-views [data-view="overview"]')!.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column]')];
    return maps.length > 40 && maps.every((c) => c.dataset.painted);
  }, { timeout: 20_000 });
  const before = await mark();
  // Tag every map canvas: a canvas made anew would come back without the tag.
  await page.$eval('.stage-views [data-view="overview"]', (el) => { for (const c of el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column]')) c.dataset.kept = '1'; });
  await scrollToStep(page, convAt);
  assert.is((await stageFacts(page)).view, 'conv');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await scrollToStep(page, overviewAt);
  const after = await page.$eval('.stage-views [data-view="overview"]', (el) => {
    const maps = [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column]')];
    return { count: maps.length, kept: maps.filter((c) => c.dataset.kept === '1').length, painted: maps.filter((c) => c.dataset.painted).length };
  });
  assert.is(after.count, before.count, 'the same maps');
  assert.is(after.kept, after.count, `every map canvas is the one drawn before (${after.kept} of ${after.count})`);
  assert.is(after.painted, after.count, 'every map is painted');
});

it('finds the reader\'s step when a jump ends, even if the step observers reported nothing', async ({ page, url }) => {
  // Every IntersectionObserver on the page stays silent, as scrollama's do when a report is lost.
  await page.evaluateOnNewDocument(() => {
    window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } } as unknown as typeof IntersectionObserver;
  });
  await page.goto(url('/'));
  for (const i of [3, 1, 6]) {
    await page.evaluate((index) => document.querySelectorAll('section[id] .step')[index].scrollIntoView({ block: 'center', behavior: 'instant' }), i);
    await page.waitForFunction((index) => document.querySelectorAll('section[id] .step')[index].classList.contains('is-active'), { timeout: 5000 }, i);
    assertMatches(await stageFacts(page), await expectedFor(page, i), `after the jump to step ${i}`);
  }
});

it('lands on the right figure after a fast jump that skips most steps', async ({ page, url }) => {
  await page.goto(url('/'));
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const n = await page.$$eval('section[id] .step', (els) => els.length);
  const target = Math.floor(n / 2);
  await scrollToStep(page, target);
  assertMatches(await stageFacts(page), await expectedFor(page, target), 'after the jump');
});

it('restores a deep link exactly, including the reader\'s own changes', async ({ page, url }) => {
  await page.goto(url('/?view=overview&layer=conv_1_2&channel=4&scale=global&step=1#convolution'));
  await page.waitForFunction(() => document.querySelector('.stage-views > [data-view="overview"]:not([hidden])')?.getAttribute('selected') === 'conv_1_2:4');
  const facts = await stageFacts(page);
  assert.is(facts.scale, 'global');
  const active = await page.evaluate(() => {
    const a = document.querySelector('.step.is-active')!;
    return [a.closest('section')!.id, [...a.closest('section')!.querySelectorAll('.step')].indexOf(a)];
  });
  assert.equal(active, ['convolution', 1]);
  assert.match(facts.url, /layer=conv_1_2/);
});

it('walks back through explicit navigation with the back button', async ({ page, url }) => {
  await page.goto(url('/'));
  await scrollToStep(page, 0);
  const urlNow = () => page.evaluate(() => location.pathname + location.search + location.hash);
  await page.click('.next-step');
  await page.waitForFunction(() => document.querySelectorAll('section[id] .step')[1].classList.contains('is-active'), { timeout: 15_000 });
  const afterOne = await urlNow();
  await page.click('.next-step');
  await page.waitForFunction(() => document.querySelectorAll('section[id] .step')[2].classList.contains('is-active'), { timeout: 15_000 });
  assert.is.not(await urlNow(), afterOne, 'the second step has its own address');
  await page.evaluate(() => history.back());
  await page.waitForFunction((want) => location.pathname + location.search + location.hash === want, { timeout: 10_000 }, afterOne);
  await page.waitForFunction(() => document.querySelectorAll('section[id] .step')[1].classList.contains('is-active'), { timeout: 10_000 });
});

it('marks the current section in the contents and moves there on a click', async ({ page, url }) => {
  await page.goto(url('/'));
  await page.click('.toc a[href="#pooling"]');
  await page.waitForFunction(() => document.querySelector('.toc a[href="#pooling"]')?.getAttribute('aria-current') === 'true');
  assert.match(await page.evaluate(() => location.hash), /#pooling/);
});

it('keeps the reader\'s example picture in the address, and never a picture that cannot travel', async ({ page, url }) => {
  await page.goto(url('/'));
  await scrollToStep(page, 0);
  const pick = (detail: { source: string; id?: string; label: string }) => page.$eval('.stage-views [data-view="overview"]', async (el, detail) => {
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(8 * 8 * 4).fill(90), 8, 8));
    (el as unknown as { source: { onPicked(e: CustomEvent): void } }).source.onPicked(new CustomEvent('cnn-image', { detail: { ...detail, bitmap, notes: [] } }));
  }, detail);
  await pick({ source: 'file', label: 'holiday.jpg' });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const fileImage = new URLSearchParams(await page.evaluate(() => location.search)).get('image');
  assert.ok(fileImage === null || fileImage === 'own', `a file picture never travels as another picture (image=${fileImage})`);
  await pick({ source: 'example', id: 'koala', label: 'Koala' });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('image') === 'koala', { timeout: 10_000 });
});

it('opens a link with a picture but no section at the top, with that picture, until the reader passes the first step', async ({ page, url }) => {
  await page.goto(url('/?image=koala'));
  await page.waitForFunction(() => document.querySelector('.stage-views [data-view="overview"]')?.getAttribute('image') === 'koala', { timeout: 10_000 });
  assert.is(await page.evaluate(() => Math.round(scrollY)), 0, 'the page stays at the top');
  await scrollToStep(page, 0);
  assert.is((await stageFacts(page)).image, 'koala', 'the first step keeps the linked picture');
  assert.match((await stageFacts(page)).url, /image=koala/);
  await scrollToStep(page, 1);
  const second = await expectedFor(page, 1);
  assert.is((await stageFacts(page)).image, second.image, 'the next step shows its own picture');
});

it('copies a link that reopens the same figure', async ({ page, url, browser }) => {
  await browser.defaultBrowserContext().overridePermissions(url('/'), ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  await page.goto(url('/?image=ladybug-clipart&channel=7&step=0#relu'));
  await page.waitForFunction(() => document.querySelector('.step.is-active')?.closest('section')?.id === 'relu');
  await page.click('.copy-link');
  await page.waitForFunction(() => (document.querySelector('.copy-status')?.textContent ?? '').length > 0);
  const link = await page.evaluate(async () => {
    const status = document.querySelector('.copy-status')!.textContent!;
    const shown = status.match(/https?:\/\/\S+/)?.[0];
    return shown ?? navigator.clipboard.readText();
  });
  assert.match(link, /image=ladybug-clipart/, link);
  assert.match(link, /channel=7/);
  assert.match(link, /#relu$/);
});

it('turns motion off from its own toggle and under prefers-reduced-motion', async ({ page, url }) => {
  await page.goto(url('/'));
  assert.is(await page.$eval('.motion-toggle', (b) => b.textContent), 'Motion: off');
  await page.click('.motion-toggle');
  assert.is(await page.$eval('.motion-toggle', (b) => b.getAttribute('aria-pressed')), 'false');
}, { reducedMotion: true });

it('reads fully without JavaScript: prose, headings, formulas and figure descriptions', async ({ page, url }) => {
  await page.goto(url('/'));
  const facts = await page.evaluate(() => ({
    sections: document.querySelectorAll('main section[id] h2').length,
    formulas: document.querySelectorAll('.katex').length,
    fallbacks: [...document.querySelectorAll('.figure-fallback')].filter((p) => getComputedStyle(p).display !== 'none').length,
    stageShown: getComputedStyle(document.querySelector('.stage')!).display !== 'none',
    words: document.querySelector('main')!.textContent!.split(/\s+/).length,
  }));
  assert.is(facts.sections, 13);
  assert.ok(facts.formulas >= 5, `${facts.formulas} formulas`);
  assert.ok(facts.fallbacks >= 5, `${facts.fallbacks} figure descriptions visible`);
  assert.not.ok(facts.stageShown, 'the empty live figure is hidden');
  assert.ok(facts.words > 1500);
  await screenshot(page, 'article-no-js');
}, { javaScriptEnabled: false });

it('prints the prose and figure descriptions without the live figure', async ({ page, url }) => {
  await page.goto(url('/'));
  await page.emulateMediaType('print');
  const facts = await page.evaluate(() => ({
    stage: getComputedStyle(document.querySelector('.stage')!).display,
    fallback: getComputedStyle(document.querySelector('.figure-fallback')!).display,
    stepColor: getComputedStyle(document.querySelectorAll('.step')[3]).color,
  }));
  assert.equal(facts, { stage: 'none', fallback: 'block', stepColor: 'rgb(0, 0, 0)' });
});

for (const viewport of ['phone', 'narrow'] as const) {
  it(`keeps the figure and the steps readable at ${viewport === 'phone' ? 390 : 360} px`, async ({ page, url }) => {
    await page.goto(url('/#convolution'));
    await new Promise((r) => setTimeout(r, 1500));
    const facts = await page.evaluate(() => {
      const stage = document.querySelector('.stage')!.getBoundingClientRect();
      const step = document.querySelector('.step.is-active') ?? document.querySelector('.step')!;
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        stageHeight: stage.height / innerHeight,
        fontSize: parseFloat(getComputedStyle(step.querySelector('p') ?? step).fontSize),
      };
    });
    assert.ok(facts.overflow <= 0, `no sideways scrolling (${facts.overflow}px)`);
    assert.ok(facts.stageHeight <= 0.56, `the figure takes ${Math.round(facts.stageHeight * 100)}% of the screen`);
    assert.ok(facts.fontSize >= 16);
    await screenshot(page, `article-${viewport}-convolution`);
  }, { viewport });
}

it('has no serious or critical accessibility findings', async ({ page, url }) => {
  await page.goto(url('/'));
  await new Promise((r) => setTimeout(r, 2000));
  const results = await new AxePuppeteer(page).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), []);
});

run();
