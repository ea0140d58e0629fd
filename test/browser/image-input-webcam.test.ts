/**
 * The webcam path, with Chromium's fake camera (a moving test pattern) and its permission
 * prompt answered "allow". The shared harness launches Chromium without these flags, so
 * this file launches its own.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { CHROMIUM_ARGS, DIST, VIEWPORTS, collectPageErrors, ensureBuilt, screenshot } from '../support/browser';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { expectOutcome, messages, openPickerPage, pickerLog } from '../fixtures/image-picker-page';

const test = suite('image input: webcam');
let browser: Browser | undefined;
let server: StaticServer | undefined;
const profile = mkdtempSync(join(tmpdir(), 'cnn-webcam-chromium-'));

test.before(async () => {
  ensureBuilt();
  server = await startStaticServer({ root: DIST });
  browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

type StreamWindow = Window & { __streams: MediaStream[] };

/** Opens the picker and records every stream getUserMedia hands out. */
async function openWithCamera(page: Page): Promise<void> {
  await openPickerPage(page, (p) => server!.url + p);
  await page.evaluate(() => {
    const w = window as unknown as StreamWindow;
    w.__streams = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      w.__streams.push(stream);
      return stream;
    };
  });
}

const liveTracks = (page: Page) => page.evaluate(() =>
  (window as unknown as StreamWindow).__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);

async function openCameraPanel(page: Page): Promise<void> {
  await (await page.waitForSelector('cnn-image-picker >>> button.webcam'))!.click();
  await page.waitForFunction(() => {
    const take = document.querySelector('cnn-image-picker')!.shadowRoot!.querySelector<HTMLButtonElement>('button.take');
    return take && !take.disabled;
  });
  assert.is(await liveTracks(page), 1, 'the camera is on while the preview shows');
}

async function withPage(fn: (page: Page) => Promise<void>, name?: string): Promise<void> {
  const page = await browser!.newPage();
  const errors = collectPageErrors(page);
  try {
    await page.setViewport(VIEWPORTS.desktop);
    await fn(page);
    if (name) await screenshot(page, name);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(errors.list, [], 'no console error or uncaught error');
  } finally {
    await page.close();
  }
}

test('takes a picture from the live preview, then turns the camera off and returns focus', () => withPage(async (page) => {
  await openWithCamera(page);
  await openCameraPanel(page);
  const focusedText = () => page.evaluate(() => document.querySelector('cnn-image-picker')!.shadowRoot!.activeElement?.textContent?.trim());
  assert.is(await focusedText(), 'Take picture', 'focus moves to the shutter');
  await screenshot(page, 'image-input-webcam-desktop');
  const { image } = await expectOutcome(page, () => page.keyboard.press('Enter'));
  assert.equal([image?.source, image?.label, image?.notes], ['webcam', 'Webcam picture', []]);
  assert.ok((image?.width ?? 0) > 0 && (image?.width ?? 0) <= 1024);
  await page.waitForFunction(() => !document.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('video'));
  assert.is(await liveTracks(page), 0, 'every track is stopped');
  assert.is(await focusedText(), 'Use the webcam');
}));

test('Cancel and Escape close the preview and stop the camera without sending a picture', () => withPage(async (page) => {
  await openWithCamera(page);
  await openCameraPanel(page);
  await (await page.waitForSelector('cnn-image-picker >>> button.secondary[part~=cancel-button]'))!.click();
  await page.waitForFunction(() => !document.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('video'));
  assert.is(await liveTracks(page), 0);
  await openCameraPanel(page);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('cnn-image-picker')!.shadowRoot!.querySelector('video'));
  assert.is(await liveTracks(page), 0);
  const log = await pickerLog(page);
  assert.equal([log.images.length, log.errors.length], [0, 0]);
  assert.equal(await messages(page), { note: '', error: '' });
}));

test('removing the element while the camera is on turns the camera off', () => withPage(async (page) => {
  await openWithCamera(page);
  await openCameraPanel(page);
  await page.evaluate(() => document.querySelector('cnn-image-picker')!.remove());
  assert.is(await liveTracks(page), 0);
}));

test.run();
