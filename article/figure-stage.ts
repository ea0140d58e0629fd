/**
 * Puts the sticky figure into a state: which view shows, and that view's image, layer,
 * channel, scale and playback position. Applying the same state twice changes nothing, so
 * it is safe to call on every step report.
 */
import type { FigureView } from '../components/shared/url-state';
import type { StepFigure } from './step-table';

interface PlaybackLike {
  total: number;
  play(): void;
  pause(): void;
  seek(step: number): void;
  setTotal?(n: number, o?: { restart?: boolean }): void;
}

type ViewElement = HTMLElement & { playback?: PlaybackLike; updateComplete?: Promise<unknown> };

const setAttr = (el: Element, name: string, value: string | null) => {
  if (value === null || value === '') {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
};

export class FigureStage {
  private current?: StepFigure;

  constructor(private readonly root: HTMLElement) {}

  view(name: FigureView): ViewElement | null {
    return this.root.querySelector<ViewElement>(`[data-view="${name}"]`);
  }

  get state(): StepFigure | undefined {
    return this.current;
  }

  apply(figure: StepFigure, { animate }: { animate: boolean }): void {
    const previous = this.current;
    this.current = figure;
    for (const el of this.root.querySelectorAll<HTMLElement>('[data-view]')) el.hidden = el.dataset.view !== figure.view;
    const el = this.view(figure.view);
    if (!el) return;
    setAttr(el, 'image', figure.image);
    if (figure.view === 'overview') {
      setAttr(el, 'scale', figure.scale);
      setAttr(el, 'selected', figure.layer ? `${figure.layer}:${figure.channel}` : null);
    } else {
      setAttr(el, 'layer', figure.layer || null);
      setAttr(el, 'channel', figure.layer ? String(figure.channel) : null);
    }
    const sameStep = previous && previous.section === figure.section && previous.step === figure.step && previous.view === figure.view;
    if (!sameStep) void this.position(el, figure.playback, animate);
  }

  /** Playback: "start" plays from the beginning (when motion is allowed); "end" shows the finished state. */
  private async position(el: ViewElement, playback: StepFigure['playback'], animate: boolean): Promise<void> {
    await customElements.whenDefined(el.localName);
    await el.updateComplete;
    const p = el.playback;
    if (!p) return;
    if (playback === 'start' && animate) {
      p.seek(0);
      p.play();
    } else {
      p.pause();
      p.seek(p.total - 1);
    }
  }
}
