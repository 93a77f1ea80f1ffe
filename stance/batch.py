"""Reading articles and statements for batch runs, one record at a time.

A bad record (malformed JSON, no text, binary junk) is reported with its file and line and
skipped; it never costs the rest of the batch.
"""

from __future__ import annotations

import hashlib
import re
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, TextIO

from . import records


@dataclass
class Skipped:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class BatchStats:
    articles: int = 0
    quotes: int = 0
    actors: int = 0
    skipped: list = field(default_factory=list)
    resumed: int = 0  # already in the output of an earlier run

    def skip(self, skipped: Skipped) -> None:
        self.skipped.append(skipped)
        print(f"skipped {skipped}", file=sys.stderr)

    def failed(self, article, exc: Exception) -> None:
        """``analyze_many``'s ``on_error``: an article the model refused, reported and skipped."""
        where = article.get("id") if isinstance(article, dict) else None
        self.skip(Skipped(f"article {where}", f"{exc.__class__.__name__}: {exc}".splitlines()[0]))

    def add(self, result: dict) -> None:
        self.articles += 1
        self.quotes += len(result["quotes"])
        self.actors += len(result["actors"])

    def summary(self) -> str:
        text = f"{self.articles} articles, {self.quotes} quotes, {self.actors} actor stances, {len(self.skipped)} skipped"
        if self.skipped:
            reasons: dict = {}
            for s in self.skipped:
                # "malformed JSON (…, column 3)" and "duplicate id: 'a' …" count as one reason each
                reason = re.split(r" \(|, got |: ", s.reason)[0]
                reasons[reason] = reasons.get(reason, 0) + 1
            text += " (" + "; ".join(f"{n}× {r}" for r, n in reasons.items()) + ")"
        return text


def _article_from_text(text: str, where: str, article_id: str) -> tuple[Optional[dict], Optional[Skipped]]:
    return _checked({"id": article_id, "text": text}, where, article_id)


def _checked(record, where: str, default_id: Optional[str]) -> tuple[Optional[dict], Optional[Skipped]]:
    try:
        return {**records.batch_article(record, default_id), "_where": where}, None
    except records.RecordError as exc:
        return None, Skipped(where, str(exc))


def _jsonl(lines, where_prefix: str) -> Iterator[tuple[Optional[dict], str, Optional[Skipped]]]:
    """(record, "file:line", None) for each JSON object line, or (None, where, Skipped)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{where_prefix}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, where, Skipped(where, f"malformed JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield None, where, Skipped(where, "expected a JSON object, one per line")
            continue
        yield record, where, None


def _articles_from_jsonl(lines, where_prefix: str) -> Iterator[tuple[Optional[dict], Optional[Skipped]]]:
    for record, where, skipped in _jsonl(lines, where_prefix):
        yield (None, skipped) if skipped else _checked(record, where, where)


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace") if b"\x00" not in data else "\x00"


def iter_articles(sources: list[str], stdin: Optional[TextIO] = None) -> Iterator[tuple[Optional[dict], Optional[Skipped]]]:
    """(article, None) or (None, Skipped) for each input: .txt files, .jsonl files of
    {"id", "text", "date"?}, directories of .txt files, or '-' for stdin (JSONL when every
    line is a JSON object, else one plain-text article). An id seen before in the run is
    skipped and reported: written twice, it would make a resumed run's bookkeeping wrong."""
    seen = records.DuplicateIds()
    for article, skipped in _iter_sources(sources, stdin):
        if article is not None:
            where = article.pop("_where")
            try:
                seen.check(article["id"], where)
            except records.RecordError as exc:
                article, skipped = None, Skipped(where, str(exc))
        yield article, skipped


def _iter_sources(sources: list[str], stdin: Optional[TextIO]) -> Iterator[tuple[Optional[dict], Optional[Skipped]]]:
    for source in sources or ["-"]:
        if source == "-":
            # JSONL is streamed line by line (constant memory); anything else is one article
            handle = stdin or sys.stdin
            head = []
            for line in handle:
                head.append(line)
                if line.strip():
                    break
            first = next((l for l in head if l.strip()), "")
            if first.lstrip().startswith("{"):
                import itertools

                yield from _articles_from_jsonl(itertools.chain(head, handle), "<stdin>")
            else:
                yield _article_from_text("".join(head) + handle.read(), "<stdin>", "stdin")
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield None, Skipped(str(path), "directory holds no .txt files")
            for file in files:
                yield _article_from_text(_read(file), str(file), str(file.relative_to(path).with_suffix("")))
        elif not path.is_file():
            yield None, Skipped(str(path), "file not found")
        elif path.suffix == ".jsonl":
            with open(path, encoding="utf-8", errors="replace") as handle:
                yield from _articles_from_jsonl(handle, str(path))
        else:
            yield _article_from_text(_read(path), str(path), path.stem)


def iter_statements_input(path: str, stdin: Optional[TextIO] = None) -> Iterator[tuple[Optional[dict], Optional[Skipped]]]:
    """Pre-extracted statements for `stance classify`: {"actor", "text", "context"?} per line."""
    stdin = stdin or sys.stdin
    handle = stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    name = "<stdin>" if path == "-" else path
    try:
        for record, where, skipped in _jsonl(handle, name):
            if skipped:
                yield None, skipped
                continue
            try:
                yield records.statement(record), None
            except records.RecordError as exc:
                yield None, Skipped(where, str(exc))
    finally:
        if handle is not stdin:
            handle.close()


def pending_articles(sources: list[str], done: set, stats: BatchStats, num_shards: int = 1,
                     shard_index: int = 0) -> Iterator[dict]:
    """The articles this run still has to analyse: this shard's, minus those already in the
    output (``done``); bad records are reported and counted in ``stats``."""
    for n, (article, skipped) in enumerate(iter_articles(sources)):
        key = article["id"] if article is not None else f"#{n}"
        if num_shards > 1 and shard_of(key, num_shards) != shard_index:
            continue
        if skipped is not None:
            stats.skip(skipped)
        elif article["id"] in done:
            stats.resumed += 1
        else:
            yield article


def shard_of(key: str, num_shards: int) -> int:
    """A stable shard for a record: the same id lands in the same shard on every machine and run."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], 16) % num_shards


class ResumableJsonl:
    """JSONL output that survives a crash. Each result is one ``write`` of one whole line to a file
    opened for appending, so a killed run leaves complete lines (at worst one cut short, which
    ``resume`` cuts off). ``done`` holds the ids already written."""

    def __init__(self, path: str, resume: bool):
        self.path = path
        self.done: set = set()
        if resume and os.path.exists(path):
            with open(path, "rb") as handle:
                data = handle.read()
            cut = data.rfind(b"\n") + 1  # drop a trailing half-written line
            if cut != len(data):
                with open(path, "r+b") as handle:
                    handle.truncate(cut)
            for number, line in enumerate(data[:cut].splitlines(), 1):
                try:
                    self.done.add(json.loads(line)["id"])
                except (ValueError, KeyError, TypeError):
                    raise ValueError(f"{path}:{number}: not a result line; cannot resume into this file") from None
        elif not resume and os.path.exists(path):
            os.truncate(path, 0)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, result: dict) -> None:
        os.write(self._fd, (json.dumps(result, ensure_ascii=False) + "\n").encode("utf-8"))

    def close(self) -> None:
        os.fsync(self._fd)
        os.close(self._fd)
