/**
 * "How big is each layer" as a table: per layer its output shape, parameters and
 * multiply-adds (model/inspect/layer-sizes.ts, from the layer list alone), a bar for each
 * layer's share of the work, and the totals. A template and its styles, for
 * <cnn-layer-sizes> and for any figure that shows the table in its detail (the overview's
 * Show detail, say): `layerSizesTemplate(layerSizesOfInfo(info), { compact })`.
 */
import { css, html, nothing } from 'lit';
import { layerSizes, type LayerSizes } from '../../../model/inspect/layer-sizes';
import type { ModelInfo } from '../../shared/network-types';
import { LAYER_KINDS } from '../../shared/layer-kinds';

/**
 * The sizes of a page-side model. The page's parameters carry zeros for a layer without a
 * bias (model/engine), so every conv and dense layer is counted with its bias, as Keras
 * builds them by default (layerSizesOf counts a loaded model's bias-free layers exactly).
 */
export function layerSizesOfInfo(info: Pick<ModelInfo, 'layers'>): LayerSizes {
  return layerSizes(info.layers);
}

const count = new Intl.NumberFormat('en-US');
/** 1037880 → "1,037,880". */
export const formatCount = (n: number): string => count.format(n);
/** [62, 62, 10] → "62 × 62 × 10" (thin spaces). */
export const formatShape = (shape: readonly number[]): string => shape.join('\u2009×\u2009');

/**
 * The table. `compact` (a small box) leaves out the layers that keep their input's shape
 * and have no parameters (ReLU, softmax) and says so under the table.
 */
export function layerSizesTemplate(sizes: LayerSizes, { compact = false } = {}) {
  const kept = (r: LayerSizes['rows'][number], i: number) => !compact || r.params > 0 || i === 0
    || formatShape(r.outputShape) !== formatShape(sizes.rows[i - 1].outputShape);
  const rows = sizes.rows.filter(kept);
  const left = sizes.rows.length - rows.length;
  const work = Math.max(1, sizes.totals.multiplyAdds);
  return html`<table class="layer-sizes ${compact ? 'compact' : ''}" part="table">
      <caption>Every layer of the network: what it outputs, the numbers it learned, and the multiply-adds one picture costs it</caption>
      <thead><tr><th scope="col">Layer</th><th scope="col">Output</th><th scope="col" class="n">Parameters</th><th scope="col" class="n">Multiply-adds</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-layer=${r.name} data-kind=${r.kind}>
        <th scope="row"><span class="name">${r.name.replace(/\//g, '/\u200b')}</span> <span class="kind">${LAYER_KINDS[r.kind].label}</span></th>
        <td data-role="shape">${formatShape(r.outputShape)}</td>
        <td class="n" data-role="params" data-value=${r.params}>${r.params ? formatCount(r.params) : '–'}</td>
        <td class="n" data-role="multiply-adds" data-value=${r.multiplyAdds}>${r.multiplyAdds ? formatCount(r.multiplyAdds) : '–'}
          ${r.multiplyAdds ? html`<span class="bar" aria-hidden="true" style="width:${((r.multiplyAdds / work) * 100).toFixed(1)}%"></span>` : nothing}</td>
      </tr>`)}</tbody>
      <tfoot><tr part="totals"><th scope="row">Total</th><td></td>
        <td class="n" data-role="total-params" data-value=${sizes.totals.params}>${formatCount(sizes.totals.params)}</td>
        <td class="n" data-role="total-multiply-adds" data-value=${sizes.totals.multiplyAdds}>${formatCount(sizes.totals.multiplyAdds)}</td></tr></tfoot>
    </table>
    ${left ? html`<p class="sizes-note">Not listed: ${left} ReLU and softmax layers, which keep their input's shape and learn nothing.</p>` : nothing}`;
}

export const layerSizesStyles = css`
  .layer-sizes { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; max-width: 44rem; }
  .layer-sizes caption { text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 4px; }
  .layer-sizes th, .layer-sizes td { padding: 3px 6px 3px 0; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); white-space: nowrap; }
  .layer-sizes thead th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: normal; vertical-align: bottom; }
  .layer-sizes .n { text-align: right; }
  .layer-sizes td.n { position: relative; }
  .layer-sizes tbody th { font-weight: normal; white-space: normal; }
  .layer-sizes .kind { display: block; color: var(--muted); font-size: 12px; line-height: 1.2; }
  .layer-sizes .bar { display: block; height: 3px; background: var(--accent); margin-left: auto; border-radius: 2px; }
  .layer-sizes tfoot th, .layer-sizes tfoot td { font-weight: 700; border-bottom: none; border-top: 2px solid var(--ink, #222); }
  .layer-sizes.compact { font-size: 13px; }
  .layer-sizes.compact th, .layer-sizes.compact td { padding: 2px 6px 2px 0; }
  .layer-sizes.compact .kind { display: none; }
  .sizes-note { margin: 4px 0 0; font-size: 12px; color: var(--muted); }
`;
