/** The validation split: deterministic, stratified 25 + 25 per class, disjoint. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { basename } from 'node:path';
import { listSplit, SHARED_DATA_DIR, type LabelledFile } from '../../model/node/dataset';
import { splitValidation } from '../../model/train/data';
import { Prng } from '../../model/train/prng';
import { HAVE_SHARED_DATA } from './train-fixtures';

/** 50 val files per class, named like Tiny ImageNet's, or the real listing when present. */
const files: LabelledFile[] = HAVE_SHARED_DATA
  ? listSplit(SHARED_DATA_DIR, 'val')
  : Array.from({ length: 500 }, (_, i) => ({ path: `val/c${i % 10}/val_${i * 7}.JPEG`, label: i % 10 }));

const names = (indices: number[]) => indices.map((i) => basename(files[i].path)).sort();

test('the same files give the same split, call after call', () => {
  assert.equal(splitValidation(files), splitValidation(files));
});

test('each class has 25 early-stopping and 25 test images, and no image is in both halves', () => {
  const { earlyStop, test: held } = splitValidation(files);
  for (let c = 0; c < 10; c++) {
    assert.is(earlyStop.filter((i) => files[i].label === c).length, 25, `class ${c} early stop`);
    assert.is(held.filter((i) => files[i].label === c).length, 25, `class ${c} test`);
  }
  const both = new Set([...earlyStop, ...held]);
  assert.is(both.size, files.length, 'disjoint and complete');
});

test('the split depends on the files, not on the order of the list', () => {
  const shuffled = new Prng('order').shuffle([...files]);
  const a = splitValidation(files);
  const b = splitValidation(shuffled);
  assert.equal(b.earlyStop.map((i) => shuffled[i].path).sort(), a.earlyStop.map((i) => files[i].path).sort());
});

test('another split seed gives another split, and the halves are not simply the first and last names', () => {
  const a = splitValidation(files);
  assert.not.equal(names(splitValidation(files, 'another seed').earlyStop), names(a.earlyStop));
  const firstOfClass0 = files.filter((f) => f.label === 0).map((f) => basename(f.path)).slice(0, 25).sort();
  assert.not.equal(names(a.earlyStop.filter((i) => files[i].label === 0)), firstOfClass0);
});

test.run();
