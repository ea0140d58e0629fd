/**
 * "Change it and see" for a figure that edits the network (kernels replaced, channels
 * switched off): reads its `edits` attribute (the link format of model/inspect/edit-codec.ts),
 * checks it against the trained model, runs the same picture on the trained model for the
 * comparison ("espresso 98 % → 61 %"), and writes the reader's new edits back to the
 * attribute with a `cnn-edits` event (bubbling, composed: detail `{ edits }`) so the page can
 * give every figure the same edits. Unreadable or unfitting edits warn once in the console,
 * say so in plain words beside Reset, and the figure runs the trained network instead.
 *
 * The figure overrides `modelEdits()` with `() => this.edited.usable(this.edits)`.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { parseEdits, encodeEdits } from '../../model/inspect/edit-codec';
import { checkEdits, isEmpty, NO_EDITS, type EditableModel, type Edits } from '../../model/inspect/edit-model';
import type { ConvParams, LayerParams } from '../../model/engine/layer-params';
import type { NetworkStore } from './network-store';
import type { NetworkController } from './network-controller';
import type { ModelInfo, NetworkRun } from './network-types';

interface EditsHost extends ReactiveControllerHost, HTMLElement {
  edits: string;
  model: string;
  readonly network: NetworkController;
  refreshModel(): void;
  trainedStore(): NetworkStore;
}

/** The top class before an edit, and where the edit left it (and the new top class when it changed). */
export interface EditedPrediction {
  className: string;
  before: number;
  after: number;
  /** The new top class, when the edit changed it. */
  now: { className: string; probability: number } | null;
}

const argMax = (v: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
};

/** A page-side ModelInfo as the pure edit checks read a model (kinds from the layers, never names). */
export function editableModel(info: ModelInfo): EditableModel {
  const params: Record<string, LayerParams> = {};
  for (const layer of info.layers) {
    const p = info.params[layer.name];
    if (!p) continue;
    params[layer.name] = layer.kind === 'conv'
      ? { kind: 'conv', kernelShape: p.kernelShape as ConvParams['kernelShape'], kernel: p.kernel, bias: p.bias }
      : { kind: 'dense', kernelShape: p.kernelShape as [number, number], kernel: p.kernel, bias: p.bias };
  }
  return { layers: info.layers, params };
}

const percent = (p: number) => `${Math.round(p * 100)} %`;

export class EditsController implements ReactiveController {
  /** The trained model and its run of the picture on show, while the figure shows edits. */
  baseline: { info: ModelInfo; run: NetworkRun | null } | null = null;

  private parsed = { text: '', result: { ok: true, edits: NO_EDITS } as ReturnType<typeof parseEdits> };
  private readonly warned = new Set<string>();
  /** Edits that do not fit the trained model, with the reason. */
  private readonly unfit = new Map<string, string>();
  private baselineUrl = '';
  private baselineImage = '';
  /** The model and edits last checked against each other. */
  private checked = '';

  constructor(private readonly host: EditsHost) {
    host.addController(this);
  }


  private parse(text: string): ReturnType<typeof parseEdits> {
    if (this.parsed.text !== text) this.parsed = { text, result: parseEdits(text) };
    return this.parsed.result;
  }

  /** Why `text` cannot be used ('' when it can). */
  private problemWith(text: string): string {
    const parsed = this.parse(text);
    if (!parsed.ok) return parsed.error;
    return this.unfit.get(text) ?? '';
  }

  private warnOnce(text: string, problem: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    console.warn(`<${this.host.localName}>: edits="${text.length > 60 ? `${text.slice(0, 57)}…` : text}" cannot be used (${problem.replace(/\.$/, '')}); showing the trained network.`);
  }

  /** The edits the network should run with: `text`, or '' when it cannot be used (warned once). */
  usable(text: string): string {
    const problem = text ? this.problemWith(text) : '';
    if (problem) this.warnOnce(text, problem);
    return problem ? '' : text;
  }

  /** Why the figure's edits are not in force, in plain words; '' when they are (or there are none). */
  get problem(): string {
    return this.host.edits ? this.problemWith(this.host.edits) : '';
  }

  /** The edits in force (none when unusable). */
  get current(): Edits {
    const text = this.host.edits;
    if (!text || this.problem) return NO_EDITS;
    const parsed = this.parse(text);
    return parsed.ok ? parsed.edits : NO_EDITS;
  }

  /** The trained model's parameters: the figure's own while no edit is in force, else the baseline's. */
  get trained(): ModelInfo | null {
    return isEmpty(this.current) ? this.host.network.info : this.baseline?.info ?? null;
  }

  /** Puts new edits in force: the attribute, the link, and every figure listening to `cnn-edits`. */
  set(edits: Edits): void {
    const text = isEmpty(edits) ? '' : encodeEdits(edits);
    if (text === this.host.edits) return;
    this.host.edits = text;
    this.host.dispatchEvent(new CustomEvent('cnn-edits', { detail: { edits: text }, bubbles: true, composed: true }));
  }

  /** Back to the trained weights. */
  reset(): void {
    this.set(NO_EDITS);
  }

  hostUpdated(): void {
    const text = this.host.edits;
    if (!text || this.parse(text).ok === false || this.unfit.has(text)) return;
    const store = this.host.trainedStore();
    const url = store.modelUrl;
    if (this.baselineUrl !== url) {
      this.baselineUrl = url;
      this.baseline = null;
      this.baselineImage = '';
      store.load().then((info) => {
        if (this.baselineUrl !== url) return;
        this.baseline = { info, run: null };
        this.host.requestUpdate();
      }, () => { /* the figure's own load reports a model that cannot load */ });
      return;
    }
    const base = this.baseline;
    if (!base) return;
    const parsed = this.parse(text);
    if (parsed.ok && this.checked !== `${url}|${text}`) {
      this.checked = `${url}|${text}`;
      const problems = checkEdits(editableModel(base.info), parsed.edits);
      if (problems.length) {
        this.unfit.set(text, `they do not fit this network: ${problems.join('; ')}`);
        this.warnOnce(text, this.unfit.get(text)!);
        this.host.refreshModel();
        this.host.requestUpdate();
        return;
      }
    }
    const wanted = this.host.network.wantedImage;
    if (!wanted || wanted.key === this.baselineImage) return;
    this.baselineImage = wanted.key;
    store.run(wanted.key, wanted.source).then((run) => {
      if (this.baselineUrl !== url || this.baselineImage !== run.imageKey || !this.baseline) return;
      this.baseline = { ...this.baseline, run };
      this.host.requestUpdate();
    }, () => { this.baselineImage = ''; });
  }

  /** The top class of the trained network and where the edits took it; null without edits or before both runs. */
  get prediction(): EditedPrediction | null {
    const run = this.host.network.run;
    const before = this.baseline?.run;
    const info = this.host.network.info;
    if (isEmpty(this.current) || !run || !before || !info || before.imageKey !== run.imageKey) return null;
    const top = argMax(before.probabilities);
    const newTop = argMax(run.probabilities);
    return {
      className: info.classNames[top],
      before: before.probabilities[top],
      after: run.probabilities[top],
      now: newTop === top ? null : { className: info.classNames[newTop], probability: run.probabilities[newTop] },
    };
  }

  /** A summary of the edits in force, in words. */
  summary(): string {
    const { kernels, ablated } = this.current;
    const parts: string[] = [];
    if (kernels.length) parts.push(`${kernels.length} kernel${kernels.length === 1 ? '' : 's'} changed`);
    if (ablated.length) parts.push(`${ablated.length} channel${ablated.length === 1 ? '' : 's'} off`);
    return parts.join(', ');
  }

  /** What the edits did, in words: the trained top class's probability before → after (or why they are not in force). */
  change(): TemplateResult | typeof nothing {
    if (!this.host.edits) return nothing;
    const problem = this.problem;
    if (problem) return html`<span class="edits-problem" role="alert">The changes in this link could not be used: ${problem.replace(/\.$/, '')}. Showing the trained network.</span>`;
    const p = this.prediction;
    if (!p) return html`<span data-role="prediction-change">Running the picture with your changes…</span>`;
    return html`<span data-role="prediction-change" data-before=${String(p.before)} data-after=${String(p.after)}>
        <strong>${p.className}</strong> ${percent(p.before)} → <strong>${percent(p.after)}</strong>${p.now ? html`; now <strong>${p.now.className}</strong> ${percent(p.now.probability)}` : nothing}</span>
      <span class="edits-summary">(${this.summary()})</span>`;
  }

  /** The one Reset: back to the trained weights. */
  resetButton(label = 'Reset to trained weights'): TemplateResult {
    return html`<button type="button" data-role="reset-edits" @click=${() => this.reset()}>${label}</button>`;
  }

  /**
   * The prediction before → after and one Reset (nothing while the figure has no edits).
   * `data-role="prediction-change"` carries the numbers for tests.
   */
  template(): TemplateResult | typeof nothing {
    if (!this.host.edits) return nothing;
    return html`<div class="edits-bar" part="edits-bar">${this.change()} ${this.resetButton()}</div>`;
  }
}

/** The looks of the bar (prediction before → after, Reset), for the figures that show it. */
export const editsBarStyles = css`
  .edits-bar { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; font-size: 14px; font-variant-numeric: tabular-nums; }
  .edits-bar button { min-height: 32px; }
  .edits-bar .edits-summary { color: var(--cnn-muted, #666); font-size: 13px; }
  .edits-problem { color: #b00020; }
`;
