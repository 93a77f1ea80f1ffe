"""`stance data check` and `stance data stats`: the corpus validated and counted."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Optional

from .actors import DEFAULT_ACTORS, ActorRegistry
from .config import DataConfig
from .data import load_articles, load_gold_articles, load_statements, split_corpus
from .errors import StanceError
from .labels import LABELS

SECOND_PASS = "data/annotations/second_pass.jsonl"
FIRST_PASS = "data/annotations/first_pass_sample.jsonl"
# Common English words that are not also common short words elsewhere ("i", "a", "do", "no", "to" are).
ENGLISH_WORDS = set("""the an of and is will be we that not it for with are this has have our can its from by
but would should they their he she you all was were which who there does must any more into than if my
about itself cannot been being what when why how also only very could where over because against
these those such other some said says country membership alliance accession""".split())


def looks_english(text: str) -> bool:
    """A cheap guard against quotes kept in the original language: mostly Latin ASCII letters and
    a fair share of common English words."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) / len(letters) < 0.9:
        return False
    words = re.findall(r"[A-Za-z]+", text.lower())
    if len(words) < 10:
        return True
    return sum(w in ENGLISH_WORDS for w in words) / len(words) >= 0.06


def check(cfg: DataConfig, actors_path: Path = DEFAULT_ACTORS) -> list[str]:
    """Every problem in the corpus, one line each, naming file and line (or field)."""
    problems: list = []
    errors: list = []
    statements = load_statements(cfg.statements, errors)
    problems.extend(str(e) for e in errors)
    registry = ActorRegistry.from_yaml(actors_path) if actors_path.is_file() else None
    seen_ids: dict = {}
    seen_text: dict = {}
    report_of_url: dict = {}
    for st in statements:
        if st["id"] in seen_ids:
            problems.append(f"{cfg.statements}: id {st['id']!r} used twice")
        seen_ids[st["id"]] = True
        key = (st["actor"], st["date"], re.sub(r"\W+", " ", st["text"].lower()).strip())
        if key in seen_text:
            problems.append(f"{cfg.statements}: {st['id']} repeats {seen_text[key]} (same actor, date and words)")
        seen_text.setdefault(key, st["id"])
        # splits are made by article_id: one page under two ids could put its statements in
        # train and test at once
        if st.get("url"):
            first = report_of_url.setdefault(st["url"], (st["article_id"], st["id"]))
            if first[0] != st["article_id"]:
                problems.append(f"{cfg.statements}: {st['id']}: article_id {st['article_id']!r} but its url is "
                                f"already report {first[0]!r} ({first[1]}); one page, one article_id")
        if not looks_english(st["text"]):
            problems.append(f"{cfg.statements}: {st['id']}: text does not look like English: {st['text'][:50]!r}")
        if registry is not None and st["actor"] not in registry and registry.canonical(st["actor"]) is None:
            problems.append(f"{cfg.statements}: {st['id']}: actor {st['actor']!r} is not in {actors_path.name}")
    article_errors: list = []
    articles = load_articles(cfg.articles, cfg.seeds_dir, article_errors) if Path(cfg.articles).exists() else []
    problems.extend(str(e) for e in article_errors)
    ids = Counter(a.id for a in articles)
    problems.extend(f"{cfg.articles}: article id {i!r} used {n} times" for i, n in ids.items() if n > 1)
    for article in articles:
        spans = sorted((q["start"], q["end"]) for q in article.quotes)
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            if s2 < e1:
                problems.append(f"{article.path}: quotes at {s1}..{e1} and {s2}..{e2} overlap")
        if registry is not None:
            for q in article.quotes:
                if q["actor"] not in registry and q.get("speaker") and registry.canonical(q["actor"]) is None and q["label"] != "none":
                    # a speaker outside the list is allowed (kept under its own name), but a stance-taking
                    # one is worth adding so role nouns and aliases resolve to it
                    problems.append(f"{article.path}: actor {q['actor']!r} is not in {actors_path.name}")
    if Path(cfg.realnews).exists():
        problems.extend(check_realnews(Path(cfg.realnews), cfg.split.test_from))
    return problems


def check_realnews(root: Path, before: str = "2025-01-01") -> list[str]:
    """The real-news set loads, its split names every passage once, and the frozen test part is
    byte for byte what was hashed before any rule was tuned."""
    import hashlib

    problems: list = []
    errors: list = []
    passages = {a.id: a for a in load_articles(root / "passages", errors=errors)}
    problems.extend(str(e) for e in errors)
    split_file = root / "split.json"
    try:
        split = json.loads(split_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return problems + [f"{split_file}: unreadable ({exc})"]
    named = Counter(split.get("dev", []) + split.get("test", []))
    problems.extend(f"{split_file}: passage {i!r} listed {n} times" for i, n in named.items() if n > 1)
    problems.extend(f"{split_file}: passage {i!r} is in no part" for i in passages if i not in named)
    problems.extend(f"{split_file}: passage {i!r} has no file" for i in named if i not in passages)
    for pid, digest in split.get("test_sha256", {}).items():
        article = passages.get(pid)
        if article is not None and hashlib.sha256(Path(article.path).read_bytes()).hexdigest() != digest:
            problems.append(f"{article.path}: a frozen test passage changed (sha256 differs from {split_file.name})")
    return problems + check_realnews_train(root, passages.values(), before)


def check_realnews_train(root: Path, evaluation, before: str) -> list[str]:
    """Training passages load, and none comes from a page (URL) or an id of the evaluation set or
    from the test period: either would leak what the real-news scores are measured on."""
    if not (root / "train").is_dir():
        return []
    errors: list = []
    train = load_articles(root / "train", errors=errors)
    problems = [str(e) for e in errors]
    evaluation = list(evaluation)
    eval_urls = {_norm_url(a.source.get("url", "")) for a in evaluation} - {""}
    eval_ids = {a.id for a in evaluation}
    seen_urls: dict = {}
    for a in train:
        url = _norm_url(a.source.get("url", ""))
        if a.id in eval_ids:
            problems.append(f"{a.path}: id {a.id!r} is also an evaluation passage")
        if url in eval_urls:
            problems.append(f"{a.path}: source.url is an evaluation passage's page; training on it leaks the test")
        if url and url in seen_urls:
            problems.append(f"{a.path}: source.url already used by {seen_urls[url]}")
        seen_urls.setdefault(url, a.id)
        if (a.date or "") >= before:
            problems.append(f"{a.path}: dated {a.date}, in the test period (from {before}); training passages come before it")
    return problems + _non_canonical_actors(train, ActorRegistry.from_yaml(DEFAULT_ACTORS))


def _non_canonical_actors(passages, registry: ActorRegistry) -> list[str]:
    """A gold actor written as another listed spelling ("Russia" for "Government of Russia"): the
    extraction score would count the right speaker as wrong, and training would split one actor."""
    problems = []
    for a in passages:
        for i, q in enumerate(a.quotes):
            canonical = registry.canonical(q["actor"])
            if canonical and canonical != q["actor"]:
                problems.append(f"{a.path}: quotes[{i}].actor {q['actor']!r} is a listed spelling of "
                                f"{canonical!r}; write the canonical name")
    return problems


def _norm_url(url: str) -> str:
    return url.strip().lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")


def cohen_kappa(first: list, second: list, labels=LABELS) -> dict:
    from sklearn.metrics import cohen_kappa_score

    out = {"overall": float(cohen_kappa_score(first, second, labels=list(labels))), "n": len(first)}
    for label in labels:
        a = [x == label for x in first]
        b = [x == label for x in second]
        out[label] = float(cohen_kappa_score(a, b)) if any(a) or any(b) else None
    return out


def agreement(statements: list[dict], path: Path = Path(SECOND_PASS), first: Path = Path(FIRST_PASS)) -> Optional[dict]:
    """Cohen's kappa between the first labels (as they were when the second pass was made, kept in
    ``first_pass_sample.jsonl`` so that later adjudication does not inflate it) and the independent
    second pass ({id, label} per line)."""
    if not path.is_file():
        return None

    def labels(p: Path) -> dict:
        out = {}
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("label") in LABELS:
                    out[rec["id"]] = rec["label"]
        return out

    firsts = labels(first) if first.is_file() else {st["id"]: st["label"] for st in statements}
    seconds = labels(path)
    ids = [i for i in seconds if i in firsts]
    if not ids:
        return None
    out = cohen_kappa([firsts[i] for i in ids], [seconds[i] for i in ids])
    current = {st["id"]: st["label"] for st in statements}
    out["adjudicated"] = sum(1 for i in ids if i in current and current[i] != firsts[i])
    return out


def stats(cfg: DataConfig) -> dict:
    statements = load_statements(cfg.statements)
    if not statements:
        raise StanceError(f"{cfg.statements}: no statements")
    articles = load_gold_articles(cfg)
    splits = split_corpus(statements, articles, cfg.split)
    return {
        "statements": len(statements),
        "actors": len({st["actor"] for st in statements}),
        "per_label": dict(Counter(st["label"] for st in statements)),
        "per_split": {name: {"statements": len(items), "articles": len({s["article_id"] for s in items}),
                             "per_label": dict(Counter(s["label"] for s in items))} for name, items in splits.items()},
        "dropped_for_leakage": len(splits.dropped),
        "per_year": dict(sorted(Counter(st["date"][:4] for st in statements).items())),
        "per_kind": dict(Counter(st["kind"] for st in statements)),
        "source_reports": len({st["article_id"] for st in statements}),
        "verified_share": round(sum(st["verified"] for st in statements) / len(statements), 4),
        "top_actors": dict(Counter(st["actor"] for st in statements).most_common(15)),
        "gold_articles": len(articles),
        "gold_quotes": sum(len(a.quotes) for a in articles),
        "kappa": agreement(statements),
    }
