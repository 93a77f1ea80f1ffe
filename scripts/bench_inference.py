#!/usr/bin/env python
"""Inference speed, measured against a baseline run in the same process (machines are shared
and noisy, so only ratios mean much):

1. a plain ``transformers.pipeline("text-classification")`` on the same model, batch 32;
2. our path (``Classifier.predict``: length-sorted batches, dynamic padding, inference mode,
   deduplication) on each backend: torch fp32, bf16 (where the CPU has native bf16), onnx, int8;
   the default is whatever ``auto`` picks on this machine;
3. test macro-F1 of each backend and how many test predictions differ from fp32;
4. articles per second end to end (extraction + classification + aggregation), and extraction
   alone;

Speed is never bought with accuracy unseen: a backend whose test macro-F1 falls more than 1 point
below fp32 is flagged.

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


def pipeline_speed(texts, fp32, ours, repeat: int) -> dict:
    """Articles per second through extraction alone and through the whole pipeline, and how many
    times faster extraction is than the classification and aggregation behind it."""
    t_extract, _ = timed(lambda: [fp32.extractor.extract(t) for t in texts], repeat)
    t_e2e, _ = timed(lambda: list(ours.analyze_many(texts)), repeat)
    classify_only = t_e2e - t_extract
    return {
        "articles": len(texts),
        "quotes_in_articles": sum(len(fp32.extractor.extract(t)) for t in texts),
        "extraction_articles_per_s": round(len(texts) / t_extract, 1),
        "end_to_end_articles_per_s": round(len(texts) / t_e2e, 1),
        "extraction_vs_classifier_speed": round(classify_only / t_extract, 1) if t_extract else None,
    }


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
    from stance.data import load_articles, load_realnews, load_splits
    from stance.inputs import build_input
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

    from stance.backends import BACKENDS, available, resolve_backend

    fp32 = StanceModel.load(model_dir, device="cpu", backend="torch")
    cfg = fp32.classifier.input_cfg
    pairs = [build_input(r, cfg) for r in records]
    results["peak_rss_mb_after_load"] = round(peak_mb(), 1)

    # the loaded model object, not the directory: a mean-pooled model is not a class the pipeline
    # would pick by itself
    pipe = pipeline("text-classification", model=fp32.classifier.model, tokenizer=fp32.classifier.tokenizer,
                    device="cpu", batch_size=32)
    paired = cfg.context or cfg.target  # the pipeline gets the same segments the model was trained on
    inputs = [{"text": a, "text_pair": b or ""} if paired else a for a, b in pairs]
    t_pipe, _ = timed(lambda: pipe(inputs, truncation=True, max_length=fp32.classifier.max_length), args.repeat)
    results["pipeline_statements_per_s"] = round(len(records) / t_pipe, 1)
    results["peak_rss_mb_after_pipeline"] = round(peak_mb(), 1)
    pipe = None  # free it before the other paths load

    default = resolve_backend("auto", "cpu")
    results["default_backend"] = default
    backends = [b for b in BACKENDS if b != "auto" and available(b)]
    y = [LABEL2ID[st["label"]] for st in test]
    models = {"torch": fp32}
    reference = fp32.classifier.predict(test).argmax(1)
    ratios = {}
    for backend in backends:
        model = models.get(backend) or StanceModel.load(model_dir, device="cpu", backend=backend)
        models[backend] = model
        model.classifier.predict(records[:64])  # warm-up: first-call allocations, graph fusion
        t, _ = timed(lambda m=model: m.classifier.predict(records), args.repeat)
        predicted = model.classifier.predict(test).argmax(1)
        results[f"{backend}_statements_per_s"] = round(len(records) / t, 1)
        results[f"{backend}_test_macro_f1"] = round(classification_scores(y, predicted)["macro_f1"], 4)
        results[f"{backend}_test_predictions_changed"] = int((predicted != reference).sum())
        results[f"peak_rss_mb_after_{backend}"] = round(peak_mb(), 1)
        ratios[backend] = round(t_pipe / t, 2)
    for backend in backends:
        drop = results["torch_test_macro_f1"] - results[f"{backend}_test_macro_f1"]
        results[f"{backend}_within_1pt_of_fp32"] = bool(drop <= 0.01)

    gold = load_articles(config.data.articles, config.data.seeds_dir)
    results.update(pipeline_speed([gold[i % len(gold)].text for i in range(args.articles)], fp32, models[default], args.repeat))
    if (Path(config.data.realnews) / "split.json").is_file():
        # real passages are short and dense with statements, so classification weighs more there
        passages = load_realnews(config.data.realnews)
        texts = [passages[i % len(passages)].text for i in range(args.articles)]
        results.update({f"realnews_{k}": v for k, v in pipeline_speed(texts, fp32, models[default], args.repeat).items()})
    results["peak_rss_mb"] = round(peak_mb(), 1)
    for backend, ratio in ratios.items():
        results[f"ratio_{backend}_vs_pipeline"] = ratio
    results["ratio_ours_vs_pipeline"] = ratios[default]

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            print(f"{key.ljust(width)}  {value}")
        others = ", ".join(f"{b} {r}" for b, r in ratios.items() if b != default)
        print(f"\nratio ours/pipeline: {results['ratio_ours_vs_pipeline']} (default: {default}; {others})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
