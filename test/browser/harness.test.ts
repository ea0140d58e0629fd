import * as assert from 'uvu/assert';
import { browserSuite, collectPageErrors } from '../support/browser';

const { it, run } = browserSuite('browser harness');

it('records an uncaught error thrown by a page script', async ({ browser, url }) => {
  const page = await browser.newPage();
  try {
    const errors = collectPageErrors(page);
    await page.goto(url('/'), { waitUntil: 'load' });
    await page.addScriptTag({ content: 'setTimeout(() => { throw new Error("deliberate failure"); })' });
    await page.waitForFunction(() => true);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(errors.list.some((e) => e.includes('deliberate failure')), errors.list.join('\n'));
  } finally {
    await page.close();
  }
});

it('records console.error calls, and lets a test allow the ones it expects', async ({ browser, url }) => {
  const page = await browser.newPage();
  try {
    const strict = collectPageErrors(page);
    const lenient = collectPageErrors(page, [/expected noise/]);
    await page.goto(url('/'), { waitUntil: 'load' });
    await page.evaluate(() => { console.error('expected noise'); console.error('real trouble'); });
    await new Promise((r) => setTimeout(r, 50));
    assert.is(strict.list.length, 2);
    assert.equal(lenient.list.map((l) => l.replace(/\s+\S*$/, '')), ['console.error: real trouble']);
  } finally {
    await page.close();
  }
});

run();
