/**
 * Edits as link text: round trips, the exact text of a known set, characters a URL keeps
 * as they are, and refusals with their reasons.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeEdits, parseEdits } from '../../model/inspect/edit-codec';
import { normaliseEdits, type Edits } from '../../model/inspect/edits';
import { SeededRandom } from '../../model/inspect/seeded-random';
import { shippedModel } from './inspect-fixtures';

const example: Edits = {
  kernels: [{ layer: 'conv_1_1', outChannel: 3, inChannel: 0, weights: [null, null, null, null, 1.5, null, null, null, null] }],
  ablated: [{ layer: 'conv_2_1', channel: 7 }, { layer: 'conv_2_1', channel: 4 }],
};

function parsed(text: string): Edits {
  const result = parseEdits(text);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.error}`);
  return result.edits;
}

function refusal(text: string, model?: Parameters<typeof parseEdits>[1]): string {
  const result = parseEdits(text, model);
  if (result.ok) throw new Error(`"${text}" parsed, but should not`);
  return result.error;
}

test('a known set of edits encodes to the documented text and back', () => {
  const text = encodeEdits(example);
  assert.is(text, '1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x*a.conv_2_1.4.7');
  assert.equal(parsed(text), normaliseEdits(example));
});

test('no edits encode to the format number alone, and empty text means no edits', () => {
  assert.is(encodeEdits({ kernels: [], ablated: [] }), '1');
  assert.equal(parsed('1'), { kernels: [], ablated: [] });
  assert.equal(parsed(''), { kernels: [], ablated: [] });
});

test('random edits survive the round trip, and the text passes through URLSearchParams and encodeURIComponent unchanged', () => {
  const random = new SeededRandom(11);
  const names = ['conv_1_1', 'conv-2', 'block2/conv', 'Faltung_ä', 'x'];
  for (let trial = 0; trial < 200; trial++) {
    const edits: Edits = {
      kernels: Array.from({ length: random.integer(0, 3) }, () => ({
        layer: names[random.integer(0, names.length - 1)],
        outChannel: random.integer(0, 63),
        inChannel: random.integer(0, 63),
        weights: Array.from({ length: 9 }, () => (random.next() < 0.3 ? null : (random.next() - 0.5) * 20)),
      })),
      ablated: Array.from({ length: random.integer(0, 4) }, () => ({ layer: names[random.integer(0, names.length - 1)], channel: random.integer(0, 99) })),
    };
    const text = encodeEdits(edits);
    assert.equal(parsed(text), normaliseEdits(edits), text);
    assert.is(encodeEdits(parsed(text)), text, 'encoding is canonical');
    assert.is(encodeURIComponent(text), text);
    assert.is(new URLSearchParams({ edits: text }).toString(), `edits=${text}`);
  }
});

test('weights are kept to thousandths and a weight equal to the trained one can travel as x', () => {
  const edits = parsed(encodeEdits({ kernels: [{ layer: 'c', outChannel: 0, inChannel: 0, weights: [0.12345, -0.0004, null] }], ablated: [] }));
  assert.equal(edits.kernels[0].weights, [0.123, 0, null]);
});

test('bad text is refused with a reason in plain words', () => {
  assert.match(refusal('2*a.conv_1_1.0'), 'format 2, and this version of the page reads only format 1');
  assert.match(refusal('k.conv_1_1.0'), 'should start with their format number (1)');
  assert.match(refusal('1*k.conv_1_1.3'), 'Edit 1 ("k.conv_1_1.3"): a kernel edit needs a layer, an output channel, an input channel and its weights');
  assert.match(refusal('1*a.conv_1_1'), 'needs a layer and at least one channel');
  assert.match(refusal('1*a.conv_1_1.01'), 'the channel "01" is not a channel number');
  assert.match(refusal('1*a.conv_1_1.-2'), 'the channel "-2" is not a channel number');
  assert.match(refusal('1*k.conv_1_1.0.0.1.2.half'), 'the weight "half" is neither a whole number of thousandths');
  assert.match(refusal('1*k.conv_1_1.0.0.2000000'), 'the weight 2000 is outside −1000…1000');
  assert.match(refusal('1*z.conv_1_1.0'), 'an edit starts with k (a kernel\'s weights) or a (channels switched off), not "z"');
  assert.match(refusal('1*a.conv_1_1.0*'), 'Edit 2 is empty');
  assert.match(refusal('1*a.9conv.0'), '"9conv" is not a layer name');
  assert.match(refusal('1*a.-!!.0'), 'is not valid base64url text');
});

test('with the model at hand, edits that do not fit it are refused too', async () => {
  const model = await shippedModel();
  assert.ok(parseEdits('1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x*a.conv_2_1.4.7', model).ok);
  assert.match(refusal('1*a.conv_2_1.12', model), 'do not fit this model: Switching off a channel of conv_2_1: channel 12 is outside 0…9');
  assert.match(refusal('1*k.output.0.0.1', model), '"output" is a dense layer');
  assert.match(refusal('1*k.conv_1_1.0.0.1.2.3', model), 'it has 3 weights, but the kernel is 3 × 3 = 9');
});

test.run();
