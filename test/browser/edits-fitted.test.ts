/**
 * The conv view's kernel editor (subject `edit`) fitted to the article's four stage boxes,
 * with an edit in force (so the prediction's change and Reset show): it fits without scroll
 * or shrinking, its nine weights, presets and Reset are inside the box and large enough to
 * tap, and the output map it changes is on show. Screenshots: test/screenshots/edits-fitted-*.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { openView, whenDrawn } from './views-support';
import { fitElement, fitInBox, fitProblems, fittedProblems, STAGE_BOXES, type BoxName } from './fitted-support';

const { it, run } = browserSuite('cnn-conv-view kernel editor, fitted');
const TAG = 'cnn-conv-view';
const EDITS = '1*k.conv_1_1.3.0.-1000.-1000.-1000.-1000.8000.-1000.-1000.-1000.-1000';

const edited = (page: Page) => whenDrawn(page, page.waitForFunction((tag, edits) => {
  const el = document.querySelector(tag) as HTMLElement & { network: { info: { url: string } | null }; data?: unknown };
  return Boolean(el?.network.info?.url.endsWith(`#edits=${edits}`) && el.data
    && el.shadowRoot!.querySelector('[data-role="prediction-change"][data-before]'));
}, { timeout: 60_000 }, TAG, EDITS), async () => 'the edited conv view never drew');

/** The editor's controls that leave the box or are smaller than a finger's 24 px. */
const controlProblems = (page: Page) => page.$eval(TAG, (el) => {
  const box = el.getBoundingClientRect();
  const problems: string[] = [];
  const controls = el.shadowRoot!.querySelectorAll<HTMLElement>('[data-part="edit"] input[data-role="edit-weight"], [data-part="edit"] button, [data-part="edit"] select, [data-part="edit"] canvas[data-kind="output"]');
  if (controls.length < 9 + 5 + 1 + 1) problems.push(`only ${controls.length} controls`);
  for (const c of controls) {
    const r = c.getBoundingClientRect();
    const name = c.dataset.role ?? c.dataset.preset ?? c.dataset.kind ?? c.localName;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) problems.push(`${name} leaves the box`);
    if (r.height < 24 || r.width < 24) problems.push(`${name} is ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return problems;
});

for (const box of Object.keys(STAGE_BOXES) as BoxName[]) {
  it(`the kernel editor with an edit in force fits the ${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height} box: weights, presets, output map and Reset inside, nothing shrunk`, async ({ page, url }) => {
    await openView(page, url, '/test-pages/conv-edit.html', (p) => whenDrawn(p, p.waitForFunction((tag) => Boolean((document.querySelector(tag) as unknown as { data?: unknown })?.data), { timeout: 60_000 }, TAG), async () => 'no draw'));
    await page.$eval(TAG, (el, edits) => el.setAttribute('edits', edits), EDITS);
    await edited(page);
    await fitElement(page, TAG, box, 'edit');
    const problems = [...await fitProblems(page, TAG), ...await controlProblems(page)];
    await screenshot(page, `edits-fitted-conv-${box}`);
    assert.equal(problems, []);
  });
}

for (const box of ['phone', 'desktop'] as const) {
  it(`the overview fitted to the ${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height} box keeps the channel switch, the change and Reset in its Controls, inside the box`, async ({ page, url }) => {
    const tag = 'cnn-overview';
    await openView(page, url, '/test-pages/overview-edit.html', (p) => whenDrawn(p, p.waitForFunction((tag) => Boolean(document.querySelector(tag)?.shadowRoot?.querySelector('[data-role="channel-switch"]')), { timeout: 60_000 }, tag), async () => 'no switch'));
    await page.$eval(tag, (el) => el.setAttribute('edits', '1*a.conv_1_1.3'));
    await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[data-role="prediction-change"][data-before]'), { timeout: 60_000 }, tag);
    await fitInBox(page, tag, box, 'map');
    await page.$eval(tag, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('.controls-toggle')!.click());
    await fitInBox(page, tag, box, 'map');
    const problems = await fittedProblems(page, tag);
    const outside = await page.$eval(tag, (el) => {
      const box = el.getBoundingClientRect();
      return ['[data-role="channel-switch"]', '[data-role="prediction-change"]', '[data-role="reset-edits"]'].filter((sel) => {
        const r = el.shadowRoot!.querySelector(sel)?.getBoundingClientRect();
        return !r || r.width === 0 || r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1;
      });
    });
    // Where the box shows one map large (a phone's panel), that map is the switched-off one: striped, and its title says so.
    const big = await page.$eval(tag, (el) => {
      const c = el.shadowRoot!.querySelector('.big-map canvas');
      return c ? { off: c.hasAttribute('data-off'), note: el.shadowRoot!.querySelector('.off-note')?.textContent ?? null } : null;
    });
    if (box === 'phone') assert.ok(big, 'a phone-sized box shows the selected map large');
    if (big) assert.equal(big, { off: true, note: 'switched off' });
    await (await page.$('.test-box'))!.screenshot({ path: `test/screenshots/edits-fitted-overview-${box}.png` });
    assert.equal([...problems, ...outside.map((s) => `${s} is not inside the box`)], []);
  });
}

run();
