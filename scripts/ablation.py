#!/usr/bin/env python
"""Input ablation (issue #5): the same config and seed, four ways of showing a statement to the
classifier. Writes results/ablation.json and results/ablation.md with the commit that made them.

    python scripts/ablation.py [--config configs/default.yaml] [--only NAME ...]

Each variant is a full training run (about 6–7 minutes on a 2-core CPU).
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = {
    "quote only": dict(actor=False, cue=False, context=False, target=False),
    "actor + quote": dict(actor=True, cue=True, context=False, target=False),
    "actor + quote + context": dict(actor=True, cue=True, context=True, target=False),
    "target-aware pair (actor + quote + context | target)": dict(actor=True, cue=True, context=True, target=True),
}


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    parser.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    parser.add_argument("--out", default=str(ROOT / "results"))
    args = parser.parse_args()

    import transformers

    from stance.config import load_config
    from stance.data import load_splits
    from stance.training import train

    transformers.utils.logging.set_verbosity_error()
    base = load_config(args.config)
    splits = load_splits(base.data, ROOT)
    made_at = commit()  # the corpus and code as they were when the run started
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    result_path = out_dir / "ablation.json"
    results = json.loads(result_path.read_text()) if result_path.exists() else {}
    for name, fields in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        config = copy.deepcopy(base)
        for key, value in fields.items():
            setattr(config.input, key, value)
        with tempfile.TemporaryDirectory() as tmp:
            metrics = train(config, Path(tmp) / "model", root=ROOT, progress=False, splits=splits)
        test = metrics["test"]
        results[name] = {
            "input": fields,
            "test_macro_f1": test["model"]["macro_f1"],
            "test_macro_f1_ci": test["model"]["macro_f1_ci"],
            "test_macro_f1_all": test["model"]["macro_f1_all"],
            "tfidf_macro_f1": test["tfidf_logreg"]["macro_f1"],
            "ece": test["model"].get("ece"),
            "train_seconds": metrics["train_seconds"],
            "commit": made_at,
        }
        result_path.write_text(json.dumps(results, indent=2))
        print(f"{name}: test macro-F1 {test['model']['macro_f1']:.3f}", flush=True)
    lines = ["# Input ablation", "",
             f"Config `{Path(args.config).name}`, test split = reports from {base.data.split.test_from} on; "
             "one training run each, same seed. Reproduce: `python scripts/ablation.py`.", "",
             "| input | test macro-F1 (3 stances) | 95% CI | macro-F1 (4 labels) | TF-IDF+LR on same input | ECE | train s | commit |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        lo, hi = r["test_macro_f1_ci"]
        lines.append(f"| {name} | {r['test_macro_f1']:.3f} | {lo:.3f}–{hi:.3f} | {r['test_macro_f1_all']:.3f} | "
                     f"{r['tfidf_macro_f1']:.3f} | {r['ece']:.3f} | {r['train_seconds']:.0f} | {r['commit']} |")
    (out_dir / "ablation.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
