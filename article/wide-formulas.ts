/**
 * Display formulas are read by screen readers from KaTeX's MathML and are not tab stops.
 * Only one too wide for the column, which scrolls sideways, becomes one, so a keyboard can
 * scroll it too; the check runs again whenever the window changes size.
 */
export function keepWideFormulasReachable(root: ParentNode = document): void {
  const check = () => {
    for (const el of root.querySelectorAll<HTMLElement>('.katex-display')) {
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
  };
  let frame = 0;
  const schedule = () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(check); };
  schedule();
  window.addEventListener('resize', schedule);
  void document.fonts?.ready.then(schedule);
}
