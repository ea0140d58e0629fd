/**
 * The pages the browser tests open at /test-pages/NAME.html: each figure alone on an
 * otherwise blank page (or two of them), with only the one-script embed. One template; the
 * table says what is on each page. The harness writes them to a temporary folder per run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REFERENCE = 'model="/reference-model/model.json"';

export const TEST_PAGES: Readonly<Record<string, { title: string; body: string; style?: string }>> = {
  'overview': { title: 'cnn-overview alone', body: '<cnn-overview></cnn-overview>' },
  'overview-reference': { title: 'cnn-overview with the reference model', body: `<cnn-overview ${REFERENCE} detail></cnn-overview>` },
  'overview-two': {
    title: 'two overviews',
    body: `<cnn-overview id="a" ${REFERENCE} image="koala"></cnn-overview>\n<cnn-overview id="b" ${REFERENCE} image="koala" scale="global"></cnn-overview>`,
  },
  'overview-bad-selected': { title: 'cnn-overview with a selected map its model lacks', body: '<cnn-overview selected="conv_9_9:42"></cnn-overview>' },
  'overview-fit': {
    title: 'cnn-overview fitted into a box',
    // A box like the article's stage: the figure must fit it (the tests set its size).
    style: '#box { width: 851px; height: 836px; outline: 1px dashed #b33; } body { margin: 8px; }',
    body: '<div id="box"><cnn-overview fit subject="network" image="espresso-cup"></cnn-overview></div>',
  },
  'overview-column': {
    title: 'cnn-overview in an article column',
    style: 'body { margin: 16px; font: 18px/1.6 Georgia, serif; } main { max-width: 808px; margin: 0 auto; }',
    body: '<main>\n<p>A blog post\'s column, 808 px wide, with the overview in it.</p>\n<cnn-overview id="column" image="espresso-cup"></cnn-overview>\n</main>\n<cnn-overview id="full" image="espresso-cup"></cnn-overview>',
  },
  'conv-view': { title: 'cnn-conv-view alone', body: '<cnn-conv-view layer="conv_1_1" channel="3" image="espresso-cup"></cnn-conv-view>' },
  'relu-view': { title: 'cnn-relu-view alone', body: '<cnn-relu-view layer="relu_1_1" channel="0" image="espresso-cup"></cnn-relu-view>' },
  'pool-view': { title: 'cnn-pool-view alone', body: '<cnn-pool-view layer="max_pool_1" channel="4" image="espresso-cup"></cnn-pool-view>' },
  'flatten-view': { title: 'cnn-flatten-view alone', body: '<cnn-flatten-view image="espresso-cup"></cnn-flatten-view>' },
  'softmax-view': { title: 'cnn-softmax-view alone', body: '<cnn-softmax-view image="espresso-cup"></cnn-softmax-view>' },
  'hyperparameters': { title: 'cnn-hyperparameters alone', body: '<cnn-hyperparameters></cnn-hyperparameters>' },
  'training': { title: 'cnn-training alone', body: '<cnn-training image="espresso-cup"></cnn-training>' },
  'training-below': { title: 'cnn-training far below the fold', body: '<div style="height:5000px">Scroll down.</div>\n<cnn-training image="espresso-cup"></cnn-training>' },
  'teach': { title: 'cnn-teach alone', body: '<cnn-teach></cnn-teach>' },
  'teach-with-figures': {
    title: 'cnn-teach with the figures that can switch to the taught model',
    body: '<cnn-teach classes="red, blue"></cnn-teach>\n<cnn-overview image="espresso-cup"></cnn-overview>\n<cnn-softmax-view image="espresso-cup"></cnn-softmax-view>\n<cnn-flatten-view image="espresso-cup"></cnn-flatten-view>\n<cnn-conv-view layer="conv_1_1" channel="3" image="espresso-cup"></cnn-conv-view>\n<cnn-relu-view layer="relu_1_1" channel="0" image="espresso-cup"></cnn-relu-view>\n<cnn-pool-view layer="max_pool_1" channel="4" image="espresso-cup"></cnn-pool-view>\n<cnn-overview id="pinned" model="/assets/model/model.json" image="espresso-cup"></cnn-overview>',
  },
  'saliency': { title: 'cnn-saliency alone', body: '<cnn-saliency image="espresso-cup"></cnn-saliency>' },
  'features': { title: 'cnn-features alone', body: '<cnn-features layer="conv_2_1" channel="3" image="espresso-cup"></cnn-features>' },
  'conv-edit': { title: 'cnn-conv-view with its kernel editor', body: '<cnn-conv-view layer="conv_1_1" channel="3" image="espresso-cup" subject="edit"></cnn-conv-view>' },
  'overview-edit': { title: 'cnn-overview with a map selected to switch off', body: '<cnn-overview image="espresso-cup" selected="conv_1_1:3"></cnn-overview>' },
  'layer-sizes': { title: 'cnn-layer-sizes alone', body: '<cnn-layer-sizes></cnn-layer-sizes>' },
  'features-live': { title: 'cnn-features on an edited model (computed live)', body: '<cnn-features layer="conv_1_2" channel="1" image="koala" edits="1*a.conv_2_2.9"></cnn-features>' },
};

/** A blank page with the embed script and `body`. */
export function testPage(title: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<script type="module" src="/embed.js"></script>${style ? `\n<style>${style}</style>` : ''}
</head>
<body>
${body}
</body>
</html>
`;
}

/** Writes every test page into a new temporary folder and returns it. */
export function writeTestPages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-test-pages-'));
  for (const [name, page] of Object.entries(TEST_PAGES)) writeFileSync(join(dir, `${name}.html`), testPage(page.title, page.body, page.style));
  return dir;
}
