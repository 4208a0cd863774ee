// tests/e2e/serve.test.mjs: the demo's static server (.ci/serve.mjs) serves www/ and nothing else,
// with the content types browsers insist on for wasm and module scripts, compressed when accepted.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';

import { CSP, startServer } from '../../.ci/serve.mjs';
import { WWW } from './harness.mjs';

/** A raw GET (no URL normalisation, unlike fetch), resolving to { status, type, body }. */
function get(port, path, method = 'GET') {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, type: res.headers['content-type'], csp: res.headers['content-security-policy'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

let tmp;
let www;
let sandbox;
before(async () => {
  www = await startServer(WWW, 0);
  tmp = mkdtempSync(join(tmpdir(), 'aftersales-serve-'));
  mkdirSync(join(tmp, 'root'));
  writeFileSync(join(tmp, 'root', 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(tmp, 'root', '.env'), 'SECRET=1');
  writeFileSync(join(tmp, 'outside.txt'), 'outside');
  symlinkSync(join(tmp, 'outside.txt'), join(tmp, 'root', 'escape.txt'));
  sandbox = await startServer(join(tmp, 'root'), 0);
});
after(async () => {
  await new Promise((ok) => www.server.close(ok));
  await new Promise((ok) => sandbox.server.close(ok));
  rmSync(tmp, { recursive: true, force: true });
});

test('wasm, module scripts, styles, data and pages are served with their content types', async () => {
  const expect = {
    '/pkg/aftersales_bg.wasm': 'application/wasm',
    '/pkg/aftersales.js': 'text/javascript; charset=utf-8',
    '/aftersales-widgets.js': 'text/javascript; charset=utf-8',
    '/aftersales.css': 'text/css; charset=utf-8',
    '/demo/listings.json': 'application/json; charset=utf-8',
    '/demo/img/glass.svg': 'image/svg+xml',
    '/': 'text/html; charset=utf-8',
    '/cart.html': 'text/html; charset=utf-8',
  };
  for (const [path, type] of Object.entries(expect)) {
    const res = await get(www.port, path);
    assert.equal(res.status, 200, path);
    assert.equal(res.type, type, path);
  }
  const page = await get(www.port, '/index.html');
  assert.equal(page.csp, CSP, 'pages also get the CSP as a header');
  assert.equal((await get(www.port, '/index.html', 'HEAD')).body, '');
});

test('every demo page declares the strict CSP in a meta tag', async () => {
  for (const path of ['/index.html', '/product.html', '/cart.html', '/order.html']) {
    const { body } = await get(www.port, path);
    assert.ok(body.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`), path);
    assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, `${path} has no inline script`);
    assert.doesNotMatch(body, /\sstyle=/, `${path} has no style attribute`);
  }
});

test('paths that climb out of the root, dotfiles and symlinks out of it are refused', async () => {
  for (const path of ['/../Cargo.toml', '/%2e%2e/Cargo.toml', '/demo/..%2f..%2fCargo.toml', '/demo/%2e%2e/%2e%2e/Cargo.toml', '/..\\Cargo.toml', '/%00index.html']) {
    const res = await get(www.port, path);
    assert.equal(res.status, 400, path);
    assert.doesNotMatch(res.body, /\[package\]/, path);
  }
  assert.equal((await get(sandbox.port, '/.env')).status, 400);
  assert.equal((await get(sandbox.port, '/escape.txt')).status, 404);
  assert.equal((await get(sandbox.port, '/')).status, 200);
  assert.equal((await get(sandbox.port, '/missing.html')).status, 404);
  assert.equal((await get(sandbox.port, '/', 'POST')).status, 405);
});

/** A raw GET with `Accept-Encoding`, resolving to { status, encoding, vary, bytes, body } (body decoded). */
function getEncoded(port, path, acceptEncoding) {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'] ?? 'identity';
        const body = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        ok({ status: res.statusCode, encoding, vary: res.headers.vary, bytes: raw.length, body });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

test('the module and scripts are sent compressed when the browser accepts it, and intact', async () => {
  for (const path of ['/pkg/aftersales_bg.wasm', '/pkg/aftersales.js', '/widgets/badge.js', '/aftersales.css']) {
    const plain = await getEncoded(www.port, path, null);
    assert.equal(plain.encoding, 'identity', path);
    for (const [accept, expected] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br, zstd', 'br']]) {
      const res = await getEncoded(www.port, path, accept);
      assert.equal(res.status, 200, path);
      assert.equal(res.encoding, expected, `${path} with ${accept}`);
      assert.match(res.vary ?? '', /Accept-Encoding/i);
      assert.ok(res.bytes < plain.bytes * 0.6, `${path}: ${res.bytes} of ${plain.bytes} bytes`);
      assert.ok(res.body.equals(plain.body), `${path} decodes to the file as served plain`);
    }
  }
  // A HEAD and an error answer stay well-formed.
  assert.equal((await get(www.port, '/pkg/aftersales_bg.wasm', 'HEAD')).status, 200);
  assert.equal((await getEncoded(www.port, '/missing.js', 'br')).status, 404);
});
