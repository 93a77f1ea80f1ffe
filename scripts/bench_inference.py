#!/usr/bin/env python
"""Inference speed, measured against a baseline run in the same process (machines are shared
and noisy, so only ratios mean much):

1. a plain ``transformers.pipeline("text-classification")`` on the same model, batch 32;
2. our default path (``Classifier.predict``: length-sorted batches, dynamic padding,
   inference mode, deduplication);
3. each backend (``int8``);
4. articles per second end to end (extraction + classification + aggregation), and extraction
   alone;
5. test macro-F1 of each backend, so speed is never bought with accuracy unseen.

Peak memory is the process's maximum resident set size after each phase.

    python scripts/bench_inference.py --model models/default [--n 2000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int = 1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/default")
    parser.add_argument("--n", type=int, default=2000, help="statements to classify (at least 2000 for the issue's numbers)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs per phase")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    import transformers
    from transformers import pipeline

    from stance import StanceModel
    from stance.config import load_config
    from stance.data import build_input, load_articles, load_splits
    from stance.evaluation import classification_scores
    from stance.labels import LABEL2ID

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    model_dir = Path(args.model)
    config = load_config(model_dir / "config.yaml")
    test = load_splits(config.data).test
    if not test:
        print("no test split to build statements from", file=sys.stderr)
        return 2
    # distinct statements: each test statement under several speakers, so deduplication cannot
    # make our path look faster than it is
    actors = sorted({st["actor"] for st in test})
    records = []
    for i in range(args.n):
        st = test[i % len(test)]
        records.append(dict(st, actor=actors[(i // len(test) + actors.index(st["actor"])) % len(actors)]))
    results: dict = {"statements": len(records), "threads": torch.get_num_threads(), "device": "cpu"}

    fp32 = StanceModel.load(model_dir, device="cpu")
    cfg = fp32.classifier.input_cfg
    pairs = [build_input(r, cfg) for r in records]
    results["peak_rss_mb_after_load"] = round(peak_mb(), 1)

    pipe = pipeline("text-classification", model=str(model_dir), device="cpu", batch_size=32)
    paired = cfg.context or cfg.target  # the pipeline gets the same segments the model was trained on
    inputs = [{"text": a, "text_pair": b or ""} if paired else a for a, b in pairs]
    t_pipe, _ = timed(lambda: pipe(inputs, truncation=True, max_length=fp32.classifier.max_length), args.repeat)
    results["pipeline_statements_per_s"] = round(len(records) / t_pipe, 1)
    results["peak_rss_mb_after_pipeline"] = round(peak_mb(), 1)

    t_ours, _ = timed(lambda: fp32.classifier.predict(records), args.repeat)
    results["ours_statements_per_s"] = round(len(records) / t_ours, 1)
    results["peak_rss_mb_after_ours"] = round(peak_mb(), 1)

    int8 = StanceModel.load(model_dir, device="cpu", backend="int8")
    t_int8, _ = timed(lambda: int8.classifier.predict(records), args.repeat)
    results["int8_statements_per_s"] = round(len(records) / t_int8, 1)
    results["peak_rss_mb_after_int8"] = round(peak_mb(), 1)

    y = [LABEL2ID[st["label"]] for st in test]
    results["test_macro_f1_fp32"] = round(classification_scores(y, fp32.classifier.predict(test).argmax(1))["macro_f1"], 4)
    results["test_macro_f1_int8"] = round(classification_scores(y, int8.classifier.predict(test).argmax(1))["macro_f1"], 4)

    gold = load_articles(config.data.articles, config.data.seeds_dir)
    texts = [gold[i % len(gold)].text for i in range(args.articles)]
    t_extract, _ = timed(lambda: [fp32.extractor.extract(t) for t in texts], args.repeat)
    t_e2e, _ = timed(lambda: list(fp32.analyze_many(texts)), args.repeat)
    t_e2e8, _ = timed(lambda: list(int8.analyze_many(texts)), args.repeat)
    n_quotes = sum(len(fp32.extractor.extract(t)) for t in texts)
    results["articles"] = len(texts)
    results["quotes_in_articles"] = n_quotes
    results["extraction_articles_per_s"] = round(len(texts) / t_extract, 1)
    results["end_to_end_articles_per_s"] = round(len(texts) / t_e2e, 1)
    results["end_to_end_articles_per_s_int8"] = round(len(texts) / t_e2e8, 1)
    classify_only = t_e2e - t_extract
    results["extraction_vs_classifier_speed"] = round(classify_only / t_extract, 1) if t_extract else None
    results["peak_rss_mb"] = round(peak_mb(), 1)
    results["ratio_ours_vs_pipeline"] = round(t_pipe / t_ours, 2)
    results["ratio_int8_vs_pipeline"] = round(t_pipe / t_int8, 2)

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            print(f"{key.ljust(width)}  {value}")
        print(f"\nratio ours/pipeline: {results['ratio_ours_vs_pipeline']} (default), "
              f"{results['ratio_int8_vs_pipeline']} (int8)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
