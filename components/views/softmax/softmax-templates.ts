/**
 * The softmax view's markup: one row per class (logit, z / T, exponential, probability),
 * the sum split into each class's share, the temperature slider, and the note on plain
 * rescaling. Numbers not computed yet at the current playback step are left blank; every
 * number shown carries data-role and data-value (full precision).
 */
import { html, nothing } from 'lit';

import { SLIDER_STEPS, rescalingProblems, shownAt, sliderFromTemperature, type SoftmaxStage, type SoftmaxTerms } from './softmax-data';
import { formatNumber, formatWide } from '../../shared/numbers';

export interface SoftmaxTemplateState {
  terms: SoftmaxTerms;
  /** Probabilities at T = 1, for comparison. */
  plain: Float32Array;
  classNames: string[];
  stage: SoftmaxStage;
  /** The class whose terms are highlighted and whose formula shows. */
  highlighted: number;
  /** The class the current step computes (-1: none). */
  computing: number;
  narrow: boolean;
}

export interface SoftmaxHandlers {
  onRowEnter(k: number): void;
  onRowsLeave(): void;
  onRowFocus(k: number): void;
  onRowKey(e: KeyboardEvent, k: number): void;
  onRowClick(k: number): void;
  onSlider(position: number): void;
  onResetTemperature(): void;
}

/** A probability in percent; tiny but non-zero ones say so instead of rounding to 0. */
function percent(p: number): string {
  if (p > 0 && p < 0.00005) return '< 0.01%';
  return `${(p * 100).toFixed(p >= 0.9995 || p < 0.0005 ? 2 : 1)}%`;
}
const pending = html`<span class="pending" aria-label="not computed yet">…</span>`;

function logitBar(z: number, maxAbs: number) {
  const w = (Math.abs(z) / maxAbs) * 50;
  return html`<span class="logit-bar" aria-hidden="true"><span class=${z < 0 ? 'neg' : 'pos'}
    style=${z < 0 ? `right:50%;width:${w}%` : `left:50%;width:${w}%`}></span></span>`;
}

export function termsTableTemplate(s: SoftmaxTemplateState, h: SoftmaxHandlers) {
  const { terms, classNames } = s;
  const maxAbs = Math.max(...terms.logits.map(Math.abs), 1e-9);
  const sumShown = shownAt(s.stage, 0).sum;
  const expHead = terms.shift ? html`e<sup>z/T − m</sup>` : html`e<sup>z/T</sup>`;
  const rows = terms.logits.map((z, k) => {
    const shown = shownAt(s.stage, k);
    const p = terms.probabilities[k];
    return html`<tr data-class=${k} class="${k === s.highlighted ? 'highlighted' : ''} ${k === s.computing ? 'computing' : ''}"
      tabindex=${k === s.highlighted ? 0 : -1} aria-label="${classNames[k]}"
      @pointerenter=${() => h.onRowEnter(k)} @focus=${() => h.onRowFocus(k)} @keydown=${(e: KeyboardEvent) => h.onRowKey(e, k)} @click=${() => h.onRowClick(k)}>
      <th scope="row">${classNames[k]}</th>
      <td><span class="with-bar"><span data-role="logit" data-value=${String(z)}>${formatNumber(z, 2)}</span>${logitBar(z, maxAbs)}</span></td>
      ${s.narrow ? nothing : html`<td data-role="scaled" data-value=${String(terms.scaled[k])}>${formatNumber(terms.scaled[k], 2)}</td>`}
      <td>${shown.exp ? html`<span data-role="exp" data-value=${String(terms.exps[k])}>${formatWide(terms.exps[k])}</span>` : pending}</td>
      <td>${shown.probability
        ? html`<span class="with-bar"><span class="prob-bar" aria-hidden="true"><span style="width:${p * 100}%"></span></span>
          <span data-role="probability" data-value=${String(p)}>${percent(p)}</span></span>`
        : pending}</td>
    </tr>`;
  });
  return html`<div class="table-wrap"><table class="terms" data-shift=${String(terms.shift)} data-temperature=${String(terms.temperature)}
    @pointerleave=${h.onRowsLeave}>
    <caption class="sr-only">Softmax, class by class: logit, logit over temperature, exponential, probability</caption>
    <thead><tr><th scope="col">class</th><th scope="col">logit z</th>${s.narrow ? nothing : html`<th scope="col">z / T</th>`}
      <th scope="col">${expHead}</th><th scope="col">${s.narrow ? 'probability' : html`probability = ${expHead} / Σ`}</th></tr></thead>
    <tbody>${rows}</tbody>
    <tfoot><tr><th scope="row">Σ</th><td data-role="logit-sum" data-value=${String(terms.logitSum)}>${formatNumber(terms.logitSum, 2)}</td>
      ${s.narrow ? nothing : html`<td></td>`}
      <td>${sumShown ? html`<strong data-role="sum" data-value=${String(terms.sum)}>${formatWide(terms.sum)}</strong>` : pending}</td>
      <td>${s.stage.phase === 'divide' && s.stage.upTo === terms.logits.length - 1 ? '100%' : ''}</td></tr></tfoot>
  </table></div>`;
}

/** The sum of the exponentials as one bar, split into each class's share. */
export function sumBarTemplate(s: SoftmaxTemplateState, h: SoftmaxHandlers) {
  const { terms, classNames } = s;
  if (!shownAt(s.stage, 0).sum) return html`<div class="sum-bar empty" aria-hidden="true"><span>the sum appears once every exponential is computed</span></div>`;
  const k = s.highlighted;
  return html`<figure class="sum-figure">
    <div class="sum-bar" role="img" aria-label="The sum ${formatWide(terms.sum)}, split by class; ${classNames[k]} has ${percent(terms.exps[k] / terms.sum)} of it.">
      ${terms.exps.map((e, j) => html`<span class="segment ${j === k ? 'highlighted' : ''}" data-class=${j} style="width:${(e / terms.sum) * 100}%"
        @pointerenter=${() => h.onRowEnter(j)} @pointerleave=${h.onRowsLeave}>${e / terms.sum > 0.12 ? classNames[j] : ''}</span>`)}
    </div>
    <figcaption>Σ = ${formatWide(terms.sum)}: <strong>${classNames[k]}</strong>'s exponential is ${percent(terms.exps[k] / terms.sum)} of it, and that share is its probability.</figcaption>
  </figure>`;
}

export function temperatureTemplate(s: SoftmaxTemplateState, h: SoftmaxHandlers) {
  const T = s.terms.temperature;
  const top = s.terms.probabilities.indexOf(Math.max(...s.terms.probabilities));
  const effect = T === 1 ? 'At T = 1 this is the plain softmax.' : T < 1 ? 'T below 1 sharpens: the largest logit takes more.' : 'T above 1 flattens: the classes move closer together.';
  return html`<div class="temperature">
    <label><span class="word">Temperature</span> T
      <input type="range" min="0" max=${SLIDER_STEPS} step="1" .value=${String(sliderFromTemperature(T))}
        aria-valuetext="T = ${T.toFixed(2)}" @input=${(e: Event) => h.onSlider(Number((e.target as HTMLInputElement).value))}></label>
    <output data-role="temperature" data-value=${String(T)}>T = ${T.toFixed(2)}</output>
    <button type="button" ?disabled=${T === 1} @click=${h.onResetTemperature}>Back to T = 1</button>
    <p class="hint"><span class="how">Each logit is divided by T before the exponential; the slider is logarithmic, from 0.1 to 5.</span> ${effect}
      Top class, <strong>${s.classNames[top]}</strong>: <span data-role="top-probability" data-value=${String(s.terms.probabilities[top])}>${percent(s.terms.probabilities[top])}</span>${T === 1 ? '' : html` (at T = 1: ${percent(s.plain[top])})`}.</p>
  </div>`;
}

/** Why the exponentials: the same logits divided by their own sum, with what goes wrong. */
export function rescalingNoteTemplate(s: SoftmaxTemplateState) {
  const { terms, classNames } = s;
  const problems = rescalingProblems(terms);
  const share = (k: number) => html`<span class="name">${classNames[k]}</span>: ${formatNumber(terms.logits[k], 2)} / ${formatNumber(terms.logitSum, 2)} =
    <span data-role="rescaled-example" data-class=${k} data-value=${String(terms.rescaled[k])}>${formatNumber(terms.rescaled[k], 2)}</span>`;
  let finding;
  if (problems.nearZeroSum) finding = html`Here the logits add up to almost exactly 0, so dividing by their sum is impossible.`;
  else if (problems.flipped) {
    const top = terms.logits.indexOf(Math.max(...terms.logits));
    const bottom = terms.logits.indexOf(Math.min(...terms.logits));
    finding = html`Here Σz = ${formatNumber(terms.logitSum, 2)} is negative, which turns the order upside down:
      ${share(bottom)}, the largest share for the least likely class, while ${share(top)}${terms.rescaled[top] < 0 ? ', below 0,' : ''} for the network's first choice.`;
  } else if (problems.negative.length || problems.overOne.length) {
    const examples = [...problems.overOne.slice(0, 1), ...problems.negative.slice(0, 1)];
    finding = html`Here Σz = ${formatNumber(terms.logitSum, 2)}, so ${examples.map((k, i) => html`${i ? ' and ' : ''}${share(k)}${terms.rescaled[k] < 0 ? ' (below 0)' : ' (above 1)'}`)}.
      ${problems.negative.length + problems.overOne.length} of ${terms.logits.length} such "probabilities" fall outside 0 to 1.`;
  } else {
    finding = html`With these logits every share happens to land between 0 and 1, but one negative logit would break that,
      and adding the same number to every logit changes the shares, while softmax's stay put.`;
  }
  return html`<aside class="note" data-kind="warning" data-role="rescaling">
    <strong>Why not divide each logit by the sum of the logits?</strong>
    Logits can be negative, and so can their sum. ${finding}
    Exponentials are always positive, so softmax's shares always lie between 0 and 1 and add up to exactly 1.
    <details><summary>z / Σz for every class</summary>
      <ul class="rescaled">${terms.rescaled.map((v, k) => html`<li class=${v < 0 || v > 1 ? 'bad' : ''}>${classNames[k]}:
        <span data-role="rescaled" data-class=${k} data-value=${String(v)}>${formatNumber(v, 3)}</span></li>`)}</ul>
    </details>
  </aside>`;
}
