/**
 * The playground fitted to a box (the article's stage): only what the step talks about,
 * large enough to read. The formula step shows the whole formula with its numbers above
 * both grids; the padding and kernel steps give the room to the padded input (its ring of
 * zeros, the window's taps); the stride step to the output, with a dot on the input where
 * each window starts. The others carry the formula on one line.
 */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { HyperData } from './hyper-data';
import type { HyperNote } from './hyper-explain';
import type { HyperFitLayout, HyperSubject } from './hyper-fit';
import { inputGrid, outputGrid, type GridHandlers, type GridState } from './hyper-templates';

export interface FittedState {
  subject: HyperSubject;
  data: HyperData;
  layout: HyperFitLayout;
  grid: GridState;
  /** Typeset formula (three lines for the formula step, one line otherwise); null while KaTeX loads. */
  tex: string | null;
  notes: HyperNote[];
  /** A wide box: every note, and the readout under the grids. */
  wide: boolean;
  readout: unknown;
  imageLabel: string;
}

const loading = html`<span class="status">Loading the formula…</span>`;

export function fittedBody(s: FittedState, h: GridHandlers, onKey: (e: KeyboardEvent) => void) {
  const { data, layout } = s;
  const notes = s.wide ? s.notes : s.notes.filter((n) => n.kind !== 'ok').slice(0, 1);
  const formula = s.subject === 'formula'
    ? html`<div class="formula" data-formula="size" data-part="formula" data-out-size=${data.outSize}>${s.tex ? unsafeHTML(s.tex) : loading}</div>`
    : html`<div class="formula line" data-formula="size-line" data-part="line" data-out-size=${data.outSize}>${s.tex ? unsafeHTML(s.tex) : loading}</div>`;
  return html`<div class="fit-body" @keydown=${onKey}>
    ${formula}
    ${notes.length ? html`<div class="notes" data-part=${s.subject === 'formula' ? 'formula' : 'line'}>${notes.map((n) => html`<p class="note" data-kind=${n.kind}><strong>${n.title}</strong>${n.text}</p>`)}</div>` : nothing}
    <div class="fit-grids ${layout.side ? 'side' : 'stack'}" data-part="grids" data-role="fit-grids">
      ${inputGrid(s.grid, h, s.imageLabel)}${outputGrid(s.grid, h)}
    </div>
    ${s.wide ? html`<div class="readout" data-role="readout" data-part="grids">${s.readout}</div>` : nothing}
  </div>`;
}
