/**
 * Issue #10's promise, walked: at four window sizes, every step of the article, reached by
 * scrolling, by "Next step" and by a fresh load of its link, frames its subject (see
 * framing-support.ts). Prints how many steps pass at each size and how; fails on any miss.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot, VIEWPORTS } from '../support/browser';
import { frameProblems, scrollReaderTo, settleOn, shimNames, stageFacts, type LandMode } from './framing-support';

const { it, run } = browserSuite('every step frames its subject');

type Size = 'desktop' | 'laptop' | 'phone' | 'narrow';
/** FRAMING_SIZES=phone,narrow and FRAMING_SECTIONS=convolution,relu narrow a run while working on a view. */
const SIZES = (process.env.FRAMING_SIZES?.split(',') ?? ['desktop', 'laptop', 'phone', 'narrow']) as Size[];
const SECTIONS = process.env.FRAMING_SECTIONS?.split(',') ?? null;
/** Fresh loads are the slow way to reach a step: two sizes, one beside and one above the prose, each link opened LOADS times. */
const LOADED_AT: Size[] = ['desktop', 'phone'];
const LOADS = 3;
const SHOTS = process.env.FRAMING_SHOTS === '1';

interface Miss { step: string; mode: LandMode; problems: string[] }

async function stepNames(page: Page): Promise<{ names: string[]; links: string[] }> {
  return page.evaluate(() => {
    const steps = [...document.querySelectorAll<HTMLElement>('section[id] .step')];
    const names = steps.map((s) => {
      const section = s.closest('section')!;
      return `${section.id}/${[...section.querySelectorAll('.step')].indexOf(s)}`;
    });
    return { names, links: names.map((n) => { const [sec, k] = n.split('/'); return `/?step=${k}#${sec}`; }) };
  });
}

async function walk(page: Page, size: Size, url: (p: string) => string): Promise<{ total: number; misses: Miss[] }> {
  await shimNames(page);
  await page.goto(url('/'));
  const { names, links } = await stepNames(page);
  const misses: Miss[] = [];
  const record = async (i: number, mode: LandMode) => {
    await settleOn(page, i);
    const problems = await frameProblems(page, i);
    if (problems.length) misses.push({ step: names[i], mode, problems });
    if (SHOTS && mode === 'scroll') await screenshot(page, `framing-${size}-${String(i).padStart(2, '0')}`);
  };
  const wanted = (i: number) => !SECTIONS || SECTIONS.includes(names[i].split('/')[0]);
  let total = 0;
  for (let i = 0; i < names.length; i++) {
    if (!wanted(i)) continue;
    await scrollReaderTo(page, i);
    await record(i, 'scroll');
    total++;
  }
  for (let i = 1; i < names.length; i++) {
    if (!wanted(i)) continue;
    if (!wanted(i - 1) || i === 1) {
      await scrollReaderTo(page, i - 1);
      await settleOn(page, i - 1);
    }
    await page.click('.next-step');
    await record(i, 'next');
    total++;
  }
  if (LOADED_AT.includes(size)) {
    for (let i = 0; i < names.length; i++) {
      if (!wanted(i)) continue;
      // The first load is checked like any landing; every load must find the same step, figure and address.
      let first: Record<string, string | null> | null = null;
      for (let k = 0; k < LOADS; k++) {
        // Opening the address the page has already is a navigation within the document, not a
        // load (article-history.test.ts has that case): leave the page first.
        if (k > 0) await page.goto('about:blank');
        await page.goto(url(links[i]));
        if (k === 0) await record(i, 'load');
        else await settleOn(page, i, 5000);
        const facts = await stageFacts(page);
        const problems: string[] = [];
        if (facts.step !== names[i]) problems.push(`load ${k + 1} is on step ${facts.step}`);
        if (facts.url !== links[i]) problems.push(`load ${k + 1} rewrote the address to ${facts.url}`);
        if (first && JSON.stringify(facts) !== JSON.stringify(first)) problems.push(`load ${k + 1} differs from load 1: ${JSON.stringify(facts)} vs ${JSON.stringify(first)}`);
        first ??= facts;
        if (problems.length) misses.push({ step: names[i], mode: 'load', problems });
      }
      total++;
    }
  }
  return { total, misses };
}

for (const size of SIZES) {
  it(`frames every step's subject at ${VIEWPORTS[size].width}×${VIEWPORTS[size].height}, scrolled to, by Next step${LOADED_AT.includes(size) ? ` and by ${LOADS} fresh loads that find the same step, figure and address` : ''}`, async ({ page, url }) => {
    const { total, misses } = await walk(page, size, url);
    console.log(`  framing at ${VIEWPORTS[size].width}×${VIEWPORTS[size].height}: ${total - misses.length} of ${total} step landings pass`);
    for (const m of misses) console.log(`    ${m.step} (${m.mode}): ${m.problems.join('; ')}`);
    assert.equal(misses.map((m) => `${m.step} (${m.mode})`), [], 'every step frames its subject');
  }, { viewport: size, reducedMotion: true });
}

run();
