#!/usr/bin/env python3
"""Validate the labeled listing set and (re)make its dev/test split.

Stdlib only.  Usage (from anywhere):

    python3 tests/data/listings/split.py              # validate dev.jsonl + test.jsonl, print counts
    python3 tests/data/listings/split.py --resplit    # pool both files, re-split with the fixed seed, rewrite them

The split is deterministic: rows are pooled from both files, grouped into class
buckets (fragile, fragile+paper, cd_dvd_bd, paper_product, ordinary hard negative,
ordinary) crossed with real/written title, each bucket is sorted by id and shuffled with random.Random(SEED), and
its rows are dealt alternately to dev and test (the side that receives a bucket's odd
row alternates from bucket to bucket).  Validation also checks that the files on disk
are exactly that split.

The Mercari taxonomy is read from shared/eval/mercari-jp-categories.json beside the
repository (../../../../shared from this file's repo root), or from --taxonomy PATH,
or from $AFTERSALES_TAXONOMY.
"""
import argparse
import json
import os
import random
import re
import sys
from collections import Counter, OrderedDict
from pathlib import Path

SEED = 20240917
HERE = Path(__file__).resolve().parent
FILES = ('dev.jsonl', 'test.jsonl')

MARKETPLACES = {
    'mercari': ('m', 'Mercari'),
    'rakuma': ('r', 'Rakuma'),
    'amazon_jp': ('a', 'Amazon.co.jp'),
    'surugaya': ('s', 'Suruga-ya'),
    'sofmap': ('f', 'Sofmap'),
    'amiami': ('i', 'AmiAmi'),
    'yahoo_auctions': ('y', 'Yahoo! Auctions'),
}
REQUIRED = ('id', 'marketplace', 'title', 'title_en', 'title_zh', 'title_ru',
            'condition', 'category', 'labels', 'kind', 'source')
OPTIONAL = ('category_code', 'note', 'hard_negative')
KINDS = ('cd_dvd_bd', 'paper_product')
KANA = re.compile('[\u3040-\u30fa\u30fc-\u30ff\uff66-\uff9f]')
CYRILLIC = re.compile('[\u0400-\u04ff]')
BUCKETS = ('fragile', 'fragile+paper', 'cd_dvd_bd', 'paper_product', 'ordinary_hard_negative', 'ordinary')


def default_taxonomy():
    env = os.environ.get('AFTERSALES_TAXONOMY')
    if env:
        return Path(env)
    # tests/data/listings -> repo root is parents[2]; shared/ sits beside the repo
    return HERE.parents[3] / 'shared' / 'eval' / 'mercari-jp-categories.json'


def load_taxonomy(path):
    data = json.loads(Path(path).read_text(encoding='utf-8'))
    nodes = data['map']
    parents = {v['parentCode'] for v in nodes.values() if v.get('parentCode')}

    def path_of(code):
        names = []
        seen = set()
        while code:
            if code in seen:
                raise ValueError(f'cycle at {code}')
            seen.add(code)
            names.append(nodes[code]['name'])
            code = nodes[code].get('parentCode')
        return names[::-1]

    return nodes, parents, path_of


def bucket(row):
    lab = row['labels']
    if lab['fragile'] and lab['non_compensable']:
        return 'fragile+paper' if row['kind'] == 'paper_product' else 'fragile+cd'
    if lab['fragile']:
        return 'fragile'
    if lab['non_compensable']:
        return row['kind']
    return 'ordinary_hard_negative' if row.get('hard_negative') else 'ordinary'


def validate_row(row, tax, errors, where):
    nodes, parents, path_of = tax

    def err(msg):
        errors.append(f'{where} {row.get("id", "?")}: {msg}')

    if not isinstance(row, dict):
        err('row is not an object')
        return
    for k in REQUIRED:
        if k not in row:
            err(f'missing key {k!r}')
    for k in row:
        if k not in REQUIRED and k not in OPTIONAL:
            err(f'unknown key {k!r}')
    if any(k not in row for k in REQUIRED):
        return

    mk = row['marketplace']
    if mk not in MARKETPLACES:
        err(f'bad marketplace {mk!r}')
        return
    prefix, mkname = MARKETPLACES[mk]
    if not isinstance(row['id'], str) or not re.fullmatch(r'[a-z]-\d{4}', row['id']):
        err(f'bad id {row["id"]!r}')
    elif row['id'][0] != prefix:
        err(f'id prefix {row["id"][0]!r} does not match marketplace {mk} ({prefix!r})')

    for k in ('title', 'title_en', 'title_zh', 'title_ru', 'source'):
        v = row[k]
        if not isinstance(v, str) or not v.strip():
            err(f'{k} must be a non-empty string')
        elif v != v.strip() or '\n' in v or '|' in v:
            err(f'{k} has stray whitespace, a newline or a pipe')
    if all(isinstance(row[k], str) for k in ('title', 'title_en', 'title_zh', 'title_ru')):
        for k in ('title_en', 'title_zh', 'title_ru'):
            if KANA.search(row[k]):
                err(f'{k} still contains Japanese kana: {row[k]!r}')
        # a Russian title may stay Latin only where the whole title is product/brand names
        # (then it equals the English one or the original)
        if not CYRILLIC.search(row['title_ru']) and row['title_ru'] not in (row['title'], row['title_en']):
            err('title_ru has no Cyrillic and differs from both the original and the English title')

    if row['condition'] not in ('new', 'second_hand'):
        err(f'bad condition {row["condition"]!r}')

    cat, code = row['category'], row.get('category_code')
    if cat is None:
        if code is not None:
            err('category_code without category')
    else:
        if not (isinstance(cat, list) and cat and all(isinstance(x, str) for x in cat)):
            err('category must be null or a non-empty list of names')
        elif not isinstance(code, str) or code not in nodes:
            err(f'category_code {code!r} missing or not in the taxonomy')
        else:
            if code in parents:
                err(f'category_code {code} is not a leaf')
            if path_of(code) != cat:
                err(f'category {cat} != taxonomy path {path_of(code)} of {code}')

    lab = row['labels']
    if not (isinstance(lab, dict) and set(lab) == {'fragile', 'non_compensable'}
            and all(isinstance(v, bool) for v in lab.values())):
        err('labels must be {"fragile": bool, "non_compensable": bool}')
        return
    kind = row['kind']
    if lab['non_compensable']:
        if kind not in KINDS:
            err(f'non_compensable row needs kind in {KINDS}, got {kind!r}')
    elif kind is not None:
        err(f'kind {kind!r} on a row that is not non_compensable')
    if 'hard_negative' in row:
        if row['hard_negative'] is not True:
            err('hard_negative, when present, must be true')
        if lab['fragile'] or lab['non_compensable']:
            err('hard_negative is only for ordinary rows')
    if 'note' in row and (not isinstance(row['note'], str) or not row['note'].strip()):
        err('note, when present, must be a non-empty string')

    src = row['source'] if isinstance(row['source'], str) else ''
    if src.startswith('written'):
        want = f'written in the style of {mkname} listings'
        if src != want:
            err(f'source {src!r} should read {want!r}')


def read(path):
    rows = []
    for n, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line, object_pairs_hook=OrderedDict))
        except json.JSONDecodeError as e:
            raise SystemExit(f'{path.name}:{n}: invalid JSON: {e}')
    return rows


def make_split(rows):
    groups = {}
    for r in rows:
        real = not r['source'].startswith('written')
        groups.setdefault((bucket(r), real), []).append(r)
    rng = random.Random(SEED)
    dev, test = [], []
    odd_to_dev = True
    for b in sorted(groups):
        g = sorted(groups[b], key=lambda r: r['id'])
        rng.shuffle(g)
        for i, r in enumerate(g):
            (dev if (i % 2 == 0) == odd_to_dev else test).append(r)
        if len(g) % 2:
            odd_to_dev = not odd_to_dev
    key = lambda r: r['id']
    return sorted(dev, key=key), sorted(test, key=key)


def write(path, rows):
    with open(path, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')


def counts(rows):
    c = Counter(bucket(r) for r in rows)
    n = len(rows)
    frag = sum(r['labels']['fragile'] for r in rows)
    nonc = sum(r['labels']['non_compensable'] for r in rows)
    ordinary = c['ordinary'] + c['ordinary_hard_negative']
    real = sum(not r['source'].startswith('written') for r in rows)
    with_cat = sum(r['category'] is not None for r in rows)
    return {
        'rows': n,
        'fragile (any)': frag,
        'non_compensable (any)': nonc,
        '  fragile only': c['fragile'],
        '  fragile + paper_product (both labels)': c['fragile+paper'],
        '  non_compensable cd_dvd_bd': c['cd_dvd_bd'],
        '  non_compensable paper_product': c['paper_product'],
        'ordinary': ordinary,
        '  of which hard negatives': c['ordinary_hard_negative'],
        'real titles / written titles': f'{real} / {n - real}',
        'rows with a category': with_cat,
        'marketplaces': dict(sorted(Counter(r['marketplace'] for r in rows).items())),
    }, {b: c[b] / n for b in BUCKETS}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--taxonomy', type=Path, default=None)
    ap.add_argument('--resplit', action='store_true', help='pool dev+test and rewrite them with the fixed-seed split')
    args = ap.parse_args()

    tax_path = args.taxonomy or default_taxonomy()
    if not tax_path.exists():
        raise SystemExit(f'taxonomy not found at {tax_path} (use --taxonomy or $AFTERSALES_TAXONOMY)')
    tax = load_taxonomy(tax_path)

    per_file = {f: read(HERE / f) for f in FILES}
    pooled = [r for f in FILES for r in per_file[f]]

    errors = []
    for f in FILES:
        for r in per_file[f]:
            validate_row(r, tax, errors, f)
    ids = Counter(r.get('id') for r in pooled)
    errors += [f'duplicate id {i}' for i, n in ids.items() if n > 1]
    titles = Counter((r.get('marketplace'), r.get('title')) for r in pooled)
    errors += [f'duplicate title on {m}: {t}' for (m, t), n in titles.items() if n > 1]
    if errors:
        print('\n'.join(errors))
        raise SystemExit(f'FAILED: {len(errors)} problem(s)')

    dev, test = make_split(pooled)
    if args.resplit:
        write(HERE / 'dev.jsonl', dev)
        write(HERE / 'test.jsonl', test)
        per_file = {'dev.jsonl': dev, 'test.jsonl': test}
        print(f'rewrote dev.jsonl ({len(dev)}) and test.jsonl ({len(test)}) with seed {SEED}')
    else:
        on_disk = {f: [r['id'] for r in per_file[f]] for f in FILES}
        want = {'dev.jsonl': [r['id'] for r in dev], 'test.jsonl': [r['id'] for r in test]}
        if on_disk != want:
            raise SystemExit('FAILED: dev/test on disk are not the fixed-seed split (run with --resplit)')

    mixes = {}
    for f in FILES:
        table, mix = counts(per_file[f])
        mixes[f] = mix
        print(f'== {f}')
        for k, v in table.items():
            print(f'  {k}: {v}')
    worst = max(abs(mixes['dev.jsonl'][b] - mixes['test.jsonl'][b]) for b in BUCKETS)
    if worst > 0.02:
        raise SystemExit(f'FAILED: class mix differs between dev and test by {worst:.3f}')
    print(f'OK: {len(pooled)} rows valid, ids unique, categories match the taxonomy, '
          f'split reproducible (seed {SEED}), class mix within {worst:.3f}')


if __name__ == '__main__':
    main()
