/**
 * The embedding guide's playgrounds (dist/embed-playground.js, loaded by dist/embed.html):
 * each form edits the attributes of the live example above it, the snippet follows the
 * form as the reader types, and the form follows the element when the element changes its
 * own attributes (a reader's click inside the figure, say). Fired events are logged.
 */
import { snippet } from './manifest';

type Attrs = Record<string, string | boolean>;

/** The event log shows the newest events first, this many. */
const EVENTS_SHOWN = 4;

function controls(form: HTMLFormElement): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[data-attr]')];
}

/** The attributes the form describes, in the form's order, as the snippet should show them. */
export function formAttributes(form: HTMLFormElement): Attrs {
  const out: Attrs = {};
  for (const input of controls(form)) {
    const name = input.dataset.attr!;
    if (input.type === 'checkbox') { if (input.checked) out[name] = true; }
    else if (input.value !== '') out[name] = input.value;
  }
  return out;
}

function apply(el: Element, input: HTMLInputElement): void {
  const name = input.dataset.attr!;
  if (input.type === 'checkbox') el.toggleAttribute(name, input.checked);
  else if (input.value === '') el.removeAttribute(name);
  else el.setAttribute(name, input.value);
}

function syncFromElement(el: Element, form: HTMLFormElement): void {
  for (const input of controls(form)) {
    const name = input.dataset.attr!;
    if (input.type === 'checkbox') input.checked = el.hasAttribute(name);
    else if (document.activeElement !== input) input.value = el.getAttribute(name) ?? '';
  }
}

/** A short, readable line for an event's detail (bitmaps and typed arrays are named, not listed). */
export function describeDetail(detail: unknown): string {
  if (detail === undefined || detail === null) return '';
  const text = JSON.stringify(detail, (_k, v: unknown) => {
    if (typeof ImageBitmap !== 'undefined' && v instanceof ImageBitmap) return `[ImageBitmap ${v.width}×${v.height}]`;
    if (ArrayBuffer.isView(v)) return `[${v.constructor.name}]`;
    if (typeof v === 'number' && !Number.isInteger(v)) return Number(v.toFixed(3));
    return v;
  });
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

function wire(section: HTMLElement): void {
  const tag = section.dataset.tag!;
  const el = section.querySelector(`.live ${tag}`);
  const code = section.querySelector<HTMLElement>('.snippet code');
  if (!el || !code) return;
  const form = section.querySelector<HTMLFormElement>('form.playground');
  const render = () => { code.textContent = snippet(tag, form ? formAttributes(form) : {}); };

  if (form) {
    syncFromElement(el, form);
    form.addEventListener('input', (e) => {
      const input = e.target as HTMLInputElement;
      // Text is applied when the reader commits it (Enter or leaving the field), so the
      // figure does not fetch every half-typed address; the snippet follows each key.
      if (input.type === 'checkbox' || input.type === 'number') apply(el, input);
      render();
    });
    form.addEventListener('change', (e) => apply(el, e.target as HTMLInputElement));
    form.addEventListener('submit', (e) => e.preventDefault());
    form.querySelector('.reset')?.addEventListener('click', () => {
      for (const input of controls(form)) {
        if (input.type === 'checkbox') input.checked = false;
        else input.value = '';
        apply(el, input);
      }
      render();
    });
    new MutationObserver(() => { syncFromElement(el, form); render(); }).observe(el, { attributes: true });
  }
  render();

  const copied = section.querySelector<HTMLElement>('.copied');
  section.querySelector('.copy')?.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      if (copied) copied.textContent = 'Copied.';
    } catch {
      if (copied) copied.textContent = 'Select the snippet and copy it.';
      getSelection()?.selectAllChildren(code);
    }
  });

  const log = section.querySelector<HTMLOutputElement>('.event-log');
  const recent: string[] = [];
  for (const name of (section.dataset.events ?? '').split(' ').filter(Boolean)) {
    el.addEventListener(name, (e) => {
      recent.unshift(`${name} ${describeDetail((e as CustomEvent).detail)}`.trim());
      recent.length = Math.min(recent.length, EVENTS_SHOWN);
      if (log) log.textContent = recent.join('\n');
    });
  }
}

function wireAccent(): void {
  const select = document.querySelector<HTMLSelectElement>('#accent');
  select?.addEventListener('change', () => document.documentElement.style.setProperty('--cnn-accent', select.value));
}

if (typeof document !== 'undefined') {
  for (const section of document.querySelectorAll<HTMLElement>('section.component[data-tag]')) wire(section);
  wireAccent();
}
