/**
 * <cnn-teach> and the rest of the page: one button puts every figure without a `model`
 * attribute on the taught model, with the reader's class names (an overview lists them),
 * and back to Tiny VGG; a figure with its own `model` stays on it. The downloaded files are
 * a TF.js layers-model: tf.loadLayersModel (here, in Node) and a figure's `model` attribute
 * load them, and both give the taught model's numbers.
 */
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import type { Page } from 'puppeteer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, screenshot } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { generatedPicture, generatedPng, rgb64 } from '../support/generated-pictures';
import { CLASS_NAMES } from '../../model/classes';
import { withModel } from './views-support';
import { TAG, addFiles, clickTrain, pictureFiles, whenNetworkReady, whenRunEnds, type TeachInPage } from './teach-support';
import { scratchDir } from '../support/scratch-dir';

const { it, run } = browserSuite('teaching figure and the page');

type FigureInPage = HTMLElement & { network: { info: { classNames: string[]; url?: string; key?: string } | null; run: { probabilities: Float32Array } | null } };

async function taughtPage(page: Page, url: (p: string) => string, path: string): Promise<void> {
  await withModel(page);
  await page.goto(url(path));
  await page.waitForSelector(`${TAG} >>> .tab`);
  await page.$eval(TAG, (el) => { el.setAttribute('epochs', '3'); el.setAttribute('classes', 'red, blue'); });
  await addFiles(page, 0, pictureFiles('red', 6));
  await addFiles(page, 1, pictureFiles('blue', 6));
  await whenNetworkReady(page);
  await clickTrain(page);
  await whenRunEnds(page);
  assert.is(await page.$eval(TAG, (el) => (el as TeachInPage).session.phase), 'finished');
}

/** Each figure's class names once it has drawn its network with them. */
const classNamesOf = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => (el as FigureInPage).network.info?.classNames ?? []));
async function whenFiguresShow(page: Page, selector: string, names: string[]): Promise<void> {
  // Figures wake when they come near the viewport: each is scrolled to in turn.
  const count = await page.evaluate((selector) => document.querySelectorAll(selector).length, selector);
  for (let i = 0; i < count; i++) {
    await page.evaluate((selector, i) => document.querySelectorAll(selector)[i].scrollIntoView({ block: 'center' }), selector, i);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await page.waitForFunction((selector, names) => {
    const els = [...document.querySelectorAll(selector)] as FigureInPage[];
    return els.length > 0 && els.every((el) => JSON.stringify(el.network.info?.classNames) === JSON.stringify(names) && el.network.run);
  }, { timeout: 60_000, polling: 100 }, selector, names).catch(async (err) => {
    const states = await page.evaluate((selector) => [...document.querySelectorAll(selector)].map((el) => `${el.localName}: ${(el as FigureInPage).network.info?.classNames.join(',')} run=${Boolean((el as FigureInPage).network.run)}`), selector);
    throw new Error(`${(err as Error).message}\n${states.join('\n')}`);
  });
}

it('switches every figure to the taught model with its class names, and back; a figure with its own model stays', async ({ page, url }) => {
  await taughtPage(page, url, '/test-pages/teach-with-figures.html');
  const FOLLOWERS = 'cnn-overview:not(#pinned), cnn-softmax-view, cnn-flatten-view, cnn-conv-view, cnn-relu-view, cnn-pool-view';
  await whenFiguresShow(page, FOLLOWERS, [...CLASS_NAMES]);
  await (await page.$(`${TAG} >>> .use`))!.click();
  await whenFiguresShow(page, FOLLOWERS, ['red', 'blue']);
  // The overview's output column lists the reader's classes.
  const overviewText = await page.evaluate(() => document.querySelector('cnn-overview:not(#pinned)')!.shadowRoot!.textContent!);
  assert.match(overviewText, /\bred\b/);
  assert.match(overviewText, /\bblue\b/);
  assert.not.match(overviewText, /espresso/);
  assert.equal(await classNamesOf(page, '#pinned'), [[...CLASS_NAMES]], 'the figure with its own model attribute stays on it');
  const pressed = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.use')!.getAttribute('aria-pressed'));
  assert.is(pressed, 'true');
  await screenshot(page, 'teach-page-switched', true);

  await (await page.$(`${TAG} >>> .use`))!.click();
  await whenFiguresShow(page, FOLLOWERS, [...CLASS_NAMES]);
  assert.match(await page.evaluate(() => document.querySelector('cnn-overview:not(#pinned)')!.shadowRoot!.textContent!), /espresso/);
});

it('downloads a layers-model that tf.loadLayersModel and a figure\'s model attribute load, giving the taught numbers', async ({ page, url }) => {
  await withModel(page);
  // The two downloads are caught as they start (their blobs read back), not saved by the browser.
  await page.evaluateOnNewDocument(() => {
    const got: { name: string; bytes: Promise<number[]> }[] = [];
    (window as unknown as { downloads: typeof got }).downloads = got;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (!this.download) return click.call(this);
      got.push({ name: this.download, bytes: fetch(this.href).then((r) => r.arrayBuffer()).then((b) => [...new Uint8Array(b)]) });
    };
  });
  await taughtPage(page, url, '/test-pages/teach.html');
  await (await page.$(`${TAG} >>> #save-name`))!.click({ count: 3 });
  await page.keyboard.type('Red or blue?');
  await (await page.$(`${TAG} >>> .download`))!.click();
  await page.waitForFunction(() => (window as unknown as { downloads: unknown[] }).downloads.length === 2);
  const files = await page.evaluate(async () => Promise.all((window as unknown as { downloads: { name: string; bytes: Promise<number[]> }[] }).downloads.map(async (d) => ({ name: d.name, bytes: await d.bytes }))));
  assert.equal(files.map((f) => f.name), ['red-or-blue.json', 'red-or-blue.weights.bin']);
  const note = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.actions .message')!.textContent!);
  assert.match(note, /Downloading red-or-blue\.json and red-or-blue\.weights\.bin/);

  const dir = scratchDir('teach-download-');
  for (const f of files) writeFileSync(join(dir, f.name), Uint8Array.from(f.bytes));
  writeFileSync(join(dir, 'blue.png'), generatedPng('blue', 'probe', 64));
  const server = await startStaticServer({ root: dir, headers: { 'access-control-allow-origin': '*' } });
  try {
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(`${server.url}/red-or-blue.json`);
    assert.equal((model.getUserDefinedMetadata() as { classes: string[] }).classes, ['red', 'blue']);
    assert.equal(model.outputs[0].shape, [null, 2]);
    const input = tf.tensor(Float32Array.from(rgb64(generatedPicture('blue', 'probe', 64)), (v) => v / 255), [1, 64, 64, 3]);
    const expected = [...(model.predict(input) as tf.Tensor).dataSync()];
    model.dispose();
    assert.ok(expected[1] > expected[0], `the blue probe is called blue: ${expected}`);

    // The same files through a figure's model attribute, on the same picture.
    await page.evaluate((base) => {
      const fig = document.createElement('cnn-softmax-view');
      fig.setAttribute('model', `${base}/red-or-blue.json`);
      fig.setAttribute('image', `${base}/blue.png`);
      document.body.append(fig);
    }, server.url);
    await whenFiguresShow(page, 'cnn-softmax-view', ['red', 'blue']);
    const shown = await page.$eval('cnn-softmax-view', (el) => [...(el as FigureInPage).network.run!.probabilities]);
    shown.forEach((p, i) => assert.ok(Math.abs(p - expected[i]) < 1e-4, `class ${i}: figure ${p}, tf.loadLayersModel ${expected[i]}`));
  } finally {
    await server.close();
  }
});

run();
