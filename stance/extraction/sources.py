"""Sources: the speaker mention beside a cue, as written ("NATO Secretary General Jens
Stoltenberg", "he", "the declaration"). Which actor it names is resolution's job."""

from __future__ import annotations

import re
from typing import Optional

from ..actors import ActorRegistry
from .candidate import Mention
from .lexicon import (
    LEAD_WORDS, ADVERBIAL_RE, APPOSITION_RE, CAPITALISED_NP_RE, DOCUMENT_NOUNS, NOT_A_NAME, NP_STOP, OUTLET_RE, PRONOUNS,
    RELATIVE_END_RE, ROLE_NP_END_RE, ROLE_NP_RE, TITLE_BEFORE_NAME, TITLE_WORDS,
)

_NAME_AFTER_CUE_RE = re.compile(r"(?:the\s+)?(?:[A-Z][\w.’'\-]*(?:\s+(?:of\s+|the\s+|de\s+|von\s+|van\s+)?[A-Z][\w.’'\-]*)*)")


# Lower-case title words between a cue and a name: "said opposition leader Yulia Tymoshenko".
_TITLE_BEFORE_NAME_AFTER_CUE_RE = re.compile(r"((?:[a-z][\w\-]*\s+){1,3})(?=[A-Z])")

_NOT_MODIFIERS = {"while", "and", "but", "as", "when", "after", "before", "where", "which", "who", "that", "because",
                  "since", "although", "though", "if", "so", "then", "of", "in", "on", "at", "to", "for", "with", "by",
                  "whereas", "also", "said", "says"}


def only_modifiers(text: str, start: int, end: int) -> bool:
    """Nothing but space and up to two lower-case modifiers between two points: the "interim" of
    ", interim Prime Minister Arseny Yatseniuk said"."""
    words = text[start:end].split()
    return (re.fullmatch(r"[\s\"”’']*(?:[—–-]+\s+)?(?:[a-z][\w\-]*\s+){0,2}(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?", text[start:end]) is not None
            and not any(w in _NOT_MODIFIERS for w in words))


def _without_lead_words(spk: Optional[Mention]) -> Optional[Mention]:
    """"Yet French officials" -> "French officials": sentence adverbs are not part of a name."""
    if spk is None:
        return None
    words = spk.surface.split()
    start, cut = spk.start, 0
    while len(words) - cut > 1 and words[cut] in LEAD_WORDS:
        start += spk.surface.index(words[cut + 1], start - spk.start) - (start - spk.start)
        cut += 1
    return Mention(start, spk.end, spk.surface[start - spk.start:]) if cut else spk


_PARENTHETICAL_RE = re.compile(r"\s*\([^()]{1,40}\)$")


class SpeakerFinder:
    def __init__(self, registry: ActorRegistry):
        self.registry = registry

    def is_speaker(self, mention: Optional[Mention]) -> bool:
        """Outlets report statements and never make them; words that open sentences name no one."""
        if mention is None:
            return False
        surface = mention.surface
        if surface.lower() in PRONOUNS:
            return True
        if surface in NOT_A_NAME or surface in NP_STOP or surface.split()[0] in ("According", "Talking", "Speaking"):
            return False
        if OUTLET_RE.match(surface):
            return any(m.actor for m in self.registry.mentions(surface))
        return True

    def at_end(self, text: str, seg_start: int, seg_end: int) -> Optional[Mention]:
        """The speaker mention that ends a subject segment, e.g. "NATO Secretary General Jens
        Stoltenberg on Tuesday" -> "NATO Secretary General Jens Stoltenberg"."""
        spk = _without_lead_words(self._at_end(text, seg_start, seg_end))
        return spk if self.is_speaker(spk) else None

    def _at_end(self, text: str, seg_start: int, seg_end: int) -> Optional[Mention]:
        stripped = text[seg_start:seg_end].rstrip()
        rel = RELATIVE_END_RE.search(stripped)
        if rel:
            return self._at_end(text, seg_start, seg_start + rel.start())
        stripped, named = self._strip_modifiers(stripped, seg_start)
        if named is not None:
            return named
        if not stripped or stripped.endswith(","):
            return None
        if re.search(r"\bwho$", stripped):
            return None  # "Biden, who has previously called for …": background, not a statement
        dm = DOCUMENT_NOUNS.search(stripped)
        if dm:
            return Mention(seg_start + dm.start() + (1 if stripped[dm.start()] == " " else 0), seg_start + len(stripped), dm.group(0).strip())
        end = seg_start + len(stripped)
        pm = re.search(r"(?<![\w'’])(he|she|it|they|He|She|It|They)$", stripped)
        if pm:
            return Mention(seg_start + pm.start(), end, pm.group(1))
        start = self._name_start(stripped)
        if start is None:
            rm = ROLE_NP_END_RE.search(stripped)  # "the minister", "a second official"
            return Mention(seg_start + rm.start(), end, rm.group(0)) if rm else None
        start = self._widen_title(stripped, start)
        start = self._widen_role(stripped, start)
        start = self._widen_conjunction(stripped, start)
        if re.search(r"(?:^|\s)[Tt]he $", stripped[:start]):  # "The Prime Minister said"
            start -= 4
        return Mention(seg_start + start, end, stripped[start:])

    def _strip_modifiers(self, stripped: str, seg_start: int) -> tuple[str, Optional[Mention]]:
        """Drop adverbials and appositions after the subject; an apposition that is itself a known
        name ("Russia's incoming president, Dmitry Medvedev,") is the speaker."""
        while True:
            m = _PARENTHETICAL_RE.search(stripped)  # "Kaja Kallas (Reform)", "John McCain (R-Ariz.)"
            if m and m.start() > 0:
                stripped = stripped[: m.start()].rstrip()
                continue
            m = ADVERBIAL_RE.search(stripped)
            if m and m.start() > 0:
                stripped = stripped[: m.start()].rstrip()
                continue
            m = APPOSITION_RE.search(stripped)  # "Biden, who has … NATO," / "Peskov, the Kremlin spokesman,"
            if m and m.start() > 0:
                inner = stripped[m.start() + 1: m.end()].strip(" ,")
                named = [x for x in self.registry.mentions(inner) if x.actor and x.end == len(inner)]
                if named and inner.count(" ") <= 4:
                    offset = seg_start + stripped.index(inner, m.start())
                    return stripped, Mention(offset, offset + len(inner), inner)
                stripped = stripped[: m.start()].rstrip()
                # "Orban, who has built close ties with Putin, which puts …, stressed": the relative
                # clause the apposition went on from
                rel = re.search(r",\s+(?:who|which)\b[^,;:]*$", stripped)
                if rel and rel.start() > 0:
                    stripped = stripped[: rel.start()].rstrip()
                continue
            return stripped, None

    def _name_start(self, stripped: str) -> Optional[int]:
        mentions = [m for m in self.registry.mentions(stripped) if m.end == len(stripped)]
        if mentions:
            return mentions[-1].start
        np = CAPITALISED_NP_RE.search(stripped)
        if not np:
            return None
        start = np.start()
        words = np.group(0).split()
        while len(words) > 1 and words[0] in NP_STOP:
            start = stripped.index(words[1], start)
            words = words[1:]
        surface = " ".join(words)
        if not surface or surface in NP_STOP or re.search(r"['’]s$", surface):
            return None
        return start

    def _widen_role(self, stripped: str, start: int) -> int:
        """Take in a role noun right before a name: "Kremlin spokesman Dmitry Peskov",
        "White House national security adviser Stephen Hadley"."""
        head = stripped[:start]
        if not head.endswith(" "):
            return start
        tm = TITLE_BEFORE_NAME.search(head)
        if tm:
            return self._widen_title(stripped, tm.start())
        for m in reversed(self.registry.mentions(head.rstrip())):
            if m.end == len(head.rstrip()) and m.role:
                return self._widen_title(stripped, m.start)
            break
        return start

    @staticmethod
    def _widen_title(stripped: str, start: int) -> int:
        """Take in the capitalised title or possessive before a name: "Ukraine's President …"."""
        head = stripped[:start]
        if not head.endswith(" "):
            return start
        m = CAPITALISED_NP_RE.search(head.rstrip())
        if not m:
            return start
        words = m.group(0).split()
        offset = m.start()
        while words and (words[0] in NP_STOP or words[0].lower() in ("and", "of")):
            offset = head.index(words[1], offset) if len(words) > 1 else start
            words = words[1:]
        if not words:
            return start
        if offset > 0 and head[:offset].endswith("the "):
            offset -= 4
        return offset

    @staticmethod
    def _widen_conjunction(stripped: str, start: int) -> int:
        before = stripped[:start]
        m = re.search(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+and\s+(?:the\s+)?$", before)
        if not m or m.group(1) in NP_STOP:
            return start
        first = m.start(1)
        for word in m.group(1).split()[:-1]:  # "But France and Germany": the conjunction is not a name
            if word not in NP_STOP:
                break
            first = before.index(" ", first) + 1
        return first

    def at_start(self, text: str, seg_start: int, seg_end: int) -> Optional[Mention]:
        """The speaker mention that starts a segment after a cue: '…," said Jens Stoltenberg.'"""
        spk = self._at_start(text, seg_start, seg_end)
        return spk if self.is_speaker(spk) else None

    def _at_start(self, text: str, seg_start: int, seg_end: int) -> Optional[Mention]:
        segment = text[seg_start:seg_end]
        lead = len(segment) - len(segment.lstrip())
        body = segment[lead:]
        pm = re.match(r"(he|she|it|they|him|her|them)\b", body, re.IGNORECASE)
        if pm:
            return Mention(seg_start + lead, seg_start + lead + pm.end(), pm.group(1))
        rm = ROLE_NP_RE.match(body)
        if rm and rm.group(0)[0].islower():  # "said the former comic actor"
            # "stated another Ukrainian negotiator at the talks, Oleksandr Chaly.": the name in apposition
            nm = re.match(r"(?:\s+(?:at|in|of|for|to)\s+[^,;:\"“”]{1,40})?,\s+([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3})\s*(?:[,.]|$)",
                          body[rm.end():])
            if nm:
                at = seg_start + lead + rm.end() + nm.start(1)
                return Mention(at, at + len(nm.group(1)), nm.group(1))
            # "by the bloc's Secretary General Mark Rutte": the title, then the name it gives
            nm = re.match(r"\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3}", body[rm.end():])
            end = rm.end() + (nm.end() if nm else 0)
            return Mention(seg_start + lead, seg_start + lead + end, body[:end])
        tm = _TITLE_BEFORE_NAME_AFTER_CUE_RE.match(body)
        if tm and any(w in TITLE_WORDS for w in tm.group(1).split()):  # "said opposition leader Yulia Tymoshenko"
            name = self._at_start(text, seg_start + lead + tm.end(1), seg_end)
            if name is not None and name.surface[0].isupper():
                return Mention(seg_start + lead, name.end, text[seg_start + lead: name.end])
        mentions = self.registry.mentions(body)
        np = _NAME_AFTER_CUE_RE.match(body)
        end = np.end() if np and np.group(0) else 0
        if mentions and mentions[0].start == 0:
            end = max(end, mentions[0].end)
            if mentions[0].role and len(mentions) > 1 and body[mentions[0].end:mentions[1].start].isspace():
                end = max(end, mentions[1].end)  # "said Kremlin spokesman Dmitry Peskov": the role, then the name
        if end == 0:
            return None
        surface = body[:end].rstrip(" ,.")
        if not surface or surface in NP_STOP:
            return None
        return Mention(seg_start + lead, seg_start + lead + len(surface), surface)

    def main_subject(self, text: str, seg_start: int, cue_start: int) -> Optional[Mention]:
        """The subject that opens the clause a participle hangs on: "Stoltenberg rejected X,
        telling Russia that …", "NATO allies left Vilnius insisting that …"."""
        segment = text[seg_start:cue_start]
        lead = re.match(r"\W*(?:(?:But|And|However|Yet|Meanwhile|Later|Earlier|On\s+\w+|In\s+\w+)\b,?\s*)?", segment)
        spk = self.at_start(text, seg_start + lead.end(), cue_start)
        if spk is None or spk.surface.split()[0] in NP_STOP and spk.surface.lower() not in PRONOUNS:
            return None
        return spk

    def subject_of_infinitive(self, text: str, seg_start: int, cue_start: int) -> Optional[Mention]:
        """The subject of "X then changed that version to clarify …" / "X moved to deny …"."""
        segment = text[seg_start:cue_start]
        m = re.match(r"\W*(?:(?:But|And|However|Yet)\b,?\s*)?", segment)
        spk = self.at_start(text, seg_start + m.end(), cue_start)
        if spk is None:
            return None
        between = text[spk.end:cue_start]
        if re.fullmatch(r"\s+(?:then\s+|later\s+|quickly\s+|also\s+)?[a-z]+(?:ed|s)\b[^,;.]{0,40}?\bto\s+", between):
            return spk
        return None
