/**
 * A small static file server for dist/: correct MIME types (.wasm and .json included),
 * a 404 page, and no path outside the root. Used by `npm start` and by the browser tests.
 * Run directly: `tsx test/support/static-server.ts [root]` (PORT overrides 8080).
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  root: string;
  port?: number;
  host?: string;
  /** Extra response headers, e.g. CORS for the foreign-host tests. */
  headers?: Record<string, string>;
  /** Extra folders served under a URL prefix, e.g. { '/test-pages/': a folder of generated pages }. */
  mounts?: Record<string, string>;
}

/** Maps a request path to a file inside root, or null when it would leave root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

function notFoundPage(root: string): string {
  const page = join(root, '404.html');
  return existsSync(page) ? readFileSync(page, 'utf8') : '<!doctype html><title>Not found</title><h1>Not found</h1>';
}

export function startStaticServer(opts: ServeOptions): Promise<StaticServer> {
  const root = resolve(opts.root);
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    const extra = opts.headers ?? {};
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...extra }).end();
      return;
    }
    const url = req.url ?? '/';
    const mount = Object.entries(opts.mounts ?? {}).find(([prefix]) => url.startsWith(prefix));
    const file = mount ? resolveInside(resolve(mount[1]), '/' + url.slice(mount[0].length)) : resolveInside(root, url);
    if (file === null) {
      res.writeHead(403, { 'content-type': MIME_TYPES['.txt'], ...extra }).end('Forbidden: path outside the site\n');
      return;
    }
    let target = file;
    if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
    if (!existsSync(target) || !statSync(target).isFile()) {
      res.writeHead(404, { 'content-type': MIME_TYPES['.html'], ...extra });
      res.end(req.method === 'HEAD' ? undefined : notFoundPage(root));
      return;
    }
    const type = MIME_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': statSync(target).size,
      'cache-control': 'no-cache',
      ...extra,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${host}:${port}`,
        port,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../../dist', import.meta.url));
  const port = Number(process.env.PORT ?? 8080);
  startStaticServer({ root, port }).then(
    (s) => console.log(`Serving ${root}\nOpen ${s.url}/`),
    (err: Error) => { console.error(`Could not serve on port ${port}: ${err.message}`); process.exit(1); },
  );
}
