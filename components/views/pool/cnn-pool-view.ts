import { html, nothing } from 'lit';
import { customElement } from '../../shared/define-element';
import { sharedViewStyles } from '../shared/view-styles';
import { cellFromPointer } from '../shared/map-canvas';
import { ChannelMapView, PLAIN_CHANNEL, outputShapeGrid, type ChannelMapSpec } from '../shared/channel-map-view';
import { smallViewStyles } from '../shared/small-view-styles';
import { controlsPanelTemplate, fitHeadTemplate, fitTier, fittedStyles, type TieredParts } from '../shared/fitted-layout';
import type { FrameSpec } from '../../shared/frame-controller';
import { boxTemplate, legendTemplate, lensTemplate, veilTemplate } from '../shared/map-pieces';
import { anchoredBlock, type GridPosition } from '../shared/view-helpers';
import { buildPoolData, discardSentence, outputCellOf, poolChannelRule, poolFeaturedWindow, poolLayerNames, poolSentence, windowAt, type PoolViewData } from './pool-data';
import { paintPoolInput, windowMathTemplate, windowsLensTemplate } from './pool-templates';
import { poolFittedStyles, poolStyles } from './pool-styles';
import { formatNumber } from '../../shared/numbers';
import { paintMapChannel } from '../../shared/map-painter';

/** Windows per side in the lens around the current one. */
const LENS = 3;

/** What each subject shows when fitted, by room. */
const POOL_PARTS: TieredParts = {
  window: {
    small: ['head', 'maps', 'window'],
    medium: ['head', 'discard', 'maps', 'window', 'legend', 'readout'],
    roomy: ['head', 'discard', 'maps', 'lens', 'window', 'legend', 'readout'],
  },
  maps: {
    small: ['head', 'discard', 'maps', 'legend'],
    medium: ['head', 'discard', 'maps', 'window', 'legend', 'readout'],
    roomy: ['head', 'discard', 'maps', 'lens', 'window', 'legend', 'readout'],
  },
};

/**
 * Max pooling on the real numbers of the current image: the map that goes in, cut into
 * windows (2 × 2, stride 2 in Tiny VGG), each window's winner, and the smaller map that
 * comes out, linked window to cell. Playback walks through the windows; the losers fade on
 * the input map, which shows how much pooling throws away.
 *
 * With no `channel` attribute the view shows the channel whose input has the most values
 * other than 0, and picks again for a new picture or layer; the figure's text names the
 * rule. A finished pass shows the window whose values spread the most (the first, on a tie),
 * where the kept value stands out from the dropped ones, never a window of zeros while the
 * map has anything else.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `window` (one window, its maximum
 * and its cell in the output) and `maps` (the map before and after).
 *
 * @attr layer - A pooling layer name, e.g. `max_pool_1`; defaults to the first pooling layer.
 * @attr channel - The channel, 0 … c − 1; without it, the view chooses (see above).
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the current window and the result.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 */
@customElement('cnn-pool-view')
export class CnnPoolView extends ChannelMapView<PoolViewData> {
  static override styles = [sharedViewStyles, smallViewStyles, poolStyles, fittedStyles, poolFittedStyles];

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

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    return {
      subjects: {
        window: { parts: POOL_PARTS.window[tier], focus: '.window-row', about: 'one window, its maximum, and where it lands in the output' },
        maps: { parts: POOL_PARTS.maps[tier], focus: '[data-part="maps"]', about: 'the map before pooling and the map after it' },
      },
      fallback: 'window',
      controls: ['controls'],
      contentKey: `${this.data?.key ?? ''}|${tier}`,
    };
  }

  protected override renderFitted(data: PoolViewData, toolbar: unknown) {
    const [ih, iw] = data.inShape;
    const [oh, ow] = data.outShape;
    const at = this.shownAt;
    const block = anchoredBlock(this.computedAt, at, LENS, oh, ow);
    return html`<div class="fit-root pool-fit ${fitTier(this.size.width, this.size.height)} ${this.frame.shows('lens') ? 'with-lens' : ''}" @keydown=${this.onStageKey}>
      ${fitHeadTemplate(this.frame.controlsButton(), html`<strong>${data.layer.name}</strong>, ${this.channelText(data.channel)}: ${ih}\u00a0×\u00a0${iw} → <strong>${oh}\u00a0×\u00a0${ow}</strong>`)}
      ${controlsPanelTemplate(toolbar, this.playback.controls(`${data.layer.name} pooling`))}
      <p class="discard" data-role="discard" data-part="discard">${discardSentence(data.budget, data.mode)}</p>
      <div class="fit-grow maps-row" data-part="maps">
        <div class="column in">${this.inputMapTemplate(data, true)}<div data-part="lens">${this.windowsLens(data, block)}</div></div>
        <div class="column out">${this.outputMapTemplate(data, true)}<div data-part="lens">${this.outputLens(data, block)}</div></div>
      </div>
      <div class="window-row" data-part="window">${windowMathTemplate(data, at)}</div>
      <div class="legends" data-part="legend">${legendTemplate('colour scale of both maps', data.domain)}</div>
      <div class="readout" data-role="readout" data-part="readout">${this.readout(data, at)}</div>
    </div>`;
  }

  protected override renderData(data: PoolViewData) {
    const [ih, iw] = data.inShape;
    const [oh, ow] = data.outShape;
    const [ph, pw] = data.geometry.poolSize;
    const [sh, sw] = data.geometry.strides;
    const at = this.shownAt;
    const block = anchoredBlock(this.computedAt, at, LENS, oh, ow);
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.layer.name}, ${this.channelText(data.channel)}: ${ih} × ${iw} → <strong>${oh} × ${ow}</strong></span>
        <span>${ph} × ${pw} windows, stride ${sh === sw ? sh : `${sh} × ${sw}`}</span>
      </p>
      <p class="discard" data-role="discard">${discardSentence(data.budget, data.mode)}</p>
      ${this.playback.controls(`${data.layer.name} pooling`)}
      <div class="stage three-up pool-stage" @keydown=${this.onStageKey}>
        <div class="column in">${this.inputMapTemplate(data)}${this.windowsLens(data, block)}</div>
        <div class="column middle">${windowMathTemplate(data, at)}</div>
        <div class="column out">${this.outputMapTemplate(data)}${this.outputLens(data, block)}</div>
      </div>
      <div class="legends">${legendTemplate('colour scale of both maps', data.domain)}
        ${data.mode === 'max' ? html`<p class="key"><span class="swatch faded"></span> faded: dropped by a window already pooled</p>` : nothing}</div>
      <div class="readout" data-role="readout">${this.readout(data, at)}</div>
      <p class="hint">Point at or focus a map or grid: the window and its output cell light up together. Arrow keys move; Space plays or pauses.</p>`;
  }

  private mapLabel(what: string, at: GridPosition): string {
    return `${what}; window (${at.row}, ${at.col}). Arrow keys move from window to window; Space plays.`;
  }

  /** The map going in, with the window on show and its winner; a `short` heading leaves out the channel and size. */
  private inputMapTemplate(data: PoolViewData, short = false) {
    const [ih, iw] = data.inShape;
    const [ph, pw] = data.geometry.poolSize;
    const at = this.shownAt;
    const win = windowAt(data, at);
    const top = Math.min(...win.cells.map((c) => c.row));
    const left = Math.min(...win.cells.map((c) => c.col));
    const best = 'argmax' in win ? win.cells[win.argmax] : null;
    return html`<h3>In: <strong>${data.inputLayer.name}</strong>${short ? nothing : `, channel ${data.channel} (${ih} × ${iw})`}</h3>
      <div class="map input-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${this.mapLabel(`Input ${data.inputLayer.name}, ${ih} by ${iw}`, at)}
        @pointermove=${this.onInputPointer} @pointerleave=${this.onLeave} @click=${this.onInputClick} @keydown=${this.onMapKey}>
        <canvas data-kind="input"></canvas>
        ${boxTemplate(top, left, ph, pw, ih, iw, 'current')}
        ${best ? boxTemplate(best.row, best.col, 1, 1, ih, iw, 'winner') : nothing}
      </div>`;
  }

  /** The map coming out, with the cell on show and the cells not pooled yet veiled. */
  private outputMapTemplate(data: PoolViewData, short = false) {
    const [oh, ow] = data.outShape;
    const at = this.shownAt;
    return html`<h3>Out: <strong>${data.layer.name}</strong>${short ? nothing : `, channel ${data.channel} (${oh} × ${ow})`}</h3>
      <div class="map output-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${this.mapLabel(`Output ${data.layer.name}, ${oh} by ${ow}`, at)}
        data-row=${at.row} data-col=${at.col} data-value=${String(data.output[at.row * ow + at.col])}
        @pointermove=${this.onMapPointer} @pointerleave=${this.onLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
        <canvas data-kind="output"></canvas>
        ${veilTemplate(this.computedAt, oh, ow)}
        ${boxTemplate(at.row, at.col, 1, 1, oh, ow, 'current')}
      </div>`;
  }

  private windowsLens(data: PoolViewData, block: ReturnType<typeof anchoredBlock>) {
    return windowsLensTemplate(data, block, this.shownAt, this.playback.step, { onWindow: (p: GridPosition) => this.setPreview(p), onLeave: this.onLeave, onKey: this.onMapKey });
  }

  private outputLens(data: PoolViewData, block: ReturnType<typeof anchoredBlock>) {
    const ow = data.outShape[1];
    const at = this.shownAt;
    const step = this.playback.step;
    return lensTemplate({
      role: 'output', label: `Pooled values around (${at.row}, ${at.col})`, block, domain: data.domain, current: at,
      value: (r, c) => data.output[r * ow + c],
      hidden: (r, c) => r * ow + c > step && !(r === at.row && c === at.col),
      onCell: (p) => this.setPreview(p), onLeave: this.onLeave, onKey: this.onMapKey,
    });
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
