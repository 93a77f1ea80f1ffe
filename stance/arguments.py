"""The command line's arguments: one subparser per `stance` command."""

from __future__ import annotations

import argparse

from .backends import BACKENDS
from .model import DEFAULT_MODEL_DIR


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=DEFAULT_MODEL_DIR, help=f"model directory (default: {DEFAULT_MODEL_DIR})")
    p.add_argument("--device", default="auto", help="auto, cpu or cuda")
    p.add_argument("--backend", default=None, choices=BACKENDS,
                   help="inference runtime (default: the model's config, else auto = fp16 torch on a GPU, and on a CPU "
                        "whichever of torch, bf16 and onnx measured fastest here (stance bench)); int8 is opt-in: "
                        "its accuracy change depends on the model (README, Performance)")


def _add_analyze(sub) -> None:
    p = sub.add_parser("analyze", help="stance per actor for news articles")
    _add_model(p)
    p.add_argument("inputs", nargs="*", help=".txt files, .jsonl of {id, text}, directories, or - for stdin")
    p.add_argument("--format", choices=("table", "json", "jsonl", "csv", "html", "parquet"), default=None,
                   help="default: table on stdout, jsonl with --output; html: the articles with their quotes highlighted; "
                   "parquet writes a directory of parts")
    p.add_argument("--batch-size", type=int, default=16, help="articles per classifier batch")
    p.add_argument("--output", help="write results here instead of stdout: a JSONL file, or with --engine ray or "
                   "--format parquet a directory of part files")
    p.add_argument("--resume", action="store_true", help="skip articles whose id is already in --output and add the rest")
    p.add_argument("--num-shards", type=int, default=1, help="split the input into N shards (by article id)")
    p.add_argument("--shard-index", type=int, default=0, help="which shard (0..N-1) this process handles")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="ray: Ray Data actors on a local cluster, or the one RAY_ADDRESS names (pip install 'stance-nato[ray]')")
    p.add_argument("--workers", type=int, default=None, help="--engine ray: model actors (default: CPUs / threads)")
    p.add_argument("--threads-per-worker", type=int, default=1, help="--engine ray: CPU threads per model actor")
    p.add_argument("--part-size", type=int, default=1000, help="results per part file in a directory of parts")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description="Actors' stances on Ukraine joining NATO, from news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="fine-tune a model on the labelled statements")
    p.add_argument("--config", default="configs/default.yaml")
    p.add_argument("--output", default=DEFAULT_MODEL_DIR)
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint in OUTPUT/checkpoints")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--seeds", type=int, default=1, help="train N times with consecutive seeds and report mean ± std of test macro-F1")

    p = sub.add_parser("evaluate", help="score a model on held-out data, beside baselines")
    _add_model(p)
    p.add_argument("--data", help="a JSONL of {actor, text, context?, label}; default: the model's test split and gold articles")
    p.add_argument("--report", help="directory for report.json and report.md")

    _add_analyze(sub)

    p = sub.add_parser("report", help="timelines, position changes and DNA export over analyze's results")
    p.add_argument("results", help="JSONL written by stance analyze (with article dates), or its directory of parts")
    p.add_argument("--out", required=True, help="directory for timeline.csv/.html, changes.json, dna_statements.csv, actor_stance.graphml")
    p.add_argument("--period", choices=("month", "week"), default="month")
    p.add_argument("--top", type=int, default=20, help="actors drawn in timeline.html (by number of statements)")
    p.add_argument("--min-evidence", type=int, default=3, help="statements needed on each side of a position change")

    p = sub.add_parser("classify", help="label pre-extracted statements")
    _add_model(p)
    p.add_argument("--input", required=True, help="JSONL of {actor, text, context?}; - for stdin")
    p.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="jsonl")

    p = sub.add_parser("serve", help="serve the model over HTTP")
    _add_model(p)
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--config", default=None, help="YAML whose 'serve' section sets limits (default: the model's)")

    p = sub.add_parser("bench", help="time the inference backends for a model on this machine; show what auto runs")
    p.add_argument("--model", default=DEFAULT_MODEL_DIR, help=f"model directory (default: {DEFAULT_MODEL_DIR})")
    p.add_argument("--remeasure", action="store_true", help="measure again rather than show the cached choice")

    p = sub.add_parser("evaluate-extraction", help="score quote extraction and attribution on gold articles")
    p.add_argument("--data", default="data/articles")
    p.add_argument("--seeds", default="../shared/seeds")
    p.add_argument("--actors", default=None)
    p.add_argument("--held-out-from", default=None, help="articles dated from this day on are reported apart (default: the test split's start)")
    p.add_argument("--realnews", default="data/realnews", help="real-news passages with a dev/test split ('' to skip)")
    p.add_argument("--part", choices=("dev", "test", "both"), default="both", help="which real-news part to score")
    p.add_argument("--model", default=None, help="also score the whole pipeline's actor-level stances with this model")
    p.add_argument("--report", help="directory for report.json and report.md")

    p = sub.add_parser("data", help="check or describe the corpus")
    dsub = p.add_subparsers(dest="data_command", required=True)
    d = dsub.add_parser("check", help="validate every statement and article")
    d.add_argument("--config", default="configs/default.yaml")
    d = dsub.add_parser("stats", help="corpus counts")
    d.add_argument("--config", default="configs/default.yaml")
    d.add_argument("--json", action="store_true")
    return parser
