#!/usr/bin/env python
"""How well `stance.conditions.find_condition` finds the condition of a conditional statement,
against gold spans (data/realnews/conditions.jsonl: real-news evaluation passages, annotated
without looking at the rules' output). A predicted span matches exactly, or overlaps when the two
share at least half of the shorter one's characters.

    python scripts/eval_conditions.py [--json results/conditions.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def score(rows: list[dict]) -> dict:
    from stance.conditions import find_condition

    out = {"statements": len(rows), "gold_with_condition": 0, "gold_without": 0, "exact": 0, "overlap": 0,
           "missed": 0, "found_where_gold_has_none": 0}
    for row in rows:
        span = find_condition(row["text"])
        gold = row["condition"]
        if gold is None:
            out["gold_without"] += 1
            out["found_where_gold_has_none"] += span is not None
            continue
        out["gold_with_condition"] += 1
        if span is None:
            out["missed"] += 1
            continue
        g0 = row["text"].find(gold)
        g1 = g0 + len(gold)
        p0, p1 = span
        shared = max(0, min(g1, p1) - max(g0, p0))
        out["exact"] += (p0, p1) == (g0, g1)
        out["overlap"] += shared >= 0.5 * min(g1 - g0, p1 - p0)
    n = max(1, out["gold_with_condition"])
    out["exact_rate"] = round(out["exact"] / n, 3)
    out["overlap_rate"] = round(out["overlap"] / n, 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "data" / "realnews" / "conditions.jsonl"))
    parser.add_argument("--json", help="write the scores here")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    result = score(rows)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
