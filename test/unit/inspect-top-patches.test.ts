/**
 * Strongest places of a channel over the shipped example pictures, against the engine's own
 * records (runModelSync), with a stand-in receptive-field function (the real one comes from
 * model/ops at merge; the picks must carry whatever it returns).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runModelSync } from '../../model/engine/run-model';
import type { InputRect } from '../../model/inspect/input-field';
import { cropPatch, topPatches, topPatchesInMaps, type TopPatch } from '../../model/inspect/top-patches';
import { examplePictures, leavesNoTensor, shippedModel } from './inspect-fixtures';

/** Stand-in: value (r, c) of conv_2_1 sees input rows 2r … 2r + 9 (Tiny VGG's geometry). */
const stubField = (r: number, c: number): InputRect => ({ rows: { first: 2 * r, last: 2 * r + 9 }, cols: { first: 2 * c, last: 2 * c + 9 } });

/** Intersection over union, written out for the test. */
function iou(a: InputRect, b: InputRect): number {
  const overlap = (lo1: number, hi1: number, lo2: number, hi2: number) => Math.max(0, Math.min(hi1, hi2) - Math.max(lo1, lo2) + 1);
  const shared = overlap(a.rows.first, a.rows.last, b.rows.first, b.rows.last) * overlap(a.cols.first, a.cols.last, b.cols.first, b.cols.last);
  const area = (r: InputRect) => (r.rows.last - r.rows.first + 1) * (r.cols.last - r.cols.first + 1);
  return shared / (area(a) + area(b) - shared);
}

/** Every value of one channel over the pictures, from the engine's records. */
async function allValues(layer: string, channel: number) {
  const model = await shippedModel();
  const pictures = examplePictures();
  const values: { picture: number; row: number; col: number; value: number }[] = [];
  pictures.forEach((p, picture) => {
    const maps = runModelSync(model, p.input).layers.find((l) => l.name === layer)!;
    const [h, w, c] = maps.shape;
    for (let row = 0; row < h; row++) for (let col = 0; col < w; col++) values.push({ picture, row, col, value: maps.values[(row * w + col) * c + channel] });
  });
  return { model, pictures, values };
}

test('with overlaps allowed, the picks are the k largest values of the channel over all pictures', async () => {
  const { model, pictures, values } = await allValues('conv_2_1', 4);
  const calls: number[] = [];
  const picks = await leavesNoTensor(() =>
    topPatches(model, pictures, 'conv_2_1', 4, 8, (layer, r, c) => (calls.push(layer), stubField(r, c)), { maxOverlap: 1, batchSize: 3 }),
  );
  const expected = [...values].sort((a, b) => b.value - a.value).slice(0, 8);
  assert.is(picks.length, 8);
  picks.forEach((p, i) => {
    assert.ok(Math.abs(p.value - expected[i].value) < 1e-5, `pick ${i}: ${p.value} vs ${expected[i].value}`);
    assert.is(p.id, pictures[p.picture].id);
    assert.equal(p.field, stubField(p.row, p.col), 'the field is what the injected function returned');
  });
  assert.ok(calls.every((layer) => layer === model.layers.findIndex((l) => l.name === 'conv_2_1')), 'asked for the layer by its index in model.layers');
});

test('by default no two picks from one picture overlap by more than a quarter, and every stronger place skipped overlaps a pick', async () => {
  const { model, pictures, values } = await allValues('conv_2_1', 4);
  const k = 12;
  const picks = topPatches(model, pictures, 'conv_2_1', 4, k, (_l, r, c) => stubField(r, c));
  assert.is(picks.length, k);
  for (let i = 1; i < k; i++) assert.ok(picks[i].value <= picks[i - 1].value, 'strongest first');
  for (const a of picks) for (const b of picks) if (a !== b && a.picture === b.picture) assert.ok(iou(a.field, b.field) <= 0.25);
  const picked = new Set(picks.map((p) => `${p.picture}:${p.row}:${p.col}`));
  const weakest = picks[k - 1].value;
  for (const v of values) {
    if (v.value <= weakest || picked.has(`${v.picture}:${v.row}:${v.col}`)) continue;
    const blocker = picks.find((p: TopPatch) => p.picture === v.picture && p.value >= v.value && iou(p.field, stubField(v.row, v.col)) > 0.25);
    assert.ok(blocker, `place ${v.picture}:${v.row}:${v.col} (${v.value}) is stronger than the last pick but was skipped for nothing`);
  }
});

test('a cap per picture spreads the picks over the pictures, still strongest first', async () => {
  const model = await shippedModel();
  const pictures = examplePictures();
  const capped = topPatches(model, pictures, 'conv_2_1', 4, 6, (_l, r, c) => stubField(r, c), { perPicture: 1 });
  assert.is(new Set(capped.map((p) => p.picture)).size, 6);
  const uncapped = topPatches(model, pictures, 'conv_2_1', 4, 6, (_l, r, c) => stubField(r, c));
  assert.ok(new Set(uncapped.map((p) => p.picture)).size < 6, 'without the cap one picture gives several picks');
  assert.equal(capped[0], uncapped[0]);
});

test('picks on precomputed maps break ties in reading order', () => {
  const maps = [{ id: 'a', values: Float32Array.from([1, 5, 5, 2]), shape: [2, 2, 1] as const }];
  const field = (r: number, c: number): InputRect => ({ rows: { first: r, last: r }, cols: { first: c, last: c } });
  const picks = topPatchesInMaps(maps, 0, 3, field);
  assert.equal(picks.map((p) => [p.row, p.col, p.value]), [[0, 1, 5], [1, 0, 5], [1, 1, 2]]);
});

test("a crop copies the field's pixels and fills what lies outside the picture", () => {
  const shape = [3, 4, 1] as const;
  const input = Float32Array.from({ length: 12 }, (_, i) => i);
  const inside = cropPatch(input, shape, { rows: { first: 1, last: 2 }, cols: { first: 1, last: 3 } });
  assert.equal([inside.height, inside.width, ...inside.pixels], [2, 3, 5, 6, 7, 9, 10, 11]);
  const edge = cropPatch(input, shape, { rows: { first: -1, last: 0 }, cols: { first: 3, last: 4 } }, -1);
  assert.equal([...edge.pixels], [-1, -1, 3, -1]);
});

test('top patches reject a channel the layer lacks and a bad overlap', async () => {
  const model = await shippedModel();
  const pictures = examplePictures().slice(0, 1);
  assert.throws(() => topPatches(model, pictures, 'conv_2_1', 10, 3, (_l, r, c) => stubField(r, c)), /Channel 10/);
  assert.throws(() => topPatches(model, pictures, 'conv_2_1', 0, 3, (_l, r, c) => stubField(r, c), { maxOverlap: 2 }), /maxOverlap/);
});

test.run();
