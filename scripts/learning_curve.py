#!/usr/bin/env python
"""Learning curve (issue #5, "what limits it"): train one config on growing shares of the training
articles (``data.split.train_fraction``; nested, dev and test whole) and report test macro-F1
against the number of training statements, beside TF-IDF + logistic regression on the same share.
A least-squares line of macro-F1 on log2(statements) gives the points each doubling of the data
bought, and where that line would reach the 0.85 target if it held (it need not: curves flatten).

    python scripts/learning_curve.py                      # shares 0.25, 0.5, 0.75, 1.0; 2 seeds each
    python scripts/learning_curve.py --collect 1.0=MODEL_DIR   # a share already trained

Writes results/learning_curve.json (kept across runs, one entry per fraction) and
results/learning_curve.md. Each run is a full training of the config on that share.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

TARGET = 0.85


def fit_log2(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """(slope per doubling, intercept) of y = a + b·log2(n), least squares; None below 2 sizes."""
    if len({n for n, _ in points}) < 2:
        return None
    xs = [math.log2(n) for n, _ in points]
    ys = [y for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return slope, my - slope * mx


def statements_for(slope_intercept: tuple[float, float] | None, target: float) -> int | None:
    """Training statements at which the fitted line reaches ``target`` (None if it never rises)."""
    if not slope_intercept or slope_intercept[0] <= 0:
        return None
    slope, intercept = slope_intercept
    return round(2 ** ((target - intercept) / slope))


def write_table(results: dict, out_dir: Path, config: str) -> str:
    from stance.training import mean_std

    rows = sorted(results.values(), key=lambda r: r["fraction"])
    lines = ["# Learning curve", "",
             f"Config `{config}`, trained on a hash-chosen share of the training articles "
             "(`data.split.train_fraction`, nested); dev and test (reports from 2025-01-01 on) are "
             "the same in every row. Reproduce: `python scripts/learning_curve.py`.", "",
             "| share of train articles | train statements | seeds | test macro-F1 | per-seed test | "
             "TF-IDF+LR | dev macro-F1 | commit |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    model_points, tfidf_points = [], []
    for r in rows:
        test, test_sd = mean_std(x["macro_f1"] for x in r["runs"])
        dev, dev_sd = mean_std(x["dev_macro_f1"] for x in r["runs"])
        tfidf, _ = mean_std(x["tfidf_macro_f1"] for x in r["runs"])
        model_points += [(r["train_statements"], x["macro_f1"]) for x in r["runs"]]
        if tfidf is not None:
            tfidf_points.append((r["train_statements"], tfidf))
        seeds = ", ".join(str(x["seed"]) for x in r["runs"])
        per_seed = ", ".join(f"{x['macro_f1']:.3f}" for x in r["runs"])
        tfidf_text = "" if tfidf is None else f"{tfidf:.3f}"
        lines.append(f"| {r['fraction']:.2f} | {r['train_statements']:,} | {seeds} | {test:.3f} ± {test_sd:.3f} | "
                     f"{per_seed} | {tfidf_text} | {dev:.3f} ± {dev_sd:.3f} | {r['commit']} |")
    summary = []
    for name, points, how in (("model", model_points, "every seed a point"),
                              ("TF-IDF+LR", tfidf_points, "one point per share; it has no seed")):
        fit = fit_log2(points)
        if fit is None:
            continue
        reach = statements_for(fit, TARGET)
        summary.append(f"{name}: {100 * fit[0]:+.1f} points of test macro-F1 per doubling of the training "
                       f"statements (least squares on log2 n, {how})"
                       + (f"; on that line {TARGET} would need about {float(f'{reach:.2g}'):,.0f} training statements"
                          if reach else ""))
    if summary:
        lines += [""] + [f"- {s}." for s in summary]
    text = "\n".join(lines) + "\n"
    note = out_dir / "learning_curve_note.md"  # the reading, written by hand, kept across re-runs
    if note.is_file():
        text += "\n" + note.read_text(encoding="utf-8").strip() + "\n"
    (out_dir / "learning_curve.md").write_text(text, encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    parser.add_argument("--fractions", type=float, nargs="*", default=[0.25, 0.5, 0.75, 1.0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--collect", nargs="*", default=[], metavar="FRACTION=DIR[,DIR]",
                        help="a share already trained with this config: its seeds.json or metrics.json")
    parser.add_argument("--out", default=str(ROOT / "results"))
    args = parser.parse_args()

    from compare_configs import collected_runs, commit

    from stance.config import load_config
    from stance.data import load_splits
    from stance.errors import StanceError
    from stance.training import train_seeds

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    result_path = out_dir / "learning_curve.json"
    results = json.loads(result_path.read_text()) if result_path.exists() else {}
    base = load_config(args.config)
    jobs = [(f, None) for f in args.fractions]
    for entry in args.collect:
        fraction, sep, dirs = entry.partition("=")
        if not sep:
            parser.error(f"--collect '{entry}': expected FRACTION=DIR[,DIR]")
        jobs.append((float(fraction), dirs.split(",")))
    for fraction, dirs in jobs:
        if not 0 < fraction <= 1:
            parser.error(f"fraction {fraction}: must be in (0, 1]")
        config = copy.deepcopy(base)
        config.data.split.train_fraction = fraction
        try:
            n_train = len(load_splits(config.data, ROOT).train)
        except StanceError as exc:
            parser.error(str(exc))
        if dirs:
            for d in dirs:
                trained = load_config(Path(d) / "config.yaml").data.split.train_fraction
                if trained != fraction:
                    parser.error(f"--collect {d}: trained with data.split.train_fraction {trained:g}, not {fraction:g}")
            runs = sorted((r for d in dirs for r in collected_runs(Path(d))), key=lambda r: r["seed"])
        else:
            import transformers

            transformers.utils.logging.set_verbosity_error()
            with tempfile.TemporaryDirectory() as tmp:
                runs = train_seeds(config, Path(tmp) / "model", args.seeds, root=ROOT, progress=False)["seeds"]
        results[f"{fraction:g}"] = {"fraction": fraction, "train_statements": n_train, "runs": runs, "commit": commit()}
        result_path.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"fraction {fraction:g}: {n_train} train statements, test "
              + ", ".join(f"{r['macro_f1']:.3f}" for r in runs), flush=True)
    print(write_table(results, out_dir, Path(args.config).name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
