#!/usr/bin/env python3
"""Validates the real labeled listing set and prints its counts (standard library only).

    python3 tests/data/listings/real/check.py

Checks every row's schema, that ids are unique across both files and keep their
marketplace prefix, that `kind` is set exactly when `non_compensable` is, that
`hard_negative` is only on ordinary rows, that every row names its source, and that
no title appears twice in one marketplace. Exits 1 naming the file, line and field.
"""
import collections
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
KEYS = {"id", "lang", "marketplace", "title", "description", "category", "category_code",
        "condition", "labels", "kind", "hard_negative", "note", "source", "source_id"}
REQUIRED = {"id", "lang", "marketplace", "title", "labels", "kind", "source", "source_id"}


def fail(where, message):
    sys.exit(f"{where}: {message}")


def main():
    ids, titles = set(), set()
    counts = collections.Counter()
    by_marketplace = collections.Counter()
    for side in ("dev", "test"):
        path = HERE / f"{side}.jsonl"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{n}"
            row = json.loads(line)
            if set(row) - KEYS:
                fail(where, f"unknown fields {sorted(set(row) - KEYS)}")
            if REQUIRED - set(row):
                fail(where, f"missing fields {sorted(REQUIRED - set(row))}")
            if row["id"] in ids:
                fail(where, f"id `{row['id']}` is used twice")
            ids.add(row["id"])
            if not row["id"].startswith(row["marketplace"] + "-"):
                fail(where, "id must start with the marketplace")
            if row["lang"] not in ("ja", "en"):
                fail(where, "lang must be ja or en")
            labels = row["labels"]
            if set(labels) != {"fragile", "non_compensable"} or not all(isinstance(v, bool) for v in labels.values()):
                fail(where, "labels must be {fragile, non_compensable} booleans")
            if (row["kind"] is not None) != labels["non_compensable"]:
                fail(where, "kind is set exactly when non_compensable is")
            if row["kind"] not in (None, "cd_dvd_bd", "paper_product"):
                fail(where, "kind must be cd_dvd_bd, paper_product or null")
            if row.get("hard_negative") and (labels["fragile"] or labels["non_compensable"]):
                fail(where, "hard_negative is only for ordinary rows")
            if not row["source"].strip() or not str(row["source_id"]).strip():
                fail(where, "every row names its source and its id there")
            key = (row["marketplace"], row["title"])
            if key in titles:
                fail(where, "the same title twice in one marketplace")
            titles.add(key)
            cls = ("fragile+paper" if labels["fragile"] and labels["non_compensable"] else
                   "fragile" if labels["fragile"] else
                   row["kind"] if labels["non_compensable"] else
                   "ordinary (hard negative)" if row.get("hard_negative") else "ordinary")
            counts[(side, row["lang"], cls)] += 1
            by_marketplace[(side, row["lang"], row["marketplace"])] += 1
    for key in sorted(counts):
        print(*key, counts[key], sep="\t")
    for key in sorted(by_marketplace):
        print(*key, by_marketplace[key], sep="\t")
    print(f"{len(ids)} rows ok")


if __name__ == "__main__":
    main()
