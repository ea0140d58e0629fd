/**
 * Frames a figure's subject: the part of the figure that the prose beside it is talking
 * about. Each figure declares its subjects in a table (subject → the parts of the figure
 * it needs, and the element to mark); the figure's `subject` attribute picks one.
 *
 * - The subject's element is marked with `data-step-focus`, so readers' eyes (a ring) and
 *   tests can find it.
 * - When the figure must fit a box (its `fit` attribute, set by the article's sticky stage),
 *   the parts the subject does not need are hidden, and if what remains is still larger than
 *   the box it is scaled down to fit (CSS zoom, never below MIN_ZOOM): nothing inside the
 *   figure ever needs a scroll.
 * - The figure's controls (parts named in `controls`) fold behind one "Controls" button in
 *   a fitted figure; the button opens them over the figure.
 *
 * Parts are elements of the figure's template carrying `data-part="name"`.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

export interface SubjectSpec {
  /** The parts shown when the figure must fit its box; '*' shows every part. */
  parts: readonly string[];
  /** A selector, inside the figure's render root, for the element the prose talks about. */
  focus: string;
  /** A one-line description, for documentation and warnings. */
  about: string;
}

export type SubjectTable = Readonly<Record<string, SubjectSpec>>;

export interface FramedHost extends ReactiveControllerHost, HTMLElement {
  subject: string;
  fit: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The content box as a ResizeObserver last measured it (size-controller.ts): fitting reads no layout while it holds. */
  readonly size?: { readonly width: number; readonly height: number };
}

/** What a figure declares about its parts. */
export interface FrameSpec {
  subjects: SubjectTable;
  /** The subject when none is given. */
  fallback: string;
  /** Parts that are the figure's controls: folded behind one button when fitted. */
  controls?: readonly string[];
  /** Changes whenever the content's size may change (a new layer, a new picture). */
  contentKey?: string;
}

/** A figure with no parts to choose from: one subject, the whole figure. */
export const WHOLE_FIGURE: FrameSpec = { subjects: { all: { parts: ['*'], focus: '', about: 'the whole figure' } }, fallback: 'all' };

const TABBABLE = 'a[href], button:not([disabled]), select, input, textarea, [tabindex]:not([tabindex="-1"])';
/** How long a focus request waits for the subject to be drawn before settling for the first control. */
const FOCUS_PATIENCE_MS = 8000;

function isTabbable(el: HTMLElement): boolean {
  return el.matches(TABBABLE) && el.getClientRects().length > 0;
}

/** The first visible control in `root`, preferring a roving-tabindex item (a map or cell with tabindex 0) over links and buttons. */
function firstTabbable(root: ParentNode): HTMLElement | null {
  const visible = (el: HTMLElement) => el.getClientRects().length > 0;
  return [...root.querySelectorAll<HTMLElement>('[tabindex="0"]')].find(visible)
    ?? [...root.querySelectorAll<HTMLElement>(TABBABLE)].find(visible)
    ?? null;
}

/** Below this scale text stops being readable: layouts must fit before it. */
export const MIN_ZOOM = 0.6;

export class FrameController implements ReactiveController {
  /** Whether the folded controls are open (fitted figures only). */
  controlsOpen = false;
  /** The scale applied to fit the box, 1 when none was needed. */
  zoom = 1;
  private fittedKey = '';
  private warned = '';
  /** When a focus request was made that could not yet be met (the subject not drawn yet); 0 when none. */
  private focusWanted = 0;

  constructor(private readonly host: FramedHost, private readonly declare: () => FrameSpec) {
    host.addController(this);
  }

  private get options(): FrameSpec {
    return this.declare();
  }

  /** The subject in force: the host's, when the table knows it, else the fallback. */
  get current(): string {
    const s = this.host.subject;
    if (s && !(s in this.options.subjects)) {
      if (this.warned !== s) {
        this.warned = s;
        console.warn(`<${this.host.localName}>: subject="${s}" is not one of ${Object.keys(this.options.subjects).join(', ')}; showing "${this.options.fallback}".`);
      }
      return this.options.fallback;
    }
    return s || this.options.fallback;
  }

  get spec(): SubjectSpec {
    return this.options.subjects[this.current];
  }

  /** Whether a part shows: always outside a fitted figure; inside, when the subject needs it (controls when opened). */
  shows(part: string): boolean {
    if (!this.host.fit) return true;
    if (this.options.controls?.includes(part) && this.controlsOpen) return true;
    const parts = this.spec.parts;
    return parts.includes('*') || parts.includes(part);
  }

  /** The "Controls" button of a fitted figure; nothing otherwise. Put it where the toolbar would be. */
  controlsButton() {
    const controls = this.options.controls ?? [];
    if (!this.host.fit || controls.length === 0 || controls.every((p) => this.spec.parts.includes(p))) return nothing;
    return html`<button type="button" class="controls-toggle" part="controls-toggle" aria-expanded=${String(this.controlsOpen)}
      @click=${() => { this.controlsOpen = !this.controlsOpen; this.fittedKey = ''; this.host.requestUpdate(); }}>${this.controlsOpen ? 'Hide controls' : 'Controls'}</button>`;
  }

  hostUpdated(): void {
    const root = this.host.renderRoot;
    for (const el of root.querySelectorAll<HTMLElement>('[data-part]')) {
      const hide = !this.shows(el.dataset.part!);
      if (el.hidden !== hide) el.hidden = hide;
    }
    this.mark(root);
    this.fit(root);
    if (this.focusWanted) this.tryFocus();
  }

  /**
   * Moves keyboard focus into the figure, to the subject: its element when it takes focus,
   * else the first control inside it. A figure still loading takes focus when its subject is
   * drawn (or, after FOCUS_PATIENCE_MS, on its first control).
   */
  focusSubject(): void {
    this.focusWanted = performance.now();
    this.tryFocus();
  }

  private tryFocus(): void {
    const root = this.host.renderRoot;
    const subject = this.spec.focus ? root.querySelector<HTMLElement>('[data-step-focus]') : null;
    const patient = this.spec.focus !== '' && performance.now() - this.focusWanted < FOCUS_PATIENCE_MS;
    const target = (subject && (isTabbable(subject) ? subject : firstTabbable(subject))) ?? (patient ? null : firstTabbable(root));
    if (!target) return;
    this.focusWanted = 0;
    target.focus({ preventScroll: true });
  }

  private mark(root: HTMLElement | DocumentFragment): void {
    const want = this.spec.focus ? root.querySelector(this.spec.focus) : null;
    for (const el of root.querySelectorAll('[data-step-focus]')) if (el !== want) el.removeAttribute('data-step-focus');
    if (want && !want.hasAttribute('data-step-focus')) want.setAttribute('data-step-focus', '');
  }

  /** Scales the top-level content down until it fits the host's box; only when something that sizes it changed. */
  private fit(root: HTMLElement | DocumentFragment): void {
    const host = this.host;
    const blocks = [...root.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el.localName !== 'style' && el.localName !== 'link');
    if (!host.fit) {
      if (this.zoom !== 1) for (const el of blocks) el.style.removeProperty('zoom');
      this.zoom = 1;
      this.fittedKey = '';
      return;
    }
    // The measured size, not clientWidth: reading layout here, after every render, would force it.
    const box = host.size && host.size.width > 0 ? `${host.size.width}x${host.size.height}` : `${host.clientWidth}x${host.clientHeight}`;
    const key = `${this.current}|${box}|${this.controlsOpen}|${this.options.contentKey ?? ''}|${blocks.length}`;
    if (key === this.fittedKey) return;
    this.fittedKey = key;
    const boxH = host.clientHeight;
    const boxW = host.clientWidth;
    if (boxH === 0 || boxW === 0) { this.fittedKey = ''; return; }
    let zoom = 1;
    for (const el of blocks) el.style.removeProperty('zoom');
    for (let round = 0; round < 3; round++) {
      const h = host.scrollHeight;
      const w = host.scrollWidth;
      if (h <= boxH + 1 && w <= boxW + 1) break;
      zoom = Math.max(MIN_ZOOM, zoom * Math.min(boxH / h, boxW / w) * 0.99);
      for (const el of blocks) el.style.zoom = String(zoom);
      if (zoom === MIN_ZOOM) break;
    }
    this.zoom = zoom;
  }
}
