/**
 * Step-by-step playback shared by every animated view: play and pause, step back and
 * forward, scrub, and speed, all reachable from the keyboard. A default pass lasts at most
 * `passMs` (20 s) however many steps there are. With reduced motion nothing autoplays and
 * the end state shows at once. Where a device cannot step as fast as asked, a playing pass
 * keeps to its clock: it jumps to the step that is due (every step stays reachable by
 * stepping and scrubbing).
 */
import { html, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { motionReduced, onMotionChange } from './reduced-motion';

export interface PlaybackOptions {
  /** Longest time one pass at 1× may take. */
  passMs?: number;
  /** Slowest pace, so short passes stay readable. */
  maxStepMs?: number;
  /** Start playing when the view first appears (ignored under reduced motion). */
  autoplay?: boolean;
  /** Called whenever the step changes, with the new step. */
  onStep?: (step: number) => void;
  /** Milliseconds since some origin; tests pass a fake clock. Defaults to performance.now. */
  now?: () => number;
}

export const SPEEDS = [0.5, 1, 2, 4] as const;

/** Icons as inline SVG (symbol fonts for ⏮ ⏸ ⏭ are missing on many systems); other play buttons use them too. */
const icon = (d: string) => html`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">${svg`<path d=${d} fill="currentColor"></path>`}</svg>`;
export const ICONS = {
  back: icon('M3 3h2v10H3zM14 3v10L6 8z'),
  play: icon('M4 2.5v11L13.5 8z'),
  pause: icon('M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z'),
  forward: icon('M11 3h2v10h-2zM2 3v10l8-5z'),
};

export class PlaybackController implements ReactiveController {
  step = 0;
  total = 1;
  playing = false;
  speed = 1;
  reduced = motionReduced();

  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe?: () => void;
  private readonly passMs: number;
  private readonly maxStepMs: number;
  private readonly now: () => number;
  /** Where the pass's clock started: the step and the time, at the pace then in force. */
  private clock: { t0: number; step0: number; stepMs: number } | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: PlaybackOptions = {}) {
    this.passMs = options.passMs ?? 20_000;
    this.maxStepMs = options.maxStepMs ?? 900;
    this.now = options.now ?? (() => performance.now());
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onMotionChange((reduced) => {
      this.reduced = reduced;
      if (reduced) this.pause();
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.stopTimer();
    this.playing = false;
  }

  /** Milliseconds per step at the current speed. */
  get stepMs(): number {
    return Math.min(this.maxStepMs, this.passMs / Math.max(1, this.total)) / this.speed;
  }

  /** Sets how many steps a pass has; under reduced motion jumps to the end state. */
  setTotal(total: number, { restart = false } = {}): void {
    this.total = Math.max(1, Math.floor(total));
    if (restart || this.step >= this.total) this.seek(this.reduced ? this.total - 1 : 0);
    if (restart && this.options.autoplay && !this.reduced) this.play();
    this.host.requestUpdate();
  }

  seek(step: number): void {
    const s = Math.max(0, Math.min(this.total - 1, Math.round(step)));
    if (s === this.step) return;
    this.step = s;
    this.options.onStep?.(s);
    this.host.requestUpdate();
  }

  next(): void { this.pause(); this.seek(this.step + 1); }
  prev(): void { this.pause(); this.seek(this.step - 1); }

  play(): void {
    if (this.playing) return;
    if (this.step >= this.total - 1) this.seek(0);
    this.playing = true;
    this.clock = null;
    this.schedule();
    this.host.requestUpdate();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.stopTimer();
    this.host.requestUpdate();
  }

  toggle(): void { if (this.playing) this.pause(); else this.play(); }

  setSpeed(speed: number): void {
    this.speed = SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? speed : 1;
    this.host.requestUpdate();
  }

  private schedule(): void {
    this.stopTimer();
    this.timer = setTimeout(() => {
      if (!this.playing) return;
      if (this.step >= this.total - 1) { this.pause(); return; }
      this.seek(this.dueStep());
      this.schedule();
    }, this.stepMs);
  }

  /**
   * The next step of a playing pass: the one after the current, or, when the device has
   * fallen more than a step behind the pass's clock, the step the clock says is due. The
   * clock starts again whenever the pace changes or the reader moves back.
   */
  private dueStep(): number {
    const now = this.now();
    const c = this.clock;
    if (!c || c.stepMs !== this.stepMs || this.step < c.step0) {
      this.clock = { t0: now, step0: this.step, stepMs: this.stepMs };
      return this.step + 1;
    }
    const due = c.step0 + Math.floor((now - c.t0) / c.stepMs);
    return due > this.step + 2 ? Math.min(this.total - 1, due) : this.step + 1;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Keyboard: Space/K toggles, ←/J and →/L step, Home/End jump. Returns true if handled. */
  handleKey(e: KeyboardEvent): boolean {
    const map: Record<string, () => void> = {
      ' ': () => this.toggle(), k: () => this.toggle(),
      ArrowLeft: () => this.prev(), j: () => this.prev(),
      ArrowRight: () => this.next(), l: () => this.next(),
      Home: () => { this.pause(); this.seek(0); },
      End: () => { this.pause(); this.seek(this.total - 1); },
    };
    const act = map[e.key];
    if (!act) return false;
    e.preventDefault();
    act();
    return true;
  }

  /** The control bar. `label` names what is being played, for screen readers. */
  controls(label: string) {
    return html`<div class="playback" part="playback" role="group" aria-label="${label} playback">
      <button type="button" part="button" @click=${() => this.prev()} ?disabled=${this.step === 0} aria-label="Step back">${ICONS.back}</button>
      <button type="button" part="button" class="play" @click=${() => this.toggle()} aria-label=${this.playing ? 'Pause' : 'Play'}>${this.playing ? ICONS.pause : ICONS.play}</button>
      <button type="button" part="button" @click=${() => this.next()} ?disabled=${this.step >= this.total - 1} aria-label="Step forward">${ICONS.forward}</button>
      <input type="range" part="scrub" min="0" max=${this.total - 1} .value=${String(this.step)}
        aria-label="${label}: step" aria-valuetext="step ${this.step + 1} of ${this.total}"
        @input=${(e: Event) => { this.pause(); this.seek(Number((e.target as HTMLInputElement).value)); }}>
      <label class="speed">Speed
        <select part="speed" @change=${(e: Event) => this.setSpeed(Number((e.target as HTMLSelectElement).value))}>
          ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`)}
        </select>
      </label>
      <span class="step-count" aria-hidden="true">${this.step + 1} / ${this.total}</span>
    </div>`;
  }
}
