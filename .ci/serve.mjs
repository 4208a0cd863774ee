// .ci/serve.mjs: a tiny static file server for the demo storefront in www/.
//
// Serves only regular files under the root (www/ by default): GET and HEAD, no directory
// listings, no dotfiles, no `..` (rejected before any file system access, then re-checked after
// resolving symlinks). Content types are explicit (application/wasm for .wasm, text/javascript
// for .js and .mjs) because browsers refuse to stream-compile wasm or to run module scripts
// served with anything else. HTML pages also get the same Content-Security-Policy they declare in
// their <meta>, so a page behaves the same whichever way CSP reaches it. Responses are sent
// brotli- or gzip-compressed when the browser accepts it, by the `compression` middleware (the
// Express project's, from tests/node_modules): the module is the page's largest download.
//
// Run directly: `node .ci/serve.mjs [root]` (PORT from $PORT, default 8080; PORT=0 picks a free
// one). The e2e tests import `startServer` to serve www/ on a free port.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The only npm dependency: installed in tests/ by .ci/setup, with the rest of the JS tools.
const compression = createRequire(new URL('../tests/package.json', import.meta.url))('compression');

/** Maps a request path to a file path under `root`, or null when it must not be served. */
export function safePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  // `..` and dotfiles (.git, .env) are refused outright; `.` segments are meaningless here.
  if (segments.some((s) => s.startsWith('.'))) return null;
  const full = resolve(root, ...segments);
  if (full !== root && !full.startsWith(root + sep)) return null;
  return full;
}

/** Whether a raw request path has a `..` segment, however it is encoded or separated. */
function climbs(rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return decoded.split(/[\\/]/).includes('..');
}

async function locate(root, urlPath) {
  let full = safePath(root, urlPath);
  if (full === null) return { status: 400 };
  try {
    let info = await stat(full);
    if (info.isDirectory()) {
      full = join(full, 'index.html');
      info = await stat(full);
    }
    if (!info.isFile()) return { status: 404 };
    // A symlink inside www/ must not lead outside it.
    const real = await realpath(full);
    const realRoot = await realpath(root);
    if (!real.startsWith(realRoot + sep)) return { status: 404 };
    return { status: 200, file: real, size: info.size };
  } catch {
    return { status: 404 };
  }
}

/** Creates (does not start) the server for `root`. */
export function createStaticServer(root) {
  const base = resolve(root);
  // Negotiates Accept-Encoding (br, then gzip) and compresses what is worth it (text, JSON, wasm)
  // above 1 KB; it drops Content-Length and sets `Vary: Accept-Encoding` when it does.
  const compress = compression();
  return createServer((req, res) =>
    compress(req, res, () => serve(base, req, res).catch(() => res.destroy())),
  );
}

/** Answers one GET or HEAD for a file under `base`. */
async function serve(base, req, res) {
  const send = (status, text) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `${status} ${text}\n`);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(405, 'method not allowed');
  }
  let pathname;
  try {
    pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return send(400, 'bad request');
  }
  // `new URL` folds `/a/../b` (and `%2e%2e`, and `\`) into the root, which would be safe; a
  // request that tries to climb is refused outright all the same, so it is visible as one.
  if (climbs((req.url ?? '').split('?')[0])) return send(400, 'bad request');
  const found = await locate(base, pathname);
  if (found.status === 400) return send(400, 'bad request');
  if (found.status !== 200) return send(404, 'not found');
  const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'Content-Length': found.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Starts serving `root` on `port` (0: a free one); resolves to { server, port, url }. */
export function startServer(root, port = 0, host = '127.0.0.1') {
  const server = createStaticServer(root);
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({ server, port: actual, url: `http://localhost:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), '..', 'www'));
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not \`${process.env.PORT}\``);
    process.exit(2);
  }
  startServer(root, port, process.env.HOST ?? '127.0.0.1').then(
    ({ url }) => console.log(`Demo storefront: ${url}`),
    (e) => {
      console.error(`cannot serve on port ${port}: ${e.message}`);
      process.exit(1);
    },
  );
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
