import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AUTO_CHANNEL, articleLink, parseState, serializeState, stateOfView, viewAttributes } from '../../components/shared/url-state';
import { figureForStep, readSteps } from '../../article/step-table';

test('a state that names no channel leaves the choice to the view: no channel attribute on conv, relu or pool', () => {
  for (const view of ['conv', 'relu', 'pool'] as const) {
    assert.is(viewAttributes(view, { layer: 'relu_1_1' }).channel, null, view);
    assert.is(viewAttributes(view, { layer: 'relu_1_1', channel: AUTO_CHANNEL }).channel, null, view);
  }
});

test('a named channel, 0 included, is written as an attribute and into the URL', () => {
  assert.is(viewAttributes('relu', { channel: 0 }).channel, '0');
  assert.is(viewAttributes('pool', { channel: 7 }).channel, '7');
  assert.is(serializeState({ channel: 0 }), '?channel=0');
  assert.is(serializeState({ channel: AUTO_CHANNEL, layer: 'relu_1_1' }), '?layer=relu_1_1');
});

test('the view\'s choice travels in no link: no attribute reads back as no channel, and a link without one parses to none', () => {
  assert.equal(stateOfView('relu', (a) => (a === 'layer' ? 'relu_2_1' : null)), { view: 'relu', layer: 'relu_2_1' });
  const url = new URL(articleLink('https://x.org/', { section: 'relu', layer: 'relu_1_1', channel: AUTO_CHANNEL }));
  assert.is(url.search, '?layer=relu_1_1');
  assert.not.ok('channel' in parseState(url.search, url.hash).state);
});

test('the overview\'s selected map never carries the "view chooses" marker', () => {
  assert.is(viewAttributes('overview', { layer: 'conv_1_1' }).selected, 'conv_1_1:0');
  assert.is(viewAttributes('overview', { layer: 'conv_1_1', channel: AUTO_CHANNEL }).selected, 'conv_1_1:0');
  assert.is(viewAttributes('overview', { layer: 'conv_1_1', channel: 3 }).selected, 'conv_1_1:3');
});

test('an article step without data-channel asks its view to choose; one with data-channel names it', () => {
  const step = (data: Record<string, string>) => ({ dataset: data, closest: () => ({ id: 'relu' }) });
  const root = { querySelectorAll: () => [step({ view: 'relu', layer: 'relu_1_1' }), step({ view: 'relu', layer: 'relu_1_1', channel: '4' })] };
  const steps = readSteps(root as unknown as ParentNode);
  assert.is(figureForStep(steps, 0).channel, AUTO_CHANNEL);
  assert.is(viewAttributes('relu', figureForStep(steps, 0)).channel, null);
  assert.is(figureForStep(steps, 1).channel, 4);
  assert.is(viewAttributes('relu', figureForStep(steps, 1)).channel, '4');
});

test.run();
