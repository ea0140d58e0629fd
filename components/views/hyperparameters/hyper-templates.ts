/**
 * The playground's grids: the padded input with the window's taps, and the output filled
 * up to the playback position. Cells carry data-row, data-col and data-value (full
 * precision) so that tests can read what is shown.
 */
import { html, nothing } from 'lit';

import { inkOn, type InputOutputHandlers } from '../shared/map-canvas';
import type { GridPosition } from '../shared/view-helpers';
import { isTap, type HyperData } from './hyper-data';
import { formatNumber } from '../../shared/numbers';
import { tintOf } from '../../shared/map-painter';

/** A cell of the input or output grid. */
export type Cell = GridPosition;

export interface GridState {
  data: HyperData;
  /** Side of one cell in CSS pixels, and whether numbers fit in it. */
  cell: number;
  numbers: boolean;
  /** Cell size of the rulers that compare the kernel's span with the padded input. */
  rulerCell: number;
  /** Output values (row-major), from the ops. */
  outputs: Float32Array;
  at: Cell;
  computedUpTo: number;
  probe: Cell | null;
  readers: Cell[];
  /** Fitted layouts: the output's own cell size and numbers (default: the input's). */
  outCell?: number;
  outNumbers?: boolean;
  /** Print the padding's zeros even where other numbers do not fit. */
  padZeros?: boolean;
  /** Mark the cell where each window starts, to show how far the stride moves it. */
  starts?: boolean;
  /** Short captions (fitted layouts). */
  short?: boolean;
}


export type GridHandlers = InputOutputHandlers;

function ruler(length: number, filled: (i: number) => boolean, kind: string) {
  return html`<div class="ruler ${kind}">${Array.from({ length }, (_, i) => html`<i class=${filled(i) ? 'on' : ''}></i>`)}</div>`;
}

export function inputGrid(s: GridState, h: GridHandlers, imageLabel: string) {
  const { data } = s;
  const N = data.paddedSize;
  const { padding: p, inputSize: n, stride } = data.settings;
  const top = s.at.row * stride;
  const left = s.at.col * stride;
  const fits = data.outSize > 0;
  const starts = new Set<number>();
  if (s.starts && fits) for (let i = 0; i < data.outSize; i++) starts.add(i * stride);
  const cells = [];
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const pad = r < p || c < p || r >= p + n || c >= p + n;
      const v = data.padded[r * N + c];
      const dy = r - top;
      const dx = c - left;
      const inSpan = fits && dy >= 0 && dx >= 0 && dy < data.span && dx < data.span;
      const tap = inSpan && isTap(data, dy, dx);
      const probe = s.probe && s.probe.row === r && s.probe.col === c;
      const bg = pad ? '' : tintOf(v, 0);
      const start = starts.has(r) && starts.has(c);
      const cls = `c ${pad ? 'pad' : ''} ${inSpan ? 'span' : ''} ${tap ? 'tap' : ''} ${probe ? 'probe' : ''} ${start ? 'start' : ''}`;
      const text = pad ? (s.numbers || s.padZeros ? '0' : nothing) : s.numbers ? formatNumber(v) : nothing;
      cells.push(html`<span class=${cls} data-row=${r} data-col=${c} data-value=${String(v)}
        style=${pad ? '' : `background:${bg};color:${inkOn(bg)}`}>${text}</span>`);
    }
  }
  return html`<figure>
    <div class="grid in" style="--n:${N};--cell:${s.cell}px" tabindex="0" role="group" aria-roledescription="grid"
      aria-label="Padded input, ${N} by ${N}: the red channel of ${imageLabel || 'the image'} shrunk to ${n} by ${n}, with ${p} cells of zero padding. Arrow keys move a probe."
      @pointermove=${h.onInputPointer} @pointerleave=${h.onInputLeave} @focus=${h.onInputFocus} @blur=${h.onInputBlur} @keydown=${h.onInputKey}>
      ${cells}
    </div>
    <figcaption>${s.short
      ? `Input ${n} × ${n}${p ? `, padded to ${N} × ${N}` : ''}${s.starts && fits ? `; a dot where each window starts, ${stride} apart` : ''}`
      : `Input: red channel${imageLabel ? ` of ${imageLabel}` : ''}, ${n} × ${n}${p ? `, padded to ${N} × ${N}` : ''}`}</figcaption>
  </figure>`;
}

export function outputGrid(s: GridState, h: GridHandlers) {
  const { data } = s;
  const m = data.outSize;
  if (m === 0) {
    return html`<figure class="no-output" data-role="no-output">
      <div class="rulers" style="--cell:${s.rulerCell}px" aria-hidden="true">
        <span>padded input</span>${ruler(data.paddedSize, () => true, 'input')}
        <span>kernel span</span>${ruler(data.span, (i) => i % data.settings.dilation === 0, 'kernel')}
      </div>
      <figcaption>No output: the kernel's span (${data.span}) is longer than the padded input (${data.paddedSize}).</figcaption></figure>`;
  }
  const readers = new Set(s.readers.map((c) => c.row * m + c.col));
  const cell = s.outCell ?? s.cell;
  const numbers = s.outNumbers ?? s.numbers;
  const cells = [];
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      const i = r * m + c;
      const v = s.outputs[i];
      const done = i <= s.computedUpTo;
      const current = r === s.at.row && c === s.at.col;
      const bg = done ? tintOf(v, 0) : '';
      const cls = `c ${done ? '' : 'todo'} ${current ? 'current' : ''} ${readers.has(i) ? 'reader' : ''}`;
      cells.push(html`<span class=${cls} data-row=${r} data-col=${c} data-value=${done ? String(v) : nothing}
        style=${done ? `background:${bg};color:${inkOn(bg)}` : ''}>${numbers && done ? formatNumber(v) : nothing}</span>`);
    }
  }
  return html`<figure>
    <div class="grid out" style="--n:${m};--cell:${cell}px" tabindex="0" role="group" aria-roledescription="grid"
      aria-label="Output, ${m} by ${m}; cell (${s.at.row}, ${s.at.col}) = ${formatNumber(s.outputs[s.at.row * m + s.at.col])}. Arrow keys move; Space plays."
      @pointermove=${h.onOutputPointer} @pointerleave=${h.onOutputLeave} @click=${h.onOutputClick} @keydown=${h.onOutputKey}>
      ${cells}
    </div>
    <figcaption>${s.short ? `Output ${m} × ${m}` : `Output: ${m} × ${m}, each cell the mean of the ${data.settings.kernelSize ** 2} cells under the taps`}</figcaption>
  </figure>`;
}
