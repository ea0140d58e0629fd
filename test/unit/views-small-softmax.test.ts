import { test } from 'uvu';
import * as assert from 'uvu/assert';
import katex from 'katex';
import { SLIDER_STEPS, T_MAX, T_MIN, chooseTemperature, classOfStage, rescalingProblems, shownAt, sliderFromTemperature, softmaxSentence, softmaxTerms, stageOfStep, stepCount, temperatureFromSlider } from '../../components/views/softmax/softmax-data';
import { softmaxTex, texWide } from '../../components/views/softmax/softmax-formula';
import { formatWide } from '../../components/shared/numbers';

const LOGITS = [-3.25, 5.05, 1.57, 5.25, -5.13, -11.8, 8.91, -0.86, 6.13, 0.91];
const NAMES = ['lifeboat', 'ladybug', 'pizza', 'bell pepper', 'school bus', 'koala', 'espresso', 'red panda', 'orange', 'sports car'];

test('the temperature slider is logarithmic from 0.1 to 5 and snaps to 1', () => {
  assert.is(temperatureFromSlider(0), T_MIN);
  assert.is(temperatureFromSlider(SLIDER_STEPS), T_MAX);
  assert.ok(Math.abs(temperatureFromSlider(SLIDER_STEPS / 2) - Math.sqrt(T_MIN * T_MAX)) < 0.005);
  assert.is(temperatureFromSlider(sliderFromTemperature(1)), 1);
  for (const T of [0.1, 0.25, 0.5, 2, 5]) assert.ok(Math.abs(temperatureFromSlider(sliderFromTemperature(T)) - T) / T < 0.02, `${T}`);
  assert.is(temperatureFromSlider(-5), T_MIN);
});

test('a temperature attribute that does not fit falls back, with a reason', () => {
  assert.equal(chooseTemperature('0.5', 0.5), { value: 0.5, problem: '' });
  assert.equal(chooseTemperature('hot', NaN), { value: 1, problem: 'temperature="hot" is not a positive number; using 1.' });
  assert.is(chooseTemperature('-2', -2).value, 1);
  assert.equal(chooseTemperature('12', 12), { value: 5, problem: 'temperature="12" is outside 0.1 to 5; using 5.' });
  assert.is(chooseTemperature('0.01', 0.01).value, 0.1);
});

test('the terms: exp(z / T), their sum, and shares equal to softmax(z, T)', () => {
  for (const T of [0.1, 0.5, 1, 3, 5]) {
    const t = softmaxTerms(LOGITS, T);
    assert.is(t.shift, 0, 'these logits never overflow');
    let sum = 0;
    LOGITS.forEach((z, k) => {
      assert.ok(Math.abs(t.exps[k] - Math.exp(z / T)) <= Math.exp(z / T) * 1e-12);
      sum += Math.exp(z / T);
    });
    assert.ok(Math.abs(t.sum - sum) <= sum * 1e-12);
    t.exps.forEach((e, k) => assert.ok(Math.abs(t.probabilities[k] - e / t.sum) < 1e-6, `T ${T} class ${k}`));
  }
  // Logits so large that exp(z / T) overflows: shown shifted by the largest z / T, same shares.
  const big = softmaxTerms([80, 79, 0], 0.1);
  assert.is(big.shift, 800);
  assert.ok(Number.isFinite(big.sum));
  assert.ok(Math.abs(big.probabilities[0] - big.exps[0] / big.sum) < 1e-6);
});

test('plain rescaling z / Σz: what fails with these logits', () => {
  const t = softmaxTerms(LOGITS, 1);
  const p = rescalingProblems(t);
  assert.ok(Math.abs(t.logitSum - 6.78) < 1e-9);
  assert.equal(p.overOne, [6], 'espresso gets more than 1');
  assert.equal(p.negative, [0, 4, 5, 7], 'every negative logit gets a negative share');
  assert.is(rescalingProblems(softmaxTerms([1, -1], 1)).nearZeroSum, true);
  assert.is(p.flipped, false);
  assert.equal(rescalingProblems(softmaxTerms([1, 2, 3], 1)), { negative: [], overOne: [], nearZeroSum: false, flipped: false });
  const flipped = rescalingProblems(softmaxTerms([-2.85, -2.41, 1.41, -7.1], 1));
  assert.ok(flipped.flipped, 'a negative sum ranks the classes backwards');
  assert.equal(flipped.negative, [2]);
});

test('playback: the logits, ten exponentials, the sum, ten divisions', () => {
  assert.is(stepCount(10), 22);
  assert.equal(stageOfStep(0, 10), { phase: 'logits' });
  assert.equal(stageOfStep(3, 10), { phase: 'exp', upTo: 2 });
  assert.equal(stageOfStep(11, 10), { phase: 'sum' });
  assert.equal(stageOfStep(21, 10), { phase: 'divide', upTo: 9 });
  assert.equal(shownAt(stageOfStep(3, 10), 2), { exp: true, sum: false, probability: false });
  assert.equal(shownAt(stageOfStep(3, 10), 3), { exp: false, sum: false, probability: false });
  assert.equal(shownAt(stageOfStep(13, 10), 1), { exp: true, sum: true, probability: true });
  assert.equal(shownAt(stageOfStep(13, 10), 2), { exp: true, sum: true, probability: false });
  assert.is(classOfStage(stageOfStep(11, 10)), -1);
  const t = softmaxTerms(LOGITS, 1);
  assert.is(softmaxSentence(t, stageOfStep(0, 10), NAMES, formatWide), '10 logits; the largest is espresso, 8.910.');
  assert.match(softmaxSentence(t, stageOfStep(7, 10), NAMES, formatWide), /^espresso: e\^\(8\.910 \/ 1\.00\) = 7405\.\d\.$/);
  assert.match(softmaxSentence(t, stageOfStep(18, 10), NAMES, formatWide), /^espresso: 7405\.\d \/ \d+\.\d = \d+\.\d%\.$/);
});

test('the formula typesets with KaTeX, wide and narrow, with the live numbers', () => {
  const t = softmaxTerms(LOGITS, 0.5);
  for (const narrow of [false, true]) {
    const tex = softmaxTex(t, 6, 'espresso', narrow);
    assert.ok(tex.includes('e^{8.91 / 0.50}'), tex);
    assert.ok(tex.includes(`= ${t.probabilities[6].toFixed(4)}`), tex);
    katex.renderToString(tex, { displayMode: true, throwOnError: true });
  }
  assert.is(texWide(4.5e38), '4.50 \\times 10^{38}');
  assert.is(texWide(-7.5e-6), '-7.50 \\times 10^{-6}');
  katex.renderToString(softmaxTex(softmaxTerms([80, 79, 0], 0.1), 0, 'a & b', false), { throwOnError: true });
});

test.run();
