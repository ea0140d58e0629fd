/**
 * Turns a figure's `image` attribute (an example id or a URL) and the reader's picks into
 * images for the network. The figure shows the newest choice, whichever came last: its own
 * attribute being set, or the reader picking a picture in any figure's picker (the page's
 * picture store). Bad values warn and fall back to the first example; a bad upload leaves
 * the previous image in place. Renders the picker and the crop the network sees, and paints
 * that crop.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { exampleBitmap, loadExamples, type Example } from './examples';
import type { NetworkController } from './network-controller';
import { loadImageUrl } from './decode-image';
import { warmPicture } from './shared-pictures';
import { paintRgb } from './map-painter';
import { OWN_PICTURE, nextChoiceSerial, pictureStore, type PictureChoice, type ReaderPicture } from './picture-store';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

export class ImageSourceController implements ReactiveController {
  examples: Example[] = [];
  /** The example on screen, if the image is one. */
  exampleId = '';
  /** What the reader sees named as the current image. */
  label = '';
  error = '';
  /** Something the reader should know about the picture on show (not a failure); '' when nothing. */
  notice = '';

  /** When what is on show was chosen (see nextChoiceSerial); the markup's first value counts as oldest. */
  private shownSerial = 0;
  private requested = false;
  private unsubscribe?: () => void;

  constructor(private readonly host: Host, private readonly network: NetworkController) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = pictureStore.subscribe((picture) => this.showPicture(picture));
    const picture = pictureStore.current;
    if (this.requested && picture && picture.serial > this.shownSerial) this.showPicture(picture);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Paints the crop the network sees once its run is on screen. */
  hostUpdated(): void {
    const crop = this.host.renderRoot.querySelector<HTMLCanvasElement>('canvas.crop-preview');
    const { run, info } = this.network;
    if (!crop || !run || !info || crop.dataset.painted === run.imageKey) return;
    crop.dataset.painted = run.imageKey;
    paintRgb(crop, run.values[0], info.layers[0].shape);
  }

  /**
   * Shows the image an attribute names; '' means the first example. The figure's first
   * value (its markup) gives way to a picture the reader chose before the figure started.
   */
  request(value: string | null | undefined): void {
    const first = !this.requested;
    this.requested = true;
    const picture = pictureStore.current;
    // A removed attribute arrives as null: it means "no image chosen", like "".
    const v = (value ?? '').trim();
    if (picture && (first || v === picture.shareable)) {
      this.showPicture(picture);
      return;
    }
    this.shownSerial = first ? 0 : nextChoiceSerial();
    this.notice = '';
    if (v === OWN_PICTURE) {
      void this.withExamples((list) => {
        if (list.length === 0) return;
        this.showExample(list[0]);
        this.notice = `This link was made with a picture from the sender's own device, which a link cannot carry. Showing ${list[0].title} instead: choose your own with Change the picture.`;
      });
      return;
    }
    if (/^(https?:|data:|blob:|\.{0,2}\/)/i.test(v) || /\.(png|jpe?g|gif|webp|bmp)(\?|$)/i.test(v)) {
      this.showUrl(v);
      return;
    }
    void this.withExamples((list) => {
      if (list.length === 0) return;
      let ex = list.find((e) => e.id === v);
      if (!ex) {
        if (v) console.warn(`<${this.host.localName}>: image="${v}" is neither an example id (${list.map((e) => e.id).join(', ')}) nor a URL; showing "${list[0].id}".`);
        ex = list[0];
      }
      this.showExample(ex);
    });
  }

  private showPicture(picture: ReaderPicture): void {
    this.shownSerial = picture.serial;
    this.notice = '';
    this.exampleId = picture.exampleId;
    this.label = picture.label;
    this.error = '';
    this.network.showImage(picture.key, async () => picture.bitmap);
    if (this.examples.length === 0) void this.withExamples(() => undefined);
    this.host.requestUpdate();
  }

  private async withExamples(then: (list: Example[]) => void): Promise<void> {
    try {
      this.examples = await loadExamples();
    } catch (err) {
      this.error = (err as Error).message;
      this.host.requestUpdate();
      return;
    }
    this.host.requestUpdate();
    then(this.examples);
  }

  private showExample(ex: Example): void {
    this.exampleId = ex.id;
    this.label = ex.title;
    this.error = '';
    // Downloaded and decoded now, while the model may still be loading; the run takes a copy.
    warmPicture(ex.src);
    this.network.showImage(`example:${ex.id}`, () => exampleBitmap(ex));
    this.host.requestUpdate();
  }

  private showUrl(url: string): void {
    const href = new URL(url, document.baseURI).href;
    this.network.showImage(`url:${href}`, async () => {
      const result = await loadImageUrl(href);
      if (!result.ok) {
        this.error = result.message;
        this.host.requestUpdate();
        throw new Error(result.message);
      }
      this.exampleId = '';
      this.label = href;
      this.error = '';
      return result.bitmap;
    });
  }

  /** A picture from a picker (upload, drop, paste, webcam, address or example): the page's new reader picture. */
  readonly onPicked = (e: CustomEvent<PictureChoice>): void => {
    // The picker also loads, and reports, the example this figure shows (its `selected`):
    // that is the figure's own picture, not a choice of the reader's.
    if (e.detail.byReader === false) return;
    pictureStore.choose(e.detail);
  };

  /** The picker, the crop the network sees, and any message; `dense` asks the picker for its small form. */
  template(compact = false, dense = false) {
    const examples = this.examples.map((e) => ({ id: e.id, title: e.title, alt: e.alt, src: e.src }));
    const picker = html`<cnn-image-picker .examples=${examples} selected=${this.exampleId || nothing} ?dense=${dense} @cnn-image=${this.onPicked}></cnn-image-picker>`;
    return html`<div class="source" part="source">
      ${compact ? html`<details class="picker-drawer"><summary>Change the picture</summary>${picker}</details>` : picker}
      <div class="crop">
        <canvas class="crop-preview" width="64" height="64" role="img" aria-label="The 64 by 64 crop the network sees${this.label ? `: ${this.label}` : ''}"></canvas>
        <span>What the network sees: 64 × 64${this.label ? html`<br><strong>${this.label}</strong>` : nothing}</span>
      </div>
      ${this.error ? html`<p class="status" data-kind="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }
}
