/**
 * A small typed wrapper around scrollama (whose bundled types are stale). It reports the
 * step that crosses the trigger line; callers must treat each report as "show this step",
 * never as "advance by one", because scrollama can skip steps or fire them out of order.
 */
import scrollama from 'scrollama';

export interface StepEnter {
  element: HTMLElement;
  index: number;
  direction: 'up' | 'down';
}

interface ScrollamaInstance {
  setup(options: { step: string | HTMLElement[]; offset?: number; progress?: boolean }): ScrollamaInstance;
  onStepEnter(cb: (r: StepEnter) => void): ScrollamaInstance;
  resize(): ScrollamaInstance;
  destroy(): void;
}

export interface StepWatcher {
  resize(): void;
  destroy(): void;
}

export function watchSteps(steps: HTMLElement[], onEnter: (e: StepEnter) => void, offset = 0.55): StepWatcher {
  const instance = (scrollama as unknown as () => ScrollamaInstance)();
  instance.setup({ step: steps, offset }).onStepEnter(onEnter);
  const onResize = () => instance.resize();
  window.addEventListener('resize', onResize);
  return {
    resize: () => instance.resize(),
    destroy: () => {
      window.removeEventListener('resize', onResize);
      instance.destroy();
    },
  };
}
