// The policy-change diff at scale: `aftersales-policy diff` (native, release) on 10,000 and
// 100,000 generated listings (benches/catalog.mjs, fixed seed) and 3,000 claims, for an edit that
// adds a fragile term (ステンレス) and shortens the claim window by a day. Prints wall time, rows per second
// and peak memory (max RSS, from GNU time) side by side: the file is read a line at a time and
// only changed rows are kept, so memory should grow with the changes, not with the file.
// Figures are printed, never asserted.
//
//     node benches/diff.mjs [--smoke]      (--smoke: 1,000 and 5,000 listings)

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildCatalog, buildClaims } from './catalog.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const sizes = smoke ? [1_000, 5_000] : [10_000, 100_000];
const dir = join(root, 'target', 'bench-diff');
mkdirSync(dir, { recursive: true });

execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'aftersales-policy'], { cwd: root, stdio: 'inherit' });
const bin = join(root, 'target', 'release', 'aftersales-policy');

const shipped = join(root, 'src', 'policy', 'after-sales.policy.json');
const doc = JSON.parse(readFileSync(shipped, 'utf8'));
doc.screening.classes.fragile.terms.ja.push('ステンレス');
doc.claims.window.days_after_signing -= 1;
const edited = join(dir, 'edited.json');
writeFileSync(edited, JSON.stringify(doc));

const claims = join(dir, 'claims.jsonl');
writeFileSync(claims, buildClaims({ size: 3000 }).map(({ claim, now }) => JSON.stringify({ now, claim })).join('\n') + '\n');

const rows = [];
for (const size of sizes) {
  const listings = join(dir, `listings-${size}.jsonl`);
  writeFileSync(listings, buildCatalog({ size }).map(({ id, title, description, category, marketplace, condition }) => JSON.stringify({ id, title, description, category, marketplace, condition })).join('\n') + '\n');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', bin, 'diff', shipped, edited, '--listings', listings, '--claims', claims, '--format', 'json'], { maxBuffer: 1 << 30 });
  if (run.status !== 1) throw new Error(`diff exited ${run.status}: ${run.stderr}`);
  const [seconds, kb] = run.stderr.toString().trim().split('\n').at(-1).split(' ').map(Number);
  const report = JSON.parse(run.stdout.toString());
  rows.push({ size, seconds, mb: kb / 1024, report });
}

const fmt = (n, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log('\n| `aftersales-policy diff` (native, release) | ' + rows.map((r) => `${r.size.toLocaleString('en-US')} listings + 3,000 claims`).join(' | ') + ' |');
console.log('|:--|' + rows.map(() => '--:').join('|') + '|');
console.log('| Wall time | ' + rows.map((r) => `${fmt(r.seconds, 2)} s`).join(' | ') + ' |');
console.log('| Rows per second | ' + rows.map((r) => `${fmt((r.size + 3000) / r.seconds / 1000)} k`).join(' | ') + ' |');
console.log('| Peak memory (max RSS) | ' + rows.map((r) => `${fmt(r.mb)} MB`).join(' | ') + ' |');
console.log('| Listings / claims changed | ' + rows.map((r) => `${r.report.listings_changed.toLocaleString('en-US')} / ${r.report.claims_changed.toLocaleString('en-US')}`).join(' | ') + ' |');
console.log(`\n- Edit: the fragile term ステンレス added, the claim window ${doc.claims.window.days_after_signing + 1} → ${doc.claims.window.days_after_signing} days. Output: --format json, to a pipe. One process, one thread; the changed rows are what memory grows with.`);
