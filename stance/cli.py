"""The `stance` command line (DESIGN.md's contract). Errors a user can fix print one line and exit 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

from .arguments import build_parser
from .errors import StanceError


def _load_model(args):
    from .inference import StanceModel

    return StanceModel.load(args.model, device=args.device, backend=args.backend)


def cmd_train(args) -> int:
    from .config import load_config
    from .training import train, train_seeds

    config = load_config(args.config)
    progress = False if args.no_progress else None
    if args.seeds > 1:
        if args.resume:
            raise StanceError("--resume and --seeds do not go together")
        summary = train_seeds(config, args.output, args.seeds, progress=progress)
        per_seed = ", ".join(f"{r['seed']}: {r['macro_f1']:.3f}" for r in summary["seeds"])
        print(f"test macro-F1 over {args.seeds} seeds: {summary['macro_f1_mean']:.3f} ± {summary['macro_f1_std']:.3f} ({per_seed})")
        if summary.get("dev_macro_f1_mean") is not None:
            print(f"dev macro-F1 (compare configs on this): {summary['dev_macro_f1_mean']:.3f} ± {summary['dev_macro_f1_std']:.3f}")
        print(f"model of seed {config.training.seed} written to {args.output}; per-seed results in {args.output}/seeds.json")
        return 0
    metrics = train(config, args.output, resume=args.resume, progress=progress)
    test = metrics.get("test")
    print(f"model written to {args.output} in {metrics['train_seconds']} s")
    if test:
        print(f"test macro-F1 (3 stances): model {test['model']['macro_f1']:.3f}, "
              f"TF-IDF+LR {test['tfidf_logreg']['macro_f1']:.3f}, majority {test['majority']['macro_f1']:.3f}")
    return 0


def cmd_evaluate(args) -> int:
    from .evaluation import evaluate_model
    from .reports import markdown_report, write_report

    report = evaluate_model(args.model, data=args.data, device=args.device, backend=args.backend)
    print(markdown_report(report))
    if args.report:
        write_report(report, Path(args.report))
        print(f"report written to {args.report}/report.json and report.md")
    return 0


def cmd_analyze(args) -> int:
    from .batch import BatchStats, pending_articles
    from .formats import ResultWriter

    if args.num_shards < 1 or not 0 <= args.shard_index < args.num_shards:
        raise StanceError(f"--shard-index must be in 0..{args.num_shards - 1} and --num-shards at least 1")
    if args.resume and not args.output:
        raise StanceError("--resume needs --output (the results to continue)")
    parts = args.engine == "ray" or args.format == "parquet"
    args.format = args.format or ("jsonl" if args.output else "table")
    if parts:
        return _analyze_parts(args)
    if args.output and args.format != "jsonl":
        raise StanceError("--output writes JSONL; use --format jsonl (or redirect stdout for other formats)")
    stats = BatchStats()
    if args.output:
        writer = _open_output(args.output, args.resume)  # before the model loads: a bad path fails at once
        try:
            model = _load_model(args)
        except BaseException:
            writer.close()
            raise
    else:
        model = _load_model(args)
        writer = ResultWriter(sys.stdout, args.format)

    articles = pending_articles(args.inputs, getattr(writer, "done", set()), stats, args.num_shards, args.shard_index)
    texts: dict = {}
    if args.format == "html":  # the page highlights quotes in the text, which results do not carry
        articles = _keeping_texts(articles, texts)
    progress = _progress()
    try:
        for result in model.analyze_many(articles, batch_size=args.batch_size, on_error=stats.failed):
            d = result.to_dict()
            stats.add(d)
            if args.format == "html":
                writer.write(d, texts.pop(d["id"], ""))
            else:
                writer.write(d)
            progress.update(1)
    finally:
        progress.close()
        writer.close()
    summary = stats.summary()
    if stats.resumed:
        summary += f"; {stats.resumed} already in {args.output}, not redone"
    print(summary, file=sys.stderr)
    return 0 if stats.articles or stats.resumed or not stats.skipped else 1


def _keeping_texts(articles, texts: dict):
    for article in articles:
        texts[article["id"]] = article["text"]
        yield article


def _analyze_parts(args) -> int:
    """Results as a directory of part files: the Ray engine, or Parquet from the local one."""
    from .batch import BatchStats, pending_articles
    from .parts import PartWriter

    if not args.output:
        raise StanceError(f"--engine {args.engine} --format {args.format or 'jsonl'} writes a directory of parts; give --output DIR")
    if args.format not in ("jsonl", "parquet"):
        raise StanceError(f"a directory of parts is JSONL or Parquet; use --format jsonl or parquet, not {args.format}")
    if args.num_shards > 1:
        raise StanceError("--num-shards splits work by hand; with --engine ray, Ray splits it")
    stats = BatchStats()
    if args.engine == "ray":
        from .ray_engine import analyze_with_ray

        analyze_with_ray(args.inputs, args.model, args.output, args.format, args.resume, args.workers,
                         args.threads_per_worker, args.batch_size, args.backend, stats, args.part_size)
    else:
        writer = PartWriter(args.output, args.format, args.resume, args.part_size)
        model = _load_model(args)

        try:
            for result in model.analyze_many(pending_articles(args.inputs, writer.done, stats), args.batch_size, on_error=stats.failed):
                d = result.to_dict()
                writer.write(d)
                stats.add(d)
        finally:
            writer.close()
    summary = stats.summary() + (f"; {stats.resumed} already in {args.output}, not redone" if stats.resumed else "")
    print(summary, file=sys.stderr)
    return 0 if stats.articles or stats.resumed or not stats.skipped else 1


def _open_output(path: str, resume: bool):
    from .batch import ResumableJsonl

    try:
        return ResumableJsonl(path, resume)
    except ValueError as exc:
        raise StanceError(str(exc)) from None
    except OSError as exc:
        raise StanceError(f"{path}: cannot write the output ({exc.strerror})") from None


def _progress():
    from tqdm import tqdm

    return tqdm(unit=" articles", disable=not sys.stderr.isatty(), file=sys.stderr)


def cmd_classify(args) -> int:
    from .batch import iter_statements_input
    from .formats import predictions_table

    model = _load_model(args)
    good, skipped = [], 0
    for record, problem in iter_statements_input(args.input):
        if problem is not None:
            skipped += 1
            print(f"skipped {problem}", file=sys.stderr)
        else:
            good.append(record)
    preds = []
    for start in range(0, len(good), 256):
        chunk = good[start:start + 256]
        try:
            preds.extend(model.classify(chunk))
        except Exception:  # noqa: BLE001 - one statement the model refuses costs only itself
            for record in chunk:
                try:
                    preds.extend(model.classify([record]))
                except Exception as exc:  # noqa: BLE001
                    skipped += 1
                    print(f"skipped statement {record['text'][:40]!r}: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
    if args.format == "jsonl":
        for p in preds:
            print(json.dumps(p, ensure_ascii=False))
    elif args.format == "json":
        print(json.dumps(preds, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["actor", "text", "label", "confidence", "supportive", "conditional", "denying", "none"])
        for p in preds:
            w.writerow([p["actor"], p["text"], p["label"], p["confidence"], *p["probabilities"].values()])
    else:
        sys.stdout.write(predictions_table(preds))
    print(f"{len(preds)} statements classified, {skipped} skipped", file=sys.stderr)
    return 0 if preds or not skipped else 1


def cmd_report(args) -> int:
    from .report import describe, load_results, write_report

    summary = write_report(load_results(args.results), args.out, args.period, args.top, args.min_evidence)
    print(describe(summary, args.out), file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    try:
        from .serving import serve
    except ImportError as exc:
        raise StanceError(f"serving needs the serve extra ({exc.name} is missing): pip install 'stance-nato[serve]'") from None

    serve(args.model, host=args.host, port=args.port, config_path=args.config, device=args.device, backend=args.backend)
    return 0


def cmd_evaluate_extraction(args) -> int:
    from .actors import DEFAULT_ACTORS, ActorRegistry
    from .data import held_out_articles, load_articles, load_realnews
    from .evaluation import evaluate_actor_level, evaluate_extraction
    from .reports import markdown_report, write_report
    from .extraction import QuoteExtractor

    from .config import SplitConfig

    model = None
    if args.model:
        from .inference import StanceModel

        model = StanceModel.load(args.model)
    registry = ActorRegistry.from_yaml(args.actors or DEFAULT_ACTORS)
    articles = load_articles(args.data, args.seeds)
    extractor = QuoteExtractor(registry)
    held_out = held_out_articles(articles, args.held_out_from or SplitConfig().test_from)
    report = {"extraction_held_out": evaluate_extraction(held_out, extractor),
              "extraction": evaluate_extraction(articles, extractor)}
    if args.realnews:
        for part in ("dev", "test") if args.part == "both" else (args.part,):
            passages = load_realnews(args.realnews, part)
            report[f"extraction_realnews_{part}"] = evaluate_extraction(passages, extractor)
            if model is not None:
                report[f"actor_level_realnews_{part}"] = evaluate_actor_level(passages, model)
    print(markdown_report(report))
    if args.report:
        write_report(report, Path(args.report))
    return 0


def cmd_bench(args) -> int:
    from .model import read_meta
    from .planner import planned_backend, table

    read_meta(Path(args.model))  # a missing model is a one-line error, not a traceback
    _, plan = planned_backend(Path(args.model), remeasure=args.remeasure)
    print(table(plan))
    return 0


def cmd_data(args) -> int:
    from .config import load_config
    from .datacheck import check, stats

    config = load_config(args.config)
    if args.data_command == "check":
        problems = check(config.data)
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0
    result = stats(config.data)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {json.dumps(value)}")
    return 0


COMMANDS = {
    "train": cmd_train, "evaluate": cmd_evaluate, "analyze": cmd_analyze, "classify": cmd_classify, "report": cmd_report,
    "serve": cmd_serve, "evaluate-extraction": cmd_evaluate_extraction, "data": cmd_data, "bench": cmd_bench,
}


def _quiet_libraries() -> None:
    """Library chatter (weight-loading bars, the 'newly initialized classifier' report, dataset map
    bars, pin_memory warnings) tells a user nothing they can act on; the Trainer's own progress
    bar and our summaries stay."""
    import warnings

    warnings.filterwarnings("ignore", message=".*pin_memory.*")
    try:
        import datasets
        import transformers

        transformers.utils.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
        datasets.disable_progress_bars()
    except ImportError:  # pragma: no cover - both are dependencies
        pass


def main(argv: Optional[list] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "data":
        _quiet_libraries()
    try:
        return COMMANDS[args.command](args)
    except StanceError as exc:
        print(f"stance: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
