/**
 * The overview's panel layouts, loaded on first use (they are not needed to draw the
 * network itself, so the article's first script stays small): the panels under the network
 * on a blank page, and one layout per subject for a fitted figure, wide or compact. Each
 * function reads the panels' state from the OverviewPanels controller it is given.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TemplateState } from './overview-templates';
import { wideTemplate } from './overview-templates';
import { wideGeometry } from './wide-geometry';
import { liveliestPatch, readPatch } from './panels/panel-data';
import { kernelPanel } from './panels/kernel-panel';
import { numbersLayout, numbersPanel } from './panels/numbers-panel';
import { fieldPanel } from './panels/field-panel';
import { colourKey, legendList } from './panels/legend-panel';
import { panel } from './panels/thumbs';
import { columnStrip, inputPanel, mapPanel, miniGeometry, miniature, outputPanel } from './compact-templates';
import { fittedHead, fittedParts, type OverviewSubject } from './overview-subjects';
import type { OverviewPanels } from './overview-panels';
import { layerSizesOfInfo, layerSizesTemplate } from '../views/sizes/layer-sizes-table';
import type { ModelInfo } from '../shared/network-types';

export { traceValue } from './field-trace';
export { neuronKernels } from './panels/panel-data';
export { panelStyles } from './panels/panel-styles';
export { layerSizesStyles } from '../views/sizes/layer-sizes-table';

/** Show detail's table: each layer's output shape, parameters and multiply-adds, with totals. */
export function sizesTable(info: Pick<ModelInfo, 'layers'>, compact: boolean): TemplateResult {
  return html`<section class="sizes" part="layer-sizes" aria-label="How big each layer is">${layerSizesTemplate(layerSizesOfInfo(info), { compact })}</section>`;
}

type Space = { width: number; height: number };
const keyOf = (p: { column: number; channel: number }) => `${p.column}:${p.channel}`;

export function kernelTemplate(c: OverviewPanels, space: Space, slot = false): TemplateResult | typeof nothing {
  const k = c.kernels(c.target('kernel'));
  return k ? kernelPanel(k, space, slot) : nothing;
}

export function numbersTemplate(c: OverviewPanels, space: Space, slot = false): TemplateResult | typeof nothing {
  const t = c.target('numbers');
  const col = c.host.cols[t.column];
  if (!col.values) return nothing;
  const layout = numbersLayout(col.kind === 'input', space);
  const key = keyOf(t);
  let at = c.patch?.key === key ? c.patch : undefined;
  if (!at) {
    const lk = `${key}|${layout.patchSize}|${c.host.network.run?.imageKey}`;
    if (!c.lively.has(lk)) c.lively.set(lk, liveliestPatch(col.values, col.shape, t.channel, layout.patchSize));
    at = { key, ...c.lively.get(lk)! };
  }
  const patch = readPatch(col.values, col.shape, t.channel, at.row, at.col, layout.patchSize);
  return numbersPanel({ col, column: t.column, channel: t.channel, patch, layout, slot });
}

export function fieldTemplate(c: OverviewPanels, space: Space, strip: boolean, slot = false): TemplateResult | typeof nothing {
  const v = c.fieldValue();
  const field = c.trace(v);
  if (!field) return nothing;
  return fieldPanel({ cols: c.host.cols, column: v.column, field, value: c.valueOf(v), space, strip, slot });
}

export function legendPanel(c: OverviewPanels): TemplateResult {
  return panel('legend', html`<strong>Colours</strong>: what each hue stands for`, html`${colourKey()}${legendList(c.host.cols, c.host.scale)}`);
}

/** Under the network on a blank page: the selected map's panels, and the subject's. */
export function unfitted(c: OverviewPanels, s: TemplateState): TemplateResult | typeof nothing {
  if (s.skeleton) return nothing;
  const sel = c.host.selection;
  const subject = c.host.currentSubject;
  const want = new Set<string>();
  if (sel) {
    const kind = c.host.cols[sel.column].kind;
    if (kind !== 'output') want.add('numbers');
    if (c.kernels(sel)) want.add('kernel');
    if (kind !== 'input' && kind !== 'output') want.add('field');
  }
  if (['kernel', 'numbers', 'field', 'legend', 'input'].includes(subject)) want.add(subject);
  if (want.size === 0) return nothing;
  // Two panels side by side where the figure is wide enough, each as wide as half of it.
  const full = Math.min(c.host.size.width, 560);
  const half = c.host.size.width >= 720 ? Math.floor((c.host.size.width - 24) / 2) : full;
  return html`<div class="panels" data-part="panels">
    ${want.has('input') ? inputPanel(s, { width: full, height: 200 }, false) : nothing}
    ${want.has('numbers') ? numbersTemplate(c, { width: half, height: 230 }) : nothing}
    ${want.has('field') ? fieldTemplate(c, { width: half, height: 240 }, false) : nothing}
    ${want.has('kernel') ? kernelTemplate(c, { width: full, height: 260 }) : nothing}
    ${want.has('legend') ? legendPanel(c) : nothing}
  </div>`;
}

export function fitted(c: OverviewPanels, s: TemplateState): TemplateResult {
  const h = c.host;
  const subject = h.currentSubject;
  const compact = h.compactFit;
  const words = compact ? '' : html`<strong>${h.source.label}</strong> ·`;
  const head = fittedHead(words, h.status(), h.frame.controlsButton());
  const controls = html`<div class="controls-panel" data-part="controls">${h.toolbar()}${subject === 'picker' ? nothing : h.sourceTemplate()}</div>`;
  const body = s.skeleton ? html`<div class="slot"></div>` : compact ? compactBody(c, subject, s) : wideBody(c, subject, s);
  return html`<div class="fitted ${compact ? 'compact' : 'roomy'}" data-subject=${subject}>${head}${controls}${body}</div>`;
}

function wideBody(c: OverviewPanels, subject: OverviewSubject, s: TemplateState): TemplateResult {
  const h = c.host;
  const parts = fittedParts(subject, false);
  const width = h.size.width - 16;
  const slot = h.slotSize;
  const legends = subject !== 'legend';
  // A panel takes what the network, drawn as large as the width allows, leaves of the box.
  const natural = wideGeometry(h.cols, { width: Math.max(0, width), detail: h.detail, legends, measure: h.measure }).height + 14;
  const room = Math.round(Math.max(h.size.height * 0.28, Math.min(h.size.height * 0.55, h.size.height - 44 - natural - 48)));
  const space = { width, height: room };
  // The network's slot grows to its natural height, no more; it shrinks when the box is short.
  const network = html`<div class="slot net-slot" data-part="network" style=${`flex: 0 1 ${natural}px`}>${slot.width > 0 && slot.height > 0
    ? wideTemplate(s, wideGeometry(h.cols, { width: slot.width, height: slot.height, detail: h.detail, legends, measure: h.measure }), { legends })
    : nothing}</div>`;
  const source = html`<div class="source-fit" data-part="source">${h.sourceTemplate()}</div>`;
  const readout = ['network', 'map', 'output'].includes(subject) ? h.readoutTemplate() : nothing;
  return html`
    ${parts.includes('source') ? source : nothing}
    ${network}
    ${subject === 'kernel' ? kernelTemplate(c, space) : nothing}
    ${subject === 'numbers' ? numbersTemplate(c, space) : nothing}
    ${subject === 'field' ? fieldTemplate(c, space, false) : nothing}
    ${subject === 'input' ? inputPanel(s, { width, height: Math.min(260, room) }, false) : nothing}
    ${subject === 'legend' ? legendPanel(c) : nothing}
    ${parts.includes('key') ? html`<div data-part="key">${colourKey()}</div>` : nothing}
    ${readout}`;
}

function compactBody(c: OverviewPanels, subject: OverviewSubject, s: TemplateState): TemplateResult {
  const h = c.host;
  const slot = { width: h.slotSize.width, height: h.slotSize.height };
  const ready = slot.width > 0 && slot.height > 0;
  const mini = html`<div class="slot mini-slot">${ready ? miniature(s, miniGeometry(h.cols, slot.width, slot.height, h.measure)) : nothing}</div>`;
  switch (subject) {
    case 'network':
      return mini;
    case 'legend': {
      const ch = h.selection?.channel ?? 0;
      return html`${legendPanel(c)}<div class="slot strip-slot">${ready ? columnStrip(s, ch, slot.width) : nothing}</div>`;
    }
    case 'map': {
      const t = c.target('map');
      return mapPanel(s, t.column, t.channel, slot);
    }
    case 'kernel':
      return html`${kernelTemplate(c, slot, true)}`;
    case 'input':
      return inputPanel(s, slot);
    case 'numbers':
      return html`${numbersTemplate(c, { width: slot.width, height: Math.max(0, slot.height - 36) }, true)}`;
    case 'field':
      return html`${fieldTemplate(c, slot, true, true)}`;
    case 'output':
      return outputPanel(s, slot);
    case 'picker':
      return html`<div class="source-fit" data-part="source">${h.sourceTemplate()}</div>`;
  }
}
