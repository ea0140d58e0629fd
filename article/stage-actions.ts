/**
 * The stage bar's own buttons beside "Next step": copy a link to the figure as it is now,
 * and switch motion off or on (remembered in localStorage).
 */
import { motionReduced, setMotionReduced } from '../components/shared/reduced-motion';

export function setUpCopyLink(link: () => string, note: () => string): void {
  const button = document.querySelector<HTMLButtonElement>('.copy-link');
  const status = document.querySelector<HTMLElement>('.copy-status');
  let clear: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    if (!status) return;
    status.textContent = text;
    clearTimeout(clear);
    clear = setTimeout(() => { status.textContent = ''; }, 6000);
  };
  button?.addEventListener('click', async () => {
    const href = link();
    try {
      await navigator.clipboard.writeText(href);
      say(note());
    } catch {
      say(`Copy this link: ${href}`);
    }
  });
}

export function setUpMotionToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('.motion-toggle');
  if (!button) return;
  const stored = localStorage.getItem('cnn-motion');
  if (stored === 'off' || stored === 'on') setMotionReduced(stored === 'off');
  const render = () => {
    const off = motionReduced();
    button.textContent = off ? 'Motion: off' : 'Motion: on';
    button.setAttribute('aria-pressed', String(off));
  };
  render();
  button.addEventListener('click', () => {
    const off = !motionReduced();
    setMotionReduced(off);
    localStorage.setItem('cnn-motion', off ? 'off' : 'on');
    render();
  });
}
