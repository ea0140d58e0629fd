/**
 * <cnn-teach>'s classes: what stands in the way of training, in plain words (too few
 * pictures, no name, the same name twice, a character a name cannot have), Train held back
 * until nothing does; a file that is no picture is named in a message while the pictures
 * given with it are added, and nothing the reader had is lost.
 */
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { browserSuite, screenshot } from '../support/browser';
import { withModel } from './views-support';
import { TAG, addFiles, chooseClass, nameChosenClass, pictureFiles, problems, type TeachInPage } from './teach-support';

const { it, run } = browserSuite('teaching figure, classes');
const PAGE = '/test-pages/teach.html';

const pictureCounts = (page: import('puppeteer').Page) => page.$eval(TAG, (el) => (el as TeachInPage).classes.classes.map((c) => c.pictures.length));

it('names every problem in plain words and holds Train back until the classes can be taught', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url(PAGE));
  await page.waitForSelector(`${TAG} >>> .tab`);
  let p = await problems(page);
  assert.equal(p.list, [
    '“Class 1” has no pictures yet; each class needs at least 5: most to learn from, and 1 kept aside to test the model.',
    '“Class 2” has no pictures yet; each class needs at least 5: most to learn from, and 1 kept aside to test the model.',
  ]);
  assert.is(p.trainDisabled, true);
  assert.match(p.hint, /2 things to fix first/);

  await addFiles(page, 0, pictureFiles('red', 3));
  await addFiles(page, 1, pictureFiles('blue', 5));
  p = await problems(page);
  assert.equal(p.list, ['“Class 1” has only 3 pictures; each class needs at least 5: most to learn from, and 1 kept aside to test the model.']);
  assert.is(p.hint, p.list[0], 'one problem is said where Train is');

  await addFiles(page, 0, pictureFiles('red', 2, 1));
  await chooseClass(page, 1);
  await nameChosenClass(page, 'class 1');
  p = await problems(page);
  assert.equal(p.list, ['Classes 1 and 2 are both called “class 1”. Each class needs a name of its own.']);
  assert.is(p.fieldProblem, p.list[0]);
  assert.is(p.nameInvalid, 'true');
  assert.is(p.trainDisabled, true);

  await nameChosenClass(page, '');
  assert.equal((await problems(page)).list, ['Class 2 has no name. Give it one, such as “mugs” or “thumbs up”.']);
  await nameChosenClass(page, 'cups/mugs');
  assert.equal((await problems(page)).list, ['“cups/mugs” has characters a class name cannot have (/). Use letters, digits, spaces, - and _.']);

  await nameChosenClass(page, 'blue things');
  p = await problems(page);
  assert.equal(p.list, []);
  assert.is(p.ready, 'Ready to train: 2 classes, 10 pictures.');
  assert.is(p.trainDisabled, false);
  assert.is(p.nameInvalid, 'false');
  assert.equal(await pictureCounts(page), [5, 5], 'renaming kept every picture');
});

it('adds the pictures given with an undecodable file and names that file in a message', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url(PAGE));
  await page.waitForSelector(`${TAG} >>> .tab`);
  const good = pictureFiles('disc', 3);
  const broken = join(dirname(good[0]), 'holiday.png');
  writeFileSync(broken, Buffer.from('this is not a PNG at all, only words'));
  const cut = join(dirname(good[0]), 'cut.png');
  writeFileSync(cut, readFileSync(good[0]).subarray(0, 120));
  await addFiles(page, 0, [good[0], broken, good[1], cut, good[2]]);
  const note = await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll('.message.error[role=alert] p')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim()));
  assert.equal(note, [
    '2 files were not added.',
    '“holiday.png” is not an image, even though its name ends in .png: it holds text. Please choose a picture (JPEG, PNG, GIF, WebP and BMP work).',
    '“cut.png” looks cut off: the end of the PNG data is missing, perhaps because a download or copy did not finish. Please try the complete file.',
  ]);
  assert.equal(await pictureCounts(page), [3, 0]);
  await screenshot(page, 'teach-undecodable');

  // A second batch after the error: the three already there stay.
  await addFiles(page, 0, pictureFiles('disc', 2, 7));
  assert.equal(await pictureCounts(page), [5, 0]);
});

it('a webcam burst adds ten pictures to the chosen class; a refused camera is said in plain words', async ({ page, url }) => {
  await withModel(page);
  // A camera made of a canvas that changes colour, then one that the reader refuses.
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { refuse: boolean };
    w.refuse = false;
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: {
      getUserMedia: async () => {
        if (w.refuse) throw new DOMException('Permission denied', 'NotAllowedError');
        const canvas = document.createElement('canvas');
        canvas.width = 160;
        canvas.height = 120;
        const ctx = canvas.getContext('2d')!;
        let hue = 0;
        setInterval(() => { ctx.fillStyle = `hsl(${(hue += 30)}, 80%, 50%)`; ctx.fillRect(0, 0, 160, 120); }, 30);
        return canvas.captureStream(30);
      },
      enumerateDevices: async () => [],
    } });
  });
  await page.goto(url(PAGE));
  await page.waitForSelector(`${TAG} >>> .tab`);
  await chooseClass(page, 1);
  await (await page.$(`${TAG} >>> .webcam`))!.click();
  const whenCameraReady = () => page.waitForFunction((tag) => {
    const b = document.querySelector(tag)!.shadowRoot!.querySelector<HTMLButtonElement>('.burst');
    return b && !b.disabled;
  }, { timeout: 20_000, polling: 50 }, TAG);
  await whenCameraReady();
  await (await page.$(`${TAG} >>> .burst`))!.click();
  await page.waitForFunction((tag) => (document.querySelector(tag) as TeachInPage).classes.classes[1].pictures.length === 10, { timeout: 30_000, polling: 100 }, TAG);
  await whenCameraReady();
  assert.equal(await pictureCounts(page), [0, 10]);
  await (await page.$(`${TAG} >>> .close-camera`))!.click();

  await page.evaluate(() => { (window as unknown as { refuse: boolean }).refuse = true; });
  await (await page.$(`${TAG} >>> .webcam`))!.click();
  await page.waitForSelector(`${TAG} >>> .message.error[role=alert]`);
  const said = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.message.error[role=alert]')!.textContent!.trim());
  assert.is(said, 'The browser did not allow this page to use the camera. To take a picture, allow camera access for this page (usually from the address bar), or choose another picture.');
  assert.equal(await pictureCounts(page), [0, 10], 'the burst\'s pictures stay');
});

run();
