import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { SVG_WITH_SCRIPT, encodePng } from '../fixtures/make-image-fixtures';
import { dropFile, expectOutcome, messages, openPickerPage, pasteFile, type Example } from '../fixtures/image-picker-page';

const { it, run } = browserSuite('image input: layout, keyboard and screenshots');

const CLASSES: [string, number[]][] = [
  ['lifeboat', [214, 84, 32]], ['ladybug', [200, 30, 30]], ['pizza', [226, 170, 70]], ['bell pepper', [60, 150, 50]],
  ['school bus', [240, 190, 20]], ['koala', [140, 140, 135]], ['espresso', [90, 50, 30]], ['red panda', [170, 70, 40]],
  ['orange', [240, 140, 20]], ['sports car', [30, 60, 170]],
];
const EXAMPLES: Example[] = CLASSES.map(([title, rgb]) => ({
  id: title.replace(' ', '-'),
  title,
  alt: `A ${title}-coloured disc on a light background`,
  src: `data:image/png;base64,${Buffer.from(encodePng(96, 96, 2, (x, y) => ((x - 48) ** 2 + (y - 48) ** 2 < 1200 ? rgb : [236, 232, 222]))).toString('base64')}`,
}));
const GRAY = encodePng(48, 48, 0, (x, y) => [((x * 5) ^ (y * 4)) & 255]);

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function openWithExample(page: Page, url: (p: string) => string): Promise<void> {
  await openPickerPage(page, url, { examples: EXAMPLES, selected: 'koala' });
  await page.waitForFunction(() => (window as unknown as { __log: { images: unknown[] } }).__log.images.length === 1);
  await page.waitForFunction(() => [...document.querySelector('cnn-image-picker')!.shadowRoot!.querySelectorAll('img')].every((i) => i.complete));
}

it('desktop: an error reads clearly beside the 64 × 64 preview', async ({ page, url }) => {
  await openWithExample(page, url);
  const { error } = await expectOutcome(page, () => dropFile(page, { kind: 'bytes', bytes: [...new TextEncoder().encode(SVG_WITH_SCRIPT)], name: 'logo.svg', type: 'image/svg+xml' }));
  assert.ok(error);
  const box = await page.$eval('cnn-image-picker >>> [role=alert]', (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return { height: r.height, colour: s.color, border: s.borderLeftColor };
  });
  assert.ok(box.height > 20, 'the alert is visible');
  assert.is(box.border, 'rgb(198, 40, 40)');
  const preview = await page.$eval('cnn-image-picker >>> .preview canvas', (el) => {
    const c = el as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, shownW: r.width, rendering: getComputedStyle(c).imageRendering };
  });
  assert.equal(preview, { w: 64, h: 64, shownW: 160, rendering: 'pixelated' });
  await screenshot(page, 'image-input-error-desktop');
});

it('phone: a note, thumbnails wrapping, nothing wider than the screen', async ({ page, url }) => {
  await openWithExample(page, url);
  const { image } = await expectOutcome(page, () => pasteFile(page, { kind: 'bytes', bytes: [...GRAY], name: 'x-ray.png', type: 'image/png' }, 'page'));
  assert.match(image?.notes[0] ?? '', /shades of gray/);
  assert.match((await messages(page)).note, /shades of gray/);
  assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
  await screenshot(page, 'image-input-note-phone', true);
}, { viewport: 'phone' });

it('360 px: the thumbnails scroll sideways in one row, every control fits inside the element', async ({ page, url }) => {
  await openWithExample(page, url);
  assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
  const layout = await page.$eval('cnn-image-picker', (host) => {
    const right = host.getBoundingClientRect().right;
    const root = host.shadowRoot!;
    const row = root.querySelector('.thumbnails')!;
    const tops = new Set([...row.querySelectorAll('.thumb')].map((t) => Math.round(t.getBoundingClientRect().top)));
    return {
      rows: tops.size,
      scrolls: row.scrollWidth > row.clientWidth,
      outside: [row, ...root.querySelectorAll('.controls > * button, input:not([hidden]), canvas')]
        .filter((el) => !el.closest('.thumbnails') || el === row)
        .filter((el) => el.getBoundingClientRect().right > right + 0.5)
        .map((el) => el.outerHTML.slice(0, 60)),
    };
  });
  assert.equal(layout, { rows: 1, scrolls: true, outside: [] });
  await screenshot(page, 'image-input-narrow', true);
}, { viewport: 'narrow' });

it('keyboard: Tab reaches the thumbnails with a visible focus ring, Enter picks one', async ({ page, url }) => {
  await openWithExample(page, url);
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => {
    const el = document.querySelector('cnn-image-picker')!.shadowRoot!.activeElement as HTMLElement | null;
    return el ? { text: el.textContent?.trim() ?? '', outline: getComputedStyle(el).outlineStyle, part: el.getAttribute('part') } : null;
  });
  assert.equal(await focused(), { text: 'lifeboat', outline: 'solid', part: 'thumbnail' });
  const { image } = await expectOutcome(page, () => page.keyboard.press('Enter'));
  assert.is(image?.id, 'lifeboat');
  for (let i = 0; i < CLASSES.length; i++) await page.keyboard.press('Tab');
  const upload = await focused();
  assert.equal([upload?.text, upload?.outline], ['Upload a picture', 'solid']);
  await screenshot(page, 'image-input-focus-desktop');
});

it('shows a drop state while a file is dragged over it, and clears it when the drag leaves', async ({ page, url }) => {
  await openWithExample(page, url);
  await dropFile(page, { kind: 'canvas', name: 'x.png', width: 40, height: 40, format: 'image/png' }, { stopBeforeDrop: true });
  await page.waitForSelector('cnn-image-picker >>> .drop-hint');
  assert.ok(await page.$eval('cnn-image-picker >>> .picker', (el) => el.classList.contains('dropping')));
  await screenshot(page, 'image-input-dropping-desktop');
  await page.evaluate(() => {
    const zone = document.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('.picker')!;
    zone.dispatchEvent(new DragEvent('dragleave', { bubbles: true, composed: true }));
  });
  await page.waitForFunction(() => !document.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('.drop-hint'));
});

it('works alone on a blank page with no examples and no preview', async ({ page, url }) => {
  await openPickerPage(page, url);
  assert.is(await page.$('cnn-image-picker >>> .thumbnails'), null);
  assert.is(await page.$('cnn-image-picker >>> .preview'), null);
  const buttons = await page.$$eval('cnn-image-picker >>> button', (els) => els.map((e) => e.textContent?.trim()));
  assert.equal(buttons, ['Upload a picture', 'Use the webcam', 'Load']);
  const labelled = await page.$eval('cnn-image-picker >>> input[name=address]', (el) => (el as HTMLInputElement).labels?.[0]?.textContent);
  assert.match(labelled ?? '', /picture from the web/);
});

run();
