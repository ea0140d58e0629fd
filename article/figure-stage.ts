/**
 * Puts the sticky figure into a step's state: which view shows, the attributes the URL
 * table maps to it, the step's subject (which the view frames and marks with
 * `data-step-focus`) and the playback position. Every view on the stage is told to fit the
 * stage's box (`fit`), so nothing inside it ever needs a scroll. Applying the same state
 * twice changes nothing, so it is safe to call on every step report.
 */
import { stateOfView, viewAttributes, type FigureState, type FigureView } from '../components/shared/url-state';
import type { StepFigure } from './step-table';

interface PlaybackLike {
  total: number;
  play(): void;
  pause(): void;
  seek(step: number): void;
}

type ViewElement = HTMLElement & { playback?: PlaybackLike; updateComplete?: Promise<unknown> };

const setAttr = (el: Element, name: string, value: string | null) => {
  if (value === null || value === '') {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
};

/** Subjects outside the view: parts of the stage itself (its bar's buttons). */
const STAGE_SUBJECT = /^stage:(.+)$/;

export class FigureStage {
  private current?: StepFigure;

  constructor(private readonly root: HTMLElement, private readonly stage: HTMLElement) {}

  view(name: FigureView): ViewElement | null {
    return this.root.querySelector<ViewElement>(`[data-view="${name}"]`);
  }

  get state(): StepFigure | undefined {
    return this.current;
  }

  /** What the view on show says of its state now, the reader's own changes included. */
  viewState(): Partial<FigureState> {
    const f = this.current;
    const el = f && this.view(f.view);
    return f && el ? stateOfView(f.view, (name) => el.getAttribute(name)) : {};
  }

  /** `keepPicture`: the reader chose a picture, which every figure shows until they choose again; the step's picture gives way. */
  apply(figure: StepFigure, { animate, keepPicture = false }: { animate: boolean; keepPicture?: boolean }): void {
    const previous = this.current;
    this.current = figure;
    for (const el of this.root.querySelectorAll<HTMLElement>('[data-view]')) {
      el.hidden = el.dataset.view !== figure.view;
      if (!el.hasAttribute('fit')) el.setAttribute('fit', '');
    }
    const el = this.view(figure.view);
    if (!el) return;
    for (const [name, value] of Object.entries(viewAttributes(figure.view, figure))) {
      if (!(keepPicture && name === 'image')) setAttr(el, name, value);
    }
    const stageSubject = STAGE_SUBJECT.exec(figure.focus);
    setAttr(el, 'subject', stageSubject ? null : figure.focus);
    for (const marked of this.stage.querySelectorAll('[data-stage-part][data-step-focus]')) marked.removeAttribute('data-step-focus');
    if (stageSubject) this.stage.querySelector(`[data-stage-part="${CSS.escape(stageSubject[1])}"]`)?.setAttribute('data-step-focus', '');
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
