/**
 * With no channel named, the ReLU and pooling views choose one by their stated rule on the
 * live activations, choose again for a new picture, and never write the choice into the
 * attribute; the reader's pick in the channel menu sets the attribute and sticks. A
 * finished pooling pass shows a window where pooling has something to choose. In the
 * article, steps that name no channel leave it out of the address, and the reader's pick
 * goes into it.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { openView, whenMapShown, settle } from './views-support';

const { it, run } = browserSuite('channels chosen by rule');

type Tag = 'cnn-relu-view' | 'cnn-pool-view';
const PAGES: Record<Tag, string> = { 'cnn-relu-view': '/test-pages/relu-view.html', 'cnn-pool-view': '/test-pages/pool-view.html' };

/**
 * The rule worked out here from the engine's activations of the layer before: ReLU, the
 * largest min(kept, zeroed); pooling, the most values other than 0; the first on a tie.
 */
const ruleChannel = (page: Page, tag: Tag) => page.$eval(tag, (el, tag) => {
  const info = el.network.info!;
  const li = info.layers.findIndex((l) => l.name === el.layer);
  const [h, w, c] = info.layers[li - 1].shape;
  const before = el.network.run!.values[li - 1];
  const scores = Array.from({ length: c }, (_, k) => {
    let kept = 0;
    let zeroed = 0;
    for (let p = 0; p < h * w; p++) {
      const x = before[p * c + k];
      if (x > 0) kept++;
      else if (x < 0) zeroed++;
    }
    return tag === 'cnn-relu-view' ? Math.min(kept, zeroed) : kept + zeroed;
  });
  return scores.indexOf(Math.max(...scores));
}, tag);

const shown = (page: Page, tag: Tag) => page.$eval(tag, (el) => ({
  channel: el.data!.channel,
  attribute: el.getAttribute('channel'),
  image: el.network.run!.imageKey,
  text: el.shadowRoot!.querySelector('.facts, .fit-summary')!.textContent!.replace(/\s+/g, ' '),
}));

const pickInMenu = (page: Page, tag: Tag, channel: number) => page.$eval(tag, (el, channel) => {
  const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[aria-label="Channel"]')!;
  select.value = String(channel);
  select.dispatchEvent(new Event('change'));
}, channel);

const RULES: Record<Tag, string> = {
  'cnn-relu-view': 'where kept and zeroed values are most evenly matched',
  'cnn-pool-view': 'where the most values are non-zero',
};

for (const tag of ['cnn-relu-view', 'cnn-pool-view'] as const) {
  it(`${tag}: with no channel attribute it shows the rule's channel, says why, and chooses again for a new picture; a reader's pick sticks`, async ({ page, url }) => {
    await openView(page, url, PAGES[tag], (p) => whenMapShown(p, tag));
    await page.$eval(tag, (el) => el.removeAttribute('channel'));
    await whenMapShown(page, tag, { image: 'espresso-cup' });
    await settle(page, 100);
    let want = await ruleChannel(page, tag);
    let s = await shown(page, tag);
    assert.is(s.channel, want, 'the rule\'s channel for the espresso cup');
    assert.is(s.attribute, null, 'the choice is not written to the attribute');
    assert.ok(s.text.includes(`channel ${want}, ${RULES[tag]}`), s.text);

    await page.$eval(tag, (el) => { el.image = 'koala'; });
    await whenMapShown(page, tag, { image: 'koala' });
    await settle(page, 100);
    const koala = await ruleChannel(page, tag);
    s = await shown(page, tag);
    assert.is(s.channel, koala, 'chosen again for the koala');
    assert.is.not(koala, want, 'the two pictures have different best channels, so the test can tell');
    assert.is(s.attribute, null);

    await pickInMenu(page, tag, 2);
    await whenMapShown(page, tag, { channel: 2 });
    assert.is(await page.$eval(tag, (el) => el.getAttribute('channel')), '2', 'the reader\'s pick is the attribute');
    await page.$eval(tag, (el) => { el.image = 'espresso-cup'; });
    await whenMapShown(page, tag, { image: 'espresso-cup' });
    await settle(page, 100);
    s = await shown(page, tag);
    assert.equal([s.channel, s.attribute], [2, '2'], 'a new picture keeps the reader\'s channel');
    assert.ok(!s.text.includes(RULES[tag]), 'a picked channel claims no rule');

    await page.$eval(tag, (el) => el.removeAttribute('channel'));
    want = await ruleChannel(page, tag);
    await whenMapShown(page, tag, { channel: want });
    assert.is((await shown(page, tag)).attribute, null, 'removing the attribute hands the choice back');
  });
}

it('cnn-pool-view: the finished pass shows the window whose values spread the most, not a window of zeros', async ({ page, url }) => {
  await openView(page, url, PAGES['cnn-pool-view'], (p) => whenMapShown(p, 'cnn-pool-view'));
  for (const [layer, channel] of [['max_pool_1', null], ['max_pool_2', null], ['max_pool_1', 4]] as const) {
    await page.$eval('cnn-pool-view', (el, layer, channel) => {
      el.layer = layer;
      if (channel === null) el.removeAttribute('channel');
      else el.channel = channel;
    }, layer, channel);
    await whenMapShown(page, 'cnn-pool-view', { layer });
    await settle(page, 100);
    const r = await page.$eval('cnn-pool-view', (el) => {
      const info = el.network.info!;
      const li = info.layers.findIndex((l) => l.name === el.layer);
      const [, iw, c] = info.layers[li - 1].shape;
      const [oh, ow] = info.layers[li].shape;
      const x = (row: number, col: number) => el.network.run!.values[li - 1][(row * iw + col) * c + el.channel];
      let best = 0;
      let widest = -1;
      for (let o = 0; o < oh * ow; o++) {
        const r0 = 2 * Math.floor(o / ow);
        const c0 = 2 * (o % ow);
        const v = [x(r0, c0), x(r0, c0 + 1), x(r0 + 1, c0), x(r0 + 1, c0 + 1)];
        if (Math.max(...v) - Math.min(...v) > widest) { widest = Math.max(...v) - Math.min(...v); best = o; }
      }
      const root = el.shadowRoot!;
      const zoom = root.querySelector<HTMLElement>('.window-zoom')!;
      return {
        finished: el.playback.step === el.playback.total - 1 && !el.playback.playing,
        want: `${Math.floor(best / ow)},${best % ow}`,
        shown: `${zoom.dataset.outRow},${zoom.dataset.outCol}`,
        values: [...root.querySelectorAll<HTMLElement>('.window-zoom [data-role=window-cell]')].map((e) => Number(e.dataset.value)),
        readout: root.querySelector('[data-role=readout]')!.textContent!.trim(),
      };
    });
    assert.ok(r.finished, 'reduced motion: the pass is finished');
    assert.is(r.shown, r.want, `${layer}: the widest window`);
    assert.ok(r.values.some((v) => v !== r.values[0]) && Math.max(...r.values) > 0, `${layer}: window ${r.shown} holds ${r.values}`);
    assert.match(r.readout, new RegExp(`^Window \\(${r.want.replace(',', ', ')}\\): max\\(`));
  }
  // Sent to the last window on purpose, the view shows the last window.
  await page.$eval('cnn-pool-view', (el) => { el.playback.seek(0); el.playback.seek(el.playback.total - 1); });
  await settle(page, 50);
  assert.is(await page.$eval('cnn-pool-view', (el) => el.shadowRoot!.querySelector<HTMLElement>('.window-zoom')!.dataset.outRow), '29');
}, { reducedMotion: true });

it('in the article, a ReLU step names no channel: none in the attribute or the address, until the reader picks one', async ({ page, url }) => {
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
  await page.goto(url('/?step=0#relu'));
  const view = 'cnn-relu-view';
  await page.waitForFunction((tag) => {
    const el = document.querySelector(tag) as (HTMLElement & { data?: unknown }) | null;
    return Boolean(el?.data) && document.querySelector('.step.is-active')?.closest('section')?.id === 'relu';
  }, { timeout: 60_000 }, view);
  await settle(page, 200);
  const want = await ruleChannel(page, view);
  const s = await shown(page, view);
  assert.equal([s.channel, s.attribute], [want, null]);
  assert.ok(s.text.includes(`channel ${want}, ${RULES[view]}`), s.text);
  assert.not.match(await page.evaluate(() => location.search), /channel=/);
  await pickInMenu(page, view, 3);
  await page.waitForFunction(() => new URLSearchParams(location.search).get('channel') === '3', { timeout: 10_000 });
  assert.is(await page.$eval(view, (el) => el.getAttribute('channel')), '3');
}, { reducedMotion: true });

run();
