/**
 * Where the reader is, from geometry alone. Two layouts: beside the prose (wide screens),
 * where the trigger line is the middle of the viewport; and above it (phones and narrow
 * windows), where the sticky figure fills the top of the screen and the trigger line sits
 * in the strip of prose below it. A step is the reader's while its top is above the line
 * and the next step's top is not. Jumps (next step, contents, links) land a step with its
 * first line just below the figure, or a quarter down a wide screen.
 */

/** Gap between the figure's lower edge and a landed step's first line, in px. */
const LANDING_GAP = 16;

export class StepGeometry {
  constructor(private readonly steps: readonly HTMLElement[], private readonly stage: HTMLElement) {}

  /** True when the figure sits above the prose rather than beside it (the stylesheet says which, in `--stage-layout`). */
  get stacked(): boolean {
    return getComputedStyle(this.stage).getPropertyValue('--stage-layout').trim() === 'stacked';
  }

  /** Height of the figure when stuck to the top of a stacked layout; 0 beside the prose. */
  private stageCover(): number {
    return this.stacked ? this.stage.offsetHeight : 0;
  }

  /** The trigger line, in px from the top of the viewport. */
  triggerLine(): number {
    const cover = this.stageCover();
    return cover ? cover + (innerHeight - cover) * 0.3 : innerHeight * 0.5;
  }

  /** The last step whose top is above the trigger line: where the reader is, whatever fired; -1 before the first. */
  stepAtTriggerLine(): number {
    const line = this.triggerLine();
    let found = -1;
    for (let i = 0; i < this.steps.length; i++) {
      if (this.steps[i].getBoundingClientRect().top <= line) found = i;
      else break;
    }
    return found;
  }

  /** Where a jump puts a step's top, in px from the top of the viewport. */
  landingLine(): number {
    const cover = this.stageCover();
    return cover ? cover + LANDING_GAP : Math.round(innerHeight * 0.25);
  }

  /** The scroll position that lands step i. */
  scrollTopFor(i: number): number {
    const el = this.steps[i];
    if (!el) return scrollY;
    return Math.max(0, Math.round(el.getBoundingClientRect().top + scrollY - this.landingLine()));
  }
}
