import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { moveFocus } from '../../components/overview/keyboard-nav';

const COUNTS = [3, 10, 10, 10];

test('up and down move between channels and stop at the ends', () => {
  assert.equal(moveFocus(COUNTS, { column: 1, channel: 0 }, 'ArrowUp'), { column: 1, channel: 0 });
  assert.equal(moveFocus(COUNTS, { column: 1, channel: 0 }, 'ArrowDown'), { column: 1, channel: 1 });
  assert.equal(moveFocus(COUNTS, { column: 1, channel: 9 }, 'ArrowDown'), { column: 1, channel: 9 });
});

test('left and right keep the channel between columns of equal length', () => {
  assert.equal(moveFocus(COUNTS, { column: 1, channel: 7 }, 'ArrowRight'), { column: 2, channel: 7 });
  assert.equal(moveFocus(COUNTS, { column: 3, channel: 7 }, 'ArrowRight'), { column: 3, channel: 7 });
});

test('moving between a 3-map and a 10-map column keeps the relative place', () => {
  assert.equal(moveFocus(COUNTS, { column: 1, channel: 9 }, 'ArrowLeft'), { column: 0, channel: 2 });
  assert.equal(moveFocus(COUNTS, { column: 0, channel: 1 }, 'ArrowRight'), { column: 1, channel: 5 });
});

test('Home and End jump to the first and last columns; other keys are ignored', () => {
  assert.equal(moveFocus(COUNTS, { column: 2, channel: 4 }, 'Home')?.column, 0);
  assert.equal(moveFocus(COUNTS, { column: 0, channel: 0 }, 'End'), { column: 3, channel: 0 });
  assert.is(moveFocus(COUNTS, { column: 0, channel: 0 }, 'a'), null);
});

test.run();
