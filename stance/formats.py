"""Output formats for `stance analyze` and `stance classify`: table, json, jsonl, csv, html."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from typing import Iterable, TextIO

FORMATS = ("table", "json", "jsonl", "csv", "html")
CSV_FIELDS = ("id", "actor", "stance", "confidence", "supportive", "conditional", "denying", "evidence")


def evidence(result: dict, actor: dict) -> str:
    """The quote that most supports the actor's stance."""
    quotes = [result["quotes"][i] for i in actor["quotes"]]
    if not quotes:
        return ""
    best = max(quotes, key=lambda q: q["probabilities"].get(actor["stance"], 0.0))
    return best["text"]


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


def table(result: dict, width: int = 70) -> str:
    title = result.get("id") or "article"
    lines = [f"== {title} =="]
    if not result["actors"]:
        lines.append("(no actor took a stance on Ukraine joining NATO)")
        return "\n".join(lines) + "\n"
    name_w = max(5, *(len(a["actor"]) for a in result["actors"]))
    lines.append(f"{'actor'.ljust(name_w)}  {'stance':<11}  {'conf':>5}  evidence")
    for a in result["actors"]:
        lines.append(f"{a['actor'].ljust(name_w)}  {a['stance']:<11}  {a['confidence']:>5.2f}  \"{_shorten(evidence(result, a), width)}\"")
    return "\n".join(lines) + "\n"


def csv_rows(result: dict) -> Iterable[dict]:
    for a in result["actors"]:
        yield {"id": result.get("id"), "actor": a["actor"], "stance": a["stance"], "confidence": a["confidence"],
               **{k: a["probabilities"].get(k) for k in ("supportive", "conditional", "denying")},
               "evidence": evidence(result, a)}


class ResultWriter:
    """Streams analysed articles in one format; ``json`` is a list, written when closed."""

    def __init__(self, out: TextIO, fmt: str):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.out, self.fmt = out, fmt
        self._items: list = []
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=CSV_FIELDS)
            self._csv.writeheader()

    def write(self, result: dict, text: str = "") -> None:
        """One result; ``html`` also needs the article's text to highlight the quotes in."""
        if self.fmt == "html":
            from .view import article_section

            self._items.append(article_section(text, result))
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(result, ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self._items.append(result)
        elif self.fmt == "csv":
            for row in csv_rows(result):
                self._csv.writerow(row)
        else:
            self.out.write(table(result) + "\n")
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "html":
            from .view import page

            self.out.write(page(self._items))
        elif self.fmt == "json":
            payload = self._items[0] if len(self._items) == 1 else self._items
            self.out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        self.out.flush()


def predictions_table(preds: list[dict]) -> str:
    buf = io.StringIO()
    name_w = max([5] + [len(p.get("actor") or "") for p in preds])
    buf.write(f"{'actor'.ljust(name_w)}  {'label':<11}  {'conf':>5}  text\n")
    for p in preds:
        buf.write(f"{(p.get('actor') or '').ljust(name_w)}  {p['label']:<11}  {p['confidence']:>5.2f}  \"{_shorten(p['text'], 70)}\"\n")
    return buf.getvalue()
