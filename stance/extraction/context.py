"""Context: the words around a statement as the article gives them, for the classifier to read
beside the statement ("Asked whether Ukraine would join after the war, …, he said")."""

from __future__ import annotations

_OPENING = " \"“‘«"  # the statement's own marks go with it
_CLOSING = " \"”’»,"
CONTEXT_CHARS = 300  # about two sentences; the classifier's second segment is short


def quote_context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The paragraph holding ``text[start:end]`` with the statement cut out ("…" in its place),
    at most ``limit`` characters centred on it; a paragraph that is only the statement borrows
    the end of the paragraph before, where the speaker usually stands."""
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    p_end = len(text) if p_end == -1 else p_end
    before, after = text[p_start:start], text[end:p_end]
    if len((before + after).strip(" \"“”'‘’.,")) < 20:
        earlier = text[:p_start].rstrip()
        prev = earlier[earlier.rfind("\n") + 1:].strip()
        before = f"{prev} {before}" if prev else before
    half = limit // 2
    before = " ".join(before.split())[-half:]
    after = " ".join(after.split())[: limit - len(before)]
    return f"{before.rstrip(_OPENING)} … {after.lstrip(_CLOSING)}".strip()
