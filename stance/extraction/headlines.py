"""Headlines and one-line leads, where news puts a statement with no verb at all:
"Yatsenyuk: Ukraine not considering joining NATO", "Ukraine will never join NATO – EU state’s PM"."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from .candidate import Candidate, Mention
from .document import Document
from .lexicon import QUOTE_CHARS
from .sources import SpeakerFinder

MAX_HEADLINE_WORDS = 25
_SPEAKER_COLON_RE = re.compile(r"^(?P<speaker>[^:.!?\"“”]{2,60}?):\s+(?P<content>\S.*)$")
# Title-case headline verbs: "Hegseth Says NATO Accession Not a Realistic Option For Ukraine".
_SPEECH_TITLE = r"Says|Say|Said|Tells|Warns|Insists|Claims|Admits|Stresses|Vows|Pledges|Confirms|Denies|Reiterates"
_POSITION_TITLE = (r"Promises|Calls\s+For|Call\s+For|Urges|Urge|Demands|Demand|Rejects|Reject|Blocks|Block|Backs|"
                   r"Back|Opposes|Oppose|Proposes|Propose|Rules\s+Out|Vetoes|Supports|Support|Seeks|Wants|Dismisses")
_SPEAKER_VERB_RE = re.compile(rf"^(?P<speaker>[^:.!?]{{2,60}}?)\s+(?P<cue>{_SPEECH_TITLE}|{_POSITION_TITLE})\s+(?P<content>\S.*)$")
_CONTENT_DASH_SPEAKER_RE = re.compile(r"^(?P<content>.*\S)\s+[–—-]\s+(?P<speaker>[^–—\-.!?]{2,40}?)\s*$")


def headline_statements(doc: Document, finder: SpeakerFinder, taken: list[Candidate]) -> list[Candidate]:
    """One statement per short line shaped "Speaker: words" or "words – Speaker", on lines where
    no other stage found one."""
    found = []
    starts = sorted(c.start for c in taken)
    for p_start, p_end in doc.paragraphs:
        line = doc.text[p_start:p_end]
        if len(line.split()) > MAX_HEADLINE_WORDS or line.rstrip().endswith((".", "?")):
            continue
        i = bisect_left(starts, p_start)
        if i < len(starts) and starts[i] < p_end:
            continue
        candidate = (_speaker_colon(doc.text, finder, p_start, line) or _dash_speaker(doc.text, finder, p_start, line)
                     or _speaker_verb(doc.text, finder, p_start, line))
        if candidate is not None:
            found.append(candidate)
    return found


def _speaker_colon(text: str, finder: SpeakerFinder, p_start: int, line: str) -> Optional[Candidate]:
    m = _SPEAKER_COLON_RE.match(line)
    if not m:
        return None
    spk = finder.at_end(text, p_start, p_start + m.end("speaker"))
    if spk is None:
        return None
    return _statement(text, spk, p_start + m.start("content"), p_start + len(line.rstrip()), "colon")


def _dash_speaker(text: str, finder: SpeakerFinder, p_start: int, line: str) -> Optional[Candidate]:
    m = _CONTENT_DASH_SPEAKER_RE.match(line)
    if not m:
        return None
    seg_start, seg_end = p_start + m.start("speaker"), p_start + m.end("speaker")
    spk = finder.at_start(text, seg_start, seg_end)
    if spk is None or spk.end < seg_end - 1:
        return None
    return _statement(text, spk, p_start, p_start + m.end("content"), "name_after")


def _speaker_verb(text: str, finder: SpeakerFinder, p_start: int, line: str) -> Optional[Candidate]:
    m = _SPEAKER_VERB_RE.match(line)
    if not m:
        return None
    spk = finder.at_end(text, p_start, p_start + m.end("speaker"))
    if spk is None or spk.start - p_start > 2:
        return None
    position = re.fullmatch(_POSITION_TITLE, m.group("cue")) is not None
    start = p_start + (m.start("cue") if position else m.start("content"))
    found = _statement(text, spk, start, p_start + len(line.rstrip()), "name_before")
    if found is not None:
        found.cue = m.group("cue").lower()
    return found


def _statement(text: str, spk: Mention, start: int, end: int, pattern: str) -> Optional[Candidate]:
    kind = "reported"
    if text[start] in QUOTE_CHARS and text[end - 1] in QUOTE_CHARS:
        start, end, kind = start + 1, end - 1, "direct"
    if len(text[start:end].split()) < 3:
        return None
    return Candidate(start, end, kind=kind, speaker=spk, patterns=["headline", pattern])
