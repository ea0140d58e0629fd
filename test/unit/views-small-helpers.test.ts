import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { anchoredBlock, blockAround, chooseChannel, chooseLayer, classIndexOf, moveByKey, positionOfStep, stepOfPosition } from '../../components/views/shared/view-helpers';
import { formatNumber, formatWide } from '../../components/shared/numbers';

const CLASSES = ['lifeboat', 'ladybug', 'pizza', 'bell pepper', 'school bus', 'koala', 'espresso', 'red panda', 'orange', 'sports car'];

test('numbers: a true minus sign, no "−0.00", wide numbers in powers of ten', () => {
  assert.is(formatNumber(-0.4213, 2), '\u22120.42');
  assert.is(formatNumber(-0.001, 2), '0.00');
  assert.is(formatNumber(3, 3), '3.000');
  assert.is(formatWide(7408.06), '7408.1');
  assert.is(formatWide(0.0388), '0.039');
  assert.is(formatWide(7.5e-6), '7.50×10⁻⁶');
  assert.is(formatWide(4.5e38), '4.50×10³⁸');
  assert.is(formatWide(0), '0.000');
});

test('playback steps are cells in row-major order, both ways', () => {
  for (const step of [0, 1, 61, 62, 1265, 3843]) assert.is(stepOfPosition(positionOfStep(step, 62), 62), step);
  assert.equal(positionOfStep(1265, 62), { row: 20, col: 25 });
});

test('arrow keys move within the map and stop at its edges', () => {
  assert.equal(moveByKey('ArrowRight', { row: 0, col: 61 }, 62, 62), { row: 0, col: 61 });
  assert.equal(moveByKey('ArrowDown', { row: 3, col: 4 }, 62, 62), { row: 4, col: 4 });
  assert.equal(moveByKey('ArrowUp', { row: 0, col: 4 }, 62, 62), { row: 0, col: 4 });
  assert.is(moveByKey('Enter', { row: 0, col: 0 }, 62, 62), null);
});

test('a lens block stays inside the map, and stays put while the cell on show is inside it', () => {
  assert.equal(blockAround({ row: 0, col: 0 }, 5, 62, 62), { row0: 0, col0: 0, rows: 5, cols: 5 });
  assert.equal(blockAround({ row: 61, col: 30 }, 5, 62, 62), { row0: 57, col0: 28, rows: 5, cols: 5 });
  assert.equal(blockAround({ row: 1, col: 1 }, 5, 3, 3), { row0: 0, col0: 0, rows: 3, cols: 3 });
  const anchor = { row: 20, col: 20 };
  assert.equal(anchoredBlock(anchor, { row: 22, col: 18 }, 5, 62, 62), blockAround(anchor, 5, 62, 62), 'inside: the block does not move');
  assert.equal(anchoredBlock(anchor, { row: 40, col: 3 }, 5, 62, 62), blockAround({ row: 40, col: 3 }, 5, 62, 62), 'outside: it follows');
});

test('layers, channels and classes from attributes, with the reason when they do not fit', () => {
  assert.equal(chooseLayer('relu_2_1', ['relu_1_1', 'relu_2_1'], 'a ReLU layer'), { value: 'relu_2_1', problem: '' });
  assert.equal(chooseLayer('', ['relu_1_1'], 'a ReLU layer'), { value: 'relu_1_1', problem: '' }, 'no attribute: no warning');
  assert.is(chooseLayer('conv_1_1', ['relu_1_1', 'relu_2_1'], 'a ReLU layer').problem,
    'layer="conv_1_1" is not a ReLU layer of this model (relu_1_1, relu_2_1); showing "relu_1_1".');
  assert.equal(chooseChannel('3', 3, 10, 'relu_1_1'), { value: 3, problem: '' });
  assert.equal(chooseChannel(null, 0, 10, 'relu_1_1'), { value: 0, problem: '' });
  assert.is(chooseChannel('10', 10, 10, 'relu_1_1').problem, 'channel="10" is not a channel of relu_1_1 (0 to 9); showing 0.');
  assert.is(chooseChannel('abc', NaN, 10, 'x').value, 0);
  assert.is(chooseChannel('2.5', 2.5, 10, 'x').value, 0);
  assert.is(classIndexOf('koala', CLASSES), 5);
  assert.is(classIndexOf('Red_Panda', CLASSES), 7);
  assert.is(classIndexOf(' sports-car ', CLASSES), 9);
  assert.is(classIndexOf('9', CLASSES), 9);
  assert.is(classIndexOf('10', CLASSES), -1);
  assert.is(classIndexOf('giraffe', CLASSES), -1);
});

test.run();
