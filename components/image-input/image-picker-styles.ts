import { css } from 'lit';

/** Shadow-DOM styles of <cnn-image-picker>. */
export const imagePickerStyles = css`
  :host {
    --accent: var(--cnn-accent, #0b62a4);
    --ink: var(--cnn-ink, #1d1d1f);
    --muted: var(--cnn-muted, #5b5f66);
    --rule: var(--cnn-rule, #d9dce1);
    display: block;
    container-type: inline-size;
    font: 15px/1.45 var(--cnn-font-ui, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--ink);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }

  .picker {
    position: relative;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
    padding: 14px;
    border: 1px solid var(--rule);
    border-radius: 12px;
    background: var(--cnn-picker-background, #fff);
  }
  .controls { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; align-content: start; }
  @container (min-width: 480px) {
    .picker.with-preview { grid-template-columns: minmax(0, 1fr) auto; }
  }
  .picker.dropping {
    outline: 3px dashed var(--accent);
    outline-offset: -3px;
    background: color-mix(in srgb, var(--accent) 6%, #fff);
  }
  .drop-hint {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    border-radius: 12px;
    background: color-mix(in srgb, var(--accent) 10%, rgb(255 255 255 / 0.9));
    color: var(--accent);
    font-weight: 600;
    font-size: 1.1em;
    pointer-events: none;
  }

  .heading { margin: 0 0 6px; font-size: 0.85em; font-weight: 600; color: var(--muted); }
  .thumbnails {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(76px, 1fr));
    gap: 8px;
    margin: -4px;
    padding: 4px;
  }
  /* On a phone, one row that scrolls sideways keeps the controls in view. */
  @container (max-width: 479.98px) {
    .thumbnails {
      display: flex;
      overflow-x: auto;
      scroll-snap-type: x proximity;
      scrollbar-width: thin;
      padding-bottom: 8px;
    }
    .thumb { flex: 0 0 76px; scroll-snap-align: start; }
  }
  .thumb {
    display: grid;
    justify-items: center;
    gap: 3px;
    min-width: 0;
    padding: 4px 4px 3px;
    border: 2px solid transparent;
    border-radius: 10px;
    background: #f2f4f7;
    color: var(--ink);
    font: inherit;
    font-size: 12px;
    line-height: 1.2;
    cursor: pointer;
  }
  .thumb:hover { border-color: color-mix(in srgb, var(--accent) 40%, transparent); }
  .thumb[aria-pressed='true'] {
    border-color: var(--accent);
    background: color-mix(in srgb, var(--accent) 10%, #fff);
  }
  .thumb img { width: 60px; height: 60px; object-fit: cover; border-radius: 6px; background: #dde1e6; display: block; }
  .thumb span { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

  .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  .actions > button.btn { flex: 1 1 auto; }
  button.btn {
    min-height: 40px;
    padding: 8px 14px;
    border: 1px solid var(--accent);
    border-radius: 8px;
    background: var(--accent);
    color: #fff;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.btn.secondary { background: #fff; color: var(--accent); }
  button.btn:hover { filter: brightness(1.08); }
  button.btn:disabled { opacity: 0.55; cursor: default; filter: none; }
  button:focus-visible, input:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }

  form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 4px; margin: 0; }
  label { font-size: 0.85em; font-weight: 600; color: var(--muted); }
  .url-row { display: flex; gap: 8px; }
  .url-row input {
    flex: 1;
    min-width: 0;
    min-height: 40px;
    padding: 8px 10px;
    border: 1px solid #b9bfc7;
    border-radius: 8px;
    font: inherit;
    color: inherit;
    background: #fff;
  }
  .privacy { margin: 0; font-size: 0.85em; color: var(--muted); }

  .camera { display: grid; gap: 8px; width: 100%; max-width: 382px; padding: 10px; border: 1px solid var(--rule); border-radius: 10px; background: #f7f8fa; }
  .camera video { width: 100%; max-width: 360px; aspect-ratio: 4 / 3; border-radius: 8px; background: #111; object-fit: cover; }
  .camera p { margin: 0; color: var(--muted); font-size: 0.9em; }

  .preview { margin: 0; display: grid; gap: 6px; justify-items: center; align-content: start; }
  .preview canvas {
    width: 160px;
    height: 160px;
    image-rendering: pixelated;
    border: 1px solid var(--rule);
    border-radius: 4px;
    background: #eceef1;
  }
  .preview figcaption { font-size: 0.85em; color: var(--muted); text-align: center; }

  .messages { display: grid; }
  .message.shown + .message.shown { margin-top: 8px; }
  /* Empty live regions stay in the page (so that they are announced) but take no room. */
  .messages:not(:has(.shown)) { margin-top: -14px; }
  .message { margin: 0; border-radius: 8px; font-size: 0.95em; }
  .message:not(.shown) { height: 0; overflow: hidden; }
  .message.shown { padding: 10px 12px; }
  .message p { margin: 0; }
  .message p + p { margin-top: 6px; }
  .note.shown { background: #eef4fa; border-left: 4px solid var(--accent); }
  .error.shown { background: #fdeeee; border-left: 4px solid #c62828; color: #7a1616; }

  @media (prefers-reduced-motion: no-preference) {
    .thumb, button.btn { transition: border-color 120ms, background-color 120ms, filter 120ms; }
  }

  /* The small form (dense): every thumbnail in view without a sideways scroller. */
  :host([dense]) { font-size: 14px; }
  :host([dense]) .picker { gap: 8px; padding: 8px; }
  :host([dense]) .controls { gap: 8px; }
  :host([dense]) .heading { display: none; }
  :host([dense]) .thumbnails {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(32px, 1fr));
    gap: 4px;
    overflow: visible;
    margin: 0;
    padding: 0;
  }
  :host([dense]) .thumb { padding: 2px; border-radius: 7px; }
  :host([dense]) .thumb img { width: 100%; height: auto; aspect-ratio: 1; border-radius: 4px; }
  :host([dense]) .thumb span { display: none; }
  :host([dense]) .actions { flex-wrap: nowrap; }
  :host([dense]) button.btn { min-height: 36px; padding: 6px 10px; font-size: 13px; white-space: nowrap; }
  :host([dense]) .url-row input { min-height: 36px; padding: 6px 8px; }
  :host([dense]) .privacy { font-size: 12px; line-height: 1.3; }
  :host([dense]) form { gap: 2px; }
  /* Notes and errors lie over the foot of the small form instead of making it taller. */
  :host([dense]) .messages { position: absolute; left: 8px; right: 8px; bottom: 8px; margin: 0; z-index: 1; }
  :host([dense]) .message.shown { box-shadow: 0 2px 10px rgba(0, 0, 0, 0.18); }
`;
