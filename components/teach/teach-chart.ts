/**
 * The live curves of a training run: the loss (every batch, faint; the pictures kept aside,
 * per epoch, bold) and the accuracy (training batches' epoch means; kept-aside pictures,
 * bold), against epochs. The plots stretch to any box (the lines keep their width); the
 * axis labels are text beside them. Pure templates.
 */
import { html, svg, nothing } from 'lit';
import type { TeachEpoch } from '../../model/teach/teach-trainer';
import type { BatchPoint } from './teach-session';

/** Plot coordinates: x over [0, W], y over [0, H] (the SVG stretches them to its box). */
const W = 1000;
const H = 100;

export interface ChartData {
  batches: readonly BatchPoint[];
  epochs: readonly TeachEpoch[];
  /** Epochs in the run, and batches in one epoch (for placing batches between epochs). */
  totalEpochs: number;
  stepsPerEpoch: number;
  classes: number;
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

function polyline(points: [number, number][], cls: string) {
  if (points.length === 0) return nothing;
  if (points.length === 1) points = [points[0], [points[0][0] + 4, points[0][1]]];
  return svg`<polyline class=${cls} vector-effect="non-scaling-stroke" points=${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(2)}`).join(' ')}></polyline>`;
}

/** The top of the loss axis: the chance loss ln(classes) or the highest epoch mean, whichever is larger, ignoring single spikes. */
export function lossCeiling(data: ChartData): number {
  const sorted = data.batches.map((b) => b.loss).filter(Number.isFinite).sort((a, b) => a - b);
  const high = sorted.length ? sorted[Math.floor(0.95 * (sorted.length - 1))] : 0;
  const epochHigh = Math.max(0, ...data.epochs.flatMap((e) => [e.loss, e.heldOutLoss]).filter(Number.isFinite));
  return Math.max(Math.log(Math.max(2, data.classes)), high, epochHigh) * 1.05;
}

/** A sentence for screen readers: where the curves are now. */
export function chartSummary(data: ChartData): string {
  const last = data.epochs[data.epochs.length - 1];
  if (!last) return data.batches.length ? `Training: loss ${data.batches[data.batches.length - 1].loss.toFixed(2)} on the latest batch.` : 'No training yet.';
  const first = data.epochs[0];
  return `After epoch ${last.epoch} of ${data.totalEpochs}: training loss ${last.loss.toFixed(2)} (it began at ${first.loss.toFixed(2)}), ` +
    `accuracy on the training pictures ${pct(last.accuracy)}, on the pictures kept aside ${pct(last.heldOutAccuracy)}.`;
}

export function chartTemplate(data: ChartData) {
  const x = (epochs: number) => (W * epochs) / Math.max(1, data.totalEpochs);
  const top = lossCeiling(data);
  const yLoss = (v: number) => H - (H * Math.min(v, top)) / top;
  const yAcc = (v: number) => H - H * v;
  const batchLoss = data.batches.filter((b) => Number.isFinite(b.loss)).map((b): [number, number] => [x(b.step / data.stepsPerEpoch), yLoss(b.loss)]);
  const epochLoss = data.epochs.map((e): [number, number] => [x(e.epoch), yLoss(e.loss)]);
  const heldLoss = data.epochs.filter((e) => Number.isFinite(e.heldOutLoss)).map((e): [number, number] => [x(e.epoch), yLoss(e.heldOutLoss)]);
  const trainAcc = data.epochs.map((e): [number, number] => [x(e.epoch), yAcc(e.accuracy)]);
  const heldAcc = data.epochs.filter((e) => Number.isFinite(e.heldOutAccuracy)).map((e): [number, number] => [x(e.epoch), yAcc(e.heldOutAccuracy)]);
  const last = data.epochs[data.epochs.length - 1];
  const plot = (content: unknown, label: string) => html`<svg class="plot-svg" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="plot-bg" x="0" y="0" width=${W} height=${H}></rect>
      <line class="grid" x1="0" x2=${W} y1=${H / 2} y2=${H / 2} vector-effect="non-scaling-stroke"></line>
      ${content}</svg><span class="sr-only">${label}</span>`;
  return html`<figure class="chart" role="img" aria-label=${chartSummary(data)}>
    <div class="panel">
      <div class="panel-head"><strong>Loss</strong>
        <span class="key"><i class="swatch batch"></i>batches <i class="swatch train"></i>epoch mean <i class="swatch held"></i>kept aside</span>
        ${last ? html`<span class="now">${last.loss.toFixed(2)} · <b>${Number.isFinite(last.heldOutLoss) ? last.heldOutLoss.toFixed(2) : '–'}</b></span>` : nothing}</div>
      <div class="plot"><span class="y y-top">${top.toFixed(1)}</span><span class="y y-bottom">0</span>
        ${plot(svg`${polyline(batchLoss, 'line batch')}${polyline(epochLoss, 'line train')}${polyline(heldLoss, 'line held')}`, 'loss curve')}</div>
    </div>
    <div class="panel">
      <div class="panel-head"><strong>Accuracy</strong>
        <span class="key"><i class="swatch train"></i>training <i class="swatch held"></i>kept aside</span>
        ${last ? html`<span class="now">${pct(last.accuracy)} · <b>${Number.isFinite(last.heldOutAccuracy) ? pct(last.heldOutAccuracy) : '–'}</b></span>` : nothing}</div>
      <div class="plot"><span class="y y-top">100 %</span><span class="y y-bottom">0</span>
        ${plot(svg`${polyline(trainAcc, 'line train')}${polyline(heldAcc, 'line held')}`, 'accuracy curve')}</div>
    </div>
    <div class="x-axis"><span>epoch 0</span><span>${data.totalEpochs}</span></div>
  </figure>`;
}

/**
 * Paints the first layer's kernels ([3, 3, 3, 10], TF layout) as ten 3 × 3 colour tiles,
 * each stretched to its own range (grey is 0 when a kernel has both signs), on `canvas`.
 */
export function paintKernels(canvas: HTMLCanvasElement, kernels: Float32Array): void {
  const count = kernels.length / 27;
  const gap = 1;
  canvas.width = count * 3 + (count - 1) * gap;
  canvas.height = 3;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(canvas.width, 3);
  for (let k = 0; k < count; k++) {
    let max = 1e-12;
    for (let i = 0; i < 27; i++) max = Math.max(max, Math.abs(kernels[i * count + k]));
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 3; x++) {
        const o = (y * canvas.width + k * (3 + gap) + x) * 4;
        for (let c = 0; c < 3; c++) image.data[o + c] = Math.round(127.5 + (127.5 * kernels[((y * 3 + x) * 3 + c) * count + k]) / max);
        image.data[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** Paints 64 × 64 RGB bytes on a canvas (a picture's thumbnail). */
export function paintPicture(canvas: HTMLCanvasElement, rgb: Uint8Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(64, 64);
  for (let p = 0; p < 64 * 64; p++) {
    image.data[p * 4] = rgb[p * 3];
    image.data[p * 4 + 1] = rgb[p * 3 + 1];
    image.data[p * 4 + 2] = rgb[p * 3 + 2];
    image.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
