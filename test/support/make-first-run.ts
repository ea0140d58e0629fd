/**
 * `npm run first-run`: writes assets/model/first-run.bin, the snapshot the article's overview
 * paints before the model has loaded (components/shared/first-run.ts). It is taken from the
 * live run in headless Chromium, so the picture goes through the same decoding and resizing
 * as the reader's: build, open the article without a snapshot, wait for the live run of the
 * default picture, encode it (model/engine/run-snapshot.ts). Run it again whenever the
 * shipped weights or the default picture change: test/browser/first-run.test.ts fails until then.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRunSnapshot } from '../../model/engine/run-snapshot';
import { FIRST_RUN_PATH } from '../../components/shared/first-run';
import { DIST, launchChromium, ROOT } from './browser';
import { startStaticServer } from './static-server';

interface Live { imageKey: string; classNames: string[]; layers: never[]; values: number[][]; logits: number[]; probabilities: number[] }

/** The live run of the article's default picture (with dist/ built without a snapshot, the overview shows only live runs). */
export async function liveFirstRun(dist = DIST): Promise<Live> {
  const server = await startStaticServer({ root: dist });
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(server.url + '/');
    const handle = await page.waitForFunction(() => {
      type O = HTMLElement & { network?: { info?: { preview?: boolean } | null; run?: { imageKey: string } | null }; image?: string };
      const o = document.querySelector<O>('cnn-overview');
      const n = o?.network;
      return n?.info && !n.info.preview && n.run?.imageKey === `example:${o!.getAttribute('image')}` ? true : false;
    }, { timeout: 120_000, polling: 100 });
    await handle.dispose();
    return (await page.evaluate(() => {
      type N = { info: { classNames: string[]; layers: unknown[] }; run: { imageKey: string; values: Float32Array[]; logits: Float32Array; probabilities: Float32Array } };
      const { info, run } = (document.querySelector('cnn-overview') as unknown as { network: N }).network;
      return { imageKey: run.imageKey, classNames: info.classNames, layers: info.layers, values: run.values.map((v) => [...v]), logits: [...run.logits], probabilities: [...run.probabilities] };
    })) as Live;
  } finally {
    await chromium.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  rmSync(join(DIST, FIRST_RUN_PATH), { force: true });
  const live = await liveFirstRun();
  const bytes = encodeRunSnapshot({
    imageKey: live.imageKey,
    classNames: live.classNames,
    layers: live.layers,
    values: live.values.map((v) => Float32Array.from(v)),
    logits: Float32Array.from(live.logits),
    probabilities: Float32Array.from(live.probabilities),
  });
  writeFileSync(join(ROOT, FIRST_RUN_PATH), bytes);
  console.log(`Wrote ${FIRST_RUN_PATH}: ${live.imageKey}, ${live.layers.length} layers, ${bytes.byteLength} bytes`);
}
