/** Training progress on the CLI: lines within an epoch (batches done, loss so far, ETA), not only at its end. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatBatchLine, streamProgress } from '../../model/train/progress';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const epochLine = { epoch: 1, epochs: 3, loss: 1, accuracy: 0.5, valAccuracy: 0.5, learningRate: 1e-3, seconds: 40, etaSeconds: 80 };

test('off a terminal, a line every few seconds within an epoch gives the batches done, the loss so far and the ETA', () => {
  const { stream, written } = fakeStream(false);
  let clock = 0;
  const progress = streamProgress(stream, { now: () => clock, everySeconds: 10 });
  for (let done = 1; done <= 100; done++) {
    clock = done * 400; // 0.4 s a batch: a line every 25 batches
    progress.batch(1, 3, done, 100, 2 - done / 100, done / 200);
  }
  progress.epoch(epochLine);
  const within = written.filter((l) => l.includes('batch'));
  assert.ok(within.length >= 3 && within.length <= 4, within.join(''));
  assert.match(within[0], /^epoch 1\/3 {2}batch {1,2}26\/100 {2}loss so far 1\.7400 {2}acc 13\.0% {2}epoch ETA 30s {2}ETA 1m50s\n$/);
  assert.ok(written[written.length - 1].startsWith('epoch 1/3  loss 1.0000'), 'the epoch line closes the epoch');
});

test('on a terminal, the bar is redrawn in place and the epoch line ends it', () => {
  const { stream, written } = fakeStream(true);
  let clock = 0;
  const progress = streamProgress(stream, { now: () => clock });
  for (let done = 1; done <= 10; done++) {
    clock = done * 200;
    progress.batch(2, 3, done, 10, 1, 0.5);
  }
  progress.epoch({ ...epochLine, epoch: 2 });
  assert.ok(written.length >= 10);
  assert.ok(written.slice(0, -1).every((l) => l.startsWith('\r\x1b[2K[') && !l.includes('\n')));
  assert.match(written[written.length - 2], /10\/10 {2}loss so far/);
});

test('the ETA covers the rest of this epoch and the epochs after it', () => {
  const line = formatBatchLine({ epoch: 2, epochs: 10, done: 50, total: 100, loss: 0.5, accuracy: 0.8, epochEtaSeconds: 20, etaSeconds: 340 });
  assert.is(line, 'epoch  2/10  batch  50/100  loss so far 0.5000  acc 80.0%  epoch ETA 20s  ETA 5m40s');
});

test.run();
