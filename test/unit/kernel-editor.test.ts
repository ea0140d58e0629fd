/**
 * The conv view's kernel editor, without a page: its presets' weights, and how a kernel the
 * reader set joins the figure's edits (trained weights left out, an all-trained kernel
 * dropped, the same connection replaced, switched-off channels kept).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { editorLayout, presetKernel, withKernel } from '../../components/views/conv/kernel-editor';
import { encodeEdits, parseEdits } from '../../model/inspect/edit-codec';
import { parseState, serializeState, viewAttributes } from '../../components/shared/url-state';

test('the 3 × 3 presets: edge sums to 0 with 8 in the centre, blur averages, sharpen is 5 with four −1 neighbours, identity and zero', () => {
  assert.equal(presetKernel('edge', 3, 3), [-1, -1, -1, -1, 8, -1, -1, -1, -1]);
  assert.equal(presetKernel('blur', 3, 3), Array(9).fill(0.111));
  assert.equal(presetKernel('sharpen', 3, 3), [0, -1, 0, -1, 5, -1, 0, -1, 0]);
  assert.equal(presetKernel('identity', 3, 3), [0, 0, 0, 0, 1, 0, 0, 0, 0]);
  assert.equal(presetKernel('zero', 3, 3), Array(9).fill(0));
});

test('presets fit other kernel sizes: a 5 × 5 edge has 24 in the centre, a 1 × 1 sharpen is 5 alone', () => {
  const edge = presetKernel('edge', 5, 5);
  assert.is(edge[12], 24);
  assert.is(edge.reduce((a, b) => a + b, 0), 0);
  assert.equal(presetKernel('sharpen', 1, 1), [5]);
});

test('a kernel joins the edits with its trained weights left out; all-trained drops it; the same connection is replaced; switched-off channels stay', () => {
  const trained = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const start = { kernels: [{ layer: 'conv_1_2', outChannel: 1, inChannel: 2, weights: [1, null, null, null, null, null, null, null, null] }], ablated: [{ layer: 'conv_2_1', channel: 4 }] };
  const one = withKernel(start, 'conv_1_1', 3, 0, trained.map((w, i) => (i === 4 ? 1.5 : w)), trained);
  assert.is(encodeEdits(one), '1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x*k.conv_1_2.1.2.1000.x.x.x.x.x.x.x.x*a.conv_2_1.4');
  const replaced = withKernel(one, 'conv_1_1', 3, 0, trained.map((w, i) => (i === 0 ? -2 : w)), trained);
  assert.is(encodeEdits(replaced), '1*k.conv_1_1.3.0.-2000.x.x.x.x.x.x.x.x*k.conv_1_2.1.2.1000.x.x.x.x.x.x.x.x*a.conv_2_1.4');
  const back = withKernel(replaced, 'conv_1_1', 3, 0, trained, trained);
  assert.is(encodeEdits(back), '1*k.conv_1_2.1.2.1000.x.x.x.x.x.x.x.x*a.conv_2_1.4');
  // Without the trained weights (not known yet), all nine travel.
  assert.is(encodeEdits(withKernel({ kernels: [], ablated: [] }, 'conv_1_1', 0, 1, trained, null)), '1*k.conv_1_1.0.1.100.200.300.400.500.600.700.800.900');
});

test('fitted, the editor puts its maps under the weights when they come out larger there, and beside them on phones', () => {
  assert.equal(editorLayout(851, 836, true), { narrow: false, stack: true, map: 320 });
  assert.equal(editorLayout(585, 704, true).stack, true);
  const phone = editorLayout(366, 424, true);
  assert.equal([phone.stack, phone.narrow], [false, true]);
  assert.ok(phone.map >= 100 && 214 + 36 + phone.map <= 366, `phone map ${phone.map}`);
  assert.equal(editorLayout(336, 365, true).stack, false);
});

test('an edge kernel and a switched-off channel survive a link: URL → state → the conv and overview figures\' edits attribute → the same edits', () => {
  const edits = withKernel({ kernels: [], ablated: [{ layer: 'conv_2_1', channel: 5 }] }, 'conv_1_1', 0, 0, presetKernel('edge', 3, 3), null);
  const text = encodeEdits(edits);
  const query = serializeState({ view: 'conv', edits: text });
  const parsed = parseState(query.startsWith('?') ? query : `?${query}`);
  assert.equal(parsed.problems, []);
  for (const view of ['conv', 'overview'] as const) {
    const attribute = viewAttributes(view, parsed.state).edits;
    assert.is(attribute, text);
    const back = parseEdits(attribute!);
    assert.ok(back.ok && encodeEdits(back.edits) === text);
  }
});

test.run();
