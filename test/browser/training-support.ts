/**
 * What the training figure's browser tests share: waiting for an epoch to be drawn, and
 * reading what the figure shows of it (the kernels' numbers and pixels, the prediction
 * table, the picture the network saw).
 */
import type { Page } from 'puppeteer';
import { join } from 'node:path';
import { DIST } from '../support/browser';
import { describeView, whenDrawn } from './views-support';

export const TAG = 'cnn-training';
/** The checkpoints the built figure loads (dist/ holds a copy of assets/). */
export const CHECKPOINTS = join(DIST, 'assets/model/checkpoints');

/** The figure as the tests read it in the page. */
export type TrainingInPage = HTMLElement & {
  shown: { epoch: number; file: string; imageKey: string; snapshot: { kernel: Float32Array; kernelShape: number[]; probabilities: Float32Array } } | null;
  stops: readonly { epoch: number; file: string; shipped: boolean }[];
  stopIndex: number;
  network: { info: { params: Record<string, { kernel: Float32Array }>; classNames: string[] }; run: { values: Float32Array[]; probabilities: Float32Array; imageKey: string } | null };
  training: { curves: unknown; settled: boolean };
  updateComplete: Promise<unknown>;
};

/** Waits until the figure shows `epoch` (any epoch when undefined) with its canvases painted. */
export const whenEpochShown = (page: Page, epoch?: number, timeout = 60_000) => whenDrawn(page, page.waitForFunction((tag, epoch) => {
  const el = document.querySelector(tag) as TrainingInPage | null;
  const shown = el?.shown;
  if (!shown || (epoch !== null && shown.epoch !== epoch)) return false;
  const root = el!.shadowRoot!;
  return Boolean(root.querySelector('.kernels .units[data-painted]') && root.querySelector('.chart path.line'));
}, { timeout }, TAG, epoch ?? null), async () => describeView(page, TAG));

/** What the figure shows now: the epoch, its kernels (numbers and the pixels of each channel's picture), the prediction table, the picture's input. */
export const readShown = (page: Page) => page.$eval(TAG, (node) => {
  const el = node as TrainingInPage;
  const s = el.shown!;
  const root = el.shadowRoot!;
  const composites = [...root.querySelectorAll<HTMLCanvasElement>('.kernels canvas.composite')].map((c) => [...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data]);
  const rows = [...root.querySelectorAll<HTMLTableRowElement>('.prediction tbody tr')].map((tr) => ({
    index: Number(tr.dataset.class), probability: Number(tr.querySelector<HTMLElement>('.p')!.dataset.value), shown: tr.querySelector('.p')!.textContent!.trim(),
  }));
  return {
    epoch: s.epoch, file: s.file, kernelShape: s.snapshot.kernelShape,
    kernel: [...s.snapshot.kernel], probabilities: [...s.snapshot.probabilities],
    composites, rows, input: [...el.network.run!.values[0]],
    heading: root.querySelector('.kernels h3')!.textContent!.replace(/\s+/g, ' ').trim(),
    attribute: el.getAttribute('epoch'),
  };
});

/** Sets the figure's epoch attribute. */
export const setEpoch = (page: Page, epoch: string) => page.$eval(TAG, (el, e) => el.setAttribute('epoch', e), epoch);
