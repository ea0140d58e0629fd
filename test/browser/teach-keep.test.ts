/**
 * <cnn-teach> keeping a model: saved in this browser (IndexedDB) under the reader's name, it
 * is listed after the page is loaded again, and "Use on this page" puts the figures on it
 * with its class names; deleting it takes it off the list and the page back to Tiny VGG.
 */
import * as assert from 'uvu/assert';
import { browserSuite } from '../support/browser';
import { CLASS_NAMES } from '../../model/classes';
import { withModel } from './views-support';
import { TAG, addFiles, clickTrain, pictureFiles, whenNetworkReady, whenRunEnds } from './teach-support';

const { it, run } = browserSuite('teaching figure, saved models');
const PAGE = '/test-pages/teach-with-figures.html';

type FigureInPage = HTMLElement & { network: { info: { classNames: string[] } | null; run: unknown } };
const savedNames = (page: import('puppeteer').Page) => page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll('.saved li .saved-name')].map((n) => n.textContent!.trim()));

it('saves the taught model in this browser, lists it after a reload, uses it on the page and deletes it', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url(PAGE));
  await page.waitForSelector(`${TAG} >>> .tab`);
  await page.$eval(TAG, (el) => el.setAttribute('epochs', '3'));
  await addFiles(page, 0, pictureFiles('red', 6));
  await addFiles(page, 1, pictureFiles('blue', 6));
  await whenNetworkReady(page);
  await clickTrain(page);
  await whenRunEnds(page);
  await (await page.$(`${TAG} >>> #save-name`))!.click({ count: 3 });
  await page.keyboard.type('colours');
  await (await page.$(`${TAG} >>> .save`))!.click();
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('.saved li'), { timeout: 30_000 }, TAG);
  assert.equal(await savedNames(page), ['colours']);
  assert.match(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.actions .message')!.textContent!), /Saved in this browser as “colours”/);

  await page.reload();
  await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('.saved li'), { timeout: 60_000 }, TAG);
  assert.equal(await savedNames(page), ['colours']);
  assert.match(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.saved li')!.textContent!), /red, blue/);
  await (await page.$(`${TAG} >>> .use-saved`))!.click();
  await page.$eval('cnn-softmax-view', (el) => el.scrollIntoView());
  await page.waitForFunction(() => {
    const el = document.querySelector('cnn-softmax-view') as FigureInPage;
    return JSON.stringify(el.network.info?.classNames) === '["red","blue"]' && el.network.run;
  }, { timeout: 60_000, polling: 100 });

  await (await page.$(`${TAG} >>> .remove-saved`))!.click();
  await page.waitForFunction((tag) => !document.querySelector(tag)!.shadowRoot!.querySelector('.saved li'), { timeout: 30_000 }, TAG);
  await page.waitForFunction((names) => JSON.stringify((document.querySelector('cnn-softmax-view') as FigureInPage).network.info?.classNames) === JSON.stringify(names), { timeout: 60_000, polling: 100 }, [...CLASS_NAMES]);
  assert.match(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.actions .message')!.textContent!), /Deleted “colours” from this browser/);
});

run();
