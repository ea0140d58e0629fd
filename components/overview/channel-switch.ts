/**
 * "Change it and see" in the overview: switch the selected map's channel off (its conv
 * kernel and bias become 0, so it and everything that only passes it on — its ReLU, its
 * pool — are 0) and on again, with a button beside the toolbar or the O key on a focused
 * map; the prediction before → after and one Reset show while any edit is in force. Each
 * change goes through the figure's `edits` (EditsController: the attribute, the link, and
 * `cnn-edits` for the page). Loaded on demand (overview-edits.ts), so the article's first
 * script stays small.
 */
import { css, html, nothing, type CSSResult, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { LAYER_KINDS } from '../shared/layer-kinds';
import { EditsController, editsBarStyles } from '../shared/edits-controller';
import type { ChannelRef } from '../../model/inspect/edit-model';
import type { NetworkController } from '../shared/network-controller';
import type { NetworkStore } from '../shared/network-store';
import type { MapPosition } from './keyboard-nav';
import { mapKey } from './overview-templates';
import type { ColumnView } from './overview-view';

interface SwitchHost extends ReactiveControllerHost, HTMLElement {
  edits: string;
  model: string;
  readonly network: NetworkController;
  refreshModel(): void;
  trainedStore(): NetworkStore;
  readonly cols: ColumnView[];
  readonly selection: MapPosition | null;
}

/** The key that switches the focused map's channel off or on. */
export const SWITCH_KEY = 'o';

export class ChannelSwitch implements ReactiveController {
  /** The figure's edits (EditsController), read and written here. */
  readonly edited: EditsController;

  constructor(private readonly host: SwitchHost) {
    this.edited = new EditsController(host);
    host.addController(this);
    addStyles(host, [editsBarStyles, switchStyles]);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKey);
  }

  /**
   * The conv channel behind a map: the conv's own, or the conv before a ReLU or pool that
   * passes channel c on as channel c (layer kinds, never names); null for other maps.
   */
  channelOf(p: MapPosition): ChannelRef | null {
    const info = this.host.network.info;
    const col = this.host.cols[p.column];
    if (!info || !col || col.kind === 'input' || col.kind === 'output') return null;
    for (let i = col.layerIndex; i > 0; i--) {
      const layer = info.layers[i];
      if (layer.kind === 'conv') return info.params[layer.name] ? { layer: layer.name, channel: p.channel } : null;
      if (!LAYER_KINDS[layer.kind].oneToOne) return null;
    }
    return null;
  }

  /** Whether a conv channel is off (`ablated`: the edits in force, read once by a caller that asks many times). */
  isOff(ref: ChannelRef, ablated: readonly ChannelRef[] = this.edited.current.ablated): boolean {
    return ablated.some((a) => a.layer === ref.layer && a.channel === ref.channel);
  }

  /** Every map (by mapKey) whose conv channel is off: the edits are read once. */
  offMaps(): Set<string> {
    const keys = new Set<string>();
    const { ablated } = this.edited.current;
    if (ablated.length === 0) return keys;
    this.host.cols.forEach((col, column) => {
      for (let channel = 0; channel < col.count; channel++) {
        const ref = this.channelOf({ column, channel });
        if (ref && this.isOff(ref, ablated)) keys.add(mapKey({ column, channel }));
      }
    });
    return keys;
  }

  /** Switches a conv channel off, or on again. */
  toggle(ref: ChannelRef): void {
    const { kernels, ablated } = this.edited.current;
    const off = this.isOff(ref);
    this.edited.set({
      kernels,
      ablated: off ? ablated.filter((a) => a.layer !== ref.layer || a.channel !== ref.channel) : [...ablated, ref],
    });
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key.toLowerCase() !== SWITCH_KEY || e.ctrlKey || e.metaKey || e.altKey) return;
    const el = (e.composedPath()[0] as HTMLElement).closest?.('.map') as HTMLElement | null;
    if (!el || el.dataset.column === undefined) return;
    const ref = this.channelOf({ column: Number(el.dataset.column), channel: Number(el.dataset.channel) });
    if (!ref) return;
    e.preventDefault();
    this.toggle(ref);
  };

  /**
   * The selected map's switch (when it has a conv channel), the prediction's change and
   * Reset; `compact` (a fitted figure, whose status line says the change) keeps the switch
   * and Reset to one row.
   */
  template(compact = false): TemplateResult | typeof nothing {
    const sel = this.host.selection;
    const ref = sel && this.channelOf(sel);
    const edits = Boolean(this.host.edits);
    if (!ref && !edits) return nothing;
    const off = ref ? this.isOff(ref) : false;
    return html`<div class="channel-switch" part="channel-switch">
      ${ref ? html`<button type="button" data-role="channel-switch" aria-pressed=${off ? 'true' : 'false'} aria-keyshortcuts="O"
          title="${ref.layer} channel ${ref.channel}; or press O on a focused map" @click=${() => this.toggle(ref)}>${off ? `Channel ${ref.channel} is off: switch on` : `Switch channel ${ref.channel} off`}</button>` : nothing}
      ${!edits ? nothing : compact ? this.edited.resetButton('Reset weights') : this.edited.template()}
    </div>`;
  }
}

const switchStyles = css`
  .channel-switch { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; flex-basis: 100%; }
  .channel-switch button { min-height: 32px; }
  .channel-switch button[aria-pressed='true'] { border-color: var(--cnn-accent, #c0392b); color: var(--cnn-accent, #c0392b); font-weight: 600; }
  .channel-switch .edits-bar { display: contents; }
`;

/**
 * Styles that arrive with this lazy module: added to the element class's styles (so a
 * later adoptStyles of the class's styles, as the overview's panels do, keeps them) and to
 * this figure's shadow root now.
 */
function addStyles(host: HTMLElement & { renderRoot?: unknown }, styles: CSSResult[]): void {
  const element = host.constructor as unknown as { elementStyles: unknown[] };
  for (const s of styles) if (!element.elementStyles.includes(s)) element.elementStyles.push(s);
  const root = host.shadowRoot;
  if (!root || !('adoptedStyleSheets' in root)) return;
  const sheets = styles.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => Boolean(s) && !root.adoptedStyleSheets.includes(s!));
  if (sheets.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
