"""Headlines and one-line leads, where news puts a statement with no verb at all:
"Yatsenyuk: Ukraine not considering joining NATO", "Ukraine will never join NATO – EU state’s PM"."""

from __future__ import annotations

import re
from typing import Optional

from .candidate import Candidate, Mention, starts_within
from .document import Document
from .lexicon import QUOTE_CHARS
from .sources import SpeakerFinder

MAX_HEADLINE_WORDS = 25
_SPEAKER_COLON_RE = re.compile(r"^(?P<speaker>[^:.!?\"“”]{2,60}?):\s+(?P<content>\S.*)$")
# Title-case headline verbs: "Hegseth Says NATO Accession Not a Realistic Option For Ukraine".
_SPEECH_TITLE = r"Says|Say|Said|Tells|Warns|Insists|Claims|Admits|Stresses|Vows|Pledges|Confirms|Denies|Reiterates"
_POSITION_TITLE = (r"Promises|Calls\s+For|Call\s+For|Urges|Urge|Demands|Demand|Rejects|Reject|Blocks|Block|Backs|"
                   r"Back|Opposes|Oppose|Proposes|Propose|Rules\s+Out|Vetoes|Supports|Support|Seeks|Wants|Dismisses")
# Lower-case headline verbs of speech and position: "Ukraine abandons NATO bid", "Hungary to block
# any decision", "Russia's NATO envoy speaks against …", "Putin ‘optimistic’ Obama will not …".
_SPEECH_HEADLINE = r"says|tells|warns|insists|claims|admits|vows|pledges|urges|asks|speaks\s+(?:of|about)|spoke\s+about"
_POSITION_HEADLINE = (
    r"drops|abandons|gives\s+up|give\s+up|backs|rejects|opposes|supports|seeks|wants|hails|welcomes|blocks|vetoes|"
    r"bypasses|resists|rules\s+out|holds\s+firm|speaks\s+(?:out\s+)?(?:for|against)|spoke\s+out\s+(?:for|against)|"
    r"signs?|approves|OKs|resolves|expects|hopes|calls\s+for|demands|proposes|presses\s+for|pushes\s+for|"
    r"to\s+(?:adopt|block|press|back|seek|support|oppose|veto|push|sign|drop|join|consider|discuss|help)|"
    r"does\s+not\s+want|doesn['’]t\s+want|is\s+against|are\s+against|not\s+(?:yet\s+)?planning")
_SPEAKER_VERB_RE = re.compile(
    rf"^(?P<speaker>[^:.!?]{{2,60}}?)\s+(?P<cue>{_SPEECH_TITLE}|{_POSITION_TITLE}|(?i:{_SPEECH_HEADLINE}|{_POSITION_HEADLINE}))"
    r"\s+(?P<content>\S.*)$")
_CONTENT_DASH_SPEAKER_RE = re.compile(r"^(?P<content>.*\S)(?:\s+[–—-]\s*|:\s+)(?P<speaker>[^–—\-.!?:]{2,40}?)\s*$")
# What sits before a headline on the same line: "Read also:", "Caption:", "Live Updates |", "— ".
_LINE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:Read\s+also|Video|Caption|You['’]re\s+reading|Live\s+Updates\s*\||ANALYSIS\s*[–—-]|AFP|Reuters|AP)\s*:?\s*"
    r"|[—–•-]\s+)+")


def headline_statements(doc: Document, finder: SpeakerFinder, taken: list[Candidate]) -> list[Candidate]:
    """One statement per short line shaped "Speaker: words" or "words – Speaker", on lines where
    no other stage found one."""
    found = []
    starts = sorted(c.start for c in taken)
    for p_start, p_end in doc.paragraphs:
        line = doc.text[p_start:p_end]
        if len(line.split()) > MAX_HEADLINE_WORDS:
            continue
        if starts_within(starts, p_start, p_end):
            continue
        prefix = _LINE_PREFIX_RE.match(line)
        if prefix:
            p_start, line = p_start + prefix.end(), line[prefix.end():]
        if line.rstrip().endswith((".", "?")):  # a sentence of the body, unless a known speaker's label opens it
            candidate = _speaker_colon(doc.text, finder, p_start, line)
            if candidate is not None and not finder.registry.mentions(candidate.speaker.surface):
                candidate = None
        else:
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
    content = m.group("content")
    if content.count("(") > content.count(")") or re.search(r"\b(?:Photo|Source|Credit|Image|Picture)s?$", content):
        return None  # "(Photo: MTI)", "Photo: Getty Images": a credit, not a speaker
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
    position = re.fullmatch(_POSITION_TITLE, m.group("cue")) is not None or re.fullmatch(_POSITION_HEADLINE, m.group("cue"), re.I) is not None
    start = p_start + (m.start("cue") if position else m.start("content"))
    found = _statement(text, spk, start, p_start + len(line.rstrip()), "name_before")
    if found is not None:
        found.cue = " ".join(m.group("cue").lower().split())
    return found


def _statement(text: str, spk: Mention, start: int, end: int, pattern: str) -> Optional[Candidate]:
    kind = "reported"
    if text[start] in QUOTE_CHARS and text[end - 1] in QUOTE_CHARS:
        start, end, kind = start + 1, end - 1, "direct"
    if len(text[start:end].split()) < 3:
        return None
    return Candidate(start, end, kind=kind, speaker=spk, patterns=["headline", pattern])
