"""`stance analyze --engine ray`: the same analysis on a Ray cluster, for corpora one machine
cannot get through.

Files are read in parallel Ray tasks (one per input file, bad records reported with file and line),
articles go through Ray Data actors that each load the model once (``workers`` of them,
``threads`` CPU threads each), and the driver writes the results as a directory of part files
(stance.parts): exactly once per id even when Ray retries a task or restarts a killed worker,
because failed tasks yield nothing and the single writer drops an id it has written. A killed
run resumes with ``--resume`` from the parts it completed.

``ray.init()`` starts a local cluster; with ``RAY_ADDRESS`` set it joins that cluster (every node
needs the package installed: ``pip install 'stance-nato[ray]'``).
"""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path
from typing import Optional

from .batch import BatchStats, Skipped, _iter_sources
from .errors import StanceError
from .parts import PartWriter

INPUT_SUFFIXES = (".jsonl", ".txt", ".parquet")


def input_files(inputs: list[str]) -> list[str]:
    """Files named, globbed or found under directories (.jsonl, .txt, .parquet), sorted."""
    import glob

    files: list = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES and p.is_file())
        elif path.is_file():
            files.append(str(path))
        else:
            matched = sorted(glob.glob(item, recursive=True))
            if not matched:
                raise StanceError(f"{item}: no such file, directory or glob match")
            files += [m for m in matched if Path(m).is_file()]
    if not files:
        raise StanceError(f"no input files among {', '.join(inputs) or '(none)'}; give .jsonl, .txt or .parquet files")
    return files


def _row(kind: str, where: str = "", article: Optional[dict] = None, message: str = "") -> dict:
    article = article or {}
    day = article.get("date")
    return {"kind": kind, "where": where, "message": message, "id": article.get("id") or "",
            "text": article.get("text") or "", "date": day.isoformat() if day else ""}


def _parquet_articles(path: str):
    import pyarrow.parquet as pq

    from . import records

    table = pq.read_table(path)
    if "text" not in table.column_names:
        yield None, Skipped(path, "a Parquet input needs a 'text' column (and 'id', 'date' if it has them)")
        return
    for number, record in enumerate(table.to_pylist(), 1):
        where = f"{path}:row {number}"
        try:
            yield {**records.batch_article(record, where), "_where": where}, None
        except records.RecordError as exc:
            yield None, Skipped(where, str(exc))


def read_articles(item: dict, done: frozenset) -> list:
    """One input file as rows: articles to analyse, bad records, and ids done in an earlier run."""
    path = item["path"]
    source = _parquet_articles(path) if path.endswith(".parquet") else _iter_sources([path], None)
    rows = []
    for article, skipped in source:
        if skipped is not None:
            rows.append(_row("skipped", skipped.where, message=skipped.reason))
        elif article["id"] in done:
            rows.append(_row("resumed", article.pop("_where")))
        else:
            rows.append(_row("article", article.pop("_where"), article))
    return rows


class Analyzer:
    """A Ray Data actor: loads the model once, analyses batches of article rows."""

    def __init__(self, model_dir: str, backend: Optional[str], threads: int, batch_size: int):
        import torch

        from .inference import StanceModel

        torch.set_num_threads(threads)
        self.model = StanceModel.load(model_dir, device="cpu", backend=backend)
        self.batch_size = batch_size

    def __call__(self, batch: dict) -> dict:
        n = len(batch["kind"])
        out = {"kind": [], "where": [], "message": [], "id": [], "result": []}

        def emit(kind, where, message="", id_="", result=""):
            for key, value in zip(out, (kind, where, message, id_, result)):
                out[key].append(value)

        articles, wheres = [], {}
        for i in range(n):
            if batch["kind"][i] != "article":
                emit(batch["kind"][i], batch["where"][i], batch["message"][i])
                continue
            articles.append({"id": batch["id"][i], "text": batch["text"][i], "date": batch["date"][i] or None})
            wheres[batch["id"][i]] = batch["where"][i]

        def failed(article, exc):
            emit("skipped", wheres.get(article.get("id"), ""), f"{exc.__class__.__name__}: {exc}".splitlines()[0])

        for result in self.model.analyze_many(articles, batch_size=self.batch_size, on_error=failed):
            d = result.to_dict()
            emit("result", wheres.get(d["id"], ""), "", d["id"], json.dumps(d, ensure_ascii=False))
        return out


def analyze_with_ray(inputs: list[str], model_dir: str, output: str, fmt: str = "jsonl", resume: bool = False,
                     workers: Optional[int] = None, threads: int = 1, batch_size: int = 16,
                     backend: Optional[str] = None, stats: Optional[BatchStats] = None,
                     part_size: int = 1000) -> BatchStats:
    try:
        import ray
    except ImportError:
        raise StanceError("--engine ray needs Ray: pip install 'stance-nato[ray]'") from None
    from .model import read_meta

    stats = stats or BatchStats()
    files = input_files(inputs)
    read_meta(Path(model_dir))  # a wrong model path fails here, not in every worker
    writer = PartWriter(output, fmt, resume, part_size)
    if not ray.is_initialized():
        ray.init(address=os.environ.get("RAY_ADDRESS"), include_dashboard=False, log_to_driver=False,
                 logging_level="ERROR")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # a block goes to one actor, and one input file would otherwise be one block: small blocks
    # (about a hundred articles) give every worker work even from a single large file. (A
    # repartition step would need a CPU of its own, which the actors hold.)
    context.target_max_block_size = 256 * 1024
    workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1) // threads))
    ds = ray.data.from_items([{"path": f} for f in files], override_num_blocks=len(files))
    # reading is light next to the model; reserving no CPU for it keeps it from waiting on actors holding them all
    ds = ds.flat_map(partial(read_articles, done=frozenset(writer.done)), num_cpus=0)
    ds = ds.map_batches(Analyzer, fn_constructor_kwargs={"model_dir": str(Path(model_dir).resolve()), "backend": backend,
                                                         "threads": threads, "batch_size": batch_size},
                        concurrency=workers, num_cpus=threads, batch_size=max(batch_size, 16), batch_format="numpy")
    try:
        for row in ds.iter_rows():
            if row["kind"] == "skipped":
                stats.skip(Skipped(row["where"], row["message"]))
            elif row["kind"] == "resumed":
                stats.resumed += 1
            else:
                result = json.loads(row["result"])
                if writer.write(result):
                    stats.add(result)
                else:
                    stats.skip(Skipped(row["where"], f"duplicate id: {result['id']!r} written once already"))
    finally:
        writer.close()
    return stats
