#!/usr/bin/env python
"""Articles per second for the local path and for `--engine ray` with 1 and 2 workers, in one run,
with peak memory per Ray worker and the driver's own ceiling (reading results and writing parts).

    python scripts/bench_scaling.py --model models/default [--n 1000] [--json results/bench_scaling.json]

Each engine analyses the same N articles (the gold articles' texts, ids made unique). Ray times
include starting the workers (each loads the model), which a long job pays once.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(path: Path, n: int) -> Path:
    from stance.data import load_articles

    texts = [a.text for a in load_articles(ROOT / "data" / "articles", ROOT.parent / "shared" / "seeds")]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"b{i}", "text": texts[i % len(texts)], "date": "2024-03-01"}) + "\n")
    return path


def worker_peak_mb(stop: threading.Event, peaks: dict) -> None:
    import psutil

    while not stop.is_set():
        for p in psutil.process_iter(["cmdline"]):
            try:
                if "Analyzer" in " ".join(p.info["cmdline"] or []):
                    peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss / 2**20)
            except psutil.Error:
                pass
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/default")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import ray

    from stance.batch import BatchStats
    from stance.inference import StanceModel
    from stance.parts import PartWriter
    from stance.planner import cpu_model
    from stance.ray_engine import analyze_with_ray

    tmp = Path(tempfile.mkdtemp())
    src = corpus(tmp / "in.jsonl", args.n)
    articles = [json.loads(line) for line in src.read_text().splitlines()]
    rows = []

    model = StanceModel.load(args.model)
    start = time.perf_counter()
    results = [r.to_dict() for r in model.analyze_many(articles)]
    local_s = time.perf_counter() - start
    rows.append({"engine": "local", "workers": 1, "threads_per_worker": os.cpu_count(), "seconds": round(local_s, 1),
                 "articles_per_s": round(args.n / local_s, 1), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
    backend = model.classifier.backend
    del model

    start = time.perf_counter()
    writer = PartWriter(tmp / "driver-only", "jsonl")
    for r in results:
        writer.write(json.loads(json.dumps(r)))  # what the driver does per row: parse, buffer, write
    writer.close()
    driver_rate = args.n / (time.perf_counter() - start)

    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    for workers in (1, 2):
        peaks: dict = {}
        stop = threading.Event()
        sampler = threading.Thread(target=worker_peak_mb, args=(stop, peaks), daemon=True)
        sampler.start()
        start = time.perf_counter()
        stats = analyze_with_ray([str(src)], args.model, str(tmp / f"ray-{workers}"), workers=workers, threads=1,
                                 backend=backend, stats=BatchStats())
        seconds = time.perf_counter() - start
        stop.set()
        sampler.join()
        assert stats.articles == args.n, stats.summary()
        rows.append({"engine": "ray", "workers": workers, "threads_per_worker": 1, "seconds": round(seconds, 1),
                     "articles_per_s": round(args.n / seconds, 1),
                     "peak_mb_per_worker": round(max(peaks.values())) if peaks else None})
    ray.shutdown()

    base = rows[0]["articles_per_s"]
    print(f"{'engine':<8} {'workers':>7} {'threads':>7} {'art/s':>7} {'vs local':>8}  memory")
    for r in rows:
        mem = f"{r.get('peak_mb') or r.get('peak_mb_per_worker')} MB" + (" per worker" if r["engine"] == "ray" else " process")
        print(f"{r['engine']:<8} {r['workers']:>7} {r['threads_per_worker']:>7} {r['articles_per_s']:>7} {r['articles_per_s'] / base:>7.2f}x  {mem}")
    print(f"driver ceiling (parse + write parts): {driver_rate:,.0f} results/s")
    out = {"n": args.n, "model": args.model, "backend": backend, "cpu": cpu_model(), "cpus": os.cpu_count(),
           "rows": rows, "driver_results_per_s": round(driver_rate), "date": time.strftime("%Y-%m-%d")}
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
