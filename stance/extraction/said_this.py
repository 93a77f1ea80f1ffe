"""Attribution after the fact: "NATO is not debating an invitation. This was stated by Mark Rutte
on Tuesday." / "… Stoltenberg said this at a news conference." The sentence before is the
statement, and the speaker is named only in the sentence that follows it."""

from __future__ import annotations

import re
from bisect import bisect_left

from .candidate import Candidate
from .document import Document
from .lexicon import QUOTE_CHARS
from .sources import SpeakerFinder

_VERBS = r"stated|said|announced|emphasi[sz]ed|noted|declared|stressed|underlined|wrote|told\s+[^.,;]{1,40}?"
# "This was stated by NATO Secretary General Jens Stoltenberg on Friday"
_PASSIVE_RE = re.compile(rf"\s*(?:This|That|It)\s+was\s+(?P<cue>{_VERBS})\s+by\s+")
# "NATO Secretary General Jens Stoltenberg said this at a news conference"
_ACTIVE_RE = re.compile(rf"\s+(?:also\s+)?(?P<cue>{_VERBS})\s+(?:this|so)\b")


def statements_said_this(doc: Document, finder: SpeakerFinder, taken: list[Candidate]) -> list[Candidate]:
    """One statement per "said this" sentence: the sentence before it in the paragraph (or the
    last of the paragraph before), unless another stage already took it."""
    text = doc.text
    spans = sorted((c.start, c.end) for c in taken)
    starts = [s for s, _ in spans]
    found: list[Candidate] = []
    previous = None
    for paragraph in doc.sentences:
        for s_start, s_end in paragraph:
            candidate = _said_this(text, finder, s_start, s_end, previous)
            previous = (s_start, s_end)
            if candidate is None:
                continue
            i = bisect_left(starts, candidate.end)
            if i > 0 and spans[i - 1][1] > candidate.start:
                continue  # already a statement of its own
            found.append(candidate)
    return found


def _said_this(text: str, finder: SpeakerFinder, s_start: int, s_end: int, previous) -> Candidate | None:
    if previous is None:
        return None
    pm = _PASSIVE_RE.match(text, s_start, s_end)
    if pm:
        spk = finder.at_start(text, pm.end(), s_end)
    else:
        am = _ACTIVE_RE.search(text, s_start, s_end)
        if am is None:
            return None
        spk = finder.at_end(text, s_start, am.start())
        if spk is None or text[s_start:spk.start].strip():
            return None  # the speaker must open the sentence
        pm = am
    if spk is None:
        return None
    start, end = previous
    while end > start and text[end - 1] in " .!?\n":
        end -= 1
    if len(text[start:end].split()) < 4 or text[start:end].rstrip().endswith(":"):
        return None
    kind = "mixed" if any(c in QUOTE_CHARS for c in text[start:end]) else "reported"
    return Candidate(start, end, kind=kind, speaker=spk, cue=" ".join(pm.group("cue").split()[:1]),
                     patterns=["name_after", "anaphora"])
