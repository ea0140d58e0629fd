/**
 * <cnn-training> with training files that are missing or cut off: a checkpoint that is not
 * there, one cut short, no report, no list of checkpoints. Each time the figure says what
 * happened in plain words and the rest of it keeps working: the other epochs, the curves.
 */
import * as assert from 'uvu/assert';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { browserSuite, DIST, screenshot } from '../support/browser';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { testPage } from '../support/test-pages';
import { readIndex } from '../support/checkpoint-reader';
import { TAG, setEpoch, whenEpochShown, type TrainingInPage } from './training-support';
import { scratchDir } from '../support/scratch-dir';

const { it, run, suite } = browserSuite('training figure, broken training files');
const index = readIndex(join(DIST, 'assets/model/checkpoints'));
const plain = index.checkpoints.filter((c) => c.label !== 'final');
const MISSING = plain[1];
const CUT = plain[3];
const FINE = plain[5];
let site: StaticServer;
let dir = '';

/** Copies of the model with one thing broken each, and a page for each. */
function brokenCopies(): string {
  const root = scratchDir('cnn-training-broken-');
  const model = join(DIST, 'assets/model');
  for (const name of ['gaps', 'noreport', 'noindex']) cpSync(model, join(root, name), { recursive: true });
  rmSync(join(root, 'gaps/checkpoints', MISSING.file));
  const cut = readFileSync(join(model, 'checkpoints', CUT.file));
  writeFileSync(join(root, 'gaps/checkpoints', CUT.file), cut.subarray(0, 5000));
  rmSync(join(root, 'noreport/report.json'));
  rmSync(join(root, 'noindex/checkpoints/index.json'));
  const page = (name: string, attrs: string) => writeFileSync(join(root, `${name}.html`), testPage(name, `<cnn-training model="/broken/${name}/model.json" image="espresso-cup" ${attrs}></cnn-training>`));
  page('gaps', `epoch="${MISSING.epoch}"`);
  page('noreport', '');
  page('noindex', '');
  return root;
}

suite.before(async () => {
  dir = brokenCopies();
  site = await startStaticServer({ root: DIST, mounts: { '/broken/': dir } });
});
suite.after(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const alertOf = (page: Page) => page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
const curvesDrawn = (page: Page) => page.$eval(TAG, (el) => el.shadowRoot!.querySelectorAll('.chart path.line').length);
const allow = { allowErrors: [/Failed to load resource/] };

it('a missing checkpoint and a cut-off one each say so; the curves and the other epochs keep working', async ({ page }) => {
  await page.goto(`${site.url}/broken/gaps.html`);
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[role=alert]'), { timeout: 60_000 }, TAG);
  assert.match(await alertOf(page), new RegExp(`^Epoch ${MISSING.epoch}: The training checkpoint was not found at .*/broken/gaps/checkpoints/${MISSING.file} \\(the server answered 404\\)\\. The curves and the other epochs still work\\.$`));
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelectorAll('.chart path.line').length === 6, { timeout: 30_000 }, TAG);
  const hidden = await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll('.kernels .units, .maps .map-grid')].map((e) => getComputedStyle(e).display));
  assert.equal(hidden, ['none', 'none'], 'no kernels or maps of another epoch under the message');
  await setEpoch(page, String(CUT.epoch));
  await page.waitForFunction((tag, e) => (document.querySelector(tag)!.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '').includes(`Epoch ${e}:`), { timeout: 60_000 }, TAG, CUT.epoch);
  await screenshot(page, 'training-cut-checkpoint');
  assert.match(await alertOf(page), new RegExp(`^Epoch ${CUT.epoch}: The training checkpoint ${CUT.file} is damaged or cut off \\(5000 bytes\\)\\. The curves and the other epochs still work\\.$`));
  await setEpoch(page, String(FINE.epoch));
  await whenEpochShown(page, FINE.epoch);
  assert.is(await alertOf(page), '', 'a good epoch shows with no message');
  assert.is(await curvesDrawn(page), 6);
}, allow);

it('with no training report the curves say so, and the epochs still show', async ({ page }) => {
  await page.goto(`${site.url}/broken/noreport.html`);
  await page.waitForFunction((tag) => (document.querySelector(tag) as TrainingInPage).shown, { timeout: 60_000 }, TAG);
  const said = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.curves .status')!.textContent!.trim());
  assert.match(said, /^The training report was not found at .*\/broken\/noreport\/report\.json \(the server answered 404\)\.$/);
  assert.is(await curvesDrawn(page), 0);
  await screenshot(page, 'training-no-report');
  const rows = await page.$eval(TAG, (el) => el.shadowRoot!.querySelectorAll('.prediction tbody tr').length);
  assert.is(rows, 5);
}, allow);

it('with no list of checkpoints the figure says so, and the curves still draw', async ({ page }) => {
  await page.goto(`${site.url}/broken/noindex.html`);
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[role=alert]'), { timeout: 60_000 }, TAG);
  assert.match(await alertOf(page), /^The list of training checkpoints was not found at .*\/broken\/noindex\/checkpoints\/index\.json \(the server answered 404\)\. The curves still work\.$/);
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelectorAll('.chart path.line').length === 6, { timeout: 30_000 }, TAG);
  const slider = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!.disabled);
  assert.ok(slider, 'no epochs to move through');
  await screenshot(page, 'training-no-index');
}, allow);

run();
