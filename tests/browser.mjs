// What every browser test of the repository shares (bindings/js, tests/report,
// tests/scorm, bench/wasm.mjs): Debian's Chromium and its flags, the content
// types, and a static server on 127.0.0.1 only, a port the system picks, GET of
// files under a root and nothing else (no listing, no path outside the root),
// nothing cached. `stop()` ends keep-alive connections too, so the process
// exits by itself. Node built-ins only: each Node project imports it by path.
// (Not a test: it only exports.)
import { createServer } from 'node:http';
import { existsSync, statSync, createReadStream } from 'node:fs';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
};

/** An empty page at `/blank.html`, for tests that only need an origin. */
const BLANK = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>parcours</title></head><body></body></html>';

/** Starts the server; resolves to `{ origin, stop }`. */
export async function serve(root) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/blank.html') {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store' }).end(BLANK);
      return;
    }
    const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (req.method !== 'GET' || !file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () => stop(server),
  };
}

/** Closes a server and its keep-alive connections (the test then ends by itself). */
export function stop(server) {
  server?.closeAllConnections();
  return new Promise((resolve) => (server ? server.close(resolve) : resolve()));
}

/** The Chromium flags of every browser test here: headless, no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
