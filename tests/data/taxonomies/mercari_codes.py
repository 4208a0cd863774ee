#!/usr/bin/env python3
"""Lists, in each Mercari category rule of the shipped policy, the codes of the categories under
its own (standard library only).

    python3 tests/data/taxonomies/mercari_codes.py          # check: exit 1 if a rule's codes are stale
    python3 tests/data/taxonomies/mercari_codes.py --write  # rewrite the policy's Mercari rules' codes

Mercari's API gives a listing's leaf category id (`categoryId` 696 = CD・DVD・ブルーレイ / CD /
アニメ) and its codes are not hierarchical, so a rule written for the node 9879 (CD・DVD・ブルーレイ)
must list the codes under it to match by code alone. A rule's `codes` are its own node's code,
then every descendant's that no more specific rule (a deeper node with rules of its own) takes,
in ascending order, a run of consecutive codes written `lo-hi`. The taxonomy is `shared/eval/mercari-jp-categories.json` beside the
repository, or `--taxonomy PATH`.
"""
import collections
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
POLICY = ROOT / "src/policy/after-sales.policy.json"


def expected_codes(rules, taxonomy):
    children = collections.defaultdict(list)
    for code, node in taxonomy.items():
        if node.get("parentCode") is not None:
            children[str(node["parentCode"])].append(str(code))
    own = {rule["codes"][0] for rule in rules}
    out = {}
    for rule in rules:
        node = rule["codes"][0]
        codes, stack = [], list(children.get(node, []))
        while stack:
            code = stack.pop()
            if code in own:
                continue
            codes.append(code)
            stack.extend(children.get(code, []))
        out[rule["id"]] = [node] + runs(sorted(int(c) for c in codes))
    return out


def runs(numbers):
    """Consecutive numbers as `lo-hi`, the rest as themselves: 2,134 codes are 271 runs."""
    out, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(str(numbers[i]) if i == j else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return out


def main():
    args = sys.argv[1:]
    taxonomy_path = ROOT.parent / "shared/eval/mercari-jp-categories.json"
    if "--taxonomy" in args:
        taxonomy_path = pathlib.Path(args[args.index("--taxonomy") + 1])
    taxonomy = json.loads(taxonomy_path.read_text(encoding="utf-8"))["map"]
    policy = json.loads(POLICY.read_text(encoding="utf-8"))
    rules = [r for r in policy["screening"]["categories"]
             if r.get("marketplace") in (None, "mercari") and r.get("codes")]
    want = expected_codes(rules, taxonomy)
    stale = [r["id"] for r in rules if r["codes"] != want[r["id"]]]
    if "--write" in args:
        for rule in rules:
            rule["codes"] = want[rule["id"]]
        POLICY.write_text(json.dumps(policy, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{len(stale)} rules rewritten; {sum(len(c) for c in want.values())} codes and ranges in {len(rules)} rules")
    elif stale:
        sys.exit(f"stale codes in {len(stale)} rules: {', '.join(stale[:10])}; run with --write")
    else:
        print(f"{len(rules)} Mercari rules, {sum(len(c) for c in want.values())} codes and ranges: up to date")


if __name__ == "__main__":
    main()
