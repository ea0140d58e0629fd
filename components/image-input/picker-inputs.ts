/** Small helpers that pull a picture out of a paste, a drop or a typed address. */

/** The first image file in a clipboard or drag payload, or null. */
export function imageFileFrom(data: DataTransfer | null | undefined): File | null {
  if (!data) return null;
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file' && item.type.startsWith('image/')) {
      const file = item.getAsFile();
      if (file) return file;
    }
  }
  return Array.from(data.files ?? []).find((f) => f.type.startsWith('image/')) ?? null;
}

/** The first file of any type in a drop (a wrong one gets a clear message, not silence). */
export function anyFileFrom(data: DataTransfer | null | undefined): File | null {
  return imageFileFrom(data) ?? data?.files?.[0] ?? null;
}

/** The first address in a text/uri-list drop (dragging an image from another page), or null. */
export function droppedAddress(data: DataTransfer | null | undefined): string | null {
  const list = data?.getData('text/uri-list') ?? '';
  const first = list.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  return first ?? null;
}

/** Whether a drag carries something this element can take (files or an address). */
export function isDroppable(data: DataTransfer | null | undefined): boolean {
  const types = Array.from(data?.types ?? []);
  return types.includes('Files') || types.includes('text/uri-list');
}

/** Readers often type “example.com/cat.jpg”: give such an address its https:// scheme. */
export function normaliseTypedAddress(text: string): string {
  const t = text.trim();
  return /^[\w-]+(\.[\w-]+)+(:\d+)?(\/|$)/.test(t) ? `https://${t}` : t;
}

/** A short label for a picture loaded from an address: its file name, else its host. */
export function labelFromAddress(address: string): string {
  try {
    const url = new URL(address);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return 'Picture from an address';
    const last = url.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url.hostname;
  } catch {
    return 'Picture from an address';
  }
}

/** True when a paste lands in a text field or editable region outside the picker. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}
