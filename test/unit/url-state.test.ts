import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { URL_STATE, articleLink, parseState, serializeState, stateOfView, viewAttributes, type FigureState } from '../../components/shared/url-state';

const FULL: FigureState = {
  section: 'convolution', view: 'conv', image: 'koala', layer: 'conv_1_1', channel: 3, scale: 'module', step: 12,
  inputSize: 9, padding: 2, kernelSize: 5, stride: 2, dilation: 3, className: 'red panda', temperature: 0.35,
  edits: '1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x*a.conv_2_1.4',
};

test('a full state survives a trip through a URL unchanged', () => {
  const link = articleLink('https://example.org/cnn/', FULL);
  const url = new URL(link);
  assert.equal(parseState(url.search, url.hash).state, FULL);
});

test('defaults are left out of URLs', () => {
  assert.is(serializeState({ channel: -1, scale: 'unit', step: 0, image: '', view: 'overview' }), '');
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
  assert.ok(problems.some((p) => /scale must be one of unit, module, global/.test(p)));
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
  assert.equal(keys, ['channel', 'className', 'dilation', 'epoch', 'image', 'inputSize', 'kernelSize', 'layer', 'padding', 'edits', 'scale', 'section', 'step', 'stride', 'temperature', 'view', 'method'].sort());
});

test('a view\'s attributes come from the table, and read back to the same state', () => {
  const attrs = viewAttributes('hyperparameters', { padding: 2, stride: 1, kernelSize: 5 });
  assert.equal(attrs, { image: null, 'input-size': '7', padding: '2', 'kernel-size': '5', stride: '1', dilation: '1', edits: null });
  assert.equal(stateOfView('hyperparameters', (a) => attrs[a] ?? null), { view: 'hyperparameters', inputSize: 7, padding: 2, kernelSize: 5, stride: 1, dilation: 1 });
  assert.equal(viewAttributes('overview', { layer: 'conv_1_2', channel: 4, scale: 'global' }), { image: null, scale: 'global', edits: null, selected: 'conv_1_2:4' });
  assert.equal(viewAttributes('conv', {}), { image: null, layer: null, channel: null, edits: null });
  assert.equal(stateOfView('overview', (a) => ({ selected: 'relu_1_1:2', scale: 'module' } as Record<string, string>)[a] ?? null), { view: 'overview', scale: 'module', layer: 'relu_1_1', channel: 2 });
});

test('out-of-range view settings are refused with a reason', () => {
  const { state, problems } = parseState('?padding=9&kernel=0&temperature=7&class=koala');
  assert.equal(state, { className: 'koala' });
  assert.is(problems.length, 3);
});

test.run();
