"""Content: direct quotes between quotation marks (any of " “ ” « » „), paired by position so
mixed straight/curly marks and quotes running over paragraphs still pair up."""

from __future__ import annotations

from typing import Optional

from .candidate import Candidate
from .document import Document
from .lexicon import AMBIGUOUS, CLOSE_ONLY, MIN_QUOTE_WORDS, OPEN_ONLY, QUOTE_CHARS


def mark_role(text: str, i: int, para_start: int, para_end: int) -> str:
    """Whether the mark at ``i`` can open a quote, close one, or either, from what stands beside it."""
    ch = text[i]
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < para_end else " "
    can_open = ch in OPEN_ONLY or (ch in AMBIGUOUS + "”" and (before.isspace() or before in "([—–-:") and not after.isspace())
    can_close = ch in CLOSE_ONLY or (ch in AMBIGUOUS + "“" and not before.isspace() and (after.isspace() or after in ".,;:!?)—–-'’"))
    if ch in OPEN_ONLY and not can_close:
        return "open"
    if ch in CLOSE_ONLY and not can_open:
        return "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def direct_quotes(doc: Document) -> list[Candidate]:
    text = doc.text
    found: list[Candidate] = []
    for p_index, (p_start, p_end) in enumerate(doc.paragraphs):
        open_at = None
        for i in range(p_start, p_end):
            if text[i] not in QUOTE_CHARS:
                continue
            role = mark_role(text, i, p_start, p_end)
            if open_at is None and role in ("open", "either"):
                open_at = i
            elif open_at is not None and role in ("close", "either"):
                found.append(_make_direct(text, open_at, i, p_index))
                open_at = None
        if open_at is not None:
            # no closing mark before the paragraph ends: a quote running on to the next paragraph
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            d = _make_direct(text, open_at, None, p_index, end)
            if d.words:
                found.append(d)
    return found


def _make_direct(text: str, open_at: int, close_at: Optional[int], p_index: int, end: Optional[int] = None) -> Candidate:
    start = open_at + 1
    end = close_at if close_at is not None else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Candidate(start, end, open_at=open_at, close_at=close_at, paragraph=p_index, words=len(text[start:end].split()))


def is_fragment(doc: Document, d: Candidate) -> bool:
    """One to three quoted words are a fragment of someone's reported speech ('called it
    "deeply unacceptable," Peskov said') unless they open their sentence with punctuation of
    their own ('"We are ready," he said')."""
    if d.words >= MIN_QUOTE_WORDS:
        return False
    text = doc.text
    if d.close_at is None or text[d.close_at - 1] not in ",.?!":
        return True
    sent_start, _ = doc.sentence_bounds(d.paragraph, d.open_at)
    return bool(text[sent_start:d.open_at].strip())
