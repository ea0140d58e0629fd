/**
 * The overview's "Change it and see", loaded on demand: the channel switch and the edits'
 * checks (channel-switch.ts, edits-controller.ts and the edit codec) come in their own chunk
 * once the figure has edits or a run to switch channels of, so the article's first script
 * does not carry them. Until then the figure runs `edits` as given (the worker checks them).
 */
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { NetworkController } from '../shared/network-controller';
import type { NetworkStore } from '../shared/network-store';
import type { MapPosition } from './keyboard-nav';
import type { ColumnView } from './overview-view';
import type { ChannelSwitch } from './channel-switch';

interface Host extends ReactiveControllerHost, HTMLElement {
  edits: string;
  readonly fit: boolean;
  model: string;
  readonly network: NetworkController;
  readonly cols: ColumnView[];
  readonly selection: MapPosition | null;
  refreshModel(): void;
  trainedStore(): NetworkStore;
}

export class OverviewEdits implements ReactiveController {
  /** The switch, once loaded. */
  switch: ChannelSwitch | null = null;
  private loading = false;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.loading || (!this.host.edits && !this.host.network.run)) return;
    this.loading = true;
    void import('./channel-switch').then((m) => {
      this.switch = new m.ChannelSwitch(this.host);
      this.host.refreshModel();
      this.host.requestUpdate();
    });
  }

  /** The edits the network runs with (see EditsController.usable). */
  usable(text: string): string {
    return this.switch ? this.switch.edited.usable(text) : text;
  }

  /** The switch, the change and Reset (compact in a fitted figure: its status line says the change). */
  template(): unknown {
    return this.switch?.template(this.host.fit) ?? nothing;
  }

  /** In a fitted figure, what the status line says while edits are in force (null when none are). */
  status(): unknown {
    return this.host.fit && this.host.edits && this.switch ? this.switch.edited.change() : null;
  }
}
