/**
 * Turns a figure's `image` attribute (an example id or a URL) and the picker's events into
 * images for the network. Bad values warn and fall back to the first example; a bad upload
 * leaves the previous image in place.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { exampleBitmap, loadExamples, type Example } from './examples';
import type { NetworkController } from './network-controller';
import { loadImageUrl } from '../image-input/decode-image';

export interface PickedImage {
  source: string;
  id?: string;
  bitmap: ImageBitmap;
  notes: string[];
  label: string;
}

type Host = ReactiveControllerHost & HTMLElement & { image: string };

let uploads = 0;

/**
 * The picture the reader chose on this page (upload, drop, paste, webcam, URL). Any figure
 * whose `image` is `reader` shows it, so one upload reaches every figure on the page.
 */
export const READER_IMAGE = 'reader';
let readerPicture: { key: string; label: string; source: () => Promise<ImageBitmap> } | null = null;
const readers = new Set<ImageSourceController>();

export class ImageSourceController implements ReactiveController {
  examples: Example[] = [];
  /** The example on screen, if the image is one. */
  exampleId = '';
  /** What the reader sees named as the current image. */
  label = '';
  error = '';

  constructor(private readonly host: Host, private readonly network: NetworkController) {
    host.addController(this);
  }

  hostConnected(): void {
    readers.add(this);
  }

  hostDisconnected(): void {
    readers.delete(this);
  }

  /** Shows the image named by an attribute value; '' means the first example. */
  request(value: string | null | undefined): void {
    // A removed attribute arrives as null: it means "no image chosen", like "".
    const v = (value ?? '').trim();
    if (v === READER_IMAGE && readerPicture) {
      const picture = readerPicture;
      this.exampleId = '';
      this.label = picture.label;
      this.error = '';
      this.network.showImage(picture.key, picture.source);
      this.host.requestUpdate();
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
        if (v && v !== READER_IMAGE) console.warn(`<${this.host.localName}>: image="${v}" is neither an example id (${list.map((e) => e.id).join(', ')}) nor a URL; showing "${list[0].id}".`);
        ex = list[0];
      }
      this.showExample(ex);
    });
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

  /** A picture from the picker: upload, drop, paste, webcam, URL or example. */
  readonly onPicked = (e: CustomEvent<PickedImage>): void => {
    const d = e.detail;
    if (d.source === 'example' && d.id) {
      this.host.image = d.id;
      return;
    }
    const bitmap = d.bitmap;
    readerPicture = { key: `${d.source}:${++uploads}`, label: d.label, source: async () => bitmap };
    for (const other of readers) if (other === this || other.host.image === READER_IMAGE) other.request(READER_IMAGE);
    this.host.image = READER_IMAGE;
  };

  /** The picker, the crop the network sees, and any message. */
  template(compact = false) {
    const examples = this.examples.map((e) => ({ id: e.id, title: e.title, alt: e.alt, src: e.src }));
    const picker = html`<cnn-image-picker .examples=${examples} selected=${this.exampleId || nothing} @cnn-image=${this.onPicked}></cnn-image-picker>`;
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
