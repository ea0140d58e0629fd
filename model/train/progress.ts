/**
 * Training progress on a stream (stderr by default): on a terminal, a bar redrawn in place
 * during each epoch; always, one plain line per finished epoch with loss, accuracy and ETA.
 */

export interface EpochLine {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  valAccuracy: number;
  valAccuracyEma?: number;
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
  const ema = l.valAccuracyEma !== undefined ? ` (EMA ${pct(l.valAccuracyEma)})` : '';
  return (
    `epoch ${String(l.epoch).padStart(String(l.epochs).length)}/${l.epochs}  loss ${l.loss.toFixed(4)}  acc ${pct(l.accuracy)}` +
    `  val acc ${pct(l.valAccuracy)}${ema}  lr ${l.learningRate.toExponential(2)}  ${l.seconds.toFixed(1)}s/epoch  ETA ${formatDuration(l.etaSeconds)}`
  );
}

/** Writes to `stream`; redraws a bar only when it is a TTY. */
export function streamProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  const tty = Boolean(stream.isTTY);
  let started = 0;
  let lastDraw = 0;
  let epochSeconds: number[] = [];
  return {
    batch(epoch, epochs, done, total, loss, accuracy) {
      if (!tty) return;
      const now = performance.now();
      if (done === 1) started = now;
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 24;
      const filled = Math.round((width * done) / total);
      const perBatch = (now - started) / 1000 / Math.max(1, done - 1);
      const mean = epochSeconds.length ? epochSeconds.reduce((a, b) => a + b, 0) / epochSeconds.length : perBatch * total;
      const eta = perBatch * (total - done) + mean * (epochs - epoch);
      stream.write(
        `\r\x1b[2Kepoch ${epoch}/${epochs} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}` +
          `  loss ${loss.toFixed(4)}  acc ${pct(accuracy)}  ETA ${formatDuration(eta)}`,
      );
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
