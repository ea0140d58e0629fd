import { html, nothing } from 'lit';
import { customElement } from '../../shared/define-element';
import { sharedViewStyles } from '../shared/view-styles';
import { cellFromPointer } from '../shared/map-canvas';
import { ChannelMapView, PLAIN_CHANNEL, outputShapeGrid, type ChannelMapSpec } from '../shared/channel-map-view';
import { smallViewStyles } from '../shared/small-view-styles';
import { boxTemplate, legendTemplate, lensTemplate, veilTemplate } from '../shared/map-pieces';
import { anchoredBlock, type GridPosition } from '../shared/view-helpers';
import { buildPoolData, discardSentence, outputCellOf, poolChannelRule, poolFeaturedWindow, poolLayerNames, poolSentence, windowAt, type PoolViewData } from './pool-data';
import { paintPoolInput, windowMathTemplate, windowsLensTemplate } from './pool-templates';
import { poolStyles } from './pool-styles';
import { formatNumber } from '../../shared/numbers';
import { paintMapChannel } from '../../shared/map-painter';

/** Windows per side in the lens around the current one. */
const LENS = 3;

/**
 * Max pooling on the real numbers of the current image: the map that goes in, cut into
 * windows (2 × 2, stride 2 in Tiny VGG), each window's winner, and the smaller map that
 * comes out, linked window to cell. Playback walks through the windows; the losers fade on
 * the input map, which shows how much pooling throws away.
 *
 * @attr layer - A pooling layer name, e.g. `max_pool_1`; defaults to the first pooling layer.
 * @attr channel - The channel, 0 … c − 1; defaults to 0.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the current window and the result.
 */
@customElement('cnn-pool-view')
export class CnnPoolView extends ChannelMapView<PoolViewData> {
  static override styles = [sharedViewStyles, smallViewStyles, poolStyles];

  protected override readonly spec: ChannelMapSpec<PoolViewData> = {
    layer: { warning: 'a pooling layer', label: 'Pooling layer' },
    channel: PLAIN_CHANNEL,
    layerNames: poolLayerNames,
    build: buildPoolData,
    outputGrid: outputShapeGrid,
    autoChannel: poolChannelRule,
    featured: poolFeaturedWindow,
  };

  protected override stepSentence(data: PoolViewData, at: GridPosition): string {
    return poolSentence(data, at, (v) => formatNumber(v, 2));
  }

  protected override renderData(data: PoolViewData) {
    const [ih, iw] = data.inShape;
    const [oh, ow] = data.outShape;
    const [ph, pw] = data.geometry.poolSize;
    const [sh, sw] = data.geometry.strides;
    const at = this.shownAt;
    const win = windowAt(data, at);
    const top = Math.min(...win.cells.map((c) => c.row));
    const left = Math.min(...win.cells.map((c) => c.col));
    const best = 'argmax' in win ? win.cells[win.argmax] : null;
    const block = anchoredBlock(this.computedAt, at, LENS, oh, ow);
    const step = this.playback.step;
    const lensHandlers = { onWindow: (p: GridPosition) => this.setPreview(p), onLeave: this.onLeave, onKey: this.onMapKey };
    const mapLabel = (what: string) => `${what}; window (${at.row}, ${at.col}). Arrow keys move from window to window; Space plays.`;
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.layer.name}, channel ${data.channel}: ${ih} × ${iw} → <strong>${oh} × ${ow}</strong></span>
        <span>${ph} × ${pw} windows, stride ${sh === sw ? sh : `${sh} × ${sw}`}</span>
      </p>
      <p class="discard" data-role="discard">${discardSentence(data.budget, data.mode)}</p>
      ${this.playback.controls(`${data.layer.name} pooling`)}
      <div class="stage three-up pool-stage" @keydown=${this.onStageKey}>
        <div class="column in">
          <h3>In: <strong>${data.inputLayer.name}</strong>, channel ${data.channel} (${ih} × ${iw})</h3>
          <div class="map input-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Input ${data.inputLayer.name}, ${ih} by ${iw}`)}
            @pointermove=${this.onInputPointer} @pointerleave=${this.onLeave} @click=${this.onInputClick} @keydown=${this.onMapKey}>
            <canvas data-kind="input"></canvas>
            ${boxTemplate(top, left, ph, pw, ih, iw, 'current')}
            ${best ? boxTemplate(best.row, best.col, 1, 1, ih, iw, 'winner') : nothing}
          </div>
          ${windowsLensTemplate(data, block, at, step, lensHandlers)}
        </div>
        <div class="column middle">${windowMathTemplate(data, at)}</div>
        <div class="column out">
          <h3>Out: <strong>${data.layer.name}</strong>, channel ${data.channel} (${oh} × ${ow})</h3>
          <div class="map output-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Output ${data.layer.name}, ${oh} by ${ow}`)}
            data-row=${at.row} data-col=${at.col} data-value=${String(data.output[at.row * ow + at.col])}
            @pointermove=${this.onMapPointer} @pointerleave=${this.onLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
            <canvas data-kind="output"></canvas>
            ${veilTemplate(this.computedAt, oh, ow)}
            ${boxTemplate(at.row, at.col, 1, 1, oh, ow, 'current')}
          </div>
          ${lensTemplate({
            role: 'output', label: `Pooled values around (${at.row}, ${at.col})`, block, domain: data.domain, current: at,
            value: (r, c) => data.output[r * ow + c],
            hidden: (r, c) => r * ow + c > step && !(r === at.row && c === at.col),
            onCell: lensHandlers.onWindow, onLeave: lensHandlers.onLeave, onKey: this.onMapKey,
          })}
        </div>
      </div>
      <div class="legends">${legendTemplate('colour scale of both maps', data.domain)}
        ${data.mode === 'max' ? html`<p class="key"><span class="swatch faded"></span> faded: dropped by a window already pooled</p>` : nothing}</div>
      <div class="readout" data-role="readout">${this.readout(data, at)}</div>
      <p class="hint">Point at or focus a map or grid: the window and its output cell light up together. Arrow keys move; Space plays or pauses.</p>`;
  }

  private readout(data: PoolViewData, at: GridPosition) {
    return html`${poolSentence(data, at, (v) => formatNumber(v, 3))} ${this.preview ? '(pointed at)' : ''}`;
  }

  protected override paint(): void {
    const data = this.data;
    if (!data) return;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-kind]')) {
      const input = canvas.dataset.kind === 'input';
      // The input map changes with every step (the losers fade); the output only with the data.
      const key = `${data.key}|${canvas.dataset.kind}${input ? `|${this.playback.step}` : ''}`;
      if (canvas.dataset.painted === key) continue;
      canvas.dataset.painted = key;
      if (input) paintPoolInput(canvas, data, this.playback.step);
      else paintMapChannel(canvas, data.output, [data.outShape[0], data.outShape[1], 1], 0, data.domain);
    }
  }

  private inputCell(e: MouseEvent): GridPosition | null {
    const d = this.data;
    const cell = d && cellFromPointer(e, e.currentTarget as Element, d.inShape[0], d.inShape[1]);
    return cell && outputCellOf(d!, cell);
  }

  private readonly onInputPointer = (e: PointerEvent) => this.setPreview(this.inputCell(e));
  private readonly onInputClick = (e: MouseEvent) => { const p = this.inputCell(e); if (p) this.seekTo(p); };
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-pool-view': CnnPoolView;
  }
}
