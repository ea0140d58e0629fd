/** The built article starts everything it needs from its first bytes (issue 15: no waterfall). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ensureBuilt } from '../support/browser';

test('the article head preloads every chunk article.js imports, the example list, and starts the worker early', () => {
  ensureBuilt();
  const report = JSON.parse(readFileSync(join(DIST, 'build-report.json'), 'utf8'));
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));
  for (const chunk of report.entries['article.js'].staticChunks as string[]) {
    assert.ok(head.includes(`<link rel="modulepreload" href="${chunk}">`), `${chunk} is preloaded`);
  }
  assert.ok(head.includes('<link rel="preload" href="assets/examples/manifest.json" as="fetch" crossorigin>'));
  const early = head.indexOf('<script src="early-worker.js"></script>');
  assert.ok(early > 0 && early < head.indexOf('<link rel="stylesheet"'), 'the early worker starts before the stylesheets hold scripts back');
  const script = readFileSync(join(DIST, 'early-worker.js'), 'utf8');
  assert.not.match(script, /^\s*import\b|\bexport\b/m, 'early-worker.js is a classic script');
  assert.ok(script.includes('inference-worker.js') && script.includes('assets/model/model.json'));
});

test('the worker loads TF.js without the converter, tf.data, WebGL or cpu before it needs them', () => {
  ensureBuilt();
  const report = JSON.parse(readFileSync(join(DIST, 'build-report.json'), 'utf8'));
  const worker = report.entries['inference-worker.js'];
  const text = (worker.staticChunks as string[]).map((c) => readFileSync(join(DIST, c), 'utf8')).join('\n');
  assert.not.ok(text.includes('loadGraphModel'), 'no graph-model converter');
  assert.not.ok(/MathBackendWebGL|WEBGL_VERSION/.test(text), 'no WebGL backend');
  // TF.js core + layers + the WASM backend (~183 kB) and the jobs of every figure (look inside, training, teaching: ~24 kB).
  assert.ok(worker.staticGzip < 215_000, `the worker's first bytes are ${worker.staticGzip} B gzip`);
});

test.run();
