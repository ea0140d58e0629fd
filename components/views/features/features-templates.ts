/**
 * The pieces <cnn-features> draws: the channel's picture with where it came from (and,
 * live, a progress bar and Stop), the strongest patches of real pictures, the picture on
 * show with its own strongest places boxed, and the grid of the layer's channels.
 */
import { html, nothing } from 'lit';
import { boxStyle } from '../shared/map-canvas';
import type { PatchData } from '../../inspect/inspect-protocol';
import { lookCaption, sourceLine } from './features-data';

export interface LookState {
  layer: string;
  channel: number;
  channels: number;
  source: 'atlas' | 'live';
  /** Live: the step reached and the steps in all; null when not computing. */
  progress: { step: number; steps: number } | null;
  /** Whether the picture on show is finished (atlas, or live and done). */
  done: boolean;
  stopped: boolean;
  activation: number | null;
  /** The steps of the ascent in all, and (live) the steps taken so far. */
  steps: number;
  taken: number;
  error: string;
}

export interface FeaturesHandlers {
  onStop(): void;
  onRestart(): void;
  onChannel(channel: number): void;
  onFillGrid(): void;
}

const fmt = (v: number) => v.toFixed(2);

export function lookTemplate(s: LookState, h: FeaturesHandlers, compact = false) {
  return html`<figure class="look" data-part="look">
    <figcaption class="look-caption">${compact ? html`The input that excites <strong>channel ${s.channel}</strong> of <strong>${s.layer}</strong> most, found by gradient ascent.` : lookCaption(s.layer, s.channel, s.steps)}</figcaption>
    <div class="look-frame"><div class="map look-map"><canvas class="look-image" width="64" height="64" role="img"
      aria-label=${`The input that excites channel ${s.channel} of ${s.layer} most${s.done ? '' : ' (so far)'}`}></canvas></div></div>
    <div class="look-status" data-role="look-status">
      ${s.progress ? html`<progress max=${s.progress.steps} value=${s.progress.step} aria-label="Gradient ascent"></progress>
        <span>Step ${s.progress.step} of ${s.progress.steps}</span><button type="button" class="stop" @click=${h.onStop}>Stop</button>` : nothing}
      ${!s.progress && s.stopped ? html`<span>Stopped after ${s.taken} of ${s.steps} steps.</span><button type="button" class="restart" @click=${h.onRestart}>Compute again</button>` : nothing}
      ${s.error ? html`<span class="status" data-kind="error">${s.error}</span>` : nothing}
      ${!s.progress && !s.stopped && !s.error ? html`<span class="source">${sourceLine(s.source, s.done)}</span>` : nothing}
      ${s.activation !== null && !compact ? html`<span class="activation">Channel's mean value (after ReLU) on it: <strong>${fmt(s.activation)}</strong></span>` : nothing}
      ${s.activation === 0 && s.done ? html`<span class="activation" data-role="dead-channel">Nothing made this channel fire: its values stay below zero on every picture here, so ReLU turns all of them into 0 and the ascent had nothing to climb. Training left it a <em>dead</em> channel.</span>` : nothing}
    </div>
  </figure>`;
}

function patchFigure(p: PatchData, i: number, onShow: boolean) {
  return html`<figure class="patch ${onShow ? 'on-show' : ''}" data-patch=${i}>
    <div class="map patch-map"><canvas class="patch-crop" data-patch=${i} width=${p.width} height=${p.height} role="img"
      aria-label=${`${p.width} by ${p.height} pixels of ${p.label} that channel sees at row ${p.row}, column ${p.col}: value ${fmt(p.value)}`}></canvas></div>
    <figcaption><span class="value">${fmt(p.value)}</span> <span class="from">${p.label}</span></figcaption>
  </figure>`;
}

export interface PatchesState {
  layer: string;
  channel: number;
  patches: PatchData[] | null;
  current: PatchData[] | null;
  currentId: string;
  label: string;
  busy: boolean;
  /** Input height and width, for the boxes over the picture on show. */
  size: [number, number];
}

/** The picture on show, with its strongest places boxed (numbered as in the list). */
export function currentTemplate(s: PatchesState) {
  const [h, w] = s.size;
  return html`<figure class="current">
    <div class="map current-map"><canvas class="current-image" width=${w} height=${h} role="img" aria-label=${`${s.label}, with the places where channel ${s.channel} is strongest boxed`}></canvas>
      ${(s.current ?? []).map((p, i) => html`<div class="box place" style=${boxStyle(p.field.rows.first, p.field.cols.first, p.height, p.width, h, w)}><span>${i + 1}</span></div>`)}
    </div>
    <figcaption>${s.label}: its ${s.current?.length ?? ''} strongest places${s.current?.length ? html` (${s.current.map((p) => fmt(p.value)).join(', ')})` : nothing}</figcaption>
  </figure>`;
}

export function patchesTemplate(s: PatchesState, limit = Infinity) {
  const list = (s.patches ?? []).slice(0, limit);
  return html`<section class="patches" data-part="patches" aria-label="Where the channel is strongest in real pictures">
    <h3>Where it is strongest in real pictures <span class="muted">(the example pictures and the one on show; each crop is what one value sees)</span></h3>
    <div class="patch-row">
      ${currentTemplate(s)}
      <div class="patch-grid">${s.patches ? list.map((p, i) => patchFigure(p, i, p.id === s.currentId)) : html`<p class="status">${s.busy ? 'Looking through the pictures…' : ''}</p>`}</div>
    </div>
  </section>`;
}

export interface GridState {
  layer: string;
  channels: number;
  selected: number;
  source: 'atlas' | 'live';
  /** Live: the channels drawn so far, and the one being computed (-1 when none). */
  ready: ReadonlySet<number>;
  computing: number;
}

export function gridTemplate(s: GridState, h: FeaturesHandlers) {
  const missing = s.source === 'live' ? s.channels - s.ready.size - (s.computing >= 0 && !s.ready.has(s.computing) ? 1 : 0) : 0;
  return html`<section class="grid" data-part="grid" aria-label=${`Every channel of ${s.layer}`}>
    <h3>All ${s.channels} channels of ${s.layer} <span class="muted">— pick one</span></h3>
    <div class="thumbs" role="group" aria-label=${`Channels of ${s.layer}`}>
      ${Array.from({ length: s.channels }, (_, c) => html`<button type="button" class="thumb" data-channel=${c} aria-pressed=${String(c === s.selected)}
        aria-label=${`Channel ${c}`} @click=${() => h.onChannel(c)}>
        <canvas class="thumb-image" data-channel=${c} width="64" height="64"></canvas>
        <span class="num">${c}</span>${s.computing === c ? html`<span class="spin" aria-hidden="true"></span>` : nothing}
      </button>`)}
    </div>
    ${missing > 0 ? html`<p class="grid-note">${s.ready.size} of ${s.channels} drawn so far (each takes about a second in your browser). <button type="button" class="fill" @click=${h.onFillGrid}>Draw the other ${missing}</button></p>` : nothing}
  </section>`;
}
