import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/define-element';
import { decodeImageFile, loadImageUrl, type ImageRefusal } from '../shared/decode-image';
import { sharedPicture, warmPicture } from '../shared/shared-pictures';
import { imagePickerStyles } from './image-picker-styles';
import { anyFileFrom, droppedAddress, imageFileFrom, isDroppable, isEditableTarget, labelFromAddress, normaliseTypedAddress } from './picker-inputs';
import { canUseWebcam, captureFrame, openWebcam, stopStream } from './webcam';

export interface ImageExample {
  id: string;
  /** Short name shown under the thumbnail, e.g. “koala”. */
  title: string;
  /** Description of the picture for screen readers. */
  alt: string;
  /** Address of the picture (the thumbnail shows the same file). */
  src: string;
}

export type ImageSource = 'example' | 'file' | 'drop' | 'paste' | 'url' | 'webcam';

export interface CnnImageDetail {
  source: ImageSource;
  /** The example's id, when source is 'example'. */
  id?: string;
  /** The image's address, when source is 'url' (an http: or https: address). */
  address?: string;
  /** False when the page chose the picture (by setting `selected`), true when the reader did. */
  byReader: boolean;
  /** The picture, upright, longest side at most 1024 px. The listener owns it. */
  bitmap: ImageBitmap;
  /** Sentences for the reader about how the picture was adapted (also shown by the picker). */
  notes: string[];
  /** A short name: the example title, the file name, or the address's file name. */
  label: string;
}

export interface CnnImageErrorDetail {
  message: string;
}

type Outcome = { ok: true; bitmap: ImageBitmap; notes: string[] } | ImageRefusal;

/**
 * Lets the reader choose the picture the network classifies: an example thumbnail, an
 * uploaded, dropped or pasted file, an image address, or a webcam snapshot. Files are
 * decoded on the page and never uploaded anywhere. Shows the 64 × 64 crop the network sees
 * when given one. A refused picture leaves the previous one in place and explains why.
 *
 * @attr selected - The id of the example to show; the picker loads it when it is set.
 * @attr dense - A small form for tight boxes (a figure that must fit a phone's screen): example thumbnails wrap in small squares without captions (their names stay their accessible names and tooltips), and spacing shrinks. Nothing scrolls sideways.
 * @fires cnn-image - A picture is ready. detail: `{ source, id?, address?, byReader, bitmap, notes, label }`.
 * @fires cnn-image-error - A picture was refused. detail: `{ message }`.
 * @csspart drop-zone - The whole panel, which takes dropped files.
 * @csspart thumbnail - An example button. The chosen one also has `thumbnail-selected`.
 * @csspart thumbnail-selected - The example button currently shown.
 * @csspart button - Every action button (also `upload-button`, `webcam-button`, `url-button`).
 * @csspart url-field - The image address text field.
 * @csspart preview - The figure holding the 64 × 64 preview and its caption.
 * @csspart message - The note and error regions (also `message-note`, `message-error`).
 * @cssprop --cnn-accent - Accent colour of buttons, focus rings and the selection (default #0b62a4).
 * @cssprop --cnn-ink - Text colour.
 * @cssprop --cnn-muted - Colour of secondary text.
 * @cssprop --cnn-rule - Colour of borders.
 * @cssprop --cnn-font-ui - Font family (default system-ui).
 * @cssprop --cnn-picker-background - Panel background (default white).
 */
@customElement('cnn-image-picker')
export class CnnImagePicker extends LitElement {
  static override styles = imagePickerStyles;

  /** The example pictures offered as thumbnails. */
  @property({ attribute: false }) examples: ImageExample[] = [];

  /** The id of the example shown (empty when the picture came from elsewhere). */
  @property({ reflect: true }) selected = '';

  /** The small form: small wrapping thumbnails, tighter spacing. */
  @property({ type: Boolean, reflect: true }) dense = false;

  /** The 64 × 64 input the network receives; drawn upscaled. Assigning always redraws. */
  @property({ attribute: false, hasChanged: () => true }) preview: ImageData | HTMLCanvasElement | null = null;

  @state() private notes: string[] = [];
  @state() private error = '';
  @state() private busy = false;
  @state() private dropping = false;
  @state() private cameraOpen = false;
  @state() private cameraReady = false;

  @query('input[type=file]') private fileInput!: HTMLInputElement;
  @query('video') private video?: HTMLVideoElement;
  @query('canvas.preview-canvas') private previewCanvas?: HTMLCanvasElement;

  /** Increases with each request, so that a slow earlier one cannot overwrite a later one. */
  private request = 0;
  private shownExample = '';
  private requestedExample = '';
  /** The example the reader clicked, until its picture is ready. */
  private clickedExample = '';
  private dragDepth = 0;
  private stream: MediaStream | null = null;

  constructor() {
    super();
    this.addEventListener('paste', this.onPaste);
    this.addEventListener('dragenter', this.onDragEnter);
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('paste', this.onPaste);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('paste', this.onPaste);
    this.closeCamera(false);
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('preview')) this.drawPreview();
    if ((changed.has('selected') || changed.has('examples')) && this.selected
      && this.selected !== this.shownExample && this.selected !== this.requestedExample) {
      const example = this.examples.find((e) => e.id === this.selected);
      if (example) this.loadExample(example);
    }
  }

  // ---- the sources ---------------------------------------------------------------------

  private loadExample(example: ImageExample): void {
    this.requestedExample = example.id;
    const address = new URL(example.src, document.baseURI).href;
    void this.take('example', example.title, () => sharedPicture(address), example.id);
  }

  private readonly onFileChosen = (): void => {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    void this.take('file', file.name || 'Uploaded picture', () => decodeImageFile(file));
    this.fileInput.value = '';
  };

  private readonly onUrlSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('address') as HTMLInputElement;
    const address = normaliseTypedAddress(field.value);
    void this.take('url', labelFromAddress(address), () => loadImageUrl(address), address);
  };

  private readonly onPaste = (event: ClipboardEvent): void => {
    if (event.defaultPrevented) return;
    const file = imageFileFrom(event.clipboardData);
    if (!file) return;
    const inside = event.composedPath().includes(this);
    if (!inside && isEditableTarget(event.composedPath()[0] ?? null)) return;
    event.preventDefault();
    void this.take('paste', file.name && file.name !== 'image.png' ? file.name : 'Pasted picture', () => decodeImageFile(file));
  };

  private readonly onDragEnter = (event: DragEvent): void => {
    if (!isDroppable(event.dataTransfer)) return;
    event.preventDefault();
    this.dragDepth++;
    this.dropping = true;
  };

  private readonly onDragOver = (event: DragEvent): void => {
    if (!isDroppable(event.dataTransfer)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  private readonly onDragLeave = (): void => {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) this.dropping = false;
  };

  private readonly onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.dragDepth = 0;
    this.dropping = false;
    const file = anyFileFrom(event.dataTransfer);
    const address = file ? null : droppedAddress(event.dataTransfer);
    if (file) void this.take('drop', file.name || 'Dropped picture', () => decodeImageFile(file));
    else if (address) void this.take('drop', labelFromAddress(address), () => loadImageUrl(address));
    else this.fail('What was dropped holds no picture. Drop an image file, or an image dragged from another page.');
  };

  private async openCamera(): Promise<void> {
    if (this.cameraOpen) return;
    this.cameraOpen = true;
    this.cameraReady = false;
    const result = await openWebcam();
    if (!result.ok) {
      this.cameraOpen = false;
      this.fail(result.message);
      return;
    }
    if (!this.cameraOpen || !this.isConnected) {
      stopStream(result.stream);
      return;
    }
    this.stream = result.stream;
    await this.updateComplete;
    const video = this.video;
    if (!video) return;
    video.srcObject = result.stream;
    video.play().catch(() => undefined);
  }

  private readonly onCameraFrame = async (): Promise<void> => {
    this.cameraReady = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.take')?.focus();
  };

  private takePicture(): void {
    const video = this.video;
    void this.take('webcam', 'Webcam picture', async () => {
      const bitmap = video ? await captureFrame(video) : null;
      return bitmap
        ? { ok: true, bitmap, notes: [] }
        : { ok: false, message: 'The camera has not sent a picture yet. Wait a moment and try again.' };
    }).then(() => this.closeCamera(true));
  }

  private closeCamera(returnFocus: boolean): void {
    stopStream(this.stream);
    this.stream = null;
    if (this.video) this.video.srcObject = null;
    const wasOpen = this.cameraOpen;
    this.cameraOpen = false;
    this.cameraReady = false;
    if (wasOpen && returnFocus) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.webcam')?.focus());
    }
  }

  // ---- results -------------------------------------------------------------------------

  /** Runs one request; only the latest one may change what is shown. Never throws. */
  private async take(source: ImageSource, label: string, run: () => Promise<Outcome>, ref?: string): Promise<void> {
    const request = ++this.request;
    this.busy = true;
    let outcome: Outcome;
    try {
      outcome = await run();
    } catch {
      outcome = { ok: false, message: 'That picture could not be opened. Please try another one.' };
    }
    if (ref !== undefined && this.requestedExample === ref) this.requestedExample = '';
    if (request !== this.request) {
      if (outcome.ok) outcome.bitmap.close();
      return;
    }
    this.busy = false;
    if (!outcome.ok) {
      this.fail(outcome.message);
      return;
    }
    this.error = '';
    this.notes = outcome.notes;
    this.shownExample = source === 'example' && ref ? ref : '';
    this.selected = this.shownExample;
    const byReader = source !== 'example' || this.clickedExample === ref;
    if (byReader && source === 'example') this.clickedExample = '';
    const detail: CnnImageDetail = { source, bitmap: outcome.bitmap, notes: outcome.notes, label, byReader };
    if (source === 'example') detail.id = ref;
    if (source === 'url') detail.address = ref;
    this.dispatchEvent(new CustomEvent<CnnImageDetail>('cnn-image', { detail, bubbles: true, composed: true }));
  }

  /** Shows a refusal, keeps the previous picture, and tells the page. */
  private fail(message: string): void {
    this.busy = false;
    this.error = message;
    this.notes = [];
    this.selected = this.shownExample;
    this.dispatchEvent(new CustomEvent<CnnImageErrorDetail>('cnn-image-error', { detail: { message }, bubbles: true, composed: true }));
  }

  private drawPreview(): void {
    const canvas = this.previewCanvas;
    const source = this.preview;
    if (!canvas || !source || !source.width || !source.height) return;
    try {
      canvas.width = source.width;
      canvas.height = source.height;
      const ctx = canvas.getContext('2d');
      if (source instanceof ImageData) ctx?.putImageData(source, 0, 0);
      else ctx?.drawImage(source, 0, 0);
    } catch {
      // A canvas another page tainted cannot be drawn; the caption still says what it is.
    }
  }

  // ---- rendering -----------------------------------------------------------------------

  private renderExamples() {
    if (this.examples.length === 0) return nothing;
    return html`<div>
      <p class="heading" id="examples-heading">Examples</p>
      <div class="thumbnails" role="group" aria-labelledby="examples-heading">
        ${this.examples.map((e) => {
          const chosen = e.id === this.selected;
          return html`<button type="button" class="thumb" part=${chosen ? 'thumbnail thumbnail-selected' : 'thumbnail'}
            aria-pressed=${chosen ? 'true' : 'false'} title=${e.alt || e.title}
            @pointerenter=${() => warmPicture(e.src)} @focus=${() => warmPicture(e.src)}
            @click=${() => { this.clickedExample = e.id; this.selected = e.id; }}>
            <img src=${e.src} alt=${e.alt || e.title} width="60" height="60" loading="lazy" decoding="async" />
            <span aria-hidden="true">${e.title}</span>
          </button>`;
        })}
      </div>
    </div>`;
  }

  private renderCamera() {
    if (!this.cameraOpen) return nothing;
    return html`<div class="camera" part="webcam" role="group" aria-label="Webcam"
      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.closeCamera(true); }}>
      <video autoplay muted playsinline aria-label="Live webcam preview" @loadeddata=${this.onCameraFrame}></video>
      ${this.cameraReady ? nothing : html`<p>Starting the camera… your browser may ask for permission.</p>`}
      <div class="actions">
        <button type="button" class="btn take" part="button take-button" ?disabled=${!this.cameraReady}
          @click=${() => this.takePicture()}>Take picture</button>
        <button type="button" class="btn secondary" part="button cancel-button" @click=${() => this.closeCamera(true)}>Cancel</button>
      </div>
    </div>`;
  }

  private renderPreview() {
    if (!this.preview) return nothing;
    const { width, height } = this.preview;
    return html`<figure class="preview" part="preview">
      <canvas class="preview-canvas" width=${width} height=${height} role="img"
        aria-label=${`The ${width} by ${height} pixel picture the network receives`}></canvas>
      <figcaption>What the network sees: ${width} × ${height}</figcaption>
    </figure>`;
  }

  override render() {
    const noteText = this.busy ? ['Opening the picture…'] : this.notes;
    return html`<div class="picker ${this.preview ? 'with-preview' : ''} ${this.dropping ? 'dropping' : ''}" part="drop-zone"
      aria-busy=${this.busy ? 'true' : 'false'}>
      <div class="controls">
        ${this.renderExamples()}
        <div class="actions">
          <button type="button" class="btn" part="button upload-button" @click=${() => this.fileInput.click()}>Upload a picture</button>
          <input type="file" accept="image/*" hidden @change=${this.onFileChosen} />
          ${canUseWebcam() ? html`<button type="button" class="btn secondary webcam" part="button webcam-button"
            aria-expanded=${this.cameraOpen ? 'true' : 'false'} @click=${() => void this.openCamera()}>Use the webcam</button>` : nothing}
        </div>
        ${this.renderCamera()}
        <form novalidate @submit=${this.onUrlSubmit}>
          <label for="address">Or load a picture from the web</label>
          <div class="url-row">
            <input id="address" name="address" type="url" inputmode="url" part="url-field" autocomplete="off"
              spellcheck="false" placeholder="https://example.com/picture.jpg" />
            <button type="submit" class="btn secondary" part="button url-button">Load</button>
          </div>
        </form>
        <p class="privacy">You can also drop or paste a picture here. Your pictures stay on your device.</p>
        <div class="messages">
          <div class="message note ${noteText.length ? 'shown' : ''}" part="message message-note" role="status">
            ${noteText.map((n) => html`<p>${n}</p>`)}
          </div>
          <div class="message error ${this.error ? 'shown' : ''}" part="message message-error" role="alert">
            ${this.error ? html`<p>${this.error}</p>` : nothing}
          </div>
        </div>
      </div>
      ${this.renderPreview()}
      ${this.dropping ? html`<div class="drop-hint" aria-hidden="true">Drop the picture to use it</div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-image-picker': CnnImagePicker;
  }
  interface HTMLElementEventMap {
    'cnn-image': CustomEvent<CnnImageDetail>;
    'cnn-image-error': CustomEvent<CnnImageErrorDetail>;
  }
}
