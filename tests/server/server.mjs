// tests/server/server.mjs: the reference order service, with the installed `aftersales` package.
//
// A storefront must not trust what a page says about money: this server re-judges the claim the
// claim widget posts (with its own clock) and re-checks the checkout acknowledgment the pre-check
// widget submits (its policy hash, its item ids, and that every item the server itself finds
// fragile was acknowledged). Node's own `http`, nothing else; one `Checker` for the process.
//
//   POST /api/claims  { claim }                        → 200 { verdict }
//   POST /api/orders  { items, acknowledgment }        → 200 { accepted, fragile, policy_hash }
//   every refusal                                      → 4xx { error: { code, path, message } }
//
// Run it with `node server.mjs [PORT]` from a folder where `aftersales` is installed
// (.ci/test-package does so from the packed tarball); `createServer` is what the tests use.

import http from 'node:http';
import { Checker } from 'aftersales';

/** Largest request body read, in bytes: a claim of the module's largest size fits well. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A refusal: the HTTP status and the same `{ code, path, message }` as an AftersalesError. */
class Refusal extends Error {
  constructor(status, code, path, message) {
    super(message);
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

/** Reads a JSON body of at most `MAX_BODY_BYTES`; refuses anything else with a typed error. */
async function readJson(req) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new Refusal(415, 'unsupported_media_type', '', `send application/json, not \`${type || 'nothing'}\``);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) throw new Refusal(413, 'too_large', '', `the body is ${declared} bytes; at most ${MAX_BODY_BYTES}`);
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'too_large', '', `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Refusal(400, 'invalid_json', '', `the body is not JSON: ${e.message}`);
  }
}

function object(value, path) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Refusal(422, 'invalid_type', path, `\`${path || 'the body'}\` must be an object`);
  }
  return value;
}

function array(value, path) {
  if (!Array.isArray(value)) throw new Refusal(422, 'invalid_type', path, `\`${path}\` must be an array`);
  return value;
}

/** The fields of a catalogue entry the module screens (the rest is the shop's: price, images…). */
export function asListing(entry) {
  const listing = { id: entry.id, title: entry.title };
  for (const key of ['description', 'category', 'category_code', 'marketplace', 'condition']) {
    if (entry[key] != null) listing[key] = entry[key];
  }
  return listing;
}

/**
 * The order service. `listings` is the catalogue (id → listing, what the server knows of each
 * item, not what the page says); `now` is the clock (milliseconds), `Date.now` in production.
 */
export function createServer({ listings, now = Date.now, checker = new Checker() }) {
  const catalogue = new Map(listings.map((l) => [l.id, asListing(l)]));
  const policyHash = () => checker.info().policies.at(-1).hash;

  /** Re-judges a posted claim with the server's clock: the page's verdict is never trusted. The
   * verdict the service keeps carries the claim's SHA-256 (`audit.input_hash`), which ties it to
   * the claim it answered; a page showing a verdict does not ask for it. */
  function claims(body) {
    const claim = object(object(body, '').claim, 'claim');
    return { verdict: checker.judge(claim, now(), 'en', { inputHash: true }) };
  }

  /** Re-checks a pre-check order: the server screens the items itself. */
  function orders(body) {
    object(body, '');
    const items = array(body.items, 'items');
    if (items.length === 0) throw new Refusal(422, 'invalid_value', 'items', 'an order has at least one item');
    const fragile = [];
    items.forEach((item, i) => {
      object(item, `items[${i}]`);
      const listing = catalogue.get(item.id);
      if (!listing) throw new Refusal(422, 'unknown_item', `items[${i}].id`, `no listing \`${item.id}\` in the catalogue`);
      const s = checker.screen(listing, 'en');
      if (Boolean(item.fragile) !== s.fragile || Boolean(item.non_compensable) !== s.non_compensable) {
        throw new Refusal(409, 'tampered', `items[${i}]`, `the page says fragile=${Boolean(item.fragile)}, non_compensable=${Boolean(item.non_compensable)}; the policy says ${s.fragile}, ${s.non_compensable}`);
      }
      if (s.fragile) fragile.push(item.id);
    });
    const ack = body.acknowledgment;
    if (fragile.length === 0) {
      if (ack != null) object(ack, 'acknowledgment');
      return { accepted: true, fragile, policy_hash: policyHash() };
    }
    if (ack == null) throw new Refusal(422, 'not_acknowledged', 'acknowledgment', `fragile items ${fragile.join(', ')} are not acknowledged`);
    object(ack, 'acknowledgment');
    if (ack.policy_hash !== policyHash()) {
      throw new Refusal(409, 'policy_changed', 'acknowledgment.policy_hash', `acknowledged under \`${ack.policy_hash}\`, but orders are placed under \`${policyHash()}\``);
    }
    const acked = array(ack.item_ids, 'acknowledgment.item_ids');
    const ordered = new Set(items.map((i) => i.id));
    const stray = acked.findIndex((id) => !ordered.has(id));
    if (stray !== -1) throw new Refusal(409, 'tampered', `acknowledgment.item_ids[${stray}]`, `\`${acked[stray]}\` is not in the order`);
    const missing = fragile.filter((id) => !acked.includes(id));
    if (missing.length > 0) throw new Refusal(422, 'not_acknowledged', 'acknowledgment.item_ids', `fragile items ${missing.join(', ')} are not acknowledged`);
    if (typeof ack.acknowledged_at !== 'string' || Number.isNaN(Date.parse(ack.acknowledged_at))) {
      throw new Refusal(422, 'invalid_timestamp', 'acknowledgment.acknowledged_at', 'must be an RFC 3339 timestamp');
    }
    return { accepted: true, fragile, policy_hash: policyHash() };
  }

  const routes = { '/api/claims': claims, '/api/orders': orders };

  return http.createServer(async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    try {
      const route = routes[new URL(req.url ?? '/', 'http://localhost').pathname];
      if (!route) throw new Refusal(404, 'not_found', '', `no such endpoint: ${req.url}`);
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        throw new Refusal(405, 'method_not_allowed', '', `use POST, not ${req.method}`);
      }
      send(200, route(await readJson(req)));
    } catch (e) {
      if (e instanceof Refusal) {
        send(e.status, { error: { code: e.code, path: e.path, message: e.message } });
      } else if (e?.name === 'AftersalesError') {
        // The module's own typed error: bad input, named by its field.
        send(422, { error: { code: e.code, path: e.path, message: e.message } });
      } else {
        console.error(e);
        send(500, { error: { code: 'internal', path: '', message: 'the server failed; the request was not applied' } });
      }
      // A refused body may still be arriving: drop the rest rather than read it.
      if (!req.complete) req.destroy();
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFile } = await import('node:fs/promises');
  const path = new URL('../../www/demo/listings.json', import.meta.url);
  const { listings } = JSON.parse(await readFile(path, 'utf8'));
  const port = Number(process.argv[2] ?? 8787);
  createServer({ listings }).listen(port, () => console.log(`order service on http://localhost:${port}/api/`));
}
