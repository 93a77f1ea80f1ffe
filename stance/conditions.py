"""The condition in a `conditional` statement, as a short span of the quote: "after the war
ends", "once reforms are done", "when allies agree and conditions are met", "by consensus of all
allies". Rules, not a model: a condition marker starts the span, which runs to the end of its
clause. DESIGN.md's quote field ``"condition": {"text", "start", "end"}`` (offsets into the
article, like the quote's)."""

from __future__ import annotations

import re
from typing import Optional

# ordered: longer markers first so "only after" wins over "after"
MARKERS = (
    "as soon as", "only after", "only when", "only if", "provided that", "on condition that", "subject to",
    "depends on", "depend on", "dependent on", "conditional on", "contingent on", "requires", "require",
    "by consensus", "unless", "until", "once", "after", "when", "if",
)
_MARKER = re.compile(r"\b(" + "|".join(re.escape(m) for m in MARKERS) + r")\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?)\]\"”]|,\s+(?:but|and then|while|whereas)\b|\s[-–—]\s")


def find_condition(quote: str) -> Optional[tuple[int, int]]:
    """(start, end) of the condition within ``quote``, or None where no marker is found."""
    best = None
    for match in _MARKER.finditer(quote):
        rank = MARKERS.index(match.group(1).lower())
        if best is None or rank < best[0]:
            best = (rank, match)
        if rank == 0:
            break
    if best is None:
        return None
    start = best[1].start()
    end_match = _CLAUSE_END.search(quote, best[1].end())
    end = end_match.start() if end_match else len(quote)
    if not quote[:start].strip():
        # a fronted condition ("If they meet the criteria, they will join") ends at its comma
        comma = quote.find(",", best[1].end())
        end = comma if 0 <= comma < end else end
    while end > start and quote[end - 1] in " ,":
        end -= 1
    return (start, end) if end - start > len(best[1].group(1)) else None


def add_conditions(quotes: list[dict]) -> None:
    """Give each ``conditional`` quote dict its ``condition`` (article offsets), where one is found."""
    for q in quotes:
        if q.get("label") != "conditional":
            continue
        span = find_condition(q["text"])
        if span:
            start, end = span
            q["condition"] = {"text": q["text"][start:end], "start": q["start"] + start, "end": q["start"] + end}
