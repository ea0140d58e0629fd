/**
 * What the teaching figure's browser tests share: seeded pictures written as PNG files for
 * the file picker, adding them to a class, naming classes, training and waiting for the run
 * to end, and reading the figure's state (problems, run, tensors in the worker).
 */
import type { Page } from 'puppeteer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedPng, type PictureKind } from '../support/generated-pictures';
import { scratchDir } from '../support/scratch-dir';

export const TAG = 'cnn-teach';

/** The figure as the tests read it in the page. */
export type TeachInPage = HTMLElement & {
  classes: { classes: { id: number; name: string; pictures: unknown[] }[]; activeId: number };
  session: {
    phase: string; message: string; batches: unknown[]; epochs: { heldOutAccuracy: number }[]; modelKey: string;
    report: { epoch: number; epochs: number; step: number; steps: number; etaSeconds: number } | null;
    outcome: { classNames: string[]; heldOut: { accuracy: number } | null } | null;
    tensorsInWorker(): Promise<number>;
  };
  updateComplete: Promise<unknown>;
};

/** `count` seeded pictures of `kind` as PNG files in a new folder; their paths. */
export function pictureFiles(kind: PictureKind, count: number, seed = 0, size = 80): string[] {
  const dir = scratchDir(`teach-${kind}-`);
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `${kind}-${i}.png`);
    writeFileSync(path, generatedPng(kind, `${seed}/${i}`, size));
    return path;
  });
}

/** Chooses the class at `index` (its tab). */
export async function chooseClass(page: Page, index: number): Promise<void> {
  await (await page.$(`${TAG} >>> .tab:nth-of-type(${index + 1})`))!.click();
  await page.$eval(TAG, (el) => (el as TeachInPage).updateComplete);
}

/** Types a name for the chosen class, replacing its name. */
export async function nameChosenClass(page: Page, name: string): Promise<void> {
  const input = (await page.$(`${TAG} >>> #class-name`))!;
  await input.click({ count: 3 });
  await page.keyboard.press('Backspace');
  if (name) await input.type(name);
  await page.$eval(TAG, (el) => (el as TeachInPage).updateComplete);
}

/** Gives the class at `index` these files through its file picker and waits until they are decoded. */
export async function addFiles(page: Page, index: number, paths: string[]): Promise<void> {
  await chooseClass(page, index);
  const before = await page.$eval(TAG, (el, i) => (el as TeachInPage).classes.classes[i].pictures.length, index);
  const input = (await page.$(`${TAG} >>> .file-input`))!;
  await (input as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(...paths);
  await page.waitForFunction((tag, i, before) => {
    const el = document.querySelector(tag) as TeachInPage;
    const root = el.shadowRoot!;
    return !root.querySelector('.message.busy') && (el.classes.classes[i].pictures.length > before || root.querySelector('.message.error'));
  }, { timeout: 30_000 }, TAG, index, before);
  await page.$eval(TAG, (el) => (el as TeachInPage).updateComplete);
}

/** The sentences under the classes: what to fix before training, or that it is ready. */
export const problems = (page: Page) => page.$eval(TAG, (el) => {
  const root = el.shadowRoot!;
  return {
    list: [...root.querySelectorAll('.problems li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
    ready: root.querySelector('.ready')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    trainDisabled: root.querySelector<HTMLButtonElement>('.train')?.disabled ?? null,
    hint: root.querySelector('#train-blocked')?.textContent?.trim() ?? '',
    fieldProblem: root.querySelector('.field-problem')?.textContent?.trim() ?? '',
    nameInvalid: root.querySelector('#class-name')?.getAttribute('aria-invalid') ?? '',
  };
});

/** Clicks Train. */
export const clickTrain = async (page: Page) => (await page.$(`${TAG} >>> .train`))!.click();

/** Waits until the run in hand has ended (any outcome). */
export const whenRunEnds = (page: Page, timeout = 180_000) => page.waitForFunction((tag) => {
  const s = (document.querySelector(tag) as TeachInPage).session;
  return s.phase !== 'training' && s.phase !== 'idle';
}, { timeout, polling: 200 }, TAG);

/** Tensors TF.js holds in the worker now. */
export const workerTensors = (page: Page) => page.$eval(TAG, (el) => (el as TeachInPage).session.tensorsInWorker());

/** Waits for the figure to have loaded the network it fine-tunes from (the worker is up). */
export const whenNetworkReady = (page: Page) => page.waitForFunction((tag) => {
  const el = document.querySelector(tag) as unknown as { network: { info: unknown } } | null;
  return Boolean(el?.network.info);
}, { timeout: 60_000 }, TAG);
