/**
 * The pieces every figure is built from, without a browser: playback keeping a pass on its
 * clock (a fake clock), the size controller, the page's picture store and the layer-kind table.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactiveController } from 'lit';
import { PlaybackController } from '../../components/shared/playback-controller';
import { SizeController } from '../../components/shared/size-controller';
import { PictureStore, nextChoiceSerial, shareableOf } from '../../components/shared/picture-store';
import { LAYER_KINDS, kindFacts, kindsOf } from '../../components/shared/layer-kinds';
import { FIGURE_VIEWS } from '../../components/shared/url-state';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A stand-in for a Lit element: it keeps its controllers and counts update requests. */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const host = { updates: 0, addController: (c: ReactiveController) => controllers.push(c), removeController() {}, requestUpdate() { host.updates++; }, updateComplete: Promise.resolve(true) };
  return { host: host as unknown as HTMLElement & typeof host, controllers };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a playing pass steps one at a time while the device keeps up with its clock', async () => {
  let now = 0;
  const { host } = fakeHost();
  const p = new PlaybackController(host, { passMs: 100, now: () => now });
  p.setTotal(1000);
  p.play();
  for (let i = 0; i < 5; i++) {
    const before = p.step;
    now += p.stepMs;
    await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(p.step - before <= 1, `one step per tick on time, not ${p.step - before}`);
  }
  p.pause();
});

test('a playing pass jumps to the step its clock says is due when the device falls behind', async () => {
  let now = 0;
  const seen: number[] = [];
  const { host } = fakeHost();
  const p = new PlaybackController(host, { passMs: 1000, now: () => now, onStep: (s) => seen.push(s) });
  p.setTotal(1000); // 1 ms a step
  p.play();
  while (p.step < 2) await tick();
  const at = p.step;
  now += 400; // the device stalled for 400 steps' worth of time
  while (p.step <= at + 1) await tick();
  p.pause();
  assert.ok(p.step >= at + 398 && p.step <= at + 402, `jumped to ${p.step}, ${p.step - at} steps on`);
  assert.ok(seen.includes(p.step), 'the jump reports its step like any other');
});

test('the clock starts again when the speed changes, and a pass never jumps past its end', async () => {
  let now = 0;
  const { host } = fakeHost();
  const p = new PlaybackController(host, { passMs: 1000, now: () => now });
  p.setTotal(1000);
  p.play();
  while (p.step < 2) await tick();
  p.setSpeed(2);
  const at = p.step;
  await tick(); await tick();
  assert.ok(p.step - at <= 2, 'no jump from time that passed at the old speed');
  now += 1_000_000;
  while (p.playing) await tick();
  assert.is(p.step, 999);
});

test('the size controller reports whole pixels and updates its host only on a change', () => {
  const { host, controllers } = fakeHost();
  const size = new SizeController(host);
  assert.is(controllers[0], size);
  size.measured(320.7, 200.2);
  assert.equal([size.width, size.height, host.updates], [320, 200, 1]);
  size.measured(320.1, 200.9);
  assert.is(host.updates, 1, 'the same whole pixels: no update');
  size.measured(320.1, 240);
  assert.equal([size.width, size.height, host.updates], [320, 240, 2]);
});

test('a reader picture travels in a link only as an example id or an http(s) address', () => {
  assert.is(shareableOf({ source: 'example', id: 'koala' }), 'koala');
  assert.is(shareableOf({ source: 'url', address: 'https://example.org/cat.jpg' }), 'https://example.org/cat.jpg');
  assert.is(shareableOf({ source: 'url', address: 'blob:https://example.org/1' }), null);
  for (const source of ['file', 'drop', 'paste', 'webcam']) assert.is(shareableOf({ source }), null, source);
});

test('the picture store keeps the newest pick, tells its listeners, and orders picks after earlier choices', () => {
  const store = new PictureStore();
  const heard: string[] = [];
  const stop = store.subscribe((p) => heard.push(p.key));
  const bitmap = {} as ImageBitmap;
  const earlier = nextChoiceSerial();
  const file = store.choose({ source: 'file', bitmap, label: 'me.jpg' });
  assert.ok(file.serial > earlier);
  assert.equal([file.shareable, file.exampleId, store.current], [null, '', file]);
  const example = store.choose({ source: 'example', id: 'koala', bitmap, label: 'Koala' });
  assert.equal([example.key, example.shareable, example.exampleId], ['example:koala', 'koala', 'koala']);
  assert.ok(example.serial > file.serial);
  stop();
  store.choose({ source: 'webcam', bitmap, label: 'Snapshot' });
  assert.equal(heard, [file.key, 'example:koala']);
  assert.not.equal(file.key, store.current!.key, 'every upload has a run of its own');
});

test('every layer kind says which view, section and family it belongs to', () => {
  const sections = readdirSync(join(ROOT, 'article/sections')).filter((f) => f.endsWith('.html'))
    .map((f) => /<section[^>]*\sid="([^"]+)"/.exec(readFileSync(join(ROOT, 'article/sections', f), 'utf8'))?.[1]);
  for (const [kind, facts] of Object.entries(LAYER_KINDS)) {
    assert.ok(sections.includes(facts.section), `${kind}: the article has a section "${facts.section}"`);
    if (facts.view) assert.ok((FIGURE_VIEWS as readonly string[]).includes(facts.view), `${kind}: "${facts.view}" is a figure view`);
  }
  assert.equal(kindsOf('pooling'), ['maxpool', 'avgpool']);
  assert.equal(Object.keys(LAYER_KINDS).filter((k) => LAYER_KINDS[k as keyof typeof LAYER_KINDS].oneToOne), ['relu', 'maxpool', 'avgpool', 'softmax']);
  assert.is(kindFacts('conv')?.view, 'conv');
  assert.is(kindFacts('toString'), undefined, 'a name that is no kind has no facts');
});

test.run();
