"""The boundary: every article or statement a user hands in is checked and cleaned here, once.

Later stages (extraction, the tokenizer, JSON output) can then assume well-formed records: text is
valid Unicode with no control characters, ids are strings, dates are dates. Cleaning replaces
characters one for one, so quote offsets still index the text the user sent.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Optional, Union

from .errors import StanceError

# lone surrogates cannot be encoded as UTF-8 (the tokenizer and json.dumps both fail on them);
# C0 controls other than tab and line breaks, and DEL, are never part of an article's words
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


class RecordError(StanceError):
    """One record is unusable; the message says which field and why. A batch skips the record."""


def clean_text(text: str) -> str:
    """Lone surrogates become U+FFFD and control characters spaces; the length never changes."""
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub(" ", text)


def looks_binary(text: str) -> bool:
    """More than 5% control characters in the first 2,000: a binary file, not an article."""
    sample = text[:2000]
    bad = len(_CONTROL.findall(sample))
    return bool(sample) and bad / len(sample) > 0.05


def parse_date(value, field: str = "date") -> Optional[Date]:
    """``None``, a ``date``, or a 'YYYY-MM-DD' string (a time after the day is ignored)."""
    if value is None or value == "":
        return None
    if isinstance(value, Date):
        return value
    if not isinstance(value, str):
        raise RecordError(f"field '{field}' must be a 'YYYY-MM-DD' string, got {type(value).__name__} {value!r}")
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        raise RecordError(f"field '{field}' is not a date in YYYY-MM-DD form: {value!r}") from None


def parse_id(value, default: Optional[str]) -> Optional[str]:
    """Ids are strings: a number would collide with the string of its digits, and ``null``
    would become 'None'."""
    if value is None:
        return default
    if not isinstance(value, str) or not value:
        hint = f" (quote it: \"{value}\")" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
        raise RecordError(f"field 'id' must be a non-empty string, got {type(value).__name__} {value!r}{hint}")
    return clean_text(value)


def article(record: Union[str, dict], default_id: Optional[str] = None) -> dict:
    """``{"id", "text", "date"}`` from a text or a user's dict, cleaned; RecordError if unusable.
    An empty text is an article with nothing in it; a batch may choose to skip it (``batch_article``)."""
    if isinstance(record, str):
        record = {"text": record}
    if not isinstance(record, dict):
        raise RecordError(f"expected a string or an object with 'text', got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordError("field 'text' missing or not a string")
    return {"id": parse_id(record.get("id"), default_id), "text": clean_text(text), "date": parse_date(record.get("date"))}


def batch_article(record: Union[str, dict], default_id: Optional[str] = None) -> dict:
    """``article``, and an empty or binary text is an error: in a batch it is a file that went wrong."""
    text = record.get("text") if isinstance(record, dict) else record
    if isinstance(text, str) and not text.strip():
        raise RecordError("empty article")
    if isinstance(text, str) and looks_binary(text):
        raise RecordError("not text (binary content)")
    return article(record, default_id)


def statement(record) -> dict:
    """A statement for the classifier: ``{"actor"?, "text", "context"?, "cue"?}``, cleaned."""
    if not isinstance(record, dict):
        raise RecordError(f"expected an object with 'actor' and 'text', got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError("field 'text' missing or empty")
    out = dict(record)
    out["text"] = clean_text(text)
    for key in ("actor", "context", "cue"):
        if record.get(key) is not None:
            if not isinstance(record[key], str):
                raise RecordError(f"field '{key}' must be a string, got {type(record[key]).__name__}")
            out[key] = clean_text(record[key])
    return out


class DuplicateIds:
    """Remembers the ids seen in a run and where, so a repeated id is reported, not written twice."""

    def __init__(self):
        self._first: dict = {}

    def check(self, article_id: Optional[str], where: str) -> None:
        if article_id is None:
            return
        first = self._first.setdefault(article_id, where)
        if first != where:
            raise RecordError(f"duplicate id: {article_id!r} first seen at {first}")
