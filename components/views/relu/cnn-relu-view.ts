import { html, nothing } from 'lit';
import { customElement } from '../../shared/define-element';
import { sharedViewStyles } from '../shared/view-styles';

import { ChannelMapView, PLAIN_CHANNEL, type ChannelMapSpec } from '../shared/channel-map-view';
import { smallViewStyles } from '../shared/small-view-styles';
import { reluStyles } from './relu-styles';
import { buildReluData, cellAt, reluChannelRule, reluFeaturedCell, reluLayerNames, reluSentence, type ReluViewData } from './relu-data';
import { reluGraphTemplate } from './relu-graph';
import { boxTemplate, legendTemplate, lensTemplate, veilTemplate } from '../shared/map-pieces';
import { anchoredBlock, stepOfPosition, type GridPosition } from '../shared/view-helpers';
import { formatCount, formatNumber } from '../../shared/numbers';
import { paintMapChannel } from '../../shared/map-painter';

const LENS = 5;

/**
 * ReLU on the real numbers of the current image: the map that goes in (the convolution
 * before it), the rule max(0, x), and the map that comes out, linked cell to cell. Playback
 * walks through every cell; pointing at or focusing a cell shows x → max(0, x) on both maps
 * and on a graph of the function.
 *
 * @attr layer - A ReLU layer name, e.g. `relu_1_1`; defaults to the first ReLU layer.
 * @attr channel - The channel, 0 … c − 1; defaults to 0.
 * @attr image - An example id (assets/examples/manifest.json) or an image URL.
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @fires cnn-run - A new image's activations arrived: detail `{ imageKey, inferenceMs }`.
 * @cssprop --cnn-accent - Accent colour for focus, the current cell and the result.
 */
@customElement('cnn-relu-view')
export class CnnReluView extends ChannelMapView<ReluViewData> {
  static override styles = [sharedViewStyles, smallViewStyles, reluStyles];

  protected override readonly spec: ChannelMapSpec<ReluViewData> = {
    layer: { warning: 'a ReLU layer', label: 'ReLU layer' },
    channel: PLAIN_CHANNEL,
    layerNames: reluLayerNames,
    build: buildReluData,
    outputGrid: (data) => [data.shape[0], data.shape[1]],
    autoChannel: reluChannelRule,
    featured: (data) => reluFeaturedCell(data, LENS),
  };

  protected override stepSentence(data: ReluViewData, at: GridPosition): string {
    const { x, relu } = cellAt(data, at);
    return reluSentence(at, x, relu, (v) => formatNumber(v, 2));
  }

  protected override renderData(data: ReluViewData) {
    const [h, w] = data.shape;
    const at = this.shownAt;
    const upTo = this.computedAt;
    const cell = cellAt(data, at);
    const total = h * w;
    const pending = (r: number, c: number) => stepOfPosition({ row: r, col: c }, w) > this.playback.step && !(r === at.row && c === at.col);
    const block = anchoredBlock(upTo, at, LENS, h, w);
    const lens = (role: 'input' | 'output', label: string) => lensTemplate({
      role, label, block, domain: data.domain, current: at,
      value: (r, c) => (role === 'input' ? data.input : data.output)[r * w + c],
      hidden: role === 'output' ? pending : undefined,
      classes: (r, c) => (data.input[r * w + c] < 0 ? 'negative' : ''),
      onCell: (p) => this.setPreview(p),
      onLeave: this.onLeave,
      onKey: this.onMapKey,
    });
    const mapLabel = (what: string) => `${what}, ${h} by ${w}; cell (${at.row}, ${at.col}). Arrow keys move; Space plays.`;
    return html`
      <p class="facts">
        ${this.source.label ? html`<span>Image: <strong>${this.source.label}</strong></span>` : nothing}
        <span>${data.layer.name}, channel ${data.channel}: ${h} × ${w} = <strong>${formatCount(total)}</strong> values</span>
        <span data-role="negative-count" data-value=${data.negatives}><strong>${formatCount(data.negatives)}</strong> negative → set to 0
          (${Math.round((100 * data.negatives) / total)}%)</span>
      </p>
      ${this.playback.controls(`${data.layer.name} ReLU`)}
      <div class="stage three-up relu-stage" @keydown=${this.onStageKey}>
        <div class="column in">
          <h3>In: <strong>${data.inputLayer.name}</strong>, channel ${data.channel}</h3>
          <div class="map input-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Input ${data.inputLayer.name}`)}
            @pointermove=${this.onMapPointer} @pointerleave=${this.onLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
            <canvas data-kind="input"></canvas>
            ${boxTemplate(at.row, at.col, 1, 1, h, w, 'current')}
          </div>
          ${lens('input', `Values going in around (${at.row}, ${at.col})`)}
        </div>
        <div class="column middle">
          ${reluGraphTemplate(data, cell.x, cell.relu)}
          <p class="equation" data-row=${at.row} data-col=${at.col}>
            <span>max(0, <span data-role="x" data-value=${String(cell.x)}>${formatNumber(cell.x, 3)}</span>) =</span>
            <span class="result" data-role="y" data-value=${String(cell.relu)}>${formatNumber(cell.relu, 3)}</span>
          </p>
          <p class="verdict">${cell.x > 0 ? 'Positive: passes unchanged.' : cell.x < 0 ? 'Negative: becomes 0.' : 'Zero stays 0.'}</p>
        </div>
        <div class="column out">
          <h3>Out: <strong>${data.layer.name}</strong>, channel ${data.channel}</h3>
          <div class="map output-map" tabindex="0" role="group" aria-roledescription="map" aria-label=${mapLabel(`Output ${data.layer.name}`)}
            data-row=${at.row} data-col=${at.col} data-value=${String(cell.engine)}
            @pointermove=${this.onMapPointer} @pointerleave=${this.onLeave} @click=${this.onMapClick} @keydown=${this.onMapKey}>
            <canvas data-kind="output"></canvas>
            ${veilTemplate(upTo, h, w)}
            ${boxTemplate(at.row, at.col, 1, 1, h, w, 'current')}
          </div>
          ${lens('output', `Values coming out around (${at.row}, ${at.col})`)}
        </div>
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
