/**
 * Keeps typeset formulas inside their box: when a formula (already broken into lines by
 * its figure) is still wider than its box, its text is scaled down just enough, never
 * below `min` of its size. Measured again only when the formula's text changes, so a
 * figure can call it after every render.
 */
const fittedFor = new WeakMap<HTMLElement, string>();

export function shrinkFormulasToFit(root: ParentNode, selector: string, min = 0.75): void {
  for (const box of root.querySelectorAll<HTMLElement>(selector)) {
    const key = `${box.clientWidth}|${box.textContent ?? ''}`;
    if (fittedFor.get(box) === key) continue;
    box.style.removeProperty('font-size');
    const need = box.scrollWidth;
    const have = box.clientWidth;
    if (have > 0 && need > have + 1) {
      const style = getComputedStyle(box);
      const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const scale = Math.max(min, ((have - pad) / Math.max(1, need - pad)) * 0.98);
      box.style.fontSize = `${scale.toFixed(3)}em`;
    }
    fittedFor.set(box, key);
  }
}
