/**
 * SizeController and the overview's SlotSize: a figure hidden with display: none (measured
 * 0×0) keeps its last size, so it keeps what it drew; shown again, it updates once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SizeController } from '../../components/shared/size-controller';

function fakeHost() {
  const host = { updates: 0, addController() {}, removeController() {}, requestUpdate() { host.updates++; }, updateComplete: Promise.resolve(true) };
  return host;
}

test('a new size updates the host; the same size again does not', () => {
  const host = fakeHost();
  const size = new SizeController(host as never);
  size.measured(800.6, 600.2);
  assert.equal([size.width, size.height, host.updates], [800, 600, 1]);
  size.measured(800.9, 600.9);
  assert.is(host.updates, 1);
});

test('hidden (0×0), the figure keeps its last size and does not update', () => {
  const host = fakeHost();
  const size = new SizeController(host as never);
  size.measured(800, 600);
  size.measured(0, 0);
  assert.equal([size.width, size.height, host.updates], [800, 600, 1]);
});

test('shown again, at the same size or another, the figure updates once', () => {
  const host = fakeHost();
  const size = new SizeController(host as never);
  size.measured(800, 600);
  size.measured(0, 0);
  size.measured(800, 600);
  assert.equal([size.width, size.height, host.updates], [800, 600, 2]);
  size.measured(0, 0);
  size.measured(390, 500);
  assert.equal([size.width, size.height, host.updates], [390, 500, 3]);
});

test('never measured, a hidden figure stays at 0×0 without an update', () => {
  const host = fakeHost();
  const size = new SizeController(host as never);
  size.measured(0, 0);
  assert.equal([size.width, size.height, host.updates], [0, 0, 0]);
});

test.run();
