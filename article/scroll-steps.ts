/**
 * A small typed wrapper around scrollama (whose bundled types are stale). It reports the
 * step that crosses the trigger line; callers must treat each report as "show this step",
 * never as "advance by one", because scrollama can skip steps or fire them out of order.
 * The trigger line is given in px and read again whenever the window changes size.
 */
import scrollama from 'scrollama';

export interface StepEnter {
  element: HTMLElement;
  index: number;
  direction: 'up' | 'down';
}

interface ScrollamaInstance {
  setup(options: { step: string | HTMLElement[]; offset?: number | string; progress?: boolean }): ScrollamaInstance;
  onStepEnter(cb: (r: StepEnter) => void): ScrollamaInstance;
  onStepExit(cb: (r: StepEnter) => void): ScrollamaInstance;
  offset(offset: number | string): ScrollamaInstance;
  resize(): ScrollamaInstance;
  destroy(): void;
}

export interface StepWatcher {
  resize(): void;
  destroy(): void;
}

/** Calls `onChange` whenever a step crosses the trigger line (px from the top, from `triggerLine`). */
export function watchSteps(steps: HTMLElement[], onChange: (e: StepEnter) => void, triggerLine: () => number): StepWatcher {
  const instance = (scrollama as unknown as () => ScrollamaInstance)();
  instance.setup({ step: steps, offset: `${Math.round(triggerLine())}px` }).onStepEnter(onChange).onStepExit(onChange);
  const onResize = () => instance.offset(`${Math.round(triggerLine())}px`).resize();
  window.addEventListener('resize', onResize);
  return {
    resize: onResize,
    destroy: () => {
      window.removeEventListener('resize', onResize);
      instance.destroy();
    },
  };
}
