import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { interpolatePuOr as d3PuOr } from 'd3-scale-chromatic';
import { buildLut, interpolatePuOr } from '../../components/shared/diverging-colors';

test('the page draws the PuOr scale as d3 does, at every entry of the colour table', () => {
  assert.equal([...buildLut(interpolatePuOr)], [...buildLut(d3PuOr)]);
});

test('the PuOr scale matches d3 between the table entries and at its ends too', () => {
  for (const t of [0, 1e-9, 0.05, 0.1, 0.3333, 0.5, 0.61, 0.9, 0.999999, 1]) {
    assert.is(interpolatePuOr(t), d3PuOr(t), `t = ${t}`);
  }
});

test.run();
