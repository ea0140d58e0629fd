import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { differences, figureForStep, stepFromUrl, DEFAULT_IMAGE, type StepSpec } from '../../article/step-table';
import type { FigureState } from '../../components/shared/url-state';

const S = (index: number, section: string, indexInSection: number, state: Partial<FigureState> = {}, playback?: 'start'): StepSpec =>
  ({ index, section, indexInSection, state: { view: 'overview', ...state }, focus: '', playback, problems: [] });
const STEPS: StepSpec[] = [
  S(0, 'intro', 0),
  S(1, 'input', 0, { image: 'koala', layer: 'input' }),
  S(2, 'convolution', 0, { view: 'conv', layer: 'conv_1_1', channel: 2 }, 'start'),
  S(3, 'convolution', 1, { view: 'conv', layer: 'conv_1_2', image: 'espresso-cup' }),
  S(4, 'relu', 0, { view: 'relu', layer: 'relu_1_1' }),
  S(5, 'hyperparameters', 0, { view: 'hyperparameters', padding: 1, stride: 2 }),
];

test('a step shows its own view, layer, channel and playback', () => {
  const f = figureForStep(STEPS, 2);
  assert.equal([f.view, f.layer, f.channel, f.playback, f.section, f.step], ['conv', 'conv_1_1', 2, 'start', 'convolution', 0]);
});

test('the picture comes from the last step that chose one, whatever was seen before', () => {
  assert.is(figureForStep(STEPS, 0).image, DEFAULT_IMAGE);
  assert.is(figureForStep(STEPS, 2).image, 'koala');
  assert.is(figureForStep(STEPS, 4).image, 'espresso-cup');
});

test('the state of a step is the same whichever order the steps fire in', () => {
  const forward = STEPS.map((_, i) => figureForStep(STEPS, i));
  const shuffled = [4, 0, 5, 3, 1, 2].map((i) => [i, figureForStep(STEPS, i)] as const);
  for (const [i, f] of shuffled) assert.equal(f, forward[i]);
});

test('a URL section and step find the step, clamped to the section', () => {
  assert.is(stepFromUrl(STEPS, 'convolution', 1), 3);
  assert.is(stepFromUrl(STEPS, 'convolution', 99), 3);
  assert.is(stepFromUrl(STEPS, 'relu', undefined), 4);
  assert.is(stepFromUrl(STEPS, 'nowhere', 0), -1);
});

test('a step sets any field of the URL table, and the rest keep their defaults', () => {
  const f = figureForStep(STEPS, 5);
  assert.equal([f.padding, f.stride, f.kernelSize, f.dilation, f.inputSize], [1, 2, 3, 1, 7]);
  assert.equal([figureForStep(STEPS, 4).padding, figureForStep(STEPS, 4).temperature], [0, 1]);
});

test('a URL needs only what differs from the step\'s own figure', () => {
  const base = figureForStep(STEPS, 5);
  assert.equal(differences({ ...base, stride: 3, temperature: 2 }, base), { stride: 3, temperature: 2 });
  assert.equal(differences(base, base), {});
});

test.run();
