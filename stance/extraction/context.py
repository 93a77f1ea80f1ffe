"""Context: the words around a statement as the article gives them, for the classifier to read
beside the statement ("Asked whether Ukraine could join after the war, … he said")."""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

CONTEXT_CHARS = 300  # about two sentences; the classifier's second segment is short
_OPENING = " \"“‘«"  # the statement's own marks go with it
_CLOSING = " \"”’»,"


def quote_context(text: str, start: int, end: int, others: Sequence[tuple[int, int]] = (),
                  limit: int = CONTEXT_CHARS) -> str:
    """The paragraph holding ``text[start:end]`` with the statement cut out ("…" in its place),
    at most ``limit`` characters centred on it. Other statements (``others``, sorted) are cut too: the
    context carries the question, the occasion and the attribution, never another actor's words,
    which would pull the classifier toward their stance. A paragraph that is only the statement
    borrows the end of the paragraph before, where the speaker usually stands."""
    # only a window around the statement is read, so a quote-dense paragraph stays linear
    reach = 2 * limit
    p_start = max(text.rfind("\n", 0, start) + 1, start - reach)
    p_end = text.find("\n", end, end + reach)
    p_end = min(len(text), end + reach) if p_end == -1 else p_end
    lo = max(0, p_start - reach)
    first = max(0, bisect_left(others, (lo, lo)) - 1)
    spans = [(a, b) for a, b in others[first: bisect_left(others, (p_end, p_end))] if b > lo and (a, b) != (start, end)]
    before, after = _cut(text, p_start, start, spans), _cut(text, end, p_end, spans)
    if len((before + after).replace("…", "").strip(" \"“”'‘’.,")) < 20:
        earlier = text[lo:p_start].rstrip()
        prev_start = lo + earlier.rfind("\n") + 1
        prev = _cut(text, prev_start, lo + len(earlier), spans).strip()
        before = f"{prev} {before}" if prev else before
    half = limit // 2
    before = " ".join(before.split())[-half:]
    after = " ".join(after.split())[: limit - len(before)]
    return f"{before.rstrip(_OPENING)} … {after.lstrip(_CLOSING)}".strip()


def _cut(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> str:
    """``text[a:b]`` with every span in ``spans`` replaced by "…"."""
    out, pos = [], a
    for s, e in spans:
        if e <= pos or s >= b:
            continue
        out.append(text[pos:max(pos, s)].rstrip(_OPENING))
        out.append(" … ")
        pos = min(b, e)
        while pos < b and text[pos] in _CLOSING:
            pos += 1
    out.append(text[pos:b])
    return "".join(out)
