/**
 * The conv view's readout in words: the weight pointed at or focused (and what it meets at
 * the position on show), the input cell probed (and the output cells that read it), else
 * the output value on show and how it is made.
 */
import { html } from 'lit';
import { channelWindowAt, inputChannelName, outputsReading, weightAt, type ConvViewData } from './conv-data';
import { formatNumber } from '../../shared/numbers';
import type { GridPosition } from '../shared/view-helpers';
import type { WeightRef } from './kernel-sheet';
import type { ConvWindow } from '../../../model/ops/conv-window';

export interface ReadoutState {
  weight: WeightRef | null;
  probe: GridPosition | null;
  detailChannel: number;
  /** Whether the position on show is pointed at (not reached by playback). */
  preview: boolean;
}

export function convReadout(data: ConvViewData, at: GridPosition, win: ConvWindow, s: ReadoutState) {
  const w = s.weight;
  if (w) {
    const value = weightAt(data, w.ci, w.ky, w.kx);
    const x = channelWindowAt(data, w.ci, at);
    const i = w.ky * data.kernelSize[1] + w.kx;
    return html`Weight at row ${w.ky + 1}, column ${w.kx + 1} of the kernel for <strong>${inputChannelName(data, w.ci)}</strong>:
      <strong data-role="weight-readout" data-value=${String(value)}>${formatNumber(value, 3)}</strong>.
      At output (${at.row}, ${at.col}) it meets the input value ${formatNumber(x.inputs[i], 3)}: product ${formatNumber(x.products[i], 3)}.`;
  }
  if (s.probe) {
    const p = s.probe;
    const reading = outputsReading(data, p);
    const [, iw, cin] = data.inShape;
    const v = data.input[(p.row * iw + p.col) * cin + s.detailChannel];
    const where = reading
      ? `output rows ${reading.rows[0]}–${reading.rows[1]}, columns ${reading.cols[0]}–${reading.cols[1]} (${(reading.rows[1] - reading.rows[0] + 1) * (reading.cols[1] - reading.cols[0] + 1)} windows)`
      : 'no output window';
    return html`Input cell (${p.row}, ${p.col}) of ${inputChannelName(data, s.detailChannel)} = ${formatNumber(v, 3)} is read by ${where}.`;
  }
  return html`Output (${at.row}, ${at.col}) of ${data.layer.name} channel ${data.channel} = <strong>${formatNumber(win.sum, 3)}</strong>:
    the ${data.kernelSize[0]}×${data.kernelSize[1]} window at input (${win.inputRow}, ${win.inputCol}) on each of the ${data.inShape[2]} input channels, times its kernel, summed, plus the bias.
    ${s.preview ? '(pointed at)' : ''}`;
}
