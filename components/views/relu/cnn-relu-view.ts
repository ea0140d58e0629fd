import { html, nothing } from 'lit';
import { customElement } from '../../shared/define-element';
import { sharedViewStyles } from '../shared/view-styles';

import { ChannelMapView, PLAIN_CHANNEL, type ChannelMapSpec } from '../shared/channel-map-view';
import { smallViewStyles } from '../shared/small-view-styles';
import { controlsPanelTemplate, fitHeadTemplate, fitTier, fittedStyles, type TieredParts } from '../shared/fitted-layout';
import type { FrameSpec } from '../../shared/frame-controller';
import { reluFittedStyles, reluStyles } from './relu-styles';
import { buildReluData, cellAt, reluChannelRule, reluFeaturedCell, reluLayerNames, reluSentence, type ReluViewData } from './relu-data';
import { reluGraphTemplate } from './relu-graph';
import { boxTemplate, legendTemplate, lensTemplate, veilTemplate } from '../shared/map-pieces';
import { anchoredBlock, stepOfPosition, type GridPosition } from '../shared/view-helpers';
import { formatCount, formatNumber } from '../../shared/numbers';
import { paintMapChannel } from '../../shared/map-painter';

const LENS = 5;

/** What each subject shows when fitted, by room. */
const RELU_PARTS: TieredParts = {
  maps: {
    small: ['head', 'maps', 'equation', 'legend'],
    medium: ['head', 'maps', 'lens', 'equation', 'verdict', 'legend'],
    roomy: ['head', 'maps', 'lens', 'graph', 'equation', 'verdict', 'legend', 'readout'],
  },
  graph: {
    small: ['head', 'graph', 'equation', 'verdict'],
    medium: ['head', 'maps', 'graph', 'equation', 'verdict', 'legend'],
    roomy: ['head', 'maps', 'graph', 'equation', 'verdict', 'legend', 'readout'],
  },
};

const verdictOf = (x: number) => (x > 0 ? 'Positive: passes unchanged.' : x < 0 ? 'Negative: becomes 0.' : 'Zero stays 0.');

/**
 * ReLU on the real numbers of the current image: the map that goes in (the convolution
 * before it), the rule max(0, x), and the map that comes out, linked cell to cell. Playback
 * walks through every cell; pointing at or focusing a cell shows x → max(0, x) on both maps
 * and on a graph of the function.
 *
 * With no `channel` attribute the view shows the channel whose input is most evenly split
 * between values ReLU keeps (above 0) and values it sets to 0 (below 0), and picks again
 * for a new picture or layer; the figure's text names the rule. A finished pass shows the
 * cell whose 5 × 5 neighbourhood is most evenly split, so the numbers show both fates.
 *
 * Subjects (`subject`, framed when the page sets `fit`): `maps` (the map before and after,
 * side by side) and `graph` (the function, with the value at the current cell).
 *
 * @attr layer - A ReLU layer name, e.g. `relu_1_1`; defaults to the first ReLU layer.
 * @attr channel - The channel, 0 … c − 1; without it, the view chooses (see above).
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the current cell and the result.
 * @cssprop --cnn-subject - Colour of the ring around the subject the prose beside the figure talks about.
 */
@customElement('cnn-relu-view')
export class CnnReluView extends ChannelMapView<ReluViewData> {
  static override styles = [sharedViewStyles, smallViewStyles, reluStyles, fittedStyles, reluFittedStyles];

  protected override readonly spec: ChannelMapSpec<ReluViewData> = {
    layer: { warning: 'a ReLU layer', label: 'ReLU layer' },
    channel: PLAIN_CHANNEL,
    layerNames: reluLayerNames,
    build: buildReluData,
    outputGrid: (data) => [data.shape[0], data.shape[1]],
    autoChannel: reluChannelRule,
    featured: (data) => reluFeaturedCell(data, LENS),
  };

  protected override frameSpec(): FrameSpec {
    const tier = fitTier(this.size.width, this.size.height);
    const parts = (subject: string) => RELU_PARTS[subject][tier];
    return {
      subjects: {
        maps: { parts: parts('maps'), focus: '[data-part="maps"]', about: 'the map before ReLU and the map after it' },
        graph: { parts: parts('graph'), focus: '.rule-row', about: 'the function max(0, x), at the current cell' },
      },
      fallback: 'maps',
      controls: ['controls'],
      contentKey: `${this.data?.key ?? ''}|${tier}`,
    };
  }

  protected override renderFitted(data: ReluViewData, toolbar: unknown) {
    const [h, w] = data.shape;
    const at = this.shownAt;
    const cell = cellAt(data, at);
    const total = h * w;
    const shows = (part: string) => this.frame.shows(part);
    // The graph shares the room with the maps when it is the subject, and takes it all when alone.
    const graph = !shows('graph') ? '' : !shows('maps') ? 'fit-grow alone' : this.frame.current === 'graph' ? 'fit-grow beside' : '';
    return html`<div class="fit-root relu-fit ${fitTier(this.size.width, this.size.height)} ${shows('lens') ? 'with-lens' : ''}" @keydown=${this.onStageKey}>
      ${fitHeadTemplate(this.frame.controlsButton(), html`<strong>${data.layer.name}</strong>, ${this.channelText(data.channel)}:
        <strong data-role="negative-count" data-value=${data.negatives}>${formatCount(data.negatives)}</strong> of ${formatCount(total)} values set to 0
        (${Math.round((100 * data.negatives) / total)}%)`)}
      ${controlsPanelTemplate(toolbar, this.playback.controls(`${data.layer.name} ReLU`))}
      <div class="fit-grow maps-row" data-part="maps">
        <div class="column in">${this.mapTemplate(data, 'in', true)}<div data-part="lens">${this.lensTemplate(data, 'input')}</div></div>
        <div class="column out">${this.mapTemplate(data, 'out', true)}<div data-part="lens">${this.lensTemplate(data, 'output')}</div></div>
      </div>
      <div class="rule-row ${graph}">
        <div data-part="graph">${reluGraphTemplate(data, cell.x, cell.relu)}</div>
        <div class="rule-words">${this.equationTemplate(data, at)}<p class="verdict" data-part="verdict">${verdictOf(cell.x)}</p></div>
      </div>
      <div class="legends" data-part="legend">${legendTemplate('colour scale of both maps', data.domain)}</div>
      <div class="readout" data-role="readout" data-part="readout">${this.readout(data, at)}</div>
    </div>`;
  }

  /** One map with its heading: `in` (the layer before) or `out` (after ReLU); a `short` heading leaves out the channel. */
  private mapTemplate(data: ReluViewData, side: 'in' | 'out', short = false) {
    const [h, w] = data.shape;
    const at = this.shownAt;
    const layer = side === 'in' ? data.inputLayer.name : data.layer.name;
    const label = `${side === 'in' ? 'Input' : 'Output'} ${layer}, ${h} by ${w}; cell (${at.row}, ${at.col}). Arrow keys move; Space plays.`;
    const heading = html`<h3>${side === 'in' ? 'In' : 'Out'}: <strong>${layer}</strong>${short ? nothing : `, channel ${data.channel}`}</h3>`;
    if (side === 'in') {
      return html`${heading}<div class="map input-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${label}
        @pointermove=${this.onMapPointer} @pointerleave=${this.onLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
        <canvas data-kind="input"></canvas>
        ${boxTemplate(at.row, at.col, 1, 1, h, w, 'current')}
      </div>`;
    }
    return html`${heading}<div class="map output-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${label}
      data-row=${at.row} data-col=${at.col} data-value=${String(cellAt(data, at).engine)}
      @pointermove=${this.onMapPointer} @pointerleave=${this.onLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
      <canvas data-kind="output"></canvas>
      ${veilTemplate(this.computedAt, h, w)}
      ${boxTemplate(at.row, at.col, 1, 1, h, w, 'current')}
    </div>`;
  }

  /** The values around the cell on show, going in or coming out. */
  private lensTemplate(data: ReluViewData, role: 'input' | 'output') {
    const [h, w] = data.shape;
    const at = this.shownAt;
    const pending = (r: number, c: number) => stepOfPosition({ row: r, col: c }, w) > this.playback.step && !(r === at.row && c === at.col);
    return lensTemplate({
      role, block: anchoredBlock(this.computedAt, at, LENS, h, w), domain: data.domain, current: at,
      label: `Values ${role === 'input' ? 'going in' : 'coming out'} around (${at.row}, ${at.col})`,
      value: (r, c) => (role === 'input' ? data.input : data.output)[r * w + c],
      hidden: role === 'output' ? pending : undefined,
      classes: (r, c) => (data.input[r * w + c] < 0 ? 'negative' : ''),
      onCell: (p) => this.setPreview(p),
      onLeave: this.onLeave,
      onKey: this.onMapKey,
    });
  }

  /** max(0, x) = y at the cell on show. */
  private equationTemplate(data: ReluViewData, at: GridPosition) {
    const cell = cellAt(data, at);
    return html`<p class="equation" data-part="equation" data-row=${at.row} data-col=${at.col}>
      <span>max(0, <span data-role="x" data-value=${String(cell.x)}>${formatNumber(cell.x, 3)}</span>) =</span>
      <span class="result" data-role="y" data-value=${String(cell.relu)}>${formatNumber(cell.relu, 3)}</span>
    </p>`;
  }

  protected override stepSentence(data: ReluViewData, at: GridPosition): string {
    const { x, relu } = cellAt(data, at);
    return reluSentence(at, x, relu, (v) => formatNumber(v, 2));
  }

  protected override renderData(data: ReluViewData) {
    const [h, w] = data.shape;
    const at = this.shownAt;
    const cell = cellAt(data, at);
    const total = h * w;
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.layer.name}, ${this.channelText(data.channel)}: ${h} × ${w} = <strong>${formatCount(total)}</strong> values</span>
        <span data-role="negative-count" data-value=${data.negatives}><strong>${formatCount(data.negatives)}</strong> negative → set to 0
          (${Math.round((100 * data.negatives) / total)}%)</span>
      </p>
      ${this.playback.controls(`${data.layer.name} ReLU`)}
      <div class="stage three-up relu-stage" @keydown=${this.onStageKey}>
        <div class="column in">${this.mapTemplate(data, 'in')}${this.lensTemplate(data, 'input')}</div>
        <div class="column middle">
          ${reluGraphTemplate(data, cell.x, cell.relu)}
          ${this.equationTemplate(data, at)}
          <p class="verdict">${verdictOf(cell.x)}</p>
        </div>
        <div class="column out">${this.mapTemplate(data, 'out')}${this.lensTemplate(data, 'output')}</div>
      </div>
      <div class="legends">${legendTemplate('colour scale of both maps', data.domain)}</div>
      <div class="readout" data-role="readout">${this.readout(data, at)}</div>
      <p class="hint">Point at or focus either map or grid: the same cell lights up in the other. Arrow keys move; Space plays or pauses.</p>`;
  }

  private readout(data: ReluViewData, at: GridPosition) {
    const { x, relu } = cellAt(data, at);
    const fate = x > 0 ? 'It is positive, so it passes through unchanged.' : x < 0 ? 'It is negative, so ReLU replaces it with 0.' : 'It is exactly 0 and stays 0.';
    return html`Cell (${at.row}, ${at.col}): ${data.inputLayer.name} gave <strong>${formatNumber(x, 3)}</strong>; max(0, ${formatNumber(x, 3)}) =
      <strong>${formatNumber(relu, 3)}</strong>. ${fate} ${this.preview ? '(pointed at)' : ''}`;
  }

  protected override paint(): void {
    const data = this.data;
    if (!data) return;
    const [h, w] = data.shape;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-kind]')) {
      const key = `${data.key}|${canvas.dataset.kind}`;
      if (canvas.dataset.painted === key) continue;
      canvas.dataset.painted = key;
      paintMapChannel(canvas, canvas.dataset.kind === 'input' ? data.input : data.output, [h, w, 1], 0, data.domain);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-relu-view': CnnReluView;
  }
}
