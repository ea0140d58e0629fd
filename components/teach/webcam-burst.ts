/**
 * The camera for teaching: a live preview, one picture or a burst of them (the reader moves
 * the object a little while it records), and the camera turned off when closed, when the
 * figure leaves the page, or when the tab is hidden. Built on the picker's webcam pieces
 * (components/image-input/webcam.ts), whose refusals are already in plain words.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { canUseWebcam, captureFrame, openWebcam, stopStream } from '../image-input/webcam';

export type CameraState = 'closed' | 'starting' | 'live';

/** Pictures in a burst, and the time between them. */
export const BURST = { count: 10, everyMs: 200 } as const;

export class WebcamBurst implements ReactiveController {
  state: CameraState = 'closed';
  /** Why the camera could not be used; '' when nothing went wrong. */
  error = '';
  /** Pictures still to take in the running burst (0 when none runs). */
  remaining = 0;
  private stream: MediaStream | null = null;
  private burstTimer = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly video: () => HTMLVideoElement | null) {
    host.addController(this);
  }

  get available(): boolean {
    return canUseWebcam();
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.close();
  }

  private readonly onVisibility = (): void => {
    if (document.hidden) this.close();
  };

  /** Asks for the camera; on a refusal `error` says why, in plain words. */
  async open(): Promise<void> {
    if (this.state !== 'closed') return;
    this.state = 'starting';
    this.error = '';
    this.host.requestUpdate();
    const result = await openWebcam();
    if (!result.ok) {
      this.state = 'closed';
      this.error = result.message;
      this.host.requestUpdate();
      return;
    }
    if (this.state !== 'starting' || !this.host.isConnected) {
      stopStream(result.stream);
      return;
    }
    this.stream = result.stream;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const video = this.video();
    if (!video) return;
    // Live once the first frame is there (the buttons wait for it).
    video.addEventListener('loadeddata', this.onFrame, { once: true });
    video.srcObject = result.stream;
    video.play().catch(() => undefined);
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) this.onFrame();
  }

  /** The video sent its first frame. */
  readonly onFrame = (): void => {
    if (this.state !== 'starting') return;
    this.state = 'live';
    this.host.requestUpdate();
  };

  close(): void {
    clearTimeout(this.burstTimer);
    this.remaining = 0;
    stopStream(this.stream);
    this.stream = null;
    const video = this.video();
    if (video) video.srcObject = null;
    if (this.state !== 'closed') {
      this.state = 'closed';
      this.host.requestUpdate();
    }
  }

  /** The current frame, longest side at most 256 px; null before the first frame. */
  async frame(): Promise<ImageBitmap | null> {
    const video = this.video();
    return this.state === 'live' && video ? captureFrame(video, 256) : null;
  }

  /** Takes `count` frames `everyMs` apart, handing each to `take`; resolves when done or stopped. */
  burst(take: (bitmap: ImageBitmap) => void, count: number = BURST.count, everyMs: number = BURST.everyMs): Promise<void> {
    if (this.remaining > 0) return Promise.resolve();
    this.remaining = count;
    this.host.requestUpdate();
    return new Promise((resolve) => {
      const shoot = async () => {
        if (this.remaining <= 0 || this.state !== 'live') {
          this.remaining = 0;
          this.host.requestUpdate();
          resolve();
          return;
        }
        const bitmap = await this.frame();
        if (bitmap) take(bitmap);
        this.remaining--;
        this.host.requestUpdate();
        this.burstTimer = window.setTimeout(shoot, everyMs);
      };
      void shoot();
    });
  }

  /** Ends a running burst early. */
  stopBurst(): void {
    this.remaining = 0;
    this.host.requestUpdate();
  }
}
