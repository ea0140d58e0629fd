import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { URL_STATE, articleLink, parseState, serializeState, type FigureState } from '../../components/shared/url-state';

const FULL: FigureState = { section: 'convolution', view: 'conv', image: 'koala', layer: 'conv_1_1', channel: 3, scale: 'module', step: 12 };

test('a full state survives a trip through a URL unchanged', () => {
  const link = articleLink('https://example.org/cnn/', FULL);
  const url = new URL(link);
  assert.equal(parseState(url.search, url.hash).state, FULL);
});

test('defaults are left out of URLs', () => {
  assert.is(serializeState({ channel: 0, scale: 'unit', step: 0, image: '', view: 'overview' }), '');
  assert.is(serializeState({ channel: 2 }), '?channel=2');
});

test('parameters appear in the order of the table', () => {
  const q = serializeState({ step: 4, image: 'koala', layer: 'relu_1_1' });
  assert.is(q, '?image=koala&layer=relu_1_1&step=4');
});

test('invalid values are dropped, each with a reason', () => {
  const { state, problems } = parseState('?channel=-1&scale=rainbow&step=1.5&layer=%3Cscript%3E&image=koala');
  assert.equal(state, { image: 'koala' });
  assert.is(problems.length, 4);
  assert.ok(problems.some((p) => /scale must be unit, module or global/.test(p)));
  assert.ok(problems.some((p) => /channel must be a whole number/.test(p)));
});

test('image URLs with their own query strings round-trip', () => {
  const image = 'https://images.example.org/a.png?size=large&v=2';
  const q = serializeState({ image });
  assert.is(parseState(q).state.image, image);
});

test('articleLink replaces any query and fragment already on the base', () => {
  assert.is(articleLink('https://x.org/a/?old=1#old', { section: 'relu', channel: 1 }), 'https://x.org/a/?channel=1#relu');
});

test('every field of the state has exactly one row in the table', () => {
  const keys = URL_STATE.map((s) => s.key).sort();
  assert.equal(keys, ['channel', 'image', 'layer', 'scale', 'section', 'step', 'view']);
});

test.run();
