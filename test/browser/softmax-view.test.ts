import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { settle, describeView, whenDrawn, captureWarnings, assertSpeedMenu } from './views-support';
import { viewSuite } from './view-suite';

const TAG = 'cnn-softmax-view';

async function whenShown(page: Page, want: { image?: string } = {}) {
  await whenDrawn(page, page.waitForFunction((w) => {
    const el = document.querySelector('cnn-softmax-view');
    if (!el?.terms || !el.shadowRoot!.querySelector('.formula .katex')) return false;
    return !w.image || el.network.run?.imageKey === `example:${w.image}`;
  }, { timeout: 60_000 }, want), async () => `the view: ${await describeView(page, TAG)}`);
}

const view = viewSuite(TAG, { page: 'softmax-view', shown: (page) => whenShown(page) });
const { it, open, click } = view;

/** The class the network ranks first for the image on show. */
const topClass = (page: Page) => page.$eval(TAG, (el) => {
  const p = Array.from(el.network.run!.probabilities);
  const k = p.indexOf(Math.max(...p));
  return { k, name: el.network.info!.classNames[k] };
});

const toEnd = (page: Page) => page.$eval(TAG, async (el) => { el.playback.pause(); el.playback.seek(el.playback.total - 1); await el.updateComplete; });

const state = (page: Page) => page.$eval(TAG, (el) => ({
  step: el.playback.step,
  total: el.playback.total,
  playing: el.playback.playing,
  speed: el.playback.speed,
  stepMs: el.playback.stepMs,
  phase: el.stage.phase,
  announcement: el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim(),
}));

/**
 * Reads back every number in the finished table and checks it against the engine's logits
 * (the `output` layer's activation) and the test's own softmax: exp(z/T − shift), their sum,
 * each share; at T = 1 the probabilities are also the engine's.
 */
async function checkNumbers(page: Page) {
  return page.$eval(TAG, (el) => {
    const info = el.network.info!;
    const run = el.network.run!;
    const oi = info.layers.findIndex((l) => l.name === 'output');
    const si = info.layers.findIndex((l) => l.name === 'output/softmax');
    const logits = run.values[oi];
    const root = el.shadowRoot!;
    const table = root.querySelector<HTMLElement>('table.terms')!;
    const T = Number(table.dataset.temperature);
    const shift = Number(table.dataset.shift);
    const check = __numberCheck();
    const problem = check.problem;
    const near = (what: string, got: number, want: number, rel = 0) => check.near(what, got, want, Math.max(1e-4, Math.abs(want) * rel));
    const exps = Array.from(logits, (z) => Math.exp(z / T - shift));
    const sum = exps.reduce((a, b) => a + b, 0);
    const maxZ = Math.max(...Array.from(logits, (z) => z / T));
    if (shift !== 0 && shift !== maxZ) problem(`shift ${shift} is neither 0 nor the largest z/T`);
    near('temperature', Number(root.querySelector<HTMLElement>('[data-role=temperature]')!.dataset.value), T);
    near('sum', Number(root.querySelector<HTMLElement>('[data-role=sum]')!.dataset.value), sum, 1e-6);
    near('logit sum', Number(root.querySelector<HTMLElement>('[data-role=logit-sum]')!.dataset.value), logits.reduce((a, b) => a + b, 0));
    const rows = [...root.querySelectorAll<HTMLElement>('tbody tr')];
    if (rows.length !== info.classNames.length) problem(`${rows.length} rows`);
    let total = 0;
    for (const row of rows) {
      const k = Number(row.dataset.class);
      const v = (role: string) => Number(row.querySelector<HTMLElement>(`[data-role=${role}]`)!.dataset.value);
      near(`logit ${k}`, v('logit'), logits[k]);
      near(`logit ${k} = run.logits`, v('logit'), run.logits[k]);
      const scaled = row.querySelector<HTMLElement>('[data-role=scaled]');
      if (scaled) near(`z/T ${k}`, Number(scaled.dataset.value), logits[k] / T);
      near(`exp ${k}`, v('exp'), exps[k], 1e-6);
      near(`probability ${k}`, v('probability'), exps[k] / sum);
      if (T === 1) near(`probability ${k} = engine`, v('probability'), run.values[si][k]);
      total += v('probability');
    }
    near('probabilities add up to 1', total, 1);
    for (const r of root.querySelectorAll<HTMLElement>('[data-role=rescaled]')) {
      const k = Number(r.dataset.class);
      near(`z/Σz ${k}`, Number(r.dataset.value), logits[k] / logits.reduce((a, b) => a + b, 0));
    }
    return { ...check.result(), T };
  });
}

it('works alone on a blank page: ten logits of the espresso cup, the top class highlighted', async ({ page, url }) => {
  await open(page, url);
  const facts = await page.$eval(TAG, (el) => ({
    total: el.playback.total,
    rows: el.shadowRoot!.querySelectorAll('tbody tr').length,
    highlighted: Number(el.shadowRoot!.querySelector<HTMLElement>('tr.highlighted')!.dataset.class),
    top: Array.from(el.network.run!.probabilities).indexOf(Math.max(...el.network.run!.probabilities)),
    formula: el.shadowRoot!.querySelector('.formula')!.textContent!,
    temperature: el.getAttribute('temperature'),
    topName: el.network.info!.classNames[Array.from(el.network.run!.probabilities).indexOf(Math.max(...el.network.run!.probabilities))],
  }));
  assert.is(facts.total, 22, 'logits, 10 exponentials, the sum, 10 divisions');
  assert.is(facts.rows, 10);
  assert.is(facts.highlighted, facts.top);
  assert.ok(facts.formula.includes(facts.topName), `the formula is about ${facts.topName}`);
  assert.is(facts.temperature, '1');
});

it('every number matches the engine and the test\'s own softmax, on two images and three temperatures', async ({ page, url }) => {
  await open(page, url);
  await toEnd(page);
  let r = await checkNumbers(page);
  assert.equal(r.problems, [], `${r.count} mismatches`);
  assert.ok(r.checked > 60, `checked ${r.checked}`);
  await page.$eval(TAG, (el) => { el.image = 'koala'; });
  await whenShown(page, { image: 'koala' });
  await toEnd(page);
  r = await checkNumbers(page);
  assert.equal(r.problems, [], `koala: ${r.count} mismatches`);
  for (const T of ['0.1', '0.35', '4.2']) {
    await page.$eval(TAG, (el, T) => el.setAttribute('temperature', T), T);
    await page.$eval(TAG, (el) => el.updateComplete);
    r = await checkNumbers(page);
    assert.is(r.T, Number(T));
    assert.equal(r.problems, [], `T = ${T}: ${r.count} mismatches`);
  }
});


/** The numbers on screen at the current step: which exponentials, sum and probabilities are shown. */
const shownTerms = (page: Page) => page.$eval(TAG, (el) => {
  const r = el.shadowRoot!;
  const classes = (role: string) => [...r.querySelectorAll<HTMLElement>(`[data-role=${role}]`)].map((n) => Number(n.closest<HTMLElement>('tr')!.dataset.class));
  return { exp: classes('exp'), probability: classes('probability'), sum: r.querySelectorAll('[data-role=sum]').length };
});

it('controls and keyboard: playback computes term by term; play, step, scrub, speed', async ({ page, url }) => {
  await open(page, url);
  let s = await state(page);
  assert.ok(s.playing, 'plays on its own when motion is allowed');
  assert.ok(s.stepMs * s.total <= 20_000 + 1e-6, `one pass takes at most 20 s (${s.stepMs * s.total} ms)`);
  await click(page, '.playback button.play');
  await page.$eval(TAG, (el) => el.playback.seek(0));
  let t = await shownTerms(page);
  assert.equal(t, { exp: [], probability: [], sum: 0 }, 'step 1: only the logits');
  await click(page, '.playback button[aria-label="Step forward"]');
  await click(page, '.playback button[aria-label="Step forward"]');
  await click(page, '.playback button[aria-label="Step forward"]');
  t = await shownTerms(page);
  assert.equal(t.exp, [0, 1, 2], 'three exponentials after three steps');
  assert.match((await state(page)).announcement, /^pizza: e\^\(.* \/ 1\.00\) = /);
  await page.$eval(TAG, (el) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.playback input[type=range]')!;
    range.value = '11';
    range.dispatchEvent(new Event('input'));
  });
  t = await shownTerms(page);
  assert.equal(t, { exp: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], probability: [], sum: 1 }, 'the sum after every exponential');
  assert.match((await state(page)).announcement, /^The sum of the 10 exponentials is /);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('tbody tr[tabindex="0"]')!.focus());
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('l');
  t = await shownTerms(page);
  assert.equal(t.probability, [0, 1]);
  await page.keyboard.press('End');
  assert.equal((await shownTerms(page)).probability.length, 10);
  await page.keyboard.press('Home');
  assert.is((await state(page)).step, 0);
  await page.keyboard.press('Space');
  assert.ok((await state(page)).playing, 'Space plays');
  await page.keyboard.press('Space');
  assert.not.ok((await state(page)).playing);
  await assertSpeedMenu(page, TAG, 4);
});

it('a class pointed at or focused lights up its logit, exponential, share and formula', async ({ page, url }) => {
  await open(page, url);
  await toEnd(page);
  const top = await topClass(page);
  const lit = () => page.$eval(TAG, (el) => {
    const r = el.shadowRoot!;
    return {
      row: r.querySelector<HTMLElement>('tr.highlighted')!.dataset.class,
      segment: r.querySelector<HTMLElement>('.segment.highlighted')!.dataset.class,
      formula: r.querySelector('.formula')!.textContent!,
      readout: r.querySelector('[data-role=readout]')!.textContent!.replace(/\s+/g, ' '),
      attr: el.getAttribute('class-name'),
    };
  });
  const other = top.k === 5 ? 4 : 5;
  const row = (await page.$(`cnn-softmax-view >>> tbody tr[data-class="${other}"]`))!;
  await row.hover();
  await settle(page);
  let s = await lit();
  const otherName = ['school bus', 'koala'][other - 4];
  assert.is(s.row, String(other));
  assert.is(s.segment, String(other));
  assert.ok(s.formula.includes(otherName), s.formula);
  assert.match(s.readout, new RegExp(`^${otherName}: logit .*\\(pointed at\\)`));
  await page.mouse.move(0, 0);
  await settle(page);
  s = await lit();
  assert.is(s.row, String(top.k), 'back to the top class');
  // Keyboard: the highlighted row is the one tab stop; arrows move the class and keep it.
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('tbody tr[tabindex="0"]')!.focus());
  const [key, moved] = top.k <= 7 ? (['ArrowDown', top.k + 2] as const) : (['ArrowUp', top.k - 2] as const);
  await page.keyboard.press(key);
  await page.keyboard.press(key);
  await settle(page);
  s = await lit();
  const movedName = await page.$eval(TAG, (el, k) => el.network.info!.classNames[k], moved);
  assert.is(s.row, String(moved));
  assert.is(s.attr, movedName, 'the chosen class is written back');
  assert.ok(s.formula.includes(movedName));
  const focused = await page.$eval(TAG, (el) => (el.shadowRoot!.activeElement as HTMLElement).dataset.class);
  assert.is(focused, String(moved));
  // A segment of the sum bar under the pointer works the same way.
  const segment = (await page.$(`cnn-softmax-view >>> .segment[data-class="${top.k}"]`))!;
  await segment.hover();
  await settle(page);
  assert.is((await lit()).row, String(top.k));
});

it('the temperature slider: probabilities become softmax(z / T), on a log scale from 0.1 to 5', async ({ page, url }) => {
  await open(page, url);
  await toEnd(page);
  const slide = (position: number) => page.$eval(TAG, async (el, position) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.temperature input[type=range]')!;
    range.value = String(position);
    range.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const T = Number(el.shadowRoot!.querySelector<HTMLElement>('[data-role=temperature]')!.dataset.value);
    const z = Array.from(el.network.run!.logits);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp((v - m) / T));
    const sum = e.reduce((a, b) => a + b, 0);
    const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-role=probability]')].map((n) => Number(n.dataset.value));
    return { T, attr: el.getAttribute('temperature'), worst: Math.max(...shown.map((p, k) => Math.abs(p - e[k] / sum))), top: Math.max(...shown), n: shown.length };
  }, position);
  const low = await slide(0);
  assert.is(low.T, 0.1);
  assert.is(low.attr, '0.1', 'reflected');
  assert.ok(low.worst < 1e-6, `T = 0.1: off by ${low.worst}`);
  assert.is(low.n, 10);
  const high = await slide(200);
  assert.is(high.T, 5);
  assert.ok(high.worst < 1e-6);
  const mid = await slide(100);
  assert.ok(Math.abs(mid.T - Math.sqrt(0.1 * 5)) < 0.005, `halfway is the geometric mean: ${mid.T}`);
  assert.ok(mid.worst < 1e-6);
  assert.ok(low.top > mid.top && mid.top > high.top, 'a lower temperature sharpens, a higher one flattens');
  await click(page, '.temperature button');
  const reset = await page.$eval(TAG, (el) => [el.temperature, el.getAttribute('temperature')]);
  assert.equal(reset, [1, '1']);
  const hint = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.temperature .hint')!.textContent!.replace(/\s+/g, ' '));
  assert.match(hint, /plain softmax/);
});

it('the rescaling note uses the live logits', async ({ page, url }) => {
  await open(page, url);
  const note = await page.$eval(TAG, (el) => {
    const z = Array.from(el.network.run!.logits);
    const sum = z.reduce((a, b) => a + b, 0);
    const examples = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-role=rescaled-example]')].map((n) => ({ k: Number(n.dataset.class), v: Number(n.dataset.value) }));
    return { sum, z, examples, text: el.shadowRoot!.querySelector('[data-role=rescaling]')!.textContent!.replace(/\s+/g, ' ') };
  });
  assert.ok(note.examples.length >= 1);
  for (const e of note.examples) assert.ok(Math.abs(e.v - note.z[e.k] / note.sum) < 1e-6);
  if (note.sum < 0) {
    // A negative sum: the note shows the lowest logit getting the largest share.
    const bottom = note.z.indexOf(Math.min(...note.z));
    const largest = Math.max(...note.z.map((z) => z / note.sum));
    assert.ok(note.examples.some((e) => e.k === bottom && Math.abs(e.v - largest) < 1e-6), JSON.stringify(note.examples));
    assert.match(note.text, /turns the order upside down/);
  } else {
    for (const e of note.examples) assert.ok(e.v < 0 || e.v > 1, 'each example is one that fails');
  }
  assert.ok(note.text.includes(`Here Σz = ${note.sum.toFixed(2).replace('-', '\u2212')}`), note.text);
});

it('reduced motion: no autoplay, every term at once', async ({ page, url }) => {
  await open(page, url);
  await settle(page, 400);
  const s = await state(page);
  assert.not.ok(s.playing);
  assert.is(s.step, s.total - 1);
  const t = await shownTerms(page);
  assert.is(t.exp.length, 10);
  assert.is(t.probability.length, 10);
  assert.is(t.sum, 1);
}, { reducedMotion: true });

view.announcesCalmly('announces politely, only now and then while playing, and where it stopped', async (page) => {
  await page.$eval(TAG, (el) => { el.playback.pause(); el.playback.seek(13); });
  await settle(page);
  assert.match((await state(page)).announcement, /^ladybug: .* \/ .* = \d+\.\d%\.$/);
});

it('invalid attributes warn and fall back, never throw', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await open(page, url);
  const top = await topClass(page);
  await page.$eval(TAG, (el) => { el.setAttribute('class-name', 'unicorn'); el.setAttribute('temperature', 'hot'); el.setAttribute('layer', 'conv_1_1'); });
  await settle(page, 100);
  assert.ok(warnings.some((w) => w.startsWith('<cnn-softmax-view>: class-name="unicorn" is not a class of this model') && w.endsWith(`showing the top class, "${top.name}".`)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /temperature="hot" is not a positive number; using 1/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /layer="conv_1_1" is not the output of this model \(output, output\/softmax\)/.test(w)), warnings.join('\n'));
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('class-name'), el.getAttribute('temperature'), el.getAttribute('layer'), el.chosenClass]), ['', '1', '', top.k]);
  await page.$eval(TAG, (el) => el.setAttribute('temperature', '12'));
  await settle(page, 100);
  assert.ok(warnings.some((w) => /temperature="12" is outside 0.1 to 5; using 5/.test(w)));
  assert.is(await page.$eval(TAG, (el) => el.temperature), 5);
  await page.$eval(TAG, (el) => { el.setAttribute('layer', 'output'); el.setAttribute('channel', '3'); });
  await settle(page, 100);
  assert.is(await page.$eval(TAG, (el) => el.chosenClass), 3, 'channel picks the class, as the article passes it');
  assert.is(warnings.filter((w) => /layer="output"/.test(w)).length, 0);
});

view.hasNoAxeViolations({ prepare: toEnd });

view.fitsEveryScreen({ prepare: toEnd });

view.run();
