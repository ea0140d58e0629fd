/**
 * Training progress on a stream (stderr by default): within each epoch, the batches done, the
 * loss so far and the ETA (a bar redrawn in place on a terminal, a line every few seconds
 * elsewhere); one line per finished epoch with loss, accuracies and ETA.
 */

export interface EpochLine {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  valAccuracy: number;
  valAccuracyEma?: number;
  /** Held-out test half (reported, never selected on). */
  testAccuracy?: number;
  testAccuracyEma?: number;
  learningRate: number;
  seconds: number;
  /** Seconds left for the whole run. */
  etaSeconds: number;
}

export interface ProgressSink {
  batch(epoch: number, epochs: number, done: number, total: number, loss: number, accuracy: number): void;
  epoch(line: EpochLine): void;
  log(text: string): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatEpochLine(l: EpochLine): string {
  const ema = (x: number | undefined) => (x !== undefined ? ` (EMA ${pct(x)})` : '');
  const test = l.testAccuracy !== undefined ? `  test half ${pct(l.testAccuracy)}${ema(l.testAccuracyEma)}` : '';
  return (
    `epoch ${String(l.epoch).padStart(String(l.epochs).length)}/${l.epochs}  loss ${l.loss.toFixed(4)}  acc ${pct(l.accuracy)}` +
    `  stop half ${pct(l.valAccuracy)}${ema(l.valAccuracyEma)}${test}  lr ${l.learningRate.toExponential(2)}  ${l.seconds.toFixed(1)}s/epoch  ETA ${formatDuration(l.etaSeconds)}`
  );
}

export interface BatchLine {
  epoch: number;
  epochs: number;
  done: number;
  total: number;
  loss: number;
  accuracy: number;
  /** Seconds left in this epoch, and in the whole run. */
  epochEtaSeconds: number;
  etaSeconds: number;
}

export function formatBatchLine(l: BatchLine): string {
  return (
    `epoch ${String(l.epoch).padStart(String(l.epochs).length)}/${l.epochs}  batch ${String(l.done).padStart(String(l.total).length)}/${l.total}` +
    `  loss so far ${l.loss.toFixed(4)}  acc ${pct(l.accuracy)}  epoch ETA ${formatDuration(l.epochEtaSeconds)}  ETA ${formatDuration(l.etaSeconds)}`
  );
}

export interface StreamProgressOptions {
  /** Clock in milliseconds (tests). Default performance.now. */
  now?: () => number;
  /** Not a TTY: seconds between progress lines within an epoch. Default 15. */
  everySeconds?: number;
}

/**
 * Writes to `stream`. On a TTY, a bar redrawn in place (at most 10 times a second) with the
 * batches done, the loss so far and the ETA; elsewhere (a log file, CI), the same as a plain
 * line every `everySeconds` within an epoch. Always one line per finished epoch.
 */
export function streamProgress(stream: NodeJS.WriteStream = process.stderr, options: StreamProgressOptions = {}): ProgressSink {
  const tty = Boolean(stream.isTTY);
  const now = options.now ?? (() => performance.now());
  const every = 1000 * (options.everySeconds ?? 15);
  let started = 0;
  let lastDraw = 0;
  let epochSeconds: number[] = [];
  return {
    batch(epoch, epochs, done, total, loss, accuracy) {
      const t = now();
      if (done === 1) {
        started = t;
        lastDraw = t;
      }
      if (tty ? done < total && t - lastDraw < 100 : done === total || t - lastDraw < every) return;
      lastDraw = t;
      const perBatch = (t - started) / 1000 / Math.max(1, done - 1);
      const mean = epochSeconds.length ? epochSeconds.reduce((a, b) => a + b, 0) / epochSeconds.length : perBatch * total;
      const epochEta = perBatch * (total - done);
      const line = formatBatchLine({ epoch, epochs, done, total, loss, accuracy, epochEtaSeconds: epochEta, etaSeconds: epochEta + mean * (epochs - epoch) });
      if (!tty) {
        stream.write(`${line}\n`);
        return;
      }
      const width = 20;
      const filled = Math.round((width * done) / total);
      stream.write(`\r\x1b[2K[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${line}`);
    },
    epoch(line) {
      epochSeconds = [...epochSeconds, line.seconds];
      stream.write(`${tty ? '\r\x1b[2K' : ''}${formatEpochLine(line)}\n`);
    },
    log(text) {
      stream.write(`${tty ? '\r\x1b[2K' : ''}${text}\n`);
    },
  };
}

/** Discards everything (tests). */
export const silentProgress: ProgressSink = { batch() {}, epoch() {}, log() {} };
