/**
 * The first layout of the whole prerendered article took many frame budgets (~75 ms of layout
 * and ~30 ms of style on this machine, most of it shaping text the first time), in one task,
 * before the figure could draw. The stylesheet lets the browser skip each step until it comes
 * near the window (`content-visibility: auto`, with a placeholder height). Here the steps are
 * laid out for good, one per idle task after load, so that a second or two later the page's
 * geometry is exact: the scrollbar, the step observers and the jumps no longer rest on
 * placeholder heights. Until then, whatever the reader scrolled to stays where it is: the
 * steps above it are laid out at once, and the page scrolled by what they grew or shrank.
 */

/** The class that lays a step out for good (see style.css). */
export const LAID_OUT = 'laid-out';

const idle = (cb: () => void) =>
  window.requestIdleCallback ? window.requestIdleCallback(cb, { timeout: 1000 }) : setTimeout(cb, 50);

export class StepLayout {
  private readonly left: HTMLElement[];

  constructor(private readonly steps: readonly HTMLElement[]) {
    this.left = steps.filter((el) => !el.classList.contains(LAID_OUT));
  }

  /** Whether every step has its real height. */
  get done(): boolean {
    return this.left.length === 0;
  }

  /** Lays out every step up to `index` that is not yet, in this task: a jump must not rest on placeholders. */
  through(index: number): void {
    // `left` keeps the document's order, so the ones to do now are its first.
    this.layOut(this.left.splice(0, this.left.filter((el) => this.steps.indexOf(el) <= index).length));
  }

  /** Lays out every step above the first one whose top is in the window, keeping that one in place. */
  aboveTheWindow(): void {
    const first = this.anchorIndex();
    if (first > 0) this.through(first - 1);
  }

  /** The first step whose top is in the window or below it (reading a skipped step's own box lays nothing out). */
  private anchorIndex(): number {
    return this.steps.findIndex((el) => el.getBoundingClientRect().top >= 0);
  }

  /** Lays the other steps out one per idle task, in order, each keeping the window's content in place; resolves when all are. */
  whenIdle(): Promise<void> {
    return new Promise((done) => {
      const next = () => {
        if (this.done) return done();
        this.layOut(this.left.splice(0, 1));
        idle(next);
      };
      idle(next);
    });
  }

  private layOut(els: HTMLElement[]): void {
    if (els.length === 0) return;
    const anchor = this.steps[this.anchorIndex()];
    const before = anchor?.getBoundingClientRect().top ?? 0;
    for (const el of els) el.classList.add(LAID_OUT);
    // This read lays them out, in this task rather than in the next frame's.
    const after = anchor?.getBoundingClientRect().top ?? 0;
    if (after !== before) window.scrollBy({ top: after - before, behavior: 'instant' });
  }
}
