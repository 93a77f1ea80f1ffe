#!/usr/bin/env python
"""Rank candidate pages for labelling by how unsure the current model is about them (issue #16:
spend labelling where the model is unsure). Each file is a page's text as found (or a drafted
passage JSON); the model extracts its statements and classifies them, and the file's score is
the mean entropy of the stance probabilities over its statements (0 = certain; ln 4 = 1.39 at
most). Highest first, with each file's three least certain statements.

    python scripts/rank_uncertain.py [--model models/default] FILE [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def page_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(raw)["text"]
    return raw


def entropy(row) -> float:
    return -sum(float(p) * math.log(float(p)) for p in row if p > 0)


def rank(model, paths: list[Path]) -> list[dict]:
    out = []
    for path in paths:
        quotes = model.extractor.extract(page_text(path))
        records = [{"actor": q.actor, "text": q.text, "cue": q.cue, "context": q.context} for q in quotes]
        if not model.classifier.input_cfg.article_context:
            records = [dict(r, context="") for r in records]
        probs = model.classifier.predict(records) if records else []
        scored = sorted(((entropy(p), r["actor"], r["text"]) for p, r in zip(probs, records)), reverse=True)
        out.append({"file": str(path), "statements": len(records),
                    "mean_entropy": round(sum(s[0] for s in scored) / len(scored), 3) if scored else 0.0,
                    "least_certain": [{"entropy": round(e, 3), "actor": a, "text": t[:120]} for e, a, t in scored[:3]]})
    return sorted(out, key=lambda r: r["mean_entropy"], reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/default")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    from stance import StanceModel

    model = StanceModel.load(args.model, device="cpu")
    for row in rank(model, args.files):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
