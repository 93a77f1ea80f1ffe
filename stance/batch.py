"""Reading articles and statements for batch runs, one record at a time.

A bad record (malformed JSON, no text, binary junk) is reported with its file and line and
skipped; it never costs the rest of the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, TextIO


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

    def summary(self) -> str:
        text = f"{self.articles} articles, {self.quotes} quotes, {self.actors} actor stances, {len(self.skipped)} skipped"
        if self.skipped:
            reasons: dict = {}
            for s in self.skipped:
                reason = s.reason.split(" (")[0]  # "malformed JSON (… at column 3)" counts as one reason
                reasons[reason] = reasons.get(reason, 0) + 1
            text += " (" + "; ".join(f"{n}× {r}" for r, n in reasons.items()) + ")"
        return text


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:2000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and bad / len(sample) > 0.05


def _article_from_text(text: str, where: str, article_id: str) -> tuple[Optional[dict], Optional[Skipped]]:
    if not text.strip():
        return None, Skipped(where, "empty article")
    if _looks_binary(text):
        return None, Skipped(where, "not text (binary content)")
    return {"id": article_id, "text": text, "date": None}, None


def _articles_from_jsonl(lines, where_prefix: str) -> Iterator[tuple[Optional[dict], Optional[Skipped]]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{where_prefix}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, Skipped(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield None, Skipped(where, "expected a JSON object with 'id' and 'text'")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield None, Skipped(where, "field 'text' missing or not a string")
            continue
        article, problem = _article_from_text(text, where, str(record.get("id", f"{where_prefix}:{number}")))
        if article is not None:
            day = record.get("date")
            article["date"] = day if isinstance(day, str) and day else None
        yield article, problem


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace") if b"\x00" not in data else "\x00"


def iter_articles(sources: list[str], stdin: Optional[TextIO] = None) -> Iterator[tuple[Optional[dict], Optional[Skipped]]]:
    """(article, None) or (None, Skipped) for each input: .txt files, .jsonl files of
    {"id", "text", "date"?}, directories of .txt files, or '-' for stdin (JSONL when every
    line is a JSON object, else one plain-text article)."""
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
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield None, Skipped(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield None, Skipped(where, "expected a JSON object with 'actor' and 'text'")
            elif not isinstance(record.get("text"), str) or not record["text"].strip():
                yield None, Skipped(where, "field 'text' missing or empty")
            elif record.get("actor") is not None and not isinstance(record["actor"], str):
                yield None, Skipped(where, "field 'actor' must be a string")
            elif record.get("context") is not None and not isinstance(record["context"], str):
                yield None, Skipped(where, "field 'context' must be a string")
            else:
                yield record, None
    finally:
        if handle is not stdin:
            handle.close()


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
