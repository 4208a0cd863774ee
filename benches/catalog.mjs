// The benchmark's inputs, generated deterministically from a fixed seed: a catalog of
// marketplace listings (Japanese titles with en/zh/ru translations, drawn from
// data/vocabulary.mjs) and a set of varied damage/loss claims.
//
// Used as a module by run.mjs (which feeds the same objects to Chromium, Node and, through
// files, the native criterion bench); run directly it writes them as JSON Lines:
//
//     node benches/catalog.mjs [--out target/bench-data] [--listings 10000] [--claims 3000]
//
// Nothing here reads a clock or Math.random: the same seed gives byte-identical files.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BOX_SUFFIXES, CONDITION_WORDS, KINDS, MARKETPLACES, PREFIX_TAGS, SUFFIXES,
} from './data/vocabulary.mjs';

export const SEED = 20240301;
/** Page locales in rotation, and the translation each one shows beside the Japanese title. */
export const PAGE_LOCALES = ['en', 'ja', 'ru', 'zh-CN'];
const TRANSLATION_FOR = { en: 'en', ru: 'ru', 'zh-CN': 'zh', ja: null };
const LANG = { ja: 0, en: 1, zh: 2, ru: 3 };

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  const weighted = (pairs) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  };
  return { next, int, pick, chance, weighted };
}

const FULL_KATAKANA = 'ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー・「」';
const HALF_KATAKANA = 'ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ･｢｣';
const TO_HALF = new Map([...FULL_KATAKANA].map((c, i) => [c, [...HALF_KATAKANA][i]]));

/** Half-width katakana, as older shops and some sellers still type it (ガラス → ｶﾞﾗｽ). */
export function toHalfWidthKatakana(s) {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    if (ch === '\u3099') out += 'ﾞ';
    else if (ch === '\u309a') out += 'ﾟ';
    else out += TO_HALF.get(ch) ?? ch;
  }
  return out.normalize('NFC');
}

/** Full-width Latin letters and digits (ＣＤ, ２個). */
export function toFullWidthAscii(s) {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function joinWords(words) {
  return words.filter((w) => w !== '').join(' ');
}

/** One catalog record: the Japanese listing with its translations. */
function makeRecord(r, index) {
  const kind = r.weighted(KINDS.map((k) => [k, k.weight]));
  const condition = r.weighted([['new', 40], ['second_hand', 50], [null, 10]]);
  const parts = []; // each part is [ja, en, zh, ru]
  let prefix = null;
  if (r.chance(0.55)) {
    const pool = condition ? [...PREFIX_TAGS.any, ...PREFIX_TAGS[condition]] : PREFIX_TAGS.any;
    prefix = r.pick(pool);
  }
  const item = r.pick(kind.items);
  const brands = item[4] ?? kind.brands;
  if (brands.length > 0 && r.chance(0.8)) parts.push(r.pick(brands));
  parts.push(item);
  if (r.chance(0.5)) {
    const extra = r.pick(kind.extras);
    if (!item[0].includes(extra[0])) parts.push(extra);
  }
  if (kind.sizes) parts.push(r.pick(kind.sizes));
  if (condition && r.chance(0.3)) parts.push(r.pick(CONDITION_WORDS[condition]));
  if (r.chance(kind.boxRate)) parts.push(r.pick(BOX_SUFFIXES));
  if (r.chance(0.4)) parts.push(r.pick(SUFFIXES));

  const text = (lang) => {
    const body = joinWords(parts.map((p) => p[lang]));
    if (!prefix) return body;
    return lang === LANG.ja || lang === LANG.zh ? prefix[lang] + body : `${prefix[lang]} ${body}`;
  };
  let title = text(LANG.ja);
  if (r.chance(0.1)) title = toHalfWidthKatakana(title);
  if (r.chance(0.05)) title = toFullWidthAscii(title);
  if (r.chance(0.1)) title = title.replaceAll(' ', '\u3000');

  const record = {
    id: `m${String(100000000 + index * 7919).padStart(11, '0')}`,
    kind: kind.kind,
    marketplace: r.weighted(MARKETPLACES),
    title,
    translations: { en: text(LANG.en), zh: text(LANG.zh), ru: text(LANG.ru) },
  };
  if (condition) record.condition = condition;
  if (r.chance(0.65)) record.category = r.pick(kind.categories);
  return record;
}

/** `size` catalog records from `seed`. */
export function buildCatalog({ size = 10000, seed = SEED } = {}) {
  const r = rng(seed);
  return Array.from({ length: size }, (_, i) => makeRecord(r, i));
}

/**
 * The listings as a storefront screens them, in results pages of `pageSize`: page k is shown in
 * PAGE_LOCALES[k % 4], and each listing carries the Japanese title plus, as its description, the
 * machine translation the page shows beside it (none on Japanese pages).
 */
export function benchPages(records, pageSize = 100) {
  const pages = [];
  for (let start = 0; start < records.length; start += pageSize) {
    const locale = PAGE_LOCALES[pages.length % PAGE_LOCALES.length];
    const lang = TRANSLATION_FOR[locale];
    const listings = records.slice(start, start + pageSize).map((rec) => {
      const l = { id: rec.id, title: rec.title };
      if (lang) l.description = rec.translations[lang];
      if (rec.category) l.category = rec.category;
      l.marketplace = rec.marketplace;
      if (rec.condition) l.condition = rec.condition;
      return l;
    });
    pages.push({ locale, listings });
  }
  return pages;
}

const DAY = 86400000;
const OFFSETS = [[540, 40], [480, 12], [180, 10], [0, 10], [-300, 8], [-480, 6], [330, 6], [600, 8]];

/** RFC 3339 with an explicit offset (`Z` for UTC), milliseconds only when they are not zero. */
export function rfc3339(ms, offsetMin) {
  const local = new Date(ms + offsetMin * 60000).toISOString(); // 2024-03-01T09:00:00.000Z
  const millis = local.slice(19, 23);
  const base = local.slice(0, 19) + (millis === '.000' ? '' : millis);
  if (offsetMin === 0) return `${base}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const INCIDENTS = [['damaged', 40], ['lost_in_transit', 15], ['missing_items', 15], ['lost_by_unpacking', 10], ['condition_complaint', 20]];
const CAUSES = [['improper_handling', 20], ['courier_mishandling', 25], ['customs_inspection', 15], ['unknown', 20], ['second_hand_wear', 6], ['unsealed_or_resealed', 6]];
const EVIDENCE = ['opened_package_photos', 'unboxing_video', 'carrier_proof', 'packaging_kept', 'documents_kept'];
const CLASSES = [['ordinary', 60], ['fragile', 12], ['cd_dvd_bd', 12], ['paper_product', 16]];
const DAMAGE = ['main_body', 'cd_case', 'paper', 'outer_box', 'missing', 'scratches_wear', 'unsealed'];

/** One claim and the instant it is judged at. */
function makeClaim(r, index) {
  const signedOffset = r.weighted(OFFSETS);
  const signedMs = Date.UTC(2023, 1, 1) + r.int(0, 1000) * DAY + r.int(0, DAY / 1000 - 1) * 1000;
  // The window's edge: midnight (signing offset) at the start of the 6th day after signing.
  const localMs = signedMs + signedOffset * 60000;
  const edge = localMs - (localMs % DAY) + 6 * DAY - signedOffset * 60000;
  const scenario = r.weighted([['inside', 60], ['edge', 15], ['late', 25]]);
  let reportedMs;
  if (scenario === 'inside') reportedMs = signedMs + r.int(0, edge - signedMs - 1);
  else if (scenario === 'edge') reportedMs = edge + r.pick([-60000, -1000, -1, 0, 1, 1000]);
  else reportedMs = edge + r.int(0, 5 * DAY);
  reportedMs = Math.max(reportedMs, signedMs);
  const nowMs = reportedMs + r.pick([0, 0, r.int(1, DAY), r.int(DAY, 4 * DAY)]);

  const claim = {
    order_id: `ORD-${String(2300000 + index * 37).padStart(8, '0')}`,
    signed_at: rfc3339(signedMs, signedOffset),
    incident: r.weighted(INCIDENTS),
    cause: r.weighted(CAUSES),
    evidence: EVIDENCE.filter(() => r.chance(0.75)),
    items: [],
  };
  if (r.chance(0.5)) {
    claim.ordered_at = rfc3339(signedMs - r.int(1, 30) * DAY - r.int(0, DAY - 1), signedOffset);
  }
  if (r.chance(0.85)) {
    // Customer service logs reports in Japan time or UTC, not in the shopper's offset.
    claim.reported_at = rfc3339(reportedMs, r.pick([540, 0, signedOffset]));
  }
  const n = r.weighted([[1, 45], [2, 25], [3, 15], [4, 10], [8, 5]]);
  for (let i = 0; i < n; i++) {
    const item = {
      id: `${i + 1}`,
      class: r.weighted(CLASSES),
      condition: r.chance(0.5) ? 'new' : 'second_hand',
    };
    if (r.chance(0.4)) item.damage = r.pick(DAMAGE);
    claim.items.push(item);
  }
  return { claim, now: rfc3339(nowMs, 0), nowMs };
}

/** `size` claims from `seed`, each with the instant it is judged at. */
export function buildClaims({ size = 3000, seed = SEED + 1 } = {}) {
  const r = rng(seed);
  return Array.from({ length: size }, (_, i) => makeClaim(r, i));
}

/** Writes catalog.jsonl, listings.jsonl (page order) and claims.jsonl into `dir`. */
export function writeBenchData(dir, { listings = 10000, claims = 3000 } = {}) {
  mkdirSync(dir, { recursive: true });
  const records = buildCatalog({ size: listings });
  const pages = benchPages(records);
  const claimSet = buildClaims({ size: claims });
  const lines = (xs) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
  writeFileSync(join(dir, 'catalog.jsonl'), lines(records));
  writeFileSync(join(dir, 'listings.jsonl'), lines(pages.flatMap((p) => p.listings.map((l) => ({ locale: p.locale, listing: l })))));
  writeFileSync(join(dir, 'claims.jsonl'), lines(claimSet.map(({ claim, now }) => ({ now, claim }))));
  return { records, pages, claims: claimSet };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = resolve(arg('--out', join(root, 'target', 'bench-data')));
  const { records, claims } = writeBenchData(out, {
    listings: Number(arg('--listings', 10000)),
    claims: Number(arg('--claims', 3000)),
  });
  console.log(`wrote ${records.length} listings and ${claims.length} claims to ${out}`);
}
