import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { resolveInside, startStaticServer, type StaticServer } from '../support/static-server';
import { scratchDir } from '../support/scratch-dir';

/** The served folder, with a file beside it that no request may reach. */
const outside = scratchDir('cnn-site-');
const site = join(outside, 'site');
mkdirSync(join(site, 'wasm'), { recursive: true });
writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
writeFileSync(join(site, '404.html'), '<!doctype html><h1>Page not found</h1>');
writeFileSync(join(site, 'model.json'), '{"a":1}');
writeFileSync(join(site, 'wasm', 'x.wasm'), Buffer.from([0, 97, 115, 109]));
writeFileSync(join(site, 'app.js'), 'export {}');
writeFileSync(join(outside, 'cnn-secret.txt'), 'secret');

let server: StaticServer;
test.before(async () => { server = await startStaticServer({ root: site }); });
test.after(async () => { await server.close(); });

/** A raw GET that sends the path exactly as written (no client-side normalising). */
function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves index.html for the root', async () => {
  const res = await rawGet('/');
  assert.is(res.status, 200);
  assert.match(res.type, /^text\/html/);
});

test('labels wasm, json and javascript with their MIME types', async () => {
  assert.is((await rawGet('/wasm/x.wasm')).type, 'application/wasm');
  assert.match((await rawGet('/model.json')).type, /^application\/json/);
  assert.match((await rawGet('/app.js')).type, /^text\/javascript/);
});

test('answers an unknown path with the 404 page and status 404', async () => {
  const res = await rawGet('/missing.html');
  assert.is(res.status, 404);
  assert.match(res.body, /Page not found/);
});

test('refuses paths that climb out of the root, plain or percent-encoded', async () => {
  for (const path of ['/../cnn-secret.txt', '/%2e%2e/cnn-secret.txt', '/wasm/..%2f..%2fcnn-secret.txt', '/%2e%2e%5ccnn-secret.txt']) {
    const res = await rawGet(path);
    assert.ok(res.status === 403 || res.status === 404, `${path} gave ${res.status}`);
    assert.not.match(res.body, /secret/, path);
  }
});

test('resolveInside keeps paths inside the root and rejects the rest', () => {
  assert.is(resolveInside('/srv/site', '/a/b.js'), '/srv/site/a/b.js');
  assert.is(resolveInside('/srv/site', '/a/../b.js'), '/srv/site/b.js');
  assert.is(resolveInside('/srv/site', '/../etc/passwd'), null);
  assert.is(resolveInside('/srv/site', '/%2e%2e/%2e%2e/etc/passwd'), null);
  assert.is(resolveInside('/srv/site', '/..%5c..%5cetc'), '/srv/site/..\\..\\etc', 'a backslash is a plain character on POSIX');
  assert.is(resolveInside('/srv/site', '/%E0%A4%A'), null, 'a malformed escape is refused');
  assert.is(resolveInside('/srv/site', '/a%00b'), null, 'a NUL byte is refused');
});

test('refuses methods other than GET and HEAD', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST' }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end();
  });
  assert.is(status, 405);
});

test.run();
