/**
 * The browser-test harness: serves dist/ on a free port over http://127.0.0.1, drives
 * Debian's Chromium (or PUPPETEER_EXECUTABLE_PATH) with puppeteer, and fails any test
 * whose page logs a console error or throws an uncaught error.
 *
 *   const suite = browserSuite('article page');
 *   suite.it('shows the formula', async ({ page, url }) => { await page.goto(url('/')); … });
 *   suite.run();
 */
import { suite as uvuSuite } from 'uvu';
import puppeteer, { type Browser, type ConsoleMessage, type Page } from 'puppeteer';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { startStaticServer, type StaticServer } from './static-server';
import { SHARED_DATA_DIR } from '../../model/node/dataset';
import { writeTestPages } from './test-pages';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'test/screenshots');
/** The original CNN Explainer model, served to tests only (never copied into dist/). */
export const REFERENCE_MODEL_DIR = join(ROOT, '../shared/reference/cnn-explainer-tiny-vgg');
export const HAS_REFERENCE_MODEL = existsSync(join(REFERENCE_MODEL_DIR, 'model.json'));
/** Tiny ImageNet's val images, from ../shared (never shipped). */
export const VAL_IMAGES_DIR = join(SHARED_DATA_DIR, 'val');

/** Data some tests need that lives outside the repository; each is there or not on a machine. */
export const OPTIONAL_DATA = {
  'reference model': HAS_REFERENCE_MODEL,
  'val images': existsSync(VAL_IMAGES_DIR),
} as const;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 156 loads its omnibox popups (two WebUI pages: Lit, mojo, a search box) in a
  // renderer of their own at launch and again for every new browser context. Nothing here
  // shows them; loading them took ~0.8 s of CPU on these 2 cores, in step with the page under
  // test, and skewed every load measured in `npm run bench`.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900, deviceScaleFactor: 1 },
  laptop: { width: 1024, height: 768, deviceScaleFactor: 1 },
  phone: { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  narrow: { width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

/** Builds dist/ once if an earlier step (the test runner) has not. */
export function ensureBuilt(): void {
  if (!existsSync(join(DIST, 'index.html'))) {
    execFileSync(process.execPath, [join(ROOT, 'build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cnn-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    userDataDir,
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageErrors {
  /** Console errors and uncaught exceptions seen so far, as readable lines. */
  list: string[];
}

/** Records console errors and uncaught page errors, except those matching `allow`. */
export function collectPageErrors(page: Page, allow: RegExp[] = []): PageErrors {
  const errors: PageErrors = { list: [] };
  const keep = (line: string) => {
    // A host page without a favicon is the host's business, not a failure of ours.
    if (/favicon\.ico/.test(line)) return;
    if (!allow.some((re) => re.test(line))) errors.list.push(line);
  };
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') keep(`console.error: ${msg.text()} ${msg.location()?.url ?? ''}`.trim());
  });
  page.on('pageerror', (err: unknown) => keep(`uncaught: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
  return errors;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

export interface BrowserContext {
  page: Page;
  browser: Browser;
  server: StaticServer;
  /** An absolute URL on the test server. */
  url(path: string): string;
  /** The errors recorded on this test's page so far. */
  errors: PageErrors;
}

export interface TestOptions {
  /** Console errors that this test expects (for example a deliberate 404). */
  allowErrors?: RegExp[];
  viewport?: keyof typeof VIEWPORTS;
  reducedMotion?: boolean;
  javaScriptEnabled?: boolean;
}

export function browserSuite(name: string) {
  const s = uvuSuite(name);
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let server: StaticServer | undefined;
  let pagesDir: string | undefined;

  s.before(async () => {
    ensureBuilt();
    server = await startStaticServer({
      root: DIST,
      mounts: { '/test-pages/': (pagesDir = writeTestPages()), '/reference-model/': REFERENCE_MODEL_DIR },
    });
    chromium = await launchChromium();
  });
  s.after(async () => {
    await chromium?.close();
    await server?.close();
    if (pagesDir) rmSync(pagesDir, { recursive: true, force: true });
  });

  function it(title: string, fn: (ctx: BrowserContext) => Promise<void>, opts: TestOptions = {}): void {
    s(title, async () => {
      const started = Date.now();
      if (!chromium || !server) throw new Error('browser suite did not start');
      const page = await chromium.browser.newPage();
      const errors = collectPageErrors(page, opts.allowErrors);
      try {
        await page.setViewport(VIEWPORTS[opts.viewport ?? 'desktop']);
        if (opts.reducedMotion) await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
        if (opts.javaScriptEnabled === false) await page.setJavaScriptEnabled(false);
        const base = server.url;
        try {
          await fn({ page, browser: chromium.browser, server, errors, url: (p) => base + p });
        } catch (e) {
          // What the page reported often explains the failure: say it with the failure.
          if (e instanceof Error && errors.list.length) e.message += `\n  The page also reported:\n  ${errors.list.join('\n  ')}`;
          throw e;
        }
        // Let late errors (a rejected promise after the last assertion) surface.
        await new Promise((r) => setTimeout(r, 50));
        if (errors.list.length) throw new Error(`The page reported errors:\n  ${errors.list.join('\n  ')}`);
      } finally {
        await page.close().catch(() => undefined);
        // TEST_TIMES=1: each test's duration, to find where the suite's time goes.
        if (process.env.TEST_TIMES) console.log(`\n  ${((Date.now() - started) / 1000).toFixed(1)} s  ${name}: ${title}`);
      }
    });
  }

  /**
   * `it` for tests that need data outside the repository: where any is missing, the test is
   * registered as skipped (the runner counts and prints skips), never silently left out.
   */
  function needing(...needs: (keyof typeof OPTIONAL_DATA)[]): typeof it {
    const missing = needs.filter((n) => !OPTIONAL_DATA[n]);
    if (missing.length === 0) return it;
    return (title) => {
      console.log(`Skipped (no ${missing.join(', ')} in ../shared): ${title}`);
      s.skip(title, () => undefined);
    };
  }

  return { it, needing, run: () => s.run(), suite: s };
}
