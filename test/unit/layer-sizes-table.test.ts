/**
 * The page's layer-size table reads a page-side model (layers and parameters as the worker
 * sends them): Tiny VGG's rows and totals by hand, and the numbers as the table prints them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCount, formatShape, layerSizesOfInfo } from '../../components/views/sizes/layer-sizes-table';
import { shippedModel, useWasm } from './inspect-fixtures';

test.before(useWasm);

test('the shipped Tiny VGG, as the page sees it, has the hand-counted parameters and multiply-adds per conv and dense layer and in total', async () => {
  const model = await shippedModel();
  const sizes = layerSizesOfInfo({ layers: model.layers });
  const byName = Object.fromEntries(sizes.rows.map((r) => [r.name, r]));
  // conv: 3·3·cin·10 weights + 10 biases; out_h·out_w·10 outputs\u2009×\u20093·3·cin products each.
  assert.equal([byName.conv_1_1.params, byName.conv_1_1.multiplyAdds], [3 * 3 * 3 * 10 + 10, 62 * 62 * 10 * 27]);
  assert.equal([byName.conv_1_2.params, byName.conv_1_2.multiplyAdds], [910, 60 * 60 * 10 * 90]);
  assert.equal([byName.conv_2_1.params, byName.conv_2_1.multiplyAdds], [910, 28 * 28 * 10 * 90]);
  assert.equal([byName.conv_2_2.params, byName.conv_2_2.multiplyAdds], [910, 26 * 26 * 10 * 90]);
  const dense = sizes.rows.find((r) => r.kind === 'dense')!;
  assert.equal([dense.params, dense.multiplyAdds], [13 * 13 * 10 * 10 + 10, 1690 * 10]);
  assert.equal(byName.max_pool_2.outputShape, [13, 13, 10]);
  assert.equal(sizes.totals, { params: 19_920, multiplyAdds: 5_608_780 });
  assert.ok(sizes.rows.filter((r) => r.kind !== 'conv' && r.kind !== 'dense').every((r) => r.params === 0 && r.multiplyAdds === 0));
});

test('counts print with thousands separators and shapes with ×', () => {
  assert.is(formatCount(5_608_780), '5,608,780');
  assert.is(formatCount(280), '280');
  assert.is(formatShape([62, 62, 10]), '62\u2009×\u200962\u2009×\u200910');
  assert.is(formatShape([1690]), '1690');
});

test.run();
