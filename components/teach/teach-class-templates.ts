/**
 * The "classes" part of cnn-teach: a tab per class (its name and how many pictures it has)
 * and the chosen class's panel: its name, the ways to add pictures (webcam, files, a folder,
 * the shipped examples), its pictures a page at a time, and what went wrong in words.
 */
import { html, nothing } from 'lit';
import { MAX_CLASSES, MIN_PICTURES, type ClassProblem } from '../../model/teach/teach-classes';
import type { TeachClass } from './class-list';
import type { CameraState } from './webcam-burst';

export interface ExampleChoice { id: string; title: string; alt: string; src: string }

export interface ClassesState {
  classes: readonly TeachClass[];
  active: TeachClass | undefined;
  canAdd: boolean;
  problems: readonly ClassProblem[];
  /** Sentences about the last pictures added to the active class (what was refused). */
  intakeNotes: readonly string[];
  /** “Adding 12 of 40…” while pictures are being decoded. */
  busy: string;
  camera: { available: boolean; state: CameraState; error: string; remaining: number };
  examplesOpen: boolean;
  examples: readonly ExampleChoice[];
  /** The page of pictures on show and how many fit on a page (Infinity: all). */
  page: number;
  pageSize: number;
  /** Show only the first problem (small boxes). */
  brief: boolean;
  /** Training is running: the classes cannot change. */
  locked: boolean;
  /** Held-out pictures of the last run: picture id → right or wrong. */
  verdicts: ReadonlyMap<number, { right: boolean; predicted: string }>;
}

export interface ClassesHandlers {
  select(id: number): void;
  addClass(): void;
  removeClass(id: number): void;
  rename(id: number, name: string): void;
  chooseFiles(folder: boolean): void;
  filesChosen(e: Event): void;
  openCamera(): void;
  closeCamera(): void;
  takeOne(): void;
  burst(): void;
  toggleExamples(): void;
  addExample(example: ExampleChoice): void;
  removePicture(classId: number, pictureId: number): void;
  clearClass(id: number): void;
  setPage(page: number): void;
  tabKey(e: KeyboardEvent, index: number): void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function tabsTemplate(s: ClassesState, h: ClassesHandlers) {
  return html`<div class="tabs" role="tablist" aria-label="Your classes">
    ${s.classes.map((c, i) => {
      const chosen = c.id === s.active?.id;
      const short = c.pictures.length < MIN_PICTURES;
      return html`<button type="button" role="tab" class="tab ${chosen ? 'chosen' : ''}" id="tab-${c.id}" aria-selected=${chosen ? 'true' : 'false'}
        aria-controls="class-panel" tabindex=${chosen ? '0' : '-1'} @click=${() => h.select(c.id)} @keydown=${(e: KeyboardEvent) => h.tabKey(e, i)}>
        <span class="tab-name">${c.name.trim() || `Class ${i + 1}`}</span> <span class="count ${short ? 'short' : ''}">${c.pictures.length}</span></button>`;
    })}
    <button type="button" class="add-class" ?disabled=${!s.canAdd || s.locked} @click=${h.addClass}
      title=${s.canAdd ? 'Add a class' : `At most ${MAX_CLASSES} classes`}>+ Class</button>
  </div>`;
}

function cameraTemplate(s: ClassesState, h: ClassesHandlers) {
  const cam = s.camera;
  if (cam.state === 'closed') return nothing;
  return html`<div class="camera" role="group" aria-label="Webcam" @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') h.closeCamera(); }}>
    <video autoplay muted playsinline aria-label="Live webcam preview"></video>
    <div class="camera-actions">
      ${cam.state === 'starting' ? html`<span class="hint">Starting the camera… your browser may ask for permission.</span>` : nothing}
      <button type="button" class="primary burst" ?disabled=${cam.state !== 'live' || cam.remaining > 0 || s.locked} @click=${h.burst}>
        ${cam.remaining > 0 ? `Recording… ${cam.remaining}` : 'Record 10'}</button>
      <button type="button" class="take" ?disabled=${cam.state !== 'live' || cam.remaining > 0 || s.locked} @click=${h.takeOne}>Take 1</button>
      <button type="button" class="close-camera" @click=${h.closeCamera}>Close camera</button>
    </div>
  </div>`;
}

function examplesTemplate(s: ClassesState, h: ClassesHandlers) {
  if (!s.examplesOpen) return nothing;
  return html`<div class="shelf" role="group" aria-label="Example pictures: each click adds one to this class">
    ${s.examples.map((e) => html`<button type="button" class="example" title=${`Add “${e.title}”`} ?disabled=${s.locked} @click=${() => h.addExample(e)}>
      <img src=${e.src} alt=${e.alt || e.title} width="48" height="48" loading="lazy" decoding="async" /></button>`)}
  </div>`;
}

function picturesTemplate(s: ClassesState, c: TeachClass, h: ClassesHandlers) {
  if (c.pictures.length === 0) {
    return html`<p class="empty">No pictures yet. Add at least ${MIN_PICTURES}; 20 or more from different angles teach it better. You can also drop files here.</p>`;
  }
  const size = Number.isFinite(s.pageSize) ? Math.max(1, s.pageSize) : c.pictures.length;
  const pages = Math.ceil(c.pictures.length / size);
  const page = Math.min(s.page, pages - 1);
  // The newest pictures first: what was just added is in view.
  const shown = [...c.pictures].reverse().slice(page * size, (page + 1) * size);
  return html`<div class="pictures">
    <ul class="thumbs" aria-label=${`Pictures of ${c.name.trim() || 'this class'}, newest first`}>
      ${shown.map((p) => {
        const verdict = s.verdicts.get(p.id);
        return html`<li class="thumb ${verdict ? (verdict.right ? 'right' : 'wrong') : ''}">
          <canvas width="64" height="64" data-picture=${p.id} role="img" aria-label=${p.name}></canvas>
          ${verdict ? html`<span class="verdict" title=${verdict.right ? 'Kept aside, named right' : `Kept aside, taken for ${verdict.predicted}`}>${verdict.right ? '✓' : '✗'}</span>` : nothing}
          <button type="button" class="remove" aria-label=${`Remove ${p.name}`} title="Remove" ?disabled=${s.locked} @click=${() => h.removePicture(c.id, p.id)}>×</button>
        </li>`;
      })}
    </ul>
    ${pages > 1 ? html`<div class="pager">
      <button type="button" aria-label="Newer pictures" ?disabled=${page === 0} @click=${() => h.setPage(page - 1)}>‹</button>
      <span>${page + 1} / ${pages}</span>
      <button type="button" aria-label="Older pictures" ?disabled=${page >= pages - 1} @click=${() => h.setPage(page + 1)}>›</button></div>` : nothing}
  </div>`;
}

function problemsTemplate(s: ClassesState) {
  if (s.problems.length === 0) return html`<p class="ready" data-part="problems">Ready to train: ${plural(s.classes.length, 'class', 'classes')}, ${plural(s.classes.reduce((n, c) => n + c.pictures.length, 0), 'picture')}.</p>`;
  const shown = s.brief ? s.problems.slice(0, 1) : s.problems;
  return html`<ul class="problems" data-part="problems" aria-label="Before training">
    ${shown.map((p) => html`<li>${p.message}</li>`)}
    ${s.brief && s.problems.length > 1 ? html`<li class="more">…and ${plural(s.problems.length - 1, 'more thing')} to fix.</li>` : nothing}
  </ul>`;
}

export function classesTemplate(s: ClassesState, h: ClassesHandlers) {
  const c = s.active;
  const index = c ? s.classes.indexOf(c) : -1;
  const nameProblem = c ? s.problems.find((p) => p.index === index && p.field === 'name') : undefined;
  return html`<section class="classes" data-part="classes" aria-label="Your classes">
    ${tabsTemplate(s, h)}
    ${c ? html`<div class="class-panel" id="class-panel" role="tabpanel" aria-labelledby="tab-${c.id}">
      <div class="name-row">
        <label for="class-name">Name</label>
        <input id="class-name" type="text" maxlength="40" autocomplete="off" spellcheck="false" .value=${c.name} ?disabled=${s.locked}
          aria-invalid=${nameProblem ? 'true' : 'false'} aria-describedby=${nameProblem ? 'name-problem' : nothing}
          @input=${(e: Event) => h.rename(c.id, (e.target as HTMLInputElement).value)} />
        <span class="picture-count">${plural(c.pictures.length, 'picture')}</span>
        <button type="button" class="remove-class" ?disabled=${s.classes.length <= 2 || s.locked} @click=${() => h.removeClass(c.id)}
          title=${s.classes.length <= 2 ? 'Two classes at least' : 'Remove this class and its pictures'}>Remove<span class="long"> class</span></button>
      </div>
      ${nameProblem ? html`<p class="field-problem" id="name-problem">${nameProblem.message}</p>` : nothing}
      <div class="add-row" role="group" aria-label="Add pictures to this class">
        ${s.camera.available ? html`<button type="button" class="webcam" aria-expanded=${s.camera.state !== 'closed' ? 'true' : 'false'} ?disabled=${s.locked} @click=${s.camera.state === 'closed' ? h.openCamera : h.closeCamera}>Webcam</button>` : nothing}
        <button type="button" class="upload" ?disabled=${s.locked} @click=${() => h.chooseFiles(false)}>Pictures…</button>
        <button type="button" class="folder" ?disabled=${s.locked} @click=${() => h.chooseFiles(true)}>Folder…</button>
        <button type="button" class="examples" aria-expanded=${s.examplesOpen ? 'true' : 'false'} ?disabled=${s.locked} @click=${h.toggleExamples}>Examples</button>
        ${c.pictures.length > 0 ? html`<button type="button" class="clear" ?disabled=${s.locked} @click=${() => h.clearClass(c.id)}>Clear</button>` : nothing}
        <input class="file-input" type="file" accept="image/*" multiple hidden @change=${h.filesChosen} />
        <input class="folder-input" type="file" multiple webkitdirectory hidden @change=${h.filesChosen} />
      </div>
      ${s.camera.error ? html`<p class="message error" role="alert">${s.camera.error}</p>` : nothing}
      ${cameraTemplate(s, h)}
      ${examplesTemplate(s, h)}
      ${s.busy ? html`<p class="message busy" role="status">${s.busy}</p>` : nothing}
      ${s.intakeNotes.length ? html`<div class="message error" role="alert">${s.intakeNotes.map((n) => html`<p>${n}</p>`)}</div>` : nothing}
      ${picturesTemplate(s, c, h)}
    </div>` : nothing}
    ${problemsTemplate(s)}
  </section>`;
}
