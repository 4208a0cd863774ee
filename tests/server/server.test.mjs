// The installed package in Node, and the reference order service through HTTP.
// .ci/test-package installs the packed tarball here (not a workspace link) and runs:
//   node --test tests/server/
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { Checker } from 'aftersales';
import { asListing, createServer, MAX_BODY_BYTES } from './server.mjs';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(await readFile(new URL('./node_modules/aftersales/package.json', import.meta.url), 'utf8'));
const { listings } = JSON.parse(await readFile(new URL('../../www/demo/listings.json', import.meta.url), 'utf8'));
const catalogue = listings.map(asListing);

const SIGNED = '2024-03-01T18:00:00+09:00';
const NOW = Date.parse('2024-03-04T12:00:00+09:00');

async function withServer(run) {
  const server = createServer({ listings, now: () => NOW });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    await run(base);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function post(base, path, body, headers = { 'content-type': 'application/json' }) {
  const res = await fetch(base + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const claim = {
  order_id: 'A-1001',
  signed_at: SIGNED,
  incident: 'damaged',
  cause: 'courier_mishandling',
  evidence: ['unboxing_video', 'carrier_proof', 'packaging_kept'],
  items: [{ id: '1', class: 'ordinary', condition: 'new' }],
};

test('the package reports its own version, the crate version and each policy version', () => {
  const info = new Checker().info();
  assert.equal(info.version, manifest.version);
  assert.match(info.policies[0].version, /\S/);
  assert.match(info.policies[0].hash, /^sha256:[0-9a-f]{64}$/);
});

test('the CommonJS entry is the same module as the ESM one', () => {
  const cjs = require('aftersales');
  assert.equal(typeof cjs.Checker, 'function');
  assert.equal(new cjs.Checker().info().policies[0].hash, new Checker().info().policies[0].hash);
});

test('importing the widgets in Node, as a server render does, defines nothing and throws nothing', async () => {
  const widgets = await import('aftersales/widgets');
  assert.equal(typeof widgets.AftersalesBadge, 'function');
  assert.equal(widgets.negotiate('ja-JP'), 'ja');
  assert.equal(globalThis.customElements, undefined);
});

test("the packaged widgets load the module through the package's own name", async () => {
  const widgets = new URL('./node_modules/aftersales/widgets/', import.meta.url);
  const { loadModule } = await import(new URL('module.js', widgets));
  // In Node the package's own name resolves to its Node entry: the same Checker.
  const mod = await loadModule();
  assert.equal(new mod.Checker().info().version, manifest.version);
  assert.match(await readFile(new URL('module.js', widgets), 'utf8'), /import\('aftersales'\)/);
});

test('the compiled policy entry point loads as a policy', async () => {
  const policyPath = require.resolve('aftersales/policy');
  const bytes = await readFile(policyPath);
  const checker = Checker.withPolicy(new Uint8Array(bytes));
  assert.equal(checker.info().policies[0].hash, new Checker().info().policies[0].hash);
});

test('the browser entry is the storefront build; aftersales/full also loads a policy', async () => {
  const dir = new URL('./node_modules/aftersales/', import.meta.url);
  const lean = await import(new URL('pkg/aftersales.js', dir));
  lean.initSync({ module: await readFile(new URL('pkg/aftersales_bg.wasm', dir)) });
  assert.equal(lean.Checker.withPolicy, undefined);
  assert.equal(new lean.Checker().addPolicy, undefined);
  const full = await import(new URL('pkg-full/aftersales.js', dir));
  full.initSync({ module: await readFile(new URL('pkg-full/aftersales_bg.wasm', dir)) });
  const bytes = await readFile(require.resolve('aftersales/policy'));
  const loaded = full.Checker.withPolicy(new Uint8Array(bytes));
  assert.equal(loaded.info().policies[0].hash, new lean.Checker().info().policies[0].hash);
  assert.equal(manifest.exports['./full'].default, './pkg-full/aftersales.js');
});

test('aftersales/screen screens and aftersales/claims judges as the storefront build does, each without the other half', async () => {
  const dir = new URL('./node_modules/aftersales/', import.meta.url);
  const load = async (sub) => {
    const m = await import(new URL(`${sub}/aftersales.js`, dir));
    m.initSync({ module: await readFile(new URL(`${sub}/aftersales_bg.wasm`, dir)) });
    return new m.Checker();
  };
  const [whole, screen, claims] = [await load('pkg'), await load('pkg-screen'), await load('pkg-claims')];
  const page = catalogue.slice(0, 20);
  assert.deepEqual(screen.screenBatch(page, 'ja'), whole.screenBatch(page, 'ja'));
  assert.deepEqual(screen.screenCodes(page), whole.screenCodes(page));
  assert.deepEqual(claims.judge(claim, NOW, 'ru'), whole.judge(claim, NOW, 'ru'));
  assert.deepEqual(claims.judgeCodes(claim, NOW), whole.judgeCodes(claim, NOW));
  assert.deepEqual(claims.messages('zh-CN'), screen.messages('zh-CN'));
  assert.equal(screen.judge, undefined);
  assert.equal(claims.screen, undefined);
  assert.equal(claims.screenBatch, undefined);
  assert.equal(manifest.exports['./screen'].default, './pkg-screen/aftersales.js');
  assert.equal(manifest.exports['./claims'].types, './pkg-claims/aftersales.d.ts');
});

test('a posted claim is judged again with the server clock', () =>
  withServer(async (base) => {
    const r = await post(base, '/api/claims', { claim });
    assert.equal(r.status, 200);
    assert.equal(r.body.verdict.outcome, 'eligible');
    assert.equal(Date.parse(r.body.verdict.audit.judged_at), NOW);
    // The kept verdict names its claim: SHA-256 of the claim's canonical JSON (its fields in
    // declaration order, absent options left out, no whitespace).
    const canonical = JSON.stringify(claim);
    const digest = createHash('sha256').update(canonical).digest('hex');
    assert.equal(r.body.verdict.audit.input_hash, `sha256:${digest}`);
    const late = await post(base, '/api/claims', { claim: { ...claim, signed_at: '2024-02-01T18:00:00+09:00' } });
    assert.equal(late.body.verdict.outcome, 'ineligible');
  }));

test('a claim the module cannot judge is refused with its typed error naming the field', () =>
  withServer(async (base) => {
    const r = await post(base, '/api/claims', { claim: { ...claim, signed_at: '2024-03-01T18:00:00' } });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'timestamp_without_offset');
    assert.equal(r.body.error.path, 'signed_at');
    const missing = await post(base, '/api/claims', {});
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.path, 'claim');
  }));

const glass = catalogue.find((l) => l.id === 'm-edokiriko-pair');
const ordinary = catalogue.find((l) => !new Checker().screen(l, 'en').fragile);

async function acknowledged(ids) {
  const hash = new Checker().info().policies.at(-1).hash;
  return { item_ids: ids, statement: 'I accept the risk', locale: 'en', acknowledged_at: '2024-03-01T09:00:00.000Z', policy_id: 'p', policy_version: 'v', policy_hash: hash };
}

function line(listing) {
  const s = new Checker().screen(listing, 'en');
  return { id: listing.id, quantity: 1, class: s.class, fragile: s.fragile, non_compensable: s.non_compensable };
}

test('an order whose fragile items are all acknowledged under the current policy is accepted', () =>
  withServer(async (base) => {
    const r = await post(base, '/api/orders', { items: [line(glass), line(ordinary)], acknowledgment: await acknowledged([glass.id]) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.fragile, [glass.id]);
    const plain = await post(base, '/api/orders', { items: [line(ordinary)], acknowledgment: null });
    assert.equal(plain.status, 200);
  }));

test('a tampered or incomplete acknowledgment is refused with a typed error', () =>
  withServer(async (base) => {
    const ack = await acknowledged([glass.id]);
    const cases = [
      [{ items: [line(glass)], acknowledgment: null }, 422, 'not_acknowledged', 'acknowledgment'],
      [{ items: [line(glass)], acknowledgment: { ...ack, item_ids: [] } }, 422, 'not_acknowledged', 'acknowledgment.item_ids'],
      [{ items: [{ ...line(glass), fragile: false }], acknowledgment: null }, 409, 'tampered', 'items[0]'],
      [{ items: [line(glass)], acknowledgment: { ...ack, policy_hash: 'sha256:' + '0'.repeat(64) } }, 409, 'policy_changed', 'acknowledgment.policy_hash'],
      [{ items: [line(glass)], acknowledgment: { ...ack, item_ids: [glass.id, 'x-1'] } }, 409, 'tampered', 'acknowledgment.item_ids[1]'],
      [{ items: [{ ...line(glass), id: 'nope' }], acknowledgment: ack }, 422, 'unknown_item', 'items[0].id'],
      [{ items: [line(glass)], acknowledgment: { ...ack, acknowledged_at: 'yesterday' } }, 422, 'invalid_timestamp', 'acknowledgment.acknowledged_at'],
      [{ items: 'all' }, 422, 'invalid_type', 'items'],
      [[], 422, 'invalid_type', ''],
    ];
    for (const [body, status, code, path] of cases) {
      const r = await post(base, '/api/orders', body);
      assert.deepEqual([r.status, r.body.error?.code, r.body.error?.path], [status, code, path], JSON.stringify(body));
    }
  }));

test('a malformed, oversized or mistyped body is refused and the server goes on', () =>
  withServer(async (base) => {
    const malformed = await post(base, '/api/claims', '{"claim": ');
    assert.deepEqual([malformed.status, malformed.body.error.code], [400, 'invalid_json']);
    const huge = await post(base, '/api/claims', JSON.stringify({ claim, pad: 'x'.repeat(MAX_BODY_BYTES) }));
    assert.deepEqual([huge.status, huge.body.error.code], [413, 'too_large']);
    const text = await post(base, '/api/claims', JSON.stringify({ claim }), { 'content-type': 'text/plain' });
    assert.deepEqual([text.status, text.body.error.code], [415, 'unsupported_media_type']);
    const get = await fetch(`${base}/api/claims`);
    assert.equal(get.status, 405);
    assert.equal((await fetch(`${base}/nowhere`, { method: 'POST' })).status, 404);
    const after = await post(base, '/api/claims', { claim });
    assert.equal(after.status, 200);
  }));
