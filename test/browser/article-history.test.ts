/**
 * The back and forward buttons move one step at a time: Back undoes exactly one "Next step",
 * Forward redoes it, with the figure and the address in step, with motion on or off.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { frameProblems, scrollReaderTo, settleOn, shimNames, stageFacts } from './framing-support';

const { it, run } = browserSuite('the article\'s history');

async function stepIndex(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => {
    const [id, k] = n.split('/');
    const section = document.getElementById(id)!;
    const step = section.querySelectorAll('.step')[Number(k)];
    return [...document.querySelectorAll('section[id] .step')].indexOf(step);
  }, name);
}

/** Waits until the address is `url` and its step is the one marked, then reads the stage. */
async function arrived(page: Page, url: string): Promise<Record<string, string | null>> {
  await page.waitForFunction((want) => location.pathname + location.search + location.hash === want, { timeout: 10_000 }, url);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
  return stageFacts(page);
}

for (const motion of ['off', 'on'] as const) {
  it(`walks Next step ×3, then Back ×3 and Forward ×3 one step at a time (motion ${motion})`, async ({ page, url }) => {
    await shimNames(page);
    await page.goto(url('/'));
    const start = await stepIndex(page, 'softmax/0');
    await scrollReaderTo(page, start);
    await settleOn(page, start, 5000);
    const seen = [await stageFacts(page)];
    for (let k = 1; k <= 3; k++) {
      await page.click('.next-step');
      await page.waitForFunction((i) => document.querySelectorAll('section[id] .step')[i].classList.contains('is-active'), { timeout: 10_000 }, start + k);
      // Let a smooth scroll finish and any late scroll report arrive.
      await page.evaluate((m) => new Promise((r) => setTimeout(r, m === 'on' ? 1200 : 200)).then(() => undefined), motion);
      seen.push(await stageFacts(page));
    }
    assert.equal(seen.map((f) => f.step), ['softmax/0', 'softmax/1', 'softmax/2', 'softmax/3']);
    for (let k = 2; k >= 0; k--) {
      await page.goBack();
      assert.equal(await arrived(page, seen[k].url!), seen[k], `Back to ${seen[k].step}`);
    }
    for (let k = 1; k <= 3; k++) {
      await page.goForward();
      assert.equal(await arrived(page, seen[k].url!), seen[k], `Forward to ${seen[k].step}`);
    }
  }, { reducedMotion: motion === 'off' });
}

// Opening the address the page already has (a link to the current step, the address bar's
// Enter) is a navigation within the document: the browser fires popstate, then jumps to the
// #section, which would leave the step's text below the screen with its figure on show.
it('opening the address the page already has lands its step again, text and figure', async ({ page, url }) => {
  await shimNames(page);
  for (const link of ['/?step=1#what-is-a-cnn', '/?step=2#relu']) {
    await page.goto(url(link));
    const [section, k] = [link.split('#')[1], link.match(/step=(\d+)/)![1]];
    const index = await stepIndex(page, `${section}/${k}`);
    await settleOn(page, index, 5000);
    const before = await stageFacts(page);
    await page.evaluate(() => { (window as unknown as { marked: boolean }).marked = true; });
    await page.goto(url(link));
    assert.ok(await page.evaluate(() => (window as unknown as { marked?: boolean }).marked), `opening ${link} again stays in the same document`);
    // Let the jump to the #section and every scroll report that follows it arrive.
    await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 400)));
    assert.equal(await stageFacts(page), before, `${link} opened again: the same step, figure and address`);
    assert.equal(await frameProblems(page, index), [], `${link} opened again frames its step`);
  }
});

run();
