/**
 * "Change it and see" in the conv view: the reader edits the kernel from one input channel
 * to the output channel on show (type a number, drag a weight up or down, or pick a preset)
 * and the whole network runs again with it (the figure's `edits`, through EditsController).
 * Beside the kernel: the input channel it reads and the output map it makes, and the
 * prediction before → after with one Reset.
 */
import { css, html, nothing } from 'lit';
import { isEmpty, MAX_WEIGHT, roundWeight, trainedKernel, type Edits } from '../../../model/inspect/edit-model';
import type { ConvParams } from '../../../model/engine/layer-params';
import { editableModel, editsBarStyles, type EditsController } from '../../shared/edits-controller';
import { colorOf } from '../../shared/diverging-colors';
import { inkOn } from '../shared/map-canvas';
import { inputChannelName, type ConvViewData } from './conv-data';

/** The presets' names, in the order of their buttons. */
export const KERNEL_PRESETS = ['edge', 'blur', 'sharpen', 'identity', 'zero'] as const;
export type KernelPreset = (typeof KERNEL_PRESETS)[number];

/** A preset's kh × kw weights, row-major (edge: centre kh·kw − 1, every other −1; sharpen: centre 5, its four neighbours −1). */
export function presetKernel(preset: KernelPreset, kh: number, kw: number): number[] {
  const n = kh * kw;
  const centre = Math.floor(kh / 2) * kw + Math.floor(kw / 2);
  const w = new Array<number>(n).fill(0);
  if (preset === 'edge') { w.fill(-1); w[centre] = n - 1; }
  if (preset === 'blur') w.fill(roundWeight(1 / n));
  if (preset === 'identity') w[centre] = 1;
  if (preset === 'sharpen') {
    w[centre] = 5;
    const [cy, cx] = [Math.floor(centre / kw), centre % kw];
    for (const [dy, dx] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const y = cy + dy;
      const x = cx + dx;
      if (y >= 0 && y < kh && x >= 0 && x < kw) w[y * kw + x] = -1;
    }
  }
  return w;
}

/** The edits with one connection's kernel replaced by `weights` (trained ones left out when `trained` is known; gone when all are trained). */
export function withKernel(edits: Edits, layer: string, outChannel: number, inChannel: number, weights: readonly number[], trained: readonly number[] | null): Edits {
  const same = (k: Edits['kernels'][number]) => k.layer === layer && k.outChannel === outChannel && k.inChannel === inChannel;
  const kept = weights.map((w, i) => (trained && roundWeight(w) === roundWeight(trained[i]) ? null : roundWeight(w)));
  const kernels = edits.kernels.filter((k) => !same(k));
  if (kept.some((w) => w !== null)) kernels.push({ layer, outChannel, inChannel, weights: kept });
  return { kernels, ablated: edits.ablated };
}

/** How the editor lays out: maps beside the weights (`side`; on narrow boxes the output map alone) or in a row under them (`stack`). */
export interface EditorLayout {
  map: number;
  narrow: boolean;
  stack: boolean;
}

/** The editor's layout for a box: in a fitted box, maps under the weights when they come out larger that way. */
export function editorLayout(width: number, height: number, fitted: boolean): EditorLayout {
  const narrow = width < 560;
  const grid = narrow ? 214 : 280;
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(hi, v)));
  if (!fitted) return { narrow, stack: false, map: narrow ? clamp(width - grid - 24, 64, 160) : clamp((width - grid - 48) / 2, 96, 180) };
  const side = narrow ? clamp(Math.min(width - grid - 36, height - 250), 56, 220) : clamp(Math.min((width - grid - 64) / 2, height - 240), 64, 260);
  const stack = Math.floor(Math.min((width - 28) / 2, height - 370, 320));
  return stack >= 120 && stack > side ? { narrow: false, stack: true, map: stack } : { narrow, stack: false, map: side };
}

/** Pixels of vertical drag per 0.01 of weight. */
const DRAG_PX_PER_STEP = 2;

interface EditorHost {
  readonly edited: EditsController;
  requestUpdate(): void;
  onDetailChannel(ci: number): void;
}

export class KernelEditor {
  /** The weights being dragged (shown, not yet run). */
  private draft: { key: string; weights: number[] } | null = null;
  private drag: { index: number; y: number; from: number; moved: boolean } | null = null;

  constructor(private readonly host: EditorHost) {}

  private keyOf(data: ConvViewData, ci: number): string {
    return `${data.key}|${ci}`;
  }

  /** The kernel in force from input channel `ci` to the output channel on show. */
  weights(data: ConvViewData, ci: number): number[] {
    if (this.draft?.key === this.keyOf(data, ci)) return this.draft.weights;
    return trainedKernel(data.params, data.channel, ci);
  }

  /** Runs the network with this kernel from input channel `ci`. */
  commit(data: ConvViewData, ci: number, weights: readonly number[]): void {
    const info = this.host.edited.trained;
    const trained = info ? trainedKernel(editableModel(info).params[data.layer.name] as ConvParams, data.channel, ci) : null;
    const clamped = weights.map((w) => Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, Number.isFinite(w) ? w : 0)));
    this.draft = { key: this.keyOf(data, ci), weights: clamped.map(roundWeight) };
    this.host.edited.set(withKernel(this.host.edited.current, data.layer.name, data.channel, ci, clamped, trained));
    this.host.requestUpdate();
  }

  /** Whether the output channel on show is switched off (its kernel edits then change nothing). */
  private switchedOff(data: ConvViewData): boolean {
    return this.host.edited.current.ablated.some((a) => a.layer === data.layer.name && a.channel === data.channel);
  }

  private edited(data: ConvViewData, ci: number): boolean {
    return this.host.edited.current.kernels.some((k) => k.layer === data.layer.name && k.outChannel === data.channel && k.inChannel === ci);
  }

  /**
   * The editor: the input channel's map, the nine weights, the output map, the presets and
   * the prediction's change. `map` is the side of each map in CSS pixels.
   */
  template(data: ConvViewData, ci: number, { map, narrow, stack }: EditorLayout) {
    const [kh, kw] = data.kernelSize;
    const cin = data.inShape[2];
    const weights = this.weights(data, ci);
    const name = inputChannelName(data, ci);
    const off = this.switchedOff(data);
    return html`<section class="kernel-editor ${narrow ? 'narrow' : ''} ${stack ? 'stack' : ''}" data-subject="edit" aria-label="Change a kernel of ${data.layer.name}" style="--ke-map:${map}px">
      <div class="ke-head">
        <label>Kernel from input
          <select data-role="edit-input" .value=${String(ci)} @change=${(e: Event) => this.host.onDetailChannel(Number((e.target as HTMLSelectElement).value))}>
            ${Array.from({ length: cin }, (_, i) => html`<option value=${i} ?selected=${i === ci}>${inputChannelName(data, i)}</option>`)}
          </select></label>
        <span>to ${data.layer.name} channel ${data.channel}${this.edited(data, ci) ? html` <em class="ke-mark">(changed)</em>` : nothing}</span>
      </div>
      <div class="ke-body">
        <figure class="ke-in"><canvas data-kind="input" data-ci=${ci} class="ke-map" role="img" aria-label="Input ${name}"></canvas><figcaption>${name}</figcaption></figure>
        <div class="ke-grid" role="group" aria-label="The ${kh} × ${kw} weights: type a number, use the arrow keys, or drag ⇕ up and down"
          style="grid-template-columns:repeat(${kw}, auto)">
          ${weights.map((w, i) => this.cell(data, ci, weights, w, i, kw))}
        </div>
        <figure class="ke-out"><canvas data-kind="output" class="ke-map" role="img" aria-label="Output ${data.layer.name} channel ${data.channel}"></canvas>
          <figcaption>${data.layer.name} channel ${data.channel}</figcaption></figure>
      </div>
      <div class="ke-presets" role="group" aria-label="Presets">
        ${KERNEL_PRESETS.map((p) => html`<button type="button" data-preset=${p} @click=${() => this.commit(data, ci, presetKernel(p, kh, kw))}>${p[0].toUpperCase()}${p.slice(1)}</button>`)}
      </div>
      ${off ? html`<p class="ke-note">This channel is switched off, so its kernels change nothing until it is on again.</p>` : nothing}
      ${this.host.edited.template()}
      ${!narrow && isEmpty(this.host.edited.current) && !this.host.edited.problem ? html`<p class="ke-note">Change a weight and every figure runs the picture again with it.</p>` : nothing}
    </section>`;
  }

  private cell(data: ConvViewData, ci: number, weights: number[], w: number, i: number, kw: number) {
    const bg = colorOf(w, data.domains.kernel);
    const row = Math.floor(i / kw) + 1;
    const col = (i % kw) + 1;
    return html`<div class="ke-cell" style="background:${bg};color:${inkOn(bg)}">
      <span class="ke-grip" aria-hidden="true" title="Drag up or down"
        @pointerdown=${(e: PointerEvent) => this.dragStart(e, i, w)}
        @pointermove=${(e: PointerEvent) => this.dragMove(e, data, ci, weights)}
        @pointerup=${(e: PointerEvent) => this.dragEnd(e, data, ci)}
        @pointercancel=${(e: PointerEvent) => this.dragEnd(e, data, ci)}>⇕</span>
      <input type="number" step="0.1" min=${-MAX_WEIGHT} max=${MAX_WEIGHT} data-role="edit-weight" data-index=${i}
        aria-label="Weight row ${row}, column ${col}" .value=${String(roundWeight(w))}
        @change=${(e: Event) => this.typed(e, data, ci, weights, i)}>
    </div>`;
  }

  private typed(e: Event, data: ConvViewData, ci: number, weights: number[], i: number): void {
    const input = e.target as HTMLInputElement;
    const value = input.valueAsNumber;
    if (!Number.isFinite(value)) {
      input.value = String(roundWeight(weights[i]));
      return;
    }
    const next = [...weights];
    next[i] = value;
    this.commit(data, ci, next);
  }

  private dragStart(e: PointerEvent, index: number, from: number): void {
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    e.preventDefault();
    this.drag = { index, y: e.clientY, from, moved: false };
  }

  private dragMove(e: PointerEvent, data: ConvViewData, ci: number, weights: number[]): void {
    const d = this.drag;
    if (!d) return;
    const steps = Math.round((d.y - e.clientY) / DRAG_PX_PER_STEP);
    if (steps === 0 && !d.moved) return;
    d.moved = true;
    const next = [...weights];
    next[d.index] = roundWeight(d.from + steps * 0.01);
    this.draft = { key: this.keyOf(data, ci), weights: next };
    this.host.requestUpdate();
  }

  private dragEnd(e: PointerEvent, data: ConvViewData, ci: number): void {
    const d = this.drag;
    this.drag = null;
    (e.currentTarget as HTMLElement).releasePointerCapture?.(e.pointerId);
    if (d?.moved && this.draft?.key === this.keyOf(data, ci)) this.commit(data, ci, this.draft.weights);
  }
}

export const kernelEditorStyles = [editsBarStyles, css`
  .kernel-editor { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
  .ke-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; font-size: 14px; }
  .ke-mark { color: var(--accent); font-style: normal; font-weight: 600; }
  .ke-body { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; }
  .ke-body figure { margin: 0; }
  .ke-map { display: block; width: var(--ke-map); height: var(--ke-map); image-rendering: pixelated; border: 1px solid var(--rule); }
  .ke-body figcaption { font-size: 12px; color: var(--muted); line-height: 18px; max-width: var(--ke-map); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .ke-grid { display: grid; gap: 3px; }
  .narrow .ke-in { display: none; }
  .narrow .ke-cell input { width: 3.4em; font-size: 13px; }
  .stack .ke-body { display: grid; grid-template-columns: repeat(2, max-content); grid-template-areas: 'grid grid' 'in out'; }
  .stack .ke-grid { grid-area: grid; justify-self: start; }
  .stack .ke-in { grid-area: in; }
  .stack .ke-out { grid-area: out; }
  .ke-cell { display: flex; align-items: center; gap: 2px; padding: 2px 3px; border-radius: 4px; border: 1px solid var(--rule); }
  .ke-cell input { width: 4.6em; font: inherit; font-size: 14px; font-variant-numeric: tabular-nums; padding: 3px 2px; border: 1px solid var(--rule); border-radius: 3px; background: var(--surface, #fff); color: var(--ink, #222); }
  .ke-grip { cursor: ns-resize; touch-action: none; user-select: none; font-size: 15px; min-width: 16px; min-height: 28px; display: inline-flex; align-items: center; justify-content: center; }
  .ke-presets { display: flex; flex-wrap: wrap; gap: 6px; }
  .ke-presets button { min-height: 32px; }
  .ke-note { margin: 0; font-size: 13px; color: var(--muted); }
`];
