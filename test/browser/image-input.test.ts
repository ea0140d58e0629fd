import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { SVG_WITH_SCRIPT, TIFF_HEADER, animatedGif, encodeBmp, encodePng, isoFtyp, pngHeaderOnly } from '../fixtures/make-image-fixtures';
import { dropFile, expectOutcome, messages, openPickerPage, pasteFile, pickerLog, submitAddress, type Example, type FileRecipe } from '../fixtures/image-picker-page';

const { it, run } = browserSuite('image input: <cnn-image-picker>');

/** Files that puppeteer uploads through the real file input live here for the run. */
const uploads = mkdtempSync(join(tmpdir(), 'cnn-picker-uploads-'));
process.on('exit', () => rmSync(uploads, { recursive: true, force: true }));

const disc = (cx: number, cy: number, r: number, rgb: number[]) => (x: number, y: number) =>
  ((x - cx) ** 2 + (y - cy) ** 2 < r * r ? rgb : [236, 232, 222]);
const COLOUR_PNG = encodePng(96, 64, 2, disc(48, 32, 24, [200, 40, 40]));
const GRAY_PNG = encodePng(48, 48, 0, (x, y) => [(x * 5 + y * 3) & 255]);
const TWO_FRAME_GIF = animatedGif(40, [[255, 0, 0], [0, 0, 255]]);

const asDataUrl = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
const EXAMPLES: Example[] = [
  { id: 'ladybug', title: 'ladybug', alt: 'A red disc', src: asDataUrl(encodePng(80, 60, 2, disc(40, 30, 22, [200, 30, 30]))) },
  { id: 'orange', title: 'orange', alt: 'An orange disc', src: asDataUrl(encodePng(80, 60, 2, disc(40, 30, 22, [240, 140, 20]))) },
  { id: 'espresso', title: 'espresso', alt: 'A brown disc', src: asDataUrl(encodePng(80, 60, 2, disc(40, 30, 22, [90, 50, 30]))) },
];

const bytes = (data: Uint8Array, name: string, type: string): FileRecipe => ({ kind: 'bytes', bytes: [...data], name, type });

function uploadPath(name: string, data: Uint8Array | string): string {
  const path = join(uploads, name);
  writeFileSync(path, data);
  return path;
}

async function upload(page: Page, path: string): Promise<void> {
  const input = (await page.waitForSelector('cnn-image-picker >>> input[type=file]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
}

/** Loads a good picture first, so that each refusal can be checked to keep it. */
async function startWithGoodPicture(page: Page, url: (p: string) => string): Promise<void> {
  await openPickerPage(page, url);
  const { image } = await expectOutcome(page, () => dropFile(page, bytes(COLOUR_PNG, 'good.png', 'image/png')));
  assert.is(image?.label, 'good.png');
}

it('loads the selected example, marks its thumbnail, and switches when another is clicked', async ({ page, url }) => {
  await openPickerPage(page, url, { examples: EXAMPLES, selected: 'orange' });
  await page.waitForFunction(() => document.querySelector('cnn-image-picker') && (window as unknown as { __log: { images: unknown[] } }).__log.images.length === 1);
  const first = { image: (await pickerLog(page)).images[0] };
  assert.equal({ ...first.image, centre: undefined }, { source: 'example', id: 'orange', byReader: false, label: 'orange', notes: [], width: 80, height: 60, centre: undefined });
  const pressed = () => page.$$eval('cnn-image-picker >>> .thumb', (els) => els.map((e) => e.getAttribute('aria-pressed')));
  assert.equal(await pressed(), ['false', 'true', 'false']);
  const second = await expectOutcome(page, async () => (await page.$$('cnn-image-picker >>> .thumb'))[2].click());
  assert.is(second.image?.id, 'espresso');
  assert.ok(second.image?.byReader, 'a click is the reader\'s choice; the page\'s `selected` was not');
  assert.equal(second.image?.centre.slice(0, 3), [90, 50, 30]);
  assert.is(await page.$eval('cnn-image-picker', (el) => el.getAttribute('selected')), 'espresso');
  assert.equal(await pressed(), ['false', 'false', 'true']);
  const caption = await page.$eval('cnn-image-picker >>> figcaption', (el) => el.textContent);
  assert.match(caption ?? '', /What the network sees: 64 × 64/);
});

it('decodes an uploaded file on the page without any network request, and refuses text named .jpg', async ({ page, url }) => {
  await openPickerPage(page, url, { examples: EXAMPLES });
  const requests: string[] = [];
  page.on('request', (r) => { requests.push(r.url()); });
  const good = await expectOutcome(page, () => upload(page, uploadPath('holiday.png', COLOUR_PNG)));
  assert.equal({ source: good.image?.source, label: good.image?.label, notes: good.image?.notes }, { source: 'file', label: 'holiday.png', notes: [] });
  assert.equal(good.image?.centre.slice(0, 3), [200, 40, 40]);
  const bad = await expectOutcome(page, () => upload(page, uploadPath('photo.jpg', 'Dear diary, today I took no photos at all.\n')));
  assert.match(bad.error ?? '', /“photo\.jpg” is not an image, even though its name ends in \.jpg/);
  assert.is((await messages(page)).error, bad.error);
  const log = await pickerLog(page);
  assert.is(log.images.at(-1)?.label, 'holiday.png', 'the previous picture is still the latest');
  assert.equal(requests, [], 'no request left the page');
  await page.evaluate(() => fetch('/build-report.json').then((r) => r.text()));
  assert.is(requests.length, 1, 'the request listener does see requests');
});

const REFUSALS: { title: string; via: 'drop' | 'paste' | 'upload'; recipe: FileRecipe; message: RegExp }[] = [
  { title: 'an empty file', via: 'drop', recipe: bytes(new Uint8Array(0), 'empty.png', 'image/png'), message: /“empty\.png” is empty/ },
  {
    title: 'a JPEG cut off in transit', via: 'paste',
    recipe: { kind: 'canvas', name: 'cut.jpg', width: 120, height: 90, format: 'image/jpeg', keepFraction: 0.6 },
    message: /“cut\.jpg” looks cut off/,
  },
  { title: 'an SVG with a script', via: 'drop', recipe: bytes(new TextEncoder().encode(SVG_WITH_SCRIPT), 'drawing.svg', 'image/svg+xml'), message: /SVG drawing.*can carry scripts.*PNG or JPEG/ },
  { title: 'a 12000 × 12000 PNG, refused from its header', via: 'upload', recipe: bytes(pngHeaderOnly(12000, 12000), 'huge.png', 'image/png'), message: /“huge\.png” is 12000 × 12000 pixels \(144 megapixels\), too large/ },
  { title: 'a TIFF', via: 'drop', recipe: bytes(TIFF_HEADER, 'scan.tiff', 'image/tiff'), message: /TIFF image.*JPEG, PNG, GIF, WebP and BMP/ },
  { title: 'a HEIC photo', via: 'paste', recipe: bytes(isoFtyp('heic', ['mif1', 'heic']), 'IMG_0001.heic', 'image/heic'), message: /HEIC photo.*JPEG/ },
];

for (const c of REFUSALS) {
  it(`refuses ${c.title} (${c.via}), explains why, and keeps the previous picture`, async ({ page, url }) => {
    await startWithGoodPicture(page, url);
    const outcome = await expectOutcome(page, async () => {
      if (c.via === 'drop') await dropFile(page, c.recipe);
      else if (c.via === 'paste') await pasteFile(page, c.recipe);
      else if (c.recipe.kind === 'bytes') await upload(page, uploadPath(c.recipe.name, Uint8Array.from(c.recipe.bytes)));
    });
    assert.is(outcome.image, undefined, 'no new picture');
    assert.match(outcome.error ?? '', c.message);
    const shown = await messages(page);
    assert.is(shown.error, outcome.error, 'the message is in the alert region');
    assert.is(shown.note, '', 'no stale note');
    const log = await pickerLog(page);
    assert.is(log.images.length, 1);
    assert.is(log.images[0].label, 'good.png');
  });
}

it('accepts tiny, grayscale and animated pictures with a note for each', async ({ page, url }) => {
  await openPickerPage(page, url);
  const tiny = await expectOutcome(page, () => dropFile(page, { kind: 'canvas', name: 'icon.png', width: 8, height: 8, format: 'image/png' }));
  assert.equal(tiny.image?.source, 'drop');
  assert.equal(tiny.image?.notes, ['This picture is only 8 × 8 pixels, so it was enlarged and will look blocky.']);
  assert.match((await messages(page)).note, /8 × 8 pixels/);

  const gray = await expectOutcome(page, () => pasteFile(page, bytes(GRAY_PNG, 'scan.png', 'image/png'), 'page'));
  assert.is(gray.image?.source, 'paste');
  assert.equal(gray.image?.notes.length, 1);
  assert.match(gray.image?.notes[0] ?? '', /shades of gray.*copied into red, green and blue/);

  const gif = await expectOutcome(page, () => upload(page, uploadPath('dance.gif', TWO_FRAME_GIF)));
  assert.equal(gif.image?.notes, ['This is an animated GIF with 2 frames; only its first frame is used.']);
  assert.equal(gif.image?.centre, [255, 0, 0, 255], 'the first (red) frame');
  assert.match((await messages(page)).note, /animated GIF/);
});

it('accepts BMP and WebP, and downscales big pictures to 1024 px, keeping a turned phone photo upright', async ({ page, url }) => {
  await openPickerPage(page, url);
  const bmp = await expectOutcome(page, () => dropFile(page, bytes(encodeBmp(40, 40, () => [10, 200, 30]), 'old.bmp', 'image/bmp')));
  assert.equal(bmp.image?.centre, [10, 200, 30, 255]);
  const webp = await expectOutcome(page, () => dropFile(page, { kind: 'canvas', name: 'web.webp', width: 64, height: 64, format: 'image/webp' }));
  assert.equal([webp.image?.width, webp.image?.notes], [64, []]);
  const big = await expectOutcome(page, () => dropFile(page, bytes(encodePng(2000, 1500, 2, () => [20, 40, 60]), 'big.png', 'image/png')));
  assert.equal([big.image?.width, big.image?.height], [1024, 768]);
  // Stored 1600 × 800 but marked "turn a quarter": it is a 800 × 1600 portrait.
  const turned = await expectOutcome(page, () => dropFile(page, { kind: 'canvas', name: 'phone.jpg', width: 1600, height: 800, format: 'image/jpeg', orientation: 6 }));
  assert.equal([turned.image?.width, turned.image?.height], [512, 1024]);
});

it('loads addresses: explains a CORS refusal, takes a CORS-enabled picture, refuses pages, 404s and unsafe schemes', async ({ page, url }) => {
  const folder = mkdtempSync(join(tmpdir(), 'cnn-picker-foreign-'));
  writeFileSync(join(folder, 'cat.png'), COLOUR_PNG);
  const closed = await startStaticServer({ root: folder });
  const open = await startStaticServer({ root: folder, headers: { 'access-control-allow-origin': '*' } });
  try {
    await startWithGoodPicture(page, url);
    const refused = await expectOutcome(page, () => submitAddress(page, `${closed.url}/cat.png`));
    assert.match(refused.error ?? '', /does not let other web pages read its pictures.*upload it here/);
    assert.is((await messages(page)).error, refused.error);
    assert.is((await pickerLog(page)).images.at(-1)?.label, 'good.png', 'the previous picture is kept');

    const allowed = await expectOutcome(page, () => submitAddress(page, `${open.url}/cat.png`));
    assert.equal([allowed.image?.source, allowed.image?.label], ['url', 'cat.png']);

    const webPage = await expectOutcome(page, () => submitAddress(page, url('/404.html')));
    assert.match(webPage.error ?? '', /leads to a web page, not to a picture/);
    const missing = await expectOutcome(page, () => submitAddress(page, url('/no-such-picture.png')));
    assert.match(missing.error ?? '', /answered “404 Not Found”/);
    const script = await expectOutcome(page, () => submitAddress(page, 'javascript:alert(1)'));
    assert.match(script.error ?? '', /Only web addresses starting with http:\/\/ or https:\/\//);
    const local = await expectOutcome(page, () => submitAddress(page, 'file:///etc/hosts'));
    assert.match(local.error ?? '', /your own computer.*Upload button/);
    const data = await expectOutcome(page, () => submitAddress(page, asDataUrl(encodePng(40, 40, 2, () => [1, 2, 3]))));
    assert.equal(data.image?.centre, [1, 2, 3, 255], 'a data: address holding an image works');
    assert.is((await pickerLog(page)).images.at(-1)?.source, 'url');
  } finally {
    await closed.close();
    await open.close();
    rmSync(folder, { recursive: true, force: true });
  }
}, { allowErrors: [/CORS policy/, /Failed to load resource.*404/, /net::ERR_FAILED/] });

it('takes image pastes anywhere on the page, but ignores text pastes and pastes into other fields', async ({ page, url }) => {
  await openPickerPage(page, url);
  const pasted = await expectOutcome(page, () => pasteFile(page, bytes(COLOUR_PNG, 'image.png', 'image/png'), 'page'));
  assert.equal([pasted.image?.source, pasted.image?.label], ['paste', 'Pasted picture']);
  const ignored = await page.evaluate(async () => {
    const textarea = document.createElement('textarea');
    document.body.append(textarea);
    const text = new DataTransfer();
    text.setData('text/plain', 'just words');
    const textPaste = new ClipboardEvent('paste', { clipboardData: text, bubbles: true, composed: true, cancelable: true });
    document.body.dispatchEvent(textPaste);
    const image = new DataTransfer();
    image.items.add(new File([new Uint8Array([0x89, 0x50])], 'x.png', { type: 'image/png' }));
    const fieldPaste = new ClipboardEvent('paste', { clipboardData: image, bubbles: true, composed: true, cancelable: true });
    textarea.dispatchEvent(fieldPaste);
    await new Promise((r) => setTimeout(r, 300));
    return [textPaste.defaultPrevented, fieldPaste.defaultPrevented];
  });
  assert.equal(ignored, [false, false], 'both pastes keep their normal behaviour');
  const log = await pickerLog(page);
  assert.equal([log.images.length, log.errors.length], [1, 0]);
});

it('explains a refused or a missing camera', async ({ page, url }) => {
  await openPickerPage(page, url);
  for (const [name, expected] of [['NotAllowedError', /did not allow this page to use the camera/], ['NotFoundError', /No camera was found/]] as const) {
    await page.evaluate((n: string) => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', n));
    }, name);
    const outcome = await expectOutcome(page, async () => (await page.waitForSelector('cnn-image-picker >>> button.webcam'))!.click());
    assert.match(outcome.error ?? '', expected);
    assert.is(await page.$('cnn-image-picker >>> video'), null, 'the camera panel closed again');
  }
});

run();
