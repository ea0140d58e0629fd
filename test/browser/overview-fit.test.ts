/**
 * A fitted overview shows each subject whole, inside the box it is given, at the four box
 * sizes the article's stage measures (desktop, laptop, two phones): no scroll, no shrinking
 * below 85 % (the aim is none), the subject marked and wholly inside, and no text under 11 px.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { shimNames } from './framing-support';

const { it, run } = browserSuite('cnn-overview fitted');

const BOXES = [[851, 836], [585, 704], [366, 424], [336, 365]] as const;
/** Each subject with the selection its article step gives it. */
const SUBJECTS: [string, string][] = [
  ['network', ''], ['map', 'conv_1_1:0'], ['kernel', 'conv_1_2:3'], ['output', 'output:6'], ['input', 'input:0'],
  ['numbers', 'input:1'], ['legend', 'input:2'], ['field', 'max_pool_2:0'], ['picker', ''],
];

const settle = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 250)));

function check(page: Page) {
  return page.$eval('cnn-overview', (node) => {
    const el = node as HTMLElement & { frame: { zoom: number } };
    const root = el.shadowRoot!;
    const host = el.getBoundingClientRect();
    const problems: string[] = [];
    if (el.frame.zoom < 0.85) problems.push(`shrunk to ${Math.round(el.frame.zoom * 100)} %`);
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) problems.push(`content ${el.scrollWidth}×${el.scrollHeight} in a ${el.clientWidth}×${el.clientHeight} box`);
    const focus = root.querySelector('[data-step-focus]');
    if (!focus) problems.push('no subject marked');
    else {
      const r = focus.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) problems.push('the subject is not drawn');
      if (r.left < host.left - 1 || r.top < host.top - 1 || r.right > host.right + 1 || r.bottom > host.bottom + 1) problems.push(`the subject ${focus.localName}.${focus.className} leaves the box`);
    }
    // Legible text: every visible text run inside the box is at least 11 px.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !n.textContent!.trim() || parent.closest('[hidden], .sr-only')) continue;
      const r = parent.getBoundingClientRect();
      if (r.width === 0 || r.bottom <= host.top || r.top >= host.bottom) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize) * el.frame.zoom;
      if (size < 10.9) { problems.push(`"${n.textContent!.trim().slice(0, 20)}" is ${size.toFixed(1)} px`); break; }
    }
    return problems;
  });
}

for (const [w, h] of BOXES) {
  it(`every subject fits a ${w} × ${h} box, marked and legible`, async ({ page, url }) => {
    await page.setViewport({ width: Math.max(w + 40, 400), height: h + 60, deviceScaleFactor: w < 500 ? 2 : 1 });
    await shimNames(page);
    await page.goto(url('/test-pages/overview-fit.html'));
    await page.$eval('#box', (box, [bw, bh]) => { (box as HTMLElement).style.width = `${bw}px`; (box as HTMLElement).style.height = `${bh}px`; }, [w, h]);
    await page.waitForFunction(() => Boolean((document.querySelector('cnn-overview') as unknown as { network: { run: unknown } }).network.run), { timeout: 60_000 });
    const failures: string[] = [];
    for (const [subject, selected] of SUBJECTS) {
      await page.$eval('cnn-overview', (el, [s, sel]) => { el.setAttribute('subject', s); el.setAttribute('selected', sel); }, [subject, selected]);
      await settle(page);
      const problems = await check(page);
      if (problems.length) failures.push(`${subject}: ${problems.join('; ')}`);
      await screenshot(page, `overview-fit-${w}-${subject}`);
    }
    assert.equal(failures, [], `${w} × ${h}`);
  });
}

run();
