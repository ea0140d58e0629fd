/**
 * Snapshots (test/snapshots/*.json), compared on every run: the overview's layouts, the
 * embed kit's custom-elements.json, and what each view's data holds for one example picture
 * on the shipped model. The view data says what it was made from (the model's weights by
 * hash, the picture, the backend); new weights change it, and one command remakes it:
 *   UPDATE_SNAPSHOTS=1 node test/run.mjs snapshots
 */
import { test } from 'uvu';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { assertSnapshot, summarize } from '../support/snapshot';
import { allEdges, columnsOf, NARROW_BREAKPOINT, wideLayout } from '../../components/overview/layout';
import { buildColumns, SKELETON_LAYERS } from '../../components/overview/overview-view';
import { SCALE_MODES } from '../../components/shared/url-state';
import { modelInfoOf, networkRunOf } from '../../components/shared/inference-service';
import { buildConvData, convLayerNames } from '../../components/views/conv/conv-data';
import { buildReluData, reluLayerNames } from '../../components/views/relu/relu-data';
import { buildPoolData, poolLayerNames } from '../../components/views/pool/pool-data';
import { buildFlattenData, flattenLayerNames } from '../../components/views/flatten/flatten-data';
import { softmaxTerms } from '../../components/views/softmax/softmax-data';
import { buildHyperData, HYPER_KEYS, HYPER_RANGES, shrinkChannel, type HyperSettings } from '../../components/views/hyperparameters/hyper-data';
import { loadModel } from '../../model/engine/load-model';
import { runModelSync } from '../../model/engine/run-model';
import { preprocess } from '../../model/engine/preprocess';
import { fileIOHandler } from '../../model/node/file-io-handler';
import { readJpeg } from '../../model/node/decode-jpeg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODEL_JSON = join(ROOT, 'assets/model/model.json');
const IMAGE = 'espresso-cup';

test('the overview lays out Tiny VGG as before, at every width from the breakpoint up', () => {
  const cols = columnsOf(SKELETON_LAYERS);
  const layouts = [NARROW_BREAKPOINT, 1000, 1440].map((width) => {
    const l = wideLayout(cols, { width });
    return { width, height: l.height, mapSize: l.mapSize, rowHeight: l.rowHeight, columnX: l.columnX, outputX: l.outputX, firstBoxes: l.boxes.map((b) => b[0]) };
  });
  assertSnapshot('overview-layout', { columns: cols, edges: allEdges(cols).length, layouts });
});

interface Named { name: string; description?: string; default?: string; type?: { text: string }; privacy?: string; kind?: string; static?: boolean; inheritedFrom?: { name: string } }
interface Declaration { name: string; tagName?: string; customElement?: boolean; superclass?: { name: string }; attributes?: Named[]; events?: Named[]; cssParts?: Named[]; cssProperties?: Named[]; members?: Named[] }

test('the embed kit\'s custom-elements.json declares the same elements, attributes, events, parts and public members as before', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist/custom-elements.json'), 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };
  const described = (list: Named[] = []) => list.map((a) => [a.name, a.type?.text ?? '', a.default ?? '', a.inheritedFrom?.name ?? '', a.description ?? ''].join(' | '));
  const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({
    path: m.path,
    name: d.name,
    tagName: d.tagName ?? null,
    superclass: d.superclass?.name ?? null,
    attributes: described(d.attributes),
    events: described(d.events),
    cssParts: (d.cssParts ?? []).map((p) => p.name),
    cssProperties: (d.cssProperties ?? []).map((p) => p.name),
    publicMembers: (d.members ?? []).filter((x) => !x.privacy && !x.static && !x.name.startsWith('#')).map((x) => `${x.kind} ${x.name}`).sort(),
  })));
  assertSnapshot('custom-elements', elements);
});

/** The shipped model's files, hashed: what the view data was made from. */
function modelHash(): string {
  const manifest = JSON.parse(readFileSync(MODEL_JSON, 'utf8')) as { weightsManifest: { paths: string[] }[] };
  const hash = createHash('sha256').update(readFileSync(MODEL_JSON));
  for (const p of manifest.weightsManifest.flatMap((w) => w.paths)) hash.update(readFileSync(join(ROOT, 'assets/model', p)));
  return hash.digest('hex').slice(0, 16);
}

test('each view\'s data for one example on the shipped model is as before', async () => {
  await tf.setBackend('cpu');
  const model = await loadModel(fileIOHandler(MODEL_JSON), { source: 'assets/model/model.json' });
  try {
    const picture = readJpeg(join(ROOT, 'assets/examples', `${IMAGE}.jpg`));
    const info = modelInfoOf('assets/model/model.json', model, 'cpu', 'test');
    const run = networkRunOf(`example:${IMAGE}`, runModelSync(model, preprocess(picture)));
    const top = run.probabilities.indexOf(Math.max(...run.probabilities));
    const hyper = Object.fromEntries(HYPER_KEYS.map((k) => [k, HYPER_RANGES[k].initial])) as unknown as HyperSettings;
    const drop = <T extends object>(data: T | null, ...keys: string[]) => data && Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)));
    assertSnapshot('view-data', {
      madeFrom: { model: 'assets/model/model.json', sha256: modelHash(), image: IMAGE, backend: 'cpu', regenerate: 'UPDATE_SNAPSHOTS=1 node test/run.mjs snapshots' },
      classes: { top: info.classNames[top], probabilities: summarize([...run.probabilities]) },
      overview: SCALE_MODES.map((mode) => ({ mode, columns: buildColumns(info, run, mode).map((c) => ({ name: c.name, kind: c.kind, group: c.group, domain: summarize(c.domain), ranges: summarize(c.ranges) })) })),
      conv: summarize(drop(buildConvData(info, run, convLayerNames(info)[0], 3), 'params')),
      relu: summarize(buildReluData(info, run, reluLayerNames(info)[0], 0)),
      pool: summarize(buildPoolData(info, run, poolLayerNames(info)[0], 0)),
      flatten: summarize(drop(buildFlattenData(info, run, flattenLayerNames(info)[0], top), 'params')),
      softmax: summarize(softmaxTerms(run.logits, 1)),
      hyperparameters: summarize(buildHyperData(hyper, shrinkChannel(run.values[0], info.layers[0].shape, 0, hyper.inputSize))),
    });
  } finally {
    model.tfModel.dispose();
  }
});

test.run();
