import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { scratchDir } from '../support/scratch-dir';

const { it, needing, run } = browserSuite('cnn-overview');
const REF = '/test-pages/overview-reference.html';

/** Waits until an overview has drawn a run. */
async function whenDrawn(page: Page, selector = 'cnn-overview', imageKey?: string) {
  await page.waitForFunction(
    (sel, key) => {
      const el = document.querySelector(sel) as (HTMLElement & { network?: { run: { imageKey: string } | null } }) | null;
      const r = el?.network?.run;
      return Boolean(r) && (!key || r!.imageKey === key) && el!.shadowRoot!.querySelectorAll('canvas.map').length > 0;
    },
    { timeout: 60_000 },
    selector,
    imageKey,
  );
  await page.evaluate(() => new Promise(requestAnimationFrame));
}

const shadow = (page: Page, js: string) =>
  page.evaluate(`(() => { const el = document.querySelector('cnn-overview'); const root = el.shadowRoot; ${js} })()`);

it('shows the shipped network on a blank page with only the embed script and the tag', async ({ page, url }) => {
  await page.goto(url('/test-pages/overview.html'));
  await whenDrawn(page);
  const facts = (await shadow(page, `return {
      maps: root.querySelectorAll('canvas.map').length,
      classes: [...root.querySelectorAll('.class-row .name')].map((n) => n.textContent),
      layers: [...new Set([...root.querySelectorAll('canvas.map')].map((c) => c.dataset.layer))],
      backend: el.network.info.backend };`)) as { maps: number; classes: string[]; layers: string[]; backend: string };
  assert.is(facts.maps, 3 + 10 * 10);
  assert.is(facts.classes.length, 10);
  assert.ok(facts.classes.includes('espresso'));
  assert.equal(facts.layers.slice(0, 3), ['input', 'conv_1_1', 'relu_1_1']);
  assert.is(facts.backend, 'wasm');
  await screenshot(page, 'overview-desktop');
});

{
  const it = needing('reference model');
  it('lays out the reference model from its layer list, with ten hidden columns', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    const labels = (await shadow(page, `return [...root.querySelectorAll('.col-label')].map((l) => l.textContent.replace(/\\s+/g, ' ').trim());`)) as string[];
    assert.is(labels.length, 12);
    assert.match(labels[1], /conv_1_1.*\(62, 62, 10\)/);
    assert.match(labels[10], /max_pool_2.*\(13, 13, 10\)/);
    await screenshot(page, 'overview-reference-detail');
  });

  it('colours agree with the legends in every scale mode', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    for (const mode of ['unit', 'module', 'global']) {
      await page.$eval('cnn-overview', (el, m) => el.setAttribute('scale', m as string), mode);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
      const report = (await shadow(page, `
        const info = el.network.info, run = el.network.run;
        const out = [];
        for (const lg of root.querySelectorAll('.legend')) {
          const names = lg.dataset.layers.split(' ');
          let peak = 0, where = null;
          for (const name of names) {
            const li = info.layers.findIndex((l) => l.name === name);
            const v = run.values[li], c = info.layers[li].shape[2], w = info.layers[li].shape[1];
            for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > peak) { peak = Math.abs(v[i]); where = { name, ch: i % c, row: Math.floor(i / c / w), col: Math.floor(i / c) % w, sign: Math.sign(v[i]) }; }
          }
          const canvas = root.querySelector('canvas.map[data-layer="' + where.name + '"][data-channel="' + where.ch + '"]');
          const px = [...canvas.getContext('2d').getImageData(where.col, where.row, 1, 1).data.slice(0, 3)];
          const stops = lg.querySelector('.ramp').style.background.match(/rgb\\([^)]*\\)/g);
          const end = (where.sign < 0 ? stops[0] : stops[stops.length - 1]).match(/\\d+/g).map(Number);
          out.push({ names, min: Number(lg.dataset.min), max: Number(lg.dataset.max), peak, px, end, shown: lg.querySelector('.ends').textContent });
        }
        return out;`)) as { names: string[]; min: number; max: number; peak: number; px: number[]; end: number[]; shown: string }[];
      await screenshot(page, `overview-scale-${mode}`);
      const expectedGroups = { unit: 4, module: 2, global: 1 }[mode];
      assert.is(report.length, expectedGroups, `${mode}: one legend per group`);
      assert.is(report.reduce((n, r) => n + r.names.length, 0), 10, `${mode}: every hidden layer is in a legend`);
      for (const r of report) {
        assert.ok(Math.abs(r.max - r.peak) < 1e-6 && Math.abs(r.min + r.peak) < 1e-6, `${mode} ${r.names}: domain ±${r.max} is the peak ${r.peak}`);
        assert.equal(r.px, r.end, `${mode} ${r.names}: the strongest pixel has the legend's end colour`);
      }
    }
  });

  it('explains a bad upload inside the figure and keeps the previous picture', async ({ page, url }) => {
    const requests: string[] = [];
    await page.goto(url(REF));
    await whenDrawn(page);
    const before = await page.$eval('cnn-overview', (el) => (el as unknown as { network: { run: { imageKey: string } } }).network.run.imageKey);
    page.on('request', (r) => requests.push(r.url()));
    const input = (await page.evaluateHandle(() =>
      document.querySelector('cnn-overview')!.shadowRoot!.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('input[type=file]'))).asElement()!;
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(scratchDir('cnn-bad-'), 'holiday.jpg');
    writeFileSync(file, 'these are words, not pixels');
    await (input as never as { uploadFile(p: string): Promise<void> }).uploadFile(file);
    await page.waitForFunction(() => {
      const picker = document.querySelector('cnn-overview')!.shadowRoot!.querySelector('cnn-image-picker')!;
      return (picker.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '').trim().length > 0;
    });
    const message = await page.evaluate(() => document.querySelector('cnn-overview')!.shadowRoot!.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('[role=alert]')!.textContent!.trim());
    assert.match(message, /not an image/i);
    const after = await page.$eval('cnn-overview', (el) => (el as unknown as { network: { run: { imageKey: string } } }).network.run.imageKey);
    assert.is(after, before, 'the previous picture stays');
    assert.equal(requests, [], 'the file never left the page');
    await screenshot(page, 'overview-bad-input');
  });

  it('hides shapes and legends unless detail is on', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    await page.$eval('cnn-overview', (el) => el.removeAttribute('detail'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    const counts = (await shadow(page, `return [root.querySelectorAll('.legend').length, root.querySelectorAll('.col-label .shape').length];`)) as number[];
    assert.equal(counts, [0, 0]);
    await screenshot(page, 'overview-reference-plain');
  });

  it('reflects the scale chosen in its own control to the attribute', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    const select = (await page.evaluateHandle(() => document.querySelector('cnn-overview')!.shadowRoot!.querySelector('select'))).asElement()!;
    await (select as never as { select(v: string): Promise<void> }).select('global');
    await page.waitForFunction(() => document.querySelector('cnn-overview')!.getAttribute('scale') === 'global');
  });

  it('emits cnn-select on click and on Enter, and reflects the selection', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    await page.evaluate(() => {
      (window as unknown as { picked: unknown[] }).picked = [];
      document.addEventListener('cnn-select', (e) => (window as unknown as { picked: unknown[] }).picked.push((e as CustomEvent).detail));
    });
    const map = (await page.evaluateHandle(() => document.querySelector('cnn-overview')!.shadowRoot!.querySelector('canvas[data-layer="conv_1_2"][data-channel="4"]'))).asElement()!;
    await (map as never as { click(): Promise<void> }).click();
    assert.is(await page.$eval('cnn-overview', (el) => el.getAttribute('selected')), 'conv_1_2:4');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const picked = await page.evaluate(() => (window as unknown as { picked: unknown[] }).picked);
    assert.equal(picked, [{ layer: 'conv_1_2', channel: 4 }, { layer: 'relu_1_2', channel: 5 }]);
  });

  it('moves focus with the arrow keys and names every map for assistive technology', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    await page.evaluate(() => (document.querySelector('cnn-overview')!.shadowRoot!.querySelector('canvas.map[tabindex="0"]') as HTMLElement).focus());
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const focused = (await shadow(page, `const f = root.activeElement; return { label: f.getAttribute('aria-label'), outline: getComputedStyle(f).boxShadow, readout: root.querySelector('.readout').textContent };`)) as { label: string; outline: string; readout: string };
    assert.match(focused.label, /^conv_1_1, channel \d, 62 by 62, values −?[\d.]+ to −?[\d.]+$/);
    assert.ok(focused.outline !== 'none', 'the focused map has a visible ring');
    assert.match(focused.readout, /conv_1_1/, 'focus shows the same detail as hover');
    const tabbable = (await shadow(page, `return root.querySelectorAll('[tabindex="0"]').length;`)) as number;
    assert.is(tabbable, 1, 'one roving tab stop');
  });

  it('highlights the incoming edges and source maps of the map under the pointer', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    const box = await page.evaluate(() => {
      const r = document.querySelector('cnn-overview')!.shadowRoot!.querySelector('canvas[data-layer="conv_2_1"][data-channel="2"]')!.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    const hl = (await shadow(page, `return { hot: root.querySelectorAll('.edges .hot path').length, sources: [...root.querySelectorAll('canvas.map.source')].map((c) => c.dataset.layer) };`)) as { hot: number; sources: string[] };
    assert.is(hl.hot, 10);
    assert.equal([...new Set(hl.sources)], ['max_pool_1']);
  });

  it('warns about invalid attributes and falls back without throwing', async ({ page, url }) => {
    const warnings: string[] = [];
    page.on('console', (m) => { if (m.type() === 'warn') warnings.push(m.text()); });
    await page.goto(url(REF));
    await whenDrawn(page);
    await page.$eval('cnn-overview', (el) => { el.setAttribute('scale', 'rainbow'); el.setAttribute('selected', 'conv_9_9:42'); el.setAttribute('image', 'no-such-example'); });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const attrs = await page.$eval('cnn-overview', (el) => [el.getAttribute('scale'), el.getAttribute('selected')]);
    assert.equal(attrs, ['unit', '']);
    assert.ok(warnings.some((w) => /scale="rainbow"/.test(w)));
    assert.ok(warnings.some((w) => /selected="conv_9_9:42"/.test(w)));
    assert.ok(warnings.some((w) => /image="no-such-example"/.test(w)));
  });

  it('warns about a selected map written in the page once the model shows it is not there, and again whenever it is set', async ({ page, url }) => {
    const warnings: string[] = [];
    page.on('console', (m) => { if (m.type() === 'warn' && /selected="conv_9_9:42"/.test(m.text())) warnings.push(m.text()); });
    await page.goto(url('/test-pages/overview-bad-selected.html'));
    await whenDrawn(page);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    assert.is(warnings.length, 1, 'one warning for the value in the page');
    assert.is(await page.$eval('cnn-overview', (el) => el.getAttribute('selected')), '');
    await page.$eval('cnn-overview', (el) => el.setAttribute('selected', 'conv_9_9:42'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    assert.is(warnings.length, 2, 'and one more when it is set again');
  });

  it('with Show detail, tells how big each layer is: a row per layer with its output, parameters and multiply-adds, and their totals', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    await page.waitForFunction(() => document.querySelector('cnn-overview')!.shadowRoot!.querySelector('[part="layer-sizes"] table'), { timeout: 10_000 });
    const table = await page.$eval('cnn-overview', (el) => {
      const t = el.shadowRoot!.querySelector('[part="layer-sizes"] table')!;
      // No named functions inside: the test runner's compiler would wrap them in a helper the page lacks.
      return ['tbody', 'tfoot'].map((part) => [...t.querySelectorAll(`${part} tr`)].map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim())));
    });
    const [rows, foot] = table;
    for (const name of ['conv_1_1', 'conv_1_2', 'conv_2_1', 'conv_2_2', 'max_pool_2', 'output']) {
      assert.ok(rows.some((r) => r[0].startsWith(name)), `a row for ${name}`);
    }
    const number = (text: string) => Number(text.replace(/[^0-9]/g, '') || 0);
    const conv = rows.find((r) => r[0].startsWith('conv_1_2'))!;
    assert.ok(conv.some((c) => number(c) === 910), `conv_1_2 holds 3·3·10·10 + 10 = 910 parameters: ${conv.join(' | ')}`);
    assert.ok(conv.some((c) => number(c) === 3_240_000), `and does 60·60·10·90 = 3,240,000 multiply-adds: ${conv.join(' | ')}`);
    const total = foot.flat().join(' ');
    assert.match(total, /19,920/);
    assert.match(total, /5,608,780/);
  });

  it('shares one model load and one inference between two overviews of the same image', async ({ page, url }) => {
    await page.goto(url('/test-pages/overview-two.html'));
    await whenDrawn(page, '#a');
    await whenDrawn(page, '#b');
    const counters = await page.evaluate(() => (window as unknown as { __cnnNetworkCounters: unknown }).__cnnNetworkCounters);
    assert.equal(counters, { loads: 1, inferences: 1 });
  });

  it('shows the reader\'s newest picture in every figure on the page, until a figure\'s own image is set again', async ({ page, url }) => {
    await page.goto(url('/test-pages/overview-two.html'));
    await whenDrawn(page, '#a');
    await whenDrawn(page, '#b');
    // The reader uploads a plain grey picture in the first figure.
    await page.$eval('#a', async (el) => {
      const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(64 * 64 * 4).fill(200), 64, 64));
      (el as unknown as { source: { onPicked(e: CustomEvent): void } }).source.onPicked(new CustomEvent('cnn-image', { detail: { source: 'file', bitmap, notes: [], label: 'my picture' } }));
    });
    await whenDrawn(page, '#a', 'file:1');
    await whenDrawn(page, '#b', 'file:1');
    const shown = await page.$$eval('cnn-overview', (els) => els.map((el) => {
      const crop = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.crop-preview')!;
      const input = (el as unknown as { network: { run: { values: Float32Array[] } } }).network.run.values[0];
      return {
        image: el.getAttribute('image'), label: (el as unknown as { source: { label: string } }).source.label, painted: crop.dataset.painted,
        pixel: [...crop.getContext('2d')!.getImageData(10, 10, 1, 1).data], wanted: [0, 1, 2].map((c) => Math.round(255 * input[(10 * 64 + 10) * 3 + c])).concat(255),
      };
    }));
    for (const s of shown) {
      assert.is(s.image, 'koala', 'no figure writes its own image attribute');
      assert.is(s.label, 'my picture');
      assert.is(s.painted, 'file:1', 'the crop shows the run on screen');
      assert.equal(s.pixel, s.wanted, 'the crop is the network\'s input');
    }
    // A figure's own attribute, set after the pick, is the newer choice for that figure alone.
    await page.$eval('#b', (el) => el.setAttribute('image', 'ladybug-clipart'));
    await whenDrawn(page, '#b', 'example:ladybug-clipart');
    assert.is(await page.$eval('#a', (el) => (el as unknown as { network: { run: { imageKey: string } } }).network.run.imageKey), 'file:1');
  });

  it('links each layer to its article section through a configurable base URL', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    await page.$eval('cnn-overview', (el) => el.setAttribute('article-base', 'https://example.org/cnn/'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    const hrefs = (await shadow(page, `return [...root.querySelectorAll('a.info')].map((a) => a.getAttribute('href'));`)) as string[];
    assert.is(hrefs[0], 'https://example.org/cnn/#input');
    assert.is(hrefs[1], 'https://example.org/cnn/#convolution');
    assert.is(hrefs[2], 'https://example.org/cnn/#relu');
    assert.is(hrefs[5], 'https://example.org/cnn/#pooling');
    assert.is(hrefs[11], 'https://example.org/cnn/#softmax');
  });

  it('stacks layers into legible rows at 360 px instead of shrinking the desktop layout', async ({ page, url }) => {
    await page.goto(url(REF));
    await whenDrawn(page);
    const facts = (await shadow(page, `const c = root.querySelector('canvas[data-layer="conv_1_1"]').getBoundingClientRect();
      return { narrow: !!root.querySelector('.narrow'), mapWidth: c.width, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };`)) as { narrow: boolean; mapWidth: number; overflow: number };
    assert.ok(facts.narrow);
    assert.ok(facts.mapWidth >= 48, `maps are ${facts.mapWidth}px wide`);
    assert.ok(facts.overflow <= 0, 'no sideways scrolling');
    await screenshot(page, 'overview-phone', true);
  }, { viewport: 'narrow' });
}

it('paints a skeleton and shows loading progress before TF.js arrives', async ({ page, url }) => {
  // A slow connection stretches the time before the worker and TF.js arrive.
  await page.emulateNetworkConditions({ download: 400_000, upload: 400_000, latency: 300 });
  await page.goto(url('/test-pages/overview.html'), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => (document.querySelector('cnn-overview')?.shadowRoot?.querySelectorAll('.skeleton canvas.map').length ?? 0) > 0);
  await page.waitForFunction(() => /Loading/.test(document.querySelector('cnn-overview')?.shadowRoot?.querySelector('.status')?.textContent ?? ''));
  const facts = (await shadow(page, `return { maps: root.querySelectorAll('.skeleton canvas.map').length, progress: !!root.querySelector('.status progress') };`)) as { maps: number; progress: boolean };
  assert.ok(facts.maps > 50, 'the skeleton shows the layout before the model');
  assert.ok(facts.progress, 'a progress bar shows the model download');
  await screenshot(page, 'overview-skeleton');
  await page.emulateNetworkConditions(null);
  await whenDrawn(page);
});

run();
