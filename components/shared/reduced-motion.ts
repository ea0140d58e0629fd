/**
 * Whether figures should animate: false when the reader's system asks for reduced motion,
 * or when the page's own motion toggle (the article's) turned motion off. One source of
 * truth for every figure; listeners hear about changes.
 */
const listeners = new Set<(reduced: boolean) => void>();
let pageOverride: boolean | null = null;

function systemPrefersReduced(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function motionReduced(): boolean {
  return pageOverride ?? systemPrefersReduced();
}

/** The article's motion toggle: true or false overrides the system; null defers to it. */
export function setMotionReduced(value: boolean | null): void {
  pageOverride = value;
  const now = motionReduced();
  for (const l of listeners) l(now);
}

export function onMotionChange(listener: (reduced: boolean) => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1 && typeof matchMedia !== 'undefined') {
    matchMedia('(prefers-reduced-motion: reduce)').addEventListener?.('change', notifyAll);
  }
  return () => listeners.delete(listener);
}

function notifyAll(): void {
  const now = motionReduced();
  for (const l of listeners) l(now);
}
