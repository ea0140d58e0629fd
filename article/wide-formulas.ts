/**
 * Display formulas are read by screen readers from KaTeX's MathML and are not tab stops.
 * Only one too wide for the column, which scrolls sideways, becomes one, so a keyboard can
 * scroll it too. Each formula is checked when it is laid out and whenever its size changes
 * (a ResizeObserver), never while its step is skipped by `content-visibility` (reading its
 * width then would lay out the whole step, which the page has no reason to do yet).
 */
const skipped = (el: HTMLElement) => el.checkVisibility?.({ contentVisibilityAuto: true }) === false;

function mark(el: HTMLElement): void {
  if (skipped(el)) return;
  const wide = el.scrollWidth > el.clientWidth + 1;
  if (wide && el.tabIndex !== 0) {
    el.tabIndex = 0;
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', 'Formula, wider than the column: scroll sideways');
  } else if (!wide && el.hasAttribute('tabindex')) {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

export function keepWideFormulasReachable(root: ParentNode = document): void {
  const formulas = [...root.querySelectorAll<HTMLElement>('.katex-display')];
  const all = () => formulas.forEach(mark);
  if (typeof ResizeObserver === 'undefined') {
    requestAnimationFrame(all);
    window.addEventListener('resize', all);
    return;
  }
  const observer = new ResizeObserver((entries) => { for (const e of entries) mark(e.target as HTMLElement); });
  for (const el of formulas) observer.observe(el);
  // A web font changes a formula's width inside an unchanged box: check the ones on show again.
  void document.fonts?.ready.then(all);
}
