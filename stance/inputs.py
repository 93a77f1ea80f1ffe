"""What the classifier reads for one statement, and the training dataset built from it."""

from __future__ import annotations

from typing import Optional

from .composition import as_asserted
from .config import InputConfig
from .labels import LABEL2ID, TARGET


def build_input(record: dict, cfg: InputConfig) -> tuple[str, Optional[str]]:
    """The (first, second) segments the classifier reads for one statement.

    First: "<actor> <cue>: <words>" (actor and cue where configured). Second: the target
    proposition and the context, so the model reads the statement *about* Ukraine joining NATO.
    A negating cue is read as "said" (see ``as_asserted``); callers swap the result back.
    """
    record = as_asserted(record)
    text = str(record.get("text") or "").strip()
    head = []
    if cfg.actor and record.get("actor"):
        head.append(str(record["actor"]).strip())
    if cfg.cue and record.get("cue"):
        head.append(str(record["cue"]).strip())
    first = f"{' '.join(head)}: {text}" if head else text
    second = []
    if cfg.target:
        second.append(TARGET)
    if cfg.context and record.get("context"):
        second.append(str(record["context"]).strip())
    return first, (" | ".join(second) if second else None)


def to_dataset_dict(splits, cfg: InputConfig):
    """A ``datasets.DatasetDict`` with ``text``, ``text_pair`` and integer ``label`` columns plus
    the statement's metadata (id, article_id, actor, date)."""
    from datasets import Dataset, DatasetDict

    def rows(items):
        out = {"id": [], "article_id": [], "actor": [], "date": [], "text": [], "text_pair": [], "label": []}
        for st in items:
            first, second = build_input(st, cfg)
            label = as_asserted(st)["label"]
            out["id"].append(st["id"])
            out["article_id"].append(st["article_id"])
            out["actor"].append(st["actor"])
            out["date"].append(st["date"])
            out["text"].append(first)
            out["text_pair"].append(second or "")
            out["label"].append(LABEL2ID[label])
        return out

    return DatasetDict({name: Dataset.from_dict(rows(items)) for name, items in splits.items()})
