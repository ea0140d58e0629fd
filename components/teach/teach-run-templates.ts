/**
 * The "training" and "result" parts of cnn-teach: the two ways to teach, Train and Stop
 * with a progress bar and the time left, the curves and (from scratch) the first layer's
 * kernels forming; then how the model did on the pictures kept aside, the switch that puts
 * every figure on the page on the reader's model and back, saving and downloading it.
 */
import { html, nothing } from 'lit';
import type { TeachMode } from '../../model/teach/teach-trainer';
import { chartTemplate, type ChartData } from './teach-chart';
import type { TeachSession } from './teach-session';
import type { SavedModel } from './teach-protocol';

export interface RunState {
  session: TeachSession;
  mode: TeachMode;
  /** Why Train is not possible now ('' when it is). */
  blocked: string;
  chart: ChartData;
  /** The model on show is older than the classes (they changed since). */
  stale: boolean;
}

export interface RunHandlers {
  setMode(mode: TeachMode): void;
  train(): void;
  stop(): void;
}

const MODES: { mode: TeachMode; title: string; about: string }[] = [
  { mode: 'fine-tune', title: 'Fine-tune', about: 'Keep Tiny VGG’s trained convolutions and learn a new last layer: fast.' },
  { mode: 'scratch', title: 'From scratch', about: 'Start every weight at random: slower, and you can watch the first kernels form.' },
];

export function modeTemplate(s: RunState, h: RunHandlers) {
  const locked = s.session.running;
  return html`<fieldset class="modes" data-part="mode" ?disabled=${locked}>
    <legend>How to teach it</legend>
    ${MODES.map((m) => html`<label class="mode ${s.mode === m.mode ? 'chosen' : ''}">
      <input type="radio" name="mode" value=${m.mode} .checked=${s.mode === m.mode} @change=${() => h.setMode(m.mode)} />
      <span><strong>${m.title}</strong> <span class="about">${m.about}</span></span></label>`)}
  </fieldset>`;
}

function seconds(s: number): string {
  if (!Number.isFinite(s)) return 'working out the time left';
  if (s < 1.5) return 'about a second left';
  if (s < 60) return `about ${Math.round(s)} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

export function runTemplate(s: RunState, h: RunHandlers) {
  const { session } = s;
  const r = session.report;
  const fraction = r ? r.step / r.steps : 0;
  const running = session.running;
  return html`<div class="run" data-part="run">
    <div class="run-row">
      ${running
        ? html`<button type="button" class="stop" ?disabled=${session.stopping} @click=${h.stop}>${session.stopping ? 'Stopping…' : 'Stop'}</button>`
        : html`<button type="button" class="primary train" ?disabled=${Boolean(s.blocked)} aria-describedby=${s.blocked ? 'train-blocked' : nothing} @click=${h.train}>
            ${session.phase === 'idle' ? 'Train' : 'Train again'}</button>`}
      <div class="progress" role="progressbar" aria-label="Training" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(100 * fraction)}
        aria-valuetext=${r ? `Epoch ${r.epoch} of ${r.epochs}, ${seconds(r.etaSeconds)}` : 'Not started'}>
        <span class="bar" style="width:${(100 * fraction).toFixed(1)}%"></span></div>
      <span class="progress-text">${running && r ? html`Epoch ${r.epoch} of ${r.epochs} · ${seconds(r.etaSeconds)}`
        : running ? 'Starting…' : r ? html`${r.step} of ${r.steps} batches` : nothing}</span>
    </div>
    ${!running && s.blocked ? html`<p class="hint" id="train-blocked">${s.blocked}</p>` : nothing}
    ${!running && s.stale && session.modelKey ? html`<p class="hint">Your classes changed since this model was trained: train again to include the changes.</p>` : nothing}
  </div>`;
}

export function trainingChartTemplate(s: RunState) {
  return html`<div class="chart-wrap" data-part="chart">${chartTemplate(s.chart)}</div>`;
}

export function kernelsTemplate(s: RunState) {
  const show = s.session.kernels && s.session.mode === 'scratch';
  return html`<div class="kernels-part" data-part="kernels">${show ? html`<div class="kernels">
    <canvas class="kernel-canvas" width="39" height="3" role="img" aria-label="The first layer's ten 3 by 3 kernels, as colours"></canvas>
    <span>The first layer’s 10 kernels (3 × 3, colour): random at first, they turn into edge and colour detectors as it learns.</span>
  </div>` : nothing}</div>`;
}

export interface ResultState {
  session: TeachSession;
  classNames: readonly string[];
  /** Whether the page's figures show this model now. */
  inUse: boolean;
  saveName: string;
  saved: readonly SavedModel[];
  /** The page's model key (a saved model may be the one in use). */
  pageKey: string;
  /** A line about the last save or download ('' when none). */
  note: string;
  noteIsError: boolean;
}

export interface ResultHandlers {
  toggleUse(): void;
  setSaveName(name: string): void;
  save(): void;
  download(): void;
  useSaved(model: SavedModel): void;
  removeSaved(model: SavedModel): void;
  backToShipped(): void;
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

export function resultTemplate(s: ResultState) {
  const { session } = s;
  const outcome = session.outcome;
  if (session.phase === 'idle' || session.phase === 'training') {
    return html`<div class="result" data-part="result"><p class="hint">When training ends, this shows how your model does on the pictures each class kept aside, which it never learned from.</p></div>`;
  }
  const bad = session.phase === 'diverged' || session.phase === 'failed';
  const held = outcome?.heldOut;
  return html`<div class="result" data-part="result">
    <p class="summary ${bad ? 'error' : ''}" role=${bad ? 'alert' : 'status'}>${session.message}</p>
    ${held ? html`<table class="per-class">
      <caption>Pictures kept aside (never trained on), per class</caption>
      <tbody>${s.classNames.map((name, c) => {
        const k = held.perClass[c] ?? { correct: 0, total: 0 };
        const share = k.total ? k.correct / k.total : 0;
        return html`<tr><th scope="row">${name}</th>
          <td class="bar-cell"><span class="acc-bar"><span style="width:${(100 * share).toFixed(0)}%"></span></span></td>
          <td class="num">${k.correct} / ${k.total}</td></tr>`;
      })}</tbody>
      <tfoot><tr><th scope="row">All</th><td></td><td class="num"><strong>${pct(held.accuracy)}</strong></td></tr></tfoot>
    </table>` : nothing}
  </div>`;
}

export function actionsTemplate(s: ResultState, h: ResultHandlers) {
  const key = s.session.modelKey;
  const inUse = s.inUse;
  return html`<div class="actions" data-part="actions">
    ${key ? html`<div class="use-row">
      <button type="button" class="use ${inUse ? '' : 'primary'}" aria-pressed=${inUse ? 'true' : 'false'} @click=${h.toggleUse}>
        ${inUse ? 'Back to Tiny VGG' : 'Use my model on this page'}</button>
      <span class="hint">${inUse ? html`Every figure on this page now shows <strong>your model</strong> (${s.classNames.join(', ')}).` : 'Every figure on the page can show it, with your class names.'}</span>
    </div>
    <div class="keep-row">
      <label for="save-name">Name</label>
      <input id="save-name" type="text" maxlength="40" autocomplete="off" .value=${s.saveName} @input=${(e: Event) => h.setSaveName((e.target as HTMLInputElement).value)} />
      <button type="button" class="save" @click=${h.save}>Save in this browser</button>
      <button type="button" class="download" @click=${h.download}>Download</button>
    </div>` : nothing}
    ${!key && s.pageKey ? html`<div class="use-row"><button type="button" class="use" aria-pressed="true" @click=${h.backToShipped}>Back to Tiny VGG</button></div>` : nothing}
    ${s.note ? html`<p class="message ${s.noteIsError ? 'error' : 'note'}" role=${s.noteIsError ? 'alert' : 'status'}>${s.note}</p>` : nothing}
  </div>`;
}

export function savedTemplate(s: ResultState, h: ResultHandlers) {
  if (s.saved.length === 0) return html`<div class="saved-part" data-part="saved"></div>`;
  return html`<div class="saved" data-part="saved">
    <p class="saved-head">Saved in this browser</p>
    <ul>${s.saved.map((m) => {
      const using = s.pageKey === m.url;
      return html`<li><span class="saved-name">${m.name}</span> <span class="hint">${m.classNames.join(', ')}</span>
        <button type="button" class="use-saved" aria-pressed=${using ? 'true' : 'false'} @click=${() => (using ? h.backToShipped() : h.useSaved(m))}>${using ? 'In use: back to Tiny VGG' : 'Use on this page'}</button>
        <button type="button" class="remove-saved" aria-label=${`Delete ${m.name}`} @click=${() => h.removeSaved(m)}>Delete</button></li>`;
    })}</ul>
  </div>`;
}
