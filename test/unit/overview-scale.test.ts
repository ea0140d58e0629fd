import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layerDomains, scaleGroups, type MapKind } from '../../components/overview/scale-groups';
import { buildLut, colorOf, lutIndex, paintChannel, symmetricDomain } from '../../components/shared/diverging-colors';

const TINY_VGG: MapKind[] = ['conv', 'relu', 'conv', 'relu', 'maxpool', 'conv', 'relu', 'conv', 'relu', 'maxpool'];

test('unit mode gives each conv its own range, shared with the ReLU and pool after it', () => {
  assert.equal(scaleGroups(TINY_VGG, 'unit'), [0, 0, 1, 1, 1, 2, 2, 3, 3, 3]);
});

test('module mode gives each conv-conv-pool block one range', () => {
  assert.equal(scaleGroups(TINY_VGG, 'module'), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
});

test('global mode gives every hidden layer one range', () => {
  assert.equal(new Set(scaleGroups(TINY_VGG, 'global')).size, 1);
});

test('groups follow the layer kinds of an unfamiliar model, not Tiny VGG names', () => {
  assert.equal(scaleGroups(['relu', 'conv', 'avgpool', 'conv', 'conv', 'relu'], 'unit'), [0, 1, 1, 2, 3, 3]);
  assert.equal(scaleGroups(['conv', 'avgpool', 'conv', 'maxpool', 'conv'], 'module'), [0, 0, 1, 1, 2]);
});

test('a group domain is symmetric around 0 and covers the largest magnitude in the group', () => {
  const layers = [
    { name: 'a', kind: 'conv' as const, values: new Float32Array([-3, 1]) },
    { name: 'b', kind: 'relu' as const, values: new Float32Array([0, 1]) },
    { name: 'c', kind: 'conv' as const, values: new Float32Array([0.5, -0.25]) },
  ];
  assert.equal(layerDomains(layers, 'unit'), [{ min: -3, max: 3 }, { min: -3, max: 3 }, { min: -0.5, max: 0.5 }]);
  assert.equal(layerDomains(layers, 'global').map((d) => d.max), [3, 3, 3]);
});

test('an all-zero layer still gets a usable domain', () => {
  assert.equal(symmetricDomain(0), { min: -1, max: 1 });
});

test('the colour scale maps 0 to its pale middle and the ends to opposite hues', () => {
  const lut = buildLut();
  const d = symmetricDomain(2);
  assert.is(lutIndex(-2, d), 0);
  assert.is(lutIndex(2, d), 255);
  assert.ok(Math.abs(lutIndex(0, d) - 127.5) <= 0.5);
  const mid = lut.slice(128 * 4, 128 * 4 + 3);
  assert.ok(Math.min(...mid) > 200, `middle ${mid} is pale`);
  const [lo, hi] = [lut.slice(0, 3), lut.slice(255 * 4, 255 * 4 + 3)];
  assert.ok(lo[2] > lo[0], 'negative end is purple (more blue than red)');
  assert.ok(hi[0] > hi[2], 'positive end is orange (more red than blue)');
  assert.match(colorOf(0, d), /^rgb\(\d+, \d+, \d+\)$/);
});

test('paintChannel reads one channel of an HWC tensor and writes opaque pixels', () => {
  // 1 × 2 image with 2 channels: channel 1 holds [-1, 1].
  const values = new Float32Array([9, -1, 9, 1]);
  const out = new Uint8ClampedArray(8);
  const lut = buildLut();
  paintChannel(values, 2, 1, 2, 1, symmetricDomain(1), out, lut);
  assert.equal([...out.slice(0, 4)], [...lut.slice(0, 4)]);
  assert.equal([...out.slice(4, 8)], [...lut.slice(255 * 4, 256 * 4)]);
});


test('the purple–orange scale gives d3-scale-chromatic\'s interpolatePuOr colour at every one of the 1001 points checked', async () => {
  const { interpolatePuOr: reference } = await import('d3-scale-chromatic');
  const { interpolatePuOr } = await import('../../components/shared/diverging-colors');
  const misses: string[] = [];
  for (let i = 0; i <= 1000; i++) if (interpolatePuOr(i / 1000) !== reference(i / 1000)) misses.push(`${i / 1000}: ${interpolatePuOr(i / 1000)} ≠ ${reference(i / 1000)}`);
  assert.equal(misses, []);
  assert.is(interpolatePuOr(-1), reference(0), 'below the range: the purple end');
  assert.is(interpolatePuOr(2), reference(1), 'above the range: the orange end');
});

test.run();
