/**
 * Status lines the views share: what the network is doing, and the conv layer's counts.
 */
import { html } from 'lit';
import type { NetworkController } from '../../shared/network-controller';
import type { ImageSourceController } from '../../shared/image-source-controller';
import type { ConvViewData } from './conv-data';

/** Loading, running or failed; empty once the run is on screen. */
export function networkStatus(network: NetworkController, source: ImageSourceController) {
  if (network.error) return network.error;
  if (source.error) return source.error;
  if (network.phase === 'asleep') return 'The network wakes when this figure scrolls into view.';
  if (network.phase === 'loading') {
    return html`Loading the network… <progress max="1" .value=${network.progress} aria-label="Model download"></progress> ${Math.round(network.progress * 100)}%`;
  }
  if (network.phase === 'running' || !network.run) return 'Running the image through the network…';
  return '';
}

/** The image, and how many kernels and parameters the layer has, with the arithmetic. */
export function convFacts(data: ConvViewData, imageLabel: string) {
  const [kh, kw] = data.kernelSize;
  const cin = data.inShape[2];
  const cout = data.outShape[2];
  return html`
    ${imageLabel ? html`<span>Image: <strong>${imageLabel}</strong></span>` : ''}
    <span data-role="kernel-count" data-value=${data.kernelCount}>Kernels: ${cin} input × ${cout} output channels = <strong>${data.kernelCount}</strong></span>
    <span data-role="param-count" data-value=${data.paramCount}>Parameters: ${kh}·${kw}·${cin}·${cout} weights + ${cout} biases = <strong>${data.paramCount.toLocaleString('en')}</strong></span>`;
}
