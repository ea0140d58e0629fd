/**
 * The training figure's pieces of markup: the scrubber over the saved epochs, the first
 * convolution's kernels, its maps of the picture, the prediction beside the shipped
 * model's, and the curves' frame (the charts themselves are drawn by training-curves.ts).
 * Canvases are painted after each render by paintKernels and paintMaps.
 */
import { html, nothing } from 'lit';
import { ICONS } from '../../shared/playback-controller';
import { legendTemplate } from '../shared/map-pieces';
import { symmetricDomain } from '../../shared/diverging-colors';
import { paintMap } from '../../shared/map-painter';
import { formatNumber } from '../../shared/numbers';
import { compositePixels, kernelPixels, putPixels } from './kernel-colours';
import { CURVE_LABELS, type CurveKind } from './training-curves';
import { CURVE_NAMES, percent, type PredictionRow, type Stop } from './training-data';
import type { Snapshot } from './training-snapshot';

export interface ScrubHandlers {
  onSlider(index: number): void;
  onStep(delta: number): void;
  onPlay(): void;
}

/** The scrubber: play, back, forward, the slider over the saved epochs (the shipped one marked) and the epoch on show. */
export function scrubTemplate(stops: readonly Stop[], index: number, shipped: number, lastEpoch: number, now: { playing: boolean; pending: boolean }, h: ScrubHandlers) {
  const playing = now.playing;
  const n = stops.length;
  const stop = stops[index];
  const disabled = n === 0;
  const valueText = stop ? `epoch ${stop.epoch}${stop.shipped ? ', the shipped weights' : ''}` : 'no saved epochs';
  const at = (i: number) => `calc(var(--thumb) / 2 + (100% - var(--thumb)) * ${n > 1 ? i / (n - 1) : 0})`;
  return html`<div class="scrub" data-part="scrub" part="scrub" role="group" aria-label="Training epochs">
    <button type="button" class="play" part="button" aria-label=${playing ? 'Pause' : 'Play through the epochs'} ?disabled=${disabled} @click=${h.onPlay}>${playing ? ICONS.pause : ICONS.play}</button>
    <button type="button" part="button" aria-label="Previous saved epoch" ?disabled=${disabled || index <= 0} @click=${() => h.onStep(-1)}>${ICONS.back}</button>
    <button type="button" part="button" aria-label="Next saved epoch" ?disabled=${disabled || index >= n - 1} @click=${() => h.onStep(1)}>${ICONS.forward}</button>
    <div class="track">
      <input type="range" part="slider" min="0" max=${Math.max(0, n - 1)} step="1" .value=${String(Math.max(0, index))} ?disabled=${disabled}
        aria-label="Saved epoch" aria-valuetext=${valueText}
        @input=${(e: Event) => h.onSlider(Number((e.target as HTMLInputElement).value))}>
      <div class="ticks" aria-hidden="true">
        ${stops.map((_, i) => html`<span class="stop-tick ${i === shipped ? 'shipped' : ''} ${i === index ? 'on' : ''}" style="left:${at(i)}"></span>`)}
        ${n > 0 ? html`<span class="stop-label" style="left:${at(0)}">0</span>
          ${shipped > 0 && shipped < n - 1 ? html`<span class="stop-label shipped" style="left:${at(shipped)}">shipped</span>` : nothing}
          ${shipped < n - 1 && (n - 1 - shipped) / (n - 1) < 0.25 ? nothing : html`<span class="stop-label end" style="left:${at(n - 1)}">${stops[n - 1].epoch}</span>`}` : nothing}
      </div>
    </div>
    <output class="epoch-now" aria-hidden="true">${stop ? html`Epoch <strong>${stop.epoch}</strong><span class="of"> of ${lastEpoch}</span>${stop.shipped ? html` <span class="badge">shipped</span>` : nothing}${now.pending ? html` <span class="pending">loading…</span>` : nothing}` : '—'}</output>
  </div>`;
}

/** The 30 kernels of the first convolution: per output channel, its colour picture and its red, green and blue kernels. */
export function kernelsTemplate(snapshot: Snapshot | undefined, epoch: number | null, scale: number) {
  const cout = snapshot?.kernelShape[3] ?? 10;
  const cin = snapshot?.kernelShape[2] ?? 3;
  const count = cout * cin;
  return html`<section class="block kernels" data-part="kernels" part="kernels" tabindex="0" aria-labelledby="kernels-title" aria-describedby="keys-hint">
    <h3 id="kernels-title">The first layer's ${count} kernels${epoch === null ? '' : html` at epoch <strong>${epoch}</strong>`}</h3>
    <p class="missing">Not available: see the message above.</p>
    <div class="units" role="img" aria-label=${snapshot ? kernelSummary(snapshot, epoch) : 'Kernels not loaded yet'} style="--cols:${cout}">
      ${Array.from({ length: cout }, (_, co) => html`<div class="unit">
        <span class="unit-name">${co + 1}</span>
        <canvas class="composite" data-channel=${co} width="3" height="3"></canvas>
        <div class="rgb">${Array.from({ length: cin }, (_, ci) => html`<canvas class="kernel" data-channel=${co} data-input=${ci} width="3" height="3"></canvas>`)}</div>
      </div>`)}
    </div>
    <div class="kernel-foot"><div class="kernel-key">
      <span class="swatch-composite" aria-hidden="true"></span><span>Each channel's kernels as one picture: grey is 0, a colour means the kernel adds that colour up.</span>
      <span class="rgb-key" aria-hidden="true"><b class="r">R</b><b class="g">G</b><b class="b">B</b></span><span>Below: its kernels on the red, green and blue of the picture.</span>
    </div>
    ${legendTemplate('Weight (the shipped model\'s scale)', symmetricDomain(scale))}</div>
  </section>`;
}

function kernelSummary(s: Snapshot, epoch: number | null): string {
  let big = 0;
  for (const v of s.kernel) big = Math.max(big, Math.abs(v));
  return `${s.kernelShape[3]} channels of 3 kernels each, 3 by 3${epoch === null ? '' : `, at epoch ${epoch}`}; the largest weight is ${formatNumber(big, 3)} in size.`;
}

/** Paints the kernels' canvases for `snapshot` (once per snapshot and scale). */
export function paintKernels(root: ParentNode, snapshot: Snapshot | undefined, scale: number): void {
  const block = root.querySelector<HTMLElement>('.kernels .units');
  if (!block || !snapshot) return;
  const key = `${snapshot.kernel.length}|${scale}|${snapshotId(snapshot)}`;
  if (block.dataset.painted === key) return;
  block.dataset.painted = key;
  const [kh, kw] = snapshot.kernelShape;
  const domain = symmetricDomain(scale);
  for (const c of block.querySelectorAll<HTMLCanvasElement>('canvas.composite')) {
    putPixels(c, compositePixels(snapshot.kernel, snapshot.kernelShape, Number(c.dataset.channel), scale), kw, kh);
  }
  for (const c of block.querySelectorAll<HTMLCanvasElement>('canvas.kernel')) {
    putPixels(c, kernelPixels(snapshot.kernel, snapshot.kernelShape, Number(c.dataset.input), Number(c.dataset.channel), domain), kw, kh);
  }
}

const ids = new WeakMap<Snapshot, number>();
let nextId = 1;
function snapshotId(s: Snapshot): number {
  let id = ids.get(s);
  if (!id) ids.set(s, (id = nextId++));
  return id;
}

/** The first convolution's maps of the picture at the epoch on show. */
export function mapsTemplate(snapshot: Snapshot | undefined, epoch: number | null, range: number) {
  const c = snapshot?.mapsShape[2] ?? 10;
  return html`<section class="block maps" data-part="maps" part="maps" tabindex="0" aria-labelledby="maps-title" aria-describedby="keys-hint">
    <h3 id="maps-title">Its ${c} maps of the picture${epoch === null ? '' : html` at epoch <strong>${epoch}</strong>`}</h3>
    <p class="missing">Not available: see the message above.</p>
    <div class="map-grid" style="--cols:${c}" role="img" aria-label=${`The ${c} maps the first layer makes of the picture${epoch === null ? '' : ` at epoch ${epoch}`}, in the shipped model's colour range.`}>
      ${Array.from({ length: c }, (_, k) => html`<div class="map"><canvas data-channel=${k}></canvas></div>`)}
    </div>
    ${legendTemplate('Value (the shipped model\'s scale)', symmetricDomain(range))}
  </section>`;
}

export function paintMaps(root: ParentNode, snapshot: Snapshot | undefined, range: number): void {
  const grid = root.querySelector<HTMLElement>('.maps .map-grid');
  if (!grid || !snapshot) return;
  const key = `${range}|${snapshotId(snapshot)}`;
  if (grid.dataset.painted === key) return;
  grid.dataset.painted = key;
  const domain = symmetricDomain(range);
  for (const c of grid.querySelectorAll<HTMLCanvasElement>('canvas')) paintMap(c, snapshot.maps, snapshot.mapsShape, Number(c.dataset.channel), domain);
}

/** The top classes at the epoch on show, each beside the shipped model's probability. */
export function predictionTemplate(rows: readonly PredictionRow[], epoch: number | null, shippedEpoch: number | null, picture: string) {
  const top = rows[0];
  return html`<section class="block prediction" data-part="prediction" part="prediction" tabindex="0" aria-labelledby="prediction-title" aria-describedby="keys-hint">
    <div class="prediction-head">
      <canvas class="crop-preview" width="64" height="64" role="img" aria-label="The picture as the network sees it${picture ? `: ${picture}` : ''}"></canvas>
      <h3 id="prediction-title">What it says of the picture${epoch === null ? '' : html` at epoch <strong>${epoch}</strong>`}</h3>
    </div>
    <p class="missing">Not available: see the message above.</p>
    ${rows.length ? html`<table class="classes">
      <thead><tr><th scope="col">Class</th><th scope="col">At epoch ${epoch}</th><th scope="col" class="then">Shipped</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-class=${r.index} class=${r === top ? 'top' : ''}>
        <th scope="row">${r.name}</th>
        <td><span class="bar-cell"><span class="bar" aria-hidden="true"><span class="fill" style="width:${(r.probability * 100).toFixed(2)}%"></span>${r.shipped === null ? nothing : html`<span class="then-mark" style="left:${(r.shipped * 100).toFixed(2)}%"></span>`}</span><span class="p" data-value=${r.probability}>${percent(r.probability)}</span></span></td>
        <td class="then" data-value=${r.shipped ?? ''}>${r.shipped === null ? '—' : percent(r.shipped)}</td>
      </tr>`)}</tbody>
    </table>
    <p class="note-line">${shippedEpoch === null ? 'The shipped model' : html`The shipped model (epoch ${shippedEpoch})`}: <span class="then-mark inline" aria-hidden="true"></span> on each bar.</p>` : nothing}
  </section>`;
}

/** The curves' frame: two charts (filled by drawCurves) and the legend that names and explains both halves. */
export function curvesTemplate(labels: { loss: string; accuracy: string }, sizes: string, one: CurveKind | null, h: { onPointer(e: PointerEvent): void; onChart(kind: CurveKind): void }) {
  const chart = (kind: CurveKind, name: string, better: string) => html`<figure class="chart" data-kind=${kind} ?hidden=${one !== null && one !== kind}>
    <figcaption>${name} <span>(${better} is better)</span></figcaption><svg role="img" aria-label=${labels[kind]}></svg></figure>`;
  return html`<section class="block curves" data-part="curves" part="curves" tabindex="0" aria-labelledby="curves-title" aria-describedby="keys-hint">
    <div class="curves-head"><h3 id="curves-title">How it learnt: accuracy and loss by epoch</h3>
      ${one === null ? nothing : html`<div class="chart-switch" role="group" aria-label="Chart on show">
        ${(['accuracy', 'loss'] as const).map((k) => html`<button type="button" aria-pressed=${String(one === k)} @click=${() => h.onChart(k)}>${k === 'accuracy' ? 'Accuracy' : 'Loss'}</button>`)}
      </div>`}</div>
    <div class="charts" @pointerdown=${h.onPointer} @pointermove=${(e: PointerEvent) => { if (e.buttons & 1) h.onPointer(e); }}>
      ${chart('accuracy', 'Accuracy', 'higher')}${chart('loss', 'Loss', 'lower')}
    </div>
    <ul class="curve-key">
      ${CURVE_NAMES.map((n) => html`<li><svg class="swatch ${n}" width="22" height="8" aria-hidden="true"><line x1="1" x2="21" y1="4" y2="4"></line></svg><strong>${CURVE_LABELS[n].short}</strong>: <span class="long">${CURVE_LABELS[n].long}${n !== 'train' && sizes ? ` (${sizes})` : ''}.</span><span class="mid">${CURVE_LABELS[n].mid}.</span></li>`)}
    </ul>
  </section>`;
}
