/**
 * The status line the views share: what the network is doing.
 */
import { html } from 'lit';
import type { NetworkController } from './network-controller';
import type { ImageSourceController } from './image-source-controller';

/** Loading, running or failed; once the run is on screen, empty or a note about the picture. */
export function networkStatus(network: NetworkController, source: ImageSourceController) {
  if (network.error) return network.error;
  if (source.error) return source.error;
  if (network.phase === 'asleep') return 'The network wakes when this figure scrolls into view.';
  if (network.phase === 'loading') {
    return html`Loading the network… <progress max="1" .value=${network.progress} aria-label="Model download"></progress> ${Math.round(network.progress * 100)}%`;
  }
  if (network.phase === 'running' || !network.run) return 'Running the image through the network…';
  return [network.info?.notice, source.notice].filter(Boolean).join(' ');
}
