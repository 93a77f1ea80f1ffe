"""Transcripts: a paragraph opened by a speaker's label ("Assistant Secretary Nuland: Thanks for
that question. …", "[Sir Edward Leigh: …]") is that speaker's words, and so are the unlabelled
paragraphs after it, until the next label or a paragraph that says something else."""

from __future__ import annotations

import re
from typing import Optional

from .candidate import Candidate, Mention, starts_within
from .document import Document
from .lexicon import QUOTE_CHARS, TITLE_WORDS
from .sources import SpeakerFinder

_LABEL_RE = re.compile(r"\[?(?P<label>(?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w’'\-]+):\s+(?=\S)")
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof"}
_CREDITS = {"Photo", "Source", "Credit", "Image", "Picture", "Video", "Caption"}
MIN_WORDS = 12  # outside a transcript, shorter lines are headlines, which headlines.py reads


def transcript_statements(doc: Document, finder: SpeakerFinder, taken: list[Candidate]) -> list[Candidate]:
    text = doc.text
    starts = sorted(c.start for c in taken)
    found: list[Candidate] = []
    speaker: Optional[Mention] = None
    matches = [_LABEL_RE.match(text, p_start, p_end) for p_start, p_end in doc.paragraphs]
    # unlabelled paragraphs carry on a speaker only in a transcript: two labels at least
    labels = sum(m is not None for m in matches)
    for (p_start, p_end), m in zip(doc.paragraphs, matches):
        if starts_within(starts, p_start, p_end):
            speaker = None  # another stage read this paragraph: the transcript, if any, is over
            continue
        label = _speaker(text, finder, m) if m else None
        if label is not None:
            speaker, start, pattern = label, m.end(), "colon"
        elif speaker is not None and m is None and labels >= 2 and not any(c in QUOTE_CHARS for c in text[p_start:p_end]):
            start, pattern = p_start, "multi_paragraph"
        else:
            speaker = None
            continue
        end = p_end
        while end > start and text[end - 1] in " ]\n":
            end -= 1
        if labels < 2 and len(text[start:end].split()) < MIN_WORDS:
            speaker = None
            continue
        found.append(Candidate(start, end, kind="direct", speaker=speaker, patterns=[pattern, "no_cue"]))
    return found


def _speaker(text: str, finder: SpeakerFinder, m: re.Match) -> Optional[Mention]:
    """A label is a speaker when it is a known name or role, or a titled name ("Dr Julian Lewis")."""
    start, end = m.start("label"), m.end("label")
    spk = finder.at_end(text, start, end)
    if spk is None or spk.start != start:
        return None
    words = spk.surface.split()
    if any(w.endswith(".") and w.lower().rstrip(".") not in _HONORIFICS for w in words[:-1]) or words[-1] in _CREDITS:
        return None  # "… Zelensky. Photo: EPA": a caption's credit
    # a person or a role: "Washington:" is a dateline, not the US government speaking
    known = any(m.role or ((a := finder.registry.get(m.actor)) is not None and a.is_person)
                for m in finder.registry.mentions(spk.surface))
    titled = len(words) >= 2 and words[0].lower().rstrip(".") in TITLE_WORDS | _HONORIFICS
    return spk if known or titled else None
