/**
 * The pieces <cnn-saliency> draws: the method buttons, the map with its legend, the list of
 * classes to choose from, and the line that says how the map is made.
 */
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { colorOf } from '../../shared/diverging-colors';
import { METHOD_FACTS, SALIENCY_METHODS, legendText, type SaliencyMethod } from './saliency-data';
import type { SymmetricDomain } from '../../shared/diverging-colors';

export interface SaliencyTemplateState {
  method: SaliencyMethod;
  classNames: readonly string[];
  classIndex: number;
  /** The picture's probabilities, for the class list; null until known. */
  probabilities: ArrayLike<number> | null;
  domain: SymmetricDomain | null;
  /** Whether a map is being computed. */
  busy: boolean;
  error: string;
  /** The value under the pointer, in words; '' when none. */
  probe: string;
  /** Occlusion: the patch that lowers the probability most, as a percent box over the map; '' when none. */
  strongest: string;
  /** Occlusion: the patch that raises it most (when one does), likewise. */
  raising: string;
}

export interface SaliencyHandlers {
  onMethod(method: SaliencyMethod): void;
  onClass(index: number): void;
  onMapPointer(e: PointerEvent): void;
  onMapLeave(): void;
}

const pct = (p: number) => `${(p * 100).toFixed(1)}\u00a0%`;

/** The three methods as toggle buttons; `part` null for a copy inside the folded controls. */
export function methodButtons(s: SaliencyTemplateState, h: SaliencyHandlers, part: string | null = 'methods') {
  return html`<div class="methods" role="group" aria-label="How the map is made" data-part=${part ?? nothing}>
    ${SALIENCY_METHODS.map((m) => html`<button type="button" data-method=${m} aria-pressed=${String(m === s.method)} @click=${() => h.onMethod(m)}>${METHOD_FACTS[m].label}</button>`)}
  </div>`;
}

/** The picture with the map over it, a veil while computing, and the value under the pointer. */
export function mapTemplate(s: SaliencyTemplateState, h: SaliencyHandlers, label: string) {
  return html`<div class="map sal-map" data-role="map" @pointermove=${h.onMapPointer} @pointerleave=${h.onMapLeave}>
      <canvas class="overlay" width="64" height="64" role="img" aria-label=${label}></canvas>
      ${s.strongest ? html`<div class="box strongest" style=${s.strongest}></div>` : nothing}
      ${s.raising ? html`<div class="box raising" style=${s.raising}></div>` : nothing}
      ${s.busy ? html`<div class="busy" role="status">Computing the map…</div>` : nothing}
      ${s.error ? html`<div class="busy error" role="alert">${s.error}</div>` : nothing}
      ${s.probe ? html`<div class="probe">${s.probe}</div>` : nothing}
    </div>`;
}

const fmt = (v: number) => (Math.abs(v) >= 0.1 ? v.toFixed(2) : Math.abs(v) >= 0.001 ? v.toFixed(3) : v.toExponential(1));

/** The colour key: what orange (and, for occlusion, purple) means, with the ends of the scale. */
export function legendTemplate(s: SaliencyTemplateState) {
  const className = s.classNames[s.classIndex] ?? '';
  const words = legendText(s.method, className);
  const d = s.domain;
  const signed = METHOD_FACTS[s.method].signed;
  const stops = d ? (signed ? [-1, -0.5, 0, 0.5, 1] : [0, 0.5, 1]).map((t) => colorOf(t * d.max, d)) : [];
  return html`<div class="sal-legend" data-part="legend" data-role="legend">
    <div class="ramp" style=${styleMap({ background: stops.length ? `linear-gradient(to right, ${stops.join(', ')})` : '#eee' })}></div>
    <div class="ends">${d ? html`<span>${signed ? `−${fmt(d.max)}` : '0'}</span>${signed ? html`<span>0</span>` : nothing}<span>${signed ? '+' : ''}${fmt(d.max)}</span>` : html`<span>…</span>`}</div>
    <p class="key"><strong>Colour: ${words.quantity}.</strong> <span class="pos">Orange</span>: ${words.positive}${words.negative ? html`; <span class="neg">purple</span>: ${words.negative}` : nothing}.${s.strongest ? ` Outlined: the patch that lowers it most${s.raising ? '; dashed: the one that raises it most' : ''}.` : ''}</p>
  </div>`;
}

/** Every class with its probability: choosing one draws its map. */
export function classListTemplate(s: SaliencyTemplateState, h: SaliencyHandlers) {
  return html`<div class="classes" role="group" aria-label="The class the map is for" data-part="classes">
    ${s.classNames.map((name, i) => {
      const p = s.probabilities?.[i] ?? 0;
      return html`<button type="button" class="class-row" data-class=${i} aria-pressed=${String(i === s.classIndex)} @click=${() => h.onClass(i)}>
        <span class="name">${name}</span><span class="bar"><span style=${styleMap({ width: `${Math.max(0, Math.min(1, p)) * 100}%` })}></span></span><span class="p">${s.probabilities ? pct(p) : '…'}</span>
      </button>`;
    })}
  </div>`;
}

/** A compact class menu, for the folded controls. */
export function classMenuTemplate(s: SaliencyTemplateState, h: SaliencyHandlers) {
  return html`<label>Class <select aria-label="The class the map is for" @change=${(e: Event) => h.onClass(Number((e.target as HTMLSelectElement).value))}>
    ${s.classNames.map((n, i) => html`<option value=${i} ?selected=${i === s.classIndex}>${n}${s.probabilities ? ` (${pct(s.probabilities[i])})` : ''}</option>`)}
  </select></label>`;
}

export function opacityTemplate(opacity: number, onInput: (v: number) => void) {
  return html`<label class="opacity">Map strength <input type="range" min="0" max="100" step="5" .value=${String(Math.round(opacity * 100))}
    aria-label="How strongly the map covers the picture" @input=${(e: Event) => onInput(Number((e.target as HTMLInputElement).value) / 100)}></label>`;
}

export function howTemplate(method: SaliencyMethod) {
  return html`<p class="how" data-part="how"><strong>${METHOD_FACTS[method].label}.</strong> ${METHOD_FACTS[method].how}</p>`;
}
