import { html } from 'lit';
import { customElement } from '../../shared/define-element';
import { FigureElement } from '../../shared/figure-element';
import type { FrameSpec } from '../../shared/frame-controller';
import { sharedViewStyles } from '../shared/view-styles';
import { layerSizesOfInfo, layerSizesStyles, layerSizesTemplate } from './layer-sizes-table';

/** Boxes lower than this leave out the layers that only pass their shape on (ReLU, softmax). */
const COMPACT_BELOW = 520;

/**
 * How big is each layer: a table of the network's layers with each one's output shape, its
 * parameters (kernel weights and biases) and the multiply-adds one picture costs it, with a
 * bar for its share of the work, and the totals. Computed from the model's layer list, so
 * any TF.js layers-model gets its own table.
 *
 * @attr model - URL of a TF.js layers-model; defaults to the shipped Tiny VGG.
 * @attr subject - `table` (the only one).
 * @attr fit - Fit the element's box: in a small box, the layers that only pass their shape on are left out (and said so).
 * @csspart table - The table.
 * @csspart totals - The totals row.
 * @cssprop --cnn-accent - Colour of the work bars.
 */
@customElement('cnn-layer-sizes')
export class CnnLayerSizes extends FigureElement {
  static override styles = [sharedViewStyles, layerSizesStyles];

  protected override frameSpec(): FrameSpec {
    return {
      subjects: { table: { parts: ['table'], focus: 'table', about: 'each layer\'s output, parameters and multiply-adds, and the totals' } },
      fallback: 'table',
      contentKey: `${this.network.info?.url}|${this.compact}`,
    };
  }

  private get compact(): boolean {
    return this.fit && this.size.height > 0 && this.size.height < COMPACT_BELOW;
  }

  override render() {
    const info = this.network.info;
    return html`${info ? html`<div data-part="table">${layerSizesTemplate(layerSizesOfInfo(info), { compact: this.compact })}</div>` : this.statusTemplate({ block: true })}
      ${this.liveRegion()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-layer-sizes': CnnLayerSizes;
  }
}
