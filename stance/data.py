"""The corpus: labelled statements and annotated articles (data/SCHEMA.md), their validation, and
the train/dev/test split.

Splits are made by *article* (a report and all statements taken from it stay together) and by
*time* (articles from ``split.test_from`` on are the test set), so the test split measures what
users will meet next: new reports from a later period. Statements in train or dev that nearly
duplicate a test statement or a gold-article quote are dropped, so nothing leaks.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .config import DataConfig, SplitConfig
from .errors import DataError, StanceError
from .labels import LABELS, STANCES

REQUIRED = ("id", "article_id", "actor", "role", "country", "date", "outlet", "url", "kind", "text", "label", "verified")
OPTIONAL = ("cue", "context", "notes")
KINDS = ("direct", "reported")
QUOTE_KINDS = ("direct", "reported", "mixed")
SPLITS = ("train", "dev", "test")


# ----------------------------------------------------------------------------- statements
def _check_date(value, where: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise DataError(where, f"field 'date' must be YYYY-MM-DD, got {value!r}")
    try:
        Date.fromisoformat(value)
    except ValueError:
        raise DataError(where, f"field 'date' is not a real date: {value!r}") from None


def validate_statement(record, where: str) -> dict:
    """Check one statement record; raise DataError naming the field."""
    if not isinstance(record, dict):
        raise DataError(where, f"expected a JSON object, got {type(record).__name__}")
    missing = [k for k in REQUIRED if k not in record]
    if missing:
        raise DataError(where, f"missing field(s): {', '.join(missing)}")
    unknown = [k for k in record if k not in REQUIRED + OPTIONAL]
    if unknown:
        raise DataError(where, f"unknown field(s): {', '.join(unknown)}")
    for key in ("id", "article_id", "actor", "role", "country", "outlet", "text"):
        if not isinstance(record[key], str) or not record[key].strip():
            raise DataError(where, f"field '{key}' must be a non-empty string")
    if record["label"] not in LABELS:
        raise DataError(where, f"unknown label {record['label']!r} (expected one of {', '.join(LABELS)})")
    if record["kind"] not in KINDS:
        raise DataError(where, f"field 'kind' must be direct or reported, got {record['kind']!r}")
    if not isinstance(record["verified"], bool):
        raise DataError(where, "field 'verified' must be true or false")
    if record["url"] is not None and not isinstance(record["url"], str):
        raise DataError(where, "field 'url' must be a string or null")
    for key in OPTIONAL:
        if key in record and record[key] is not None and not isinstance(record[key], str):
            raise DataError(where, f"field '{key}' must be a string")
    _check_date(record["date"], where)
    return record


def read_jsonl(path: Path) -> Iterator[tuple[int, object, Optional[str]]]:
    """(line number, parsed object or None, error message or None) for each non-blank line."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, f"malformed JSON ({exc.msg} at column {exc.colno})"


def statement_files(path: str | Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if files:
            return files
        raise StanceError(f"{path}: no *.jsonl statement files in this directory")
    raise StanceError(f"{path}: statements file or directory not found")


def iter_statements(path: str | Path, errors: Optional[list] = None) -> Iterator[dict]:
    """Valid statements from a file or directory. With ``errors`` given, a bad record is appended
    there and skipped; without it, the first bad record raises DataError."""
    for file in statement_files(path):
        for number, record, problem in read_jsonl(file):
            where = f"{file}:{number}"
            try:
                if problem:
                    raise DataError(where, problem)
                yield validate_statement(record, where)
            except DataError as exc:
                if errors is None:
                    raise
                errors.append(exc)


def load_statements(path: str | Path, errors: Optional[list] = None) -> list[dict]:
    return list(iter_statements(path, errors))


# ----------------------------------------------------------------------------- articles
@dataclass
class Article:
    id: str
    text: str
    date: Optional[str]
    quotes: list
    actors: dict
    title: str = ""
    source: dict = field(default_factory=dict)
    path: str = ""

    @property
    def year(self) -> Optional[int]:
        return int(self.date[:4]) if self.date else None


def load_article(path: Path, seeds_dir: Optional[Path] = None) -> Article:
    where = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}:{exc.lineno}", f"malformed JSON ({exc.msg})") from None
    if not isinstance(raw, dict):
        raise DataError(where, "an article file must hold one JSON object")
    for key in ("id", "quotes", "actors"):
        if key not in raw:
            raise DataError(where, f"missing field '{key}'")
    source = raw.get("source") or {}
    text = raw.get("text")
    if text is None:
        seed_file = source.get("seed_file")
        if not seed_file:
            raise DataError(where, "missing field 'text' (or source.seed_file for a seed)")
        seed_path = Path(seeds_dir or "../shared/seeds") / seed_file
        if not seed_path.is_file():
            raise DataError(where, f"source.seed_file: {seed_path} not found")
        text = seed_path.read_text(encoding="utf-8")
    if raw.get("date") is not None:
        _check_date(raw["date"], where)
    quotes = raw["quotes"]
    if not isinstance(quotes, list):
        raise DataError(where, "field 'quotes' must be a list")
    for i, q in enumerate(quotes):
        qwhere = f"{where}: quotes[{i}]"
        for key in ("start", "end", "text", "actor", "label", "kind"):
            if key not in q:
                raise DataError(qwhere, f"missing field '{key}'")
        if q["label"] not in LABELS:
            raise DataError(qwhere, f"unknown label {q['label']!r}")
        if q["kind"] not in QUOTE_KINDS:
            raise DataError(qwhere, f"field 'kind' must be one of {', '.join(QUOTE_KINDS)}")
        if not (isinstance(q["start"], int) and isinstance(q["end"], int) and 0 <= q["start"] < q["end"] <= len(text)):
            raise DataError(qwhere, f"offsets {q['start']}..{q['end']} outside the text (length {len(text)})")
        if text[q["start"]: q["end"]] != q["text"]:
            raise DataError(qwhere, f"text[{q['start']}:{q['end']}] is {text[q['start']:q['end']][:40]!r}, not the quote {q['text'][:40]!r}")
    for actor, label in raw["actors"].items():
        if label not in STANCES:
            raise DataError(f"{where}: actors.{actor}", f"article-level label must be a stance, got {label!r}")
        if not any(q["actor"] == actor and q["label"] != "none" for q in quotes):
            raise DataError(f"{where}: actors.{actor}", "actor has no non-none quote in this article")
    for q in quotes:
        if q["label"] != "none" and q["actor"] not in raw["actors"]:
            raise DataError(f"{where}: actors", f"{q['actor']!r} has a {q['label']} quote but no article-level label")
    return Article(
        id=str(raw["id"]), text=text, date=raw.get("date"), quotes=quotes, actors=dict(raw["actors"]),
        title=raw.get("title", ""), source=source, path=where,
    )


def load_articles(path: str | Path, seeds_dir: Optional[str | Path] = None, errors: Optional[list] = None) -> list[Article]:
    path = Path(path)
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(path.glob("*.json"))
    else:
        raise StanceError(f"{path}: articles file or directory not found")
    articles = []
    for file in files:
        try:
            articles.append(load_article(file, Path(seeds_dir) if seeds_dir else None))
        except DataError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return articles


# ----------------------------------------------------------------------------- near-duplicates
def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def shingles(text: str, n: int = 3) -> frozenset:
    toks = _tokens(text)
    if len(toks) < n:
        return frozenset([" ".join(toks)])
    return frozenset(" ".join(toks[i: i + n]) for i in range(len(toks) - n + 1))


def near_duplicate(a: frozenset, b: frozenset, threshold: float = 0.6) -> bool:
    """Containment of the smaller shingle set in the larger: catches a quote and its trimmed or
    extended copy, which Jaccard would miss."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) >= threshold


class ShingleIndex:
    """Near-duplicate look-up in roughly linear time (inverted index over shingles)."""

    def __init__(self, texts: Iterable[str] = ()):
        self.sets: list[frozenset] = []
        self.index: dict = {}
        for text in texts:
            self.add(text)

    def add(self, text: str) -> int:
        sid = len(self.sets)
        sh = shingles(text)
        self.sets.append(sh)
        for s in sh:
            self.index.setdefault(s, []).append(sid)
        return sid

    def matches(self, text: str, threshold: float = 0.6) -> list[int]:
        sh = shingles(text)
        candidates = {sid for s in sh for sid in self.index.get(s, ())}
        return [sid for sid in sorted(candidates) if near_duplicate(sh, self.sets[sid], threshold)]


# ----------------------------------------------------------------------------- splitting
def _bucket(article_id: str, seed: int) -> float:
    digest = hashlib.sha256(f"{seed}:{article_id}".encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF


@dataclass
class Splits:
    train: list
    dev: list
    test: list
    dropped: list = field(default_factory=list)  # (statement, reason) removed to prevent leakage

    def items(self):
        return (("train", self.train), ("dev", self.dev), ("test", self.test))


def split_statements(statements: list[dict], split: SplitConfig, held_out_texts: Iterable[str] = ()) -> Splits:
    """Test: every article dated on/after ``split.test_from``. Dev: a fixed hash-chosen share of
    the remaining articles. Train: the rest, or the hash-chosen ``split.train_fraction`` of its
    articles (a second hash, so the kept articles do not depend on the dev share). Train/dev
    statements that nearly duplicate a test statement or any held-out text (the gold articles'
    quotes) are dropped."""
    article_date: dict = {}
    for st in statements:
        article_date[st["article_id"]] = min(article_date.get(st["article_id"], st["date"]), st["date"])
    train, dev, test = [], [], []
    for st in statements:
        aid = st["article_id"]
        if article_date[aid] >= split.test_from:
            test.append(st)
        elif _bucket(aid, split.seed) < split.dev_fraction:
            dev.append(st)
        elif split.train_fraction >= 1.0 or _bucket(f"train:{aid}", split.seed) < split.train_fraction:
            train.append(st)
    guard = ShingleIndex([st["text"] for st in test])
    for text in held_out_texts:
        guard.add(text)
    dropped: list = []
    reason = "near-duplicate of a test statement or gold-article quote"
    train, dev = _without(train, guard, reason, dropped), _without(dev, guard, reason, dropped)
    # dev must not leak into train either: drop train copies of dev statements
    train_kept = _without(train, ShingleIndex([st["text"] for st in dev]), "near-duplicate of a dev statement", dropped)
    return Splits(train_kept, dev, test, dropped)


def load_gold_articles(cfg: DataConfig, root: Path = Path(".")) -> list[Article]:
    """The gold articles, or none where the configured directory does not exist."""
    path = root / cfg.articles
    return load_articles(path, root / cfg.seeds_dir) if path.exists() else []


def load_realnews(path: str | Path, part: Optional[str] = None) -> list[Article]:
    """The real-news evaluation passages (``data/realnews/passages``), all of them or one part of
    the frozen split (``dev`` for tuning, ``test`` for reporting); ``train`` is the separate set of
    training passages in ``data/realnews/train`` (other pages, dated before the test period)."""
    path = Path(path)
    if part == "train":
        return load_articles(path / "train") if (path / "train").is_dir() else []
    split_file = path / "split.json"
    if not split_file.is_file():
        raise StanceError(f"{split_file}: not found (the real-news set is a directory with passages/ and split.json)")
    articles = load_articles(path / "passages")
    if part is None:
        return articles
    try:
        wanted = set(json.loads(split_file.read_text(encoding="utf-8"))[part])
    except KeyError:
        raise StanceError(f"{split_file}: no part {part!r} (parts: dev, test, train)") from None
    return [a for a in articles if a.id in wanted]


def realnews_statements(passages: Iterable[Article]) -> list[dict]:
    """Each gold statement of the passages as a labelled record ({actor, text, label, ...}): the
    classifier scored on real news with the right speaker and words given."""
    from .extraction.context import quote_context

    out = []
    for a in passages:
        spans = sorted((g["start"], g["end"]) for g in a.quotes)
        out.extend({"id": f"{a.id}#{i}", "article_id": a.id, "actor": q["actor"], "text": q["text"], "cue": q.get("cue", ""),
                    "kind": q["kind"], "label": q["label"], "date": a.date,
                    "context": quote_context(a.text, q["start"], q["end"], spans)} for i, q in enumerate(a.quotes))
    return out


def held_out_articles(articles: Iterable[Article], since: str) -> list[Article]:
    """Gold articles dated in the test period: the held-out set for extraction and actor scores."""
    return [a for a in articles if (a.date or "") >= since]


def split_corpus(statements: list[dict], articles: Iterable[Article], split: SplitConfig) -> Splits:
    """``split_statements`` with every gold-article quote held out."""
    return split_statements(statements, split, [q["text"] for a in articles for q in a.quotes])


def _without(items: list, index: "ShingleIndex", reason: str, dropped: list) -> list:
    """The items the index does not match; the others go to ``dropped`` with the reason."""
    kept = []
    for st in items:
        if index.matches(st["text"]):
            dropped.append((st, reason))
        else:
            kept.append(st)
    return kept


def load_splits(cfg: DataConfig, root: Path = Path(".")) -> Splits:
    """Statements split for training, with every gold-article quote held out; with
    ``realnews_train``, the statements of the real-news training passages dated before the test
    period join the training split, minus any that repeat a statement held out anywhere (the
    corpus's dev and test, the real-news dev and test passages, the gold articles)."""
    gold = load_gold_articles(cfg, root)
    splits = split_corpus(load_statements(root / cfg.statements), gold, cfg.split)
    if cfg.realnews_train and (root / cfg.realnews / "train").is_dir():
        evaluation = load_realnews(root / cfg.realnews) if (root / cfg.realnews / "split.json").is_file() else []
        # the gold articles (the seeds among them) are evaluation too: their quotes stay out
        held = ShingleIndex([st["text"] for st in splits.dev + splits.test]
                            + [q["text"] for a in list(evaluation) + list(gold) for q in a.quotes])
        # by time too: a passage from the test period would teach the test period's wording
        earlier = [a for a in load_realnews(root / cfg.realnews, "train") if (a.date or "") < cfg.split.test_from]
        splits.train.extend(st for st in realnews_statements(earlier) if not held.matches(st["text"]))
    return splits
