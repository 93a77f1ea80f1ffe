"""An article as extraction sees it: markup cleaned in place, paragraphs and sentences found once."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date as Date
from functools import cached_property
from typing import Optional

# A dateline before the first sentence: "BUCHAREST, April 4 - ", "MOSCOW — ".
DATELINE_RE = re.compile(
    r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s+)?"  # "22/02/2008 17:47 MOSCOW, February 22 (RIA Novosti) - "
    r"(?:[A-Z][A-Z .’'\-]{2,}(?:,\s+[A-Z][\w ]{2,20}?)?(?:,?\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?"
    r"(?:\s*\([^()]{1,30}\))?\s*(?:[—–-]+|:)\s*"  # "KIEV, March 18 (Reuters) - ", "BERLIN: "
    r"|\([^()]{1,30}\)\s*[—–-]+\s*"  # "( Canadianpress ) - "
    r"|[A-Z][a-z]+\s+\d{1,2}\.\d{1,2}\.\d{4}\s+)"  # "Vilnius 12.07.2023 "
)
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"No|Vol|etc|vs|Prof|Capt)|\b[A-Z]|\bU\.S|\bU\.K|\bU\.N|\bE\.U)\.$"
)
DEBRIS_RE = re.compile(
    r"^\s*(?:photo\b|image\b|caption\b|read more\b|related\b|advertisement\b|share\b|"
    r"by\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s*$|subscribe\b|sign up\b|©|copyright\b)",
    re.IGNORECASE,
)
DATE_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+"
    r"(\d{1,2}),\s+(\d{4})\b"
)
MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}

# A list item's mark: the item is a paragraph of its own, read from after the mark.
BULLET_RE = re.compile(r"\s*(?:[•·▪►*]|[-–—](?=\s))\s*")
_TAG_RE = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->|<[^<>]{1,500}>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"^</?(?:p|div|br|li|h[1-6]|blockquote|tr|section|article)\b", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’]?(?=\s+[\"“‘A-Z(]|\s*$)")


def clean_markup(text: str) -> str:
    """HTML tags and entities replaced *in place*, keeping every offset: a tag becomes spaces (a
    newline where it breaks a block, so <p> still separates paragraphs), an entity becomes its
    character followed by spaces. Plain text comes back unchanged (the same object)."""
    if "<" not in text and "&" not in text:
        return text
    import html

    def tag(m):
        body = m.group(0)
        fill = "\n" if _BLOCK_TAG_RE.match(body) else " "
        return fill + " " * (len(body) - 1)

    def entity(m):
        char = html.unescape(m.group(0))
        if len(char) != 1:
            return m.group(0)
        if char == "\xa0":
            char = " "
        return char + " " * (len(m.group(0)) - 1)

    out = _ENTITY_RE.sub(entity, _TAG_RE.sub(tag, text))
    return text if out == text else out


# Quotation marks typed as pairs of other characters: ``TeX style'', “doubled singles’’, and
# ‘single quotes’ around a whole utterance (a closing ’ after its punctuation, so apostrophes as in
# "Ukraine’s" or "allies’ aims" never pair up).
_DOUBLED_OPEN_RE = re.compile(r"``")
_DOUBLED_CLOSE_RE = re.compile(r"’’|''")
_SINGLE_QUOTED_RE = re.compile(r"(?:^|(?<=[\s(\[—–:-]))‘(?=\S)((?:[^‘’\n]|’(?=\w))+?[,.!?…])’(?=\s|$|[”\"])", re.MULTILINE)


def normalise_marks(text: str) -> str:
    """Those marks rewritten *in place* as the double quotes the quote finder pairs, keeping every
    offset (a two-character mark becomes the mark and a space). Text without them comes back as
    the same object."""
    if "``" not in text and "’’" not in text and "''" not in text and "‘" not in text:
        return text
    out = _DOUBLED_OPEN_RE.sub(" “", text)
    out = _DOUBLED_CLOSE_RE.sub("” ", out)
    if "‘" in out:  # only in paragraphs with no double marks, where singles cannot be nested quotes
        out = "\n".join(_SINGLE_QUOTED_RE.sub(lambda m: "“" + m.group(1) + "”", line)
                         if not any(c in line for c in "\"“”«»„") else line for line in out.split("\n"))
    return text if out == text else out


def article_date(text: str) -> Optional[Date]:
    """A dateline such as "June 16, 2021" near the top of the article, if there is one."""
    m = DATE_RE.search(text[:600])
    if not m:
        return None
    try:
        return Date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    except ValueError:
        return None


def split_sentences(text: str, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; a full stop after an abbreviation ("U.S.") is no boundary."""
    spans, start = [], p_start
    for m in _SENTENCE_END_RE.finditer(text[p_start:p_end]):
        stop = p_start + m.end()
        dot = p_start + m.start() + 1
        if ABBREVIATIONS.search(text[max(p_start, dot - 16): dot]):  # end-anchored: the last word suffices
            continue
        spans.append((start, stop))
        start = stop
        while start < p_end and text[start].isspace():
            start += 1
    if start < p_end and text[start:p_end].strip():
        spans.append((start, p_end))
    return spans


class Document:
    """The text extraction works on (markup blanked out in place, so offsets index the caller's
    text), its date, and its paragraphs and sentences, each computed once."""

    def __init__(self, original: str, date: Optional[Date] = None):
        self.original = original
        self.text = normalise_marks(clean_markup(original))
        self.date = date if date is not None else article_date(self.text)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for line in self.text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            bullet = BULLET_RE.match(line)
            if bullet:
                start, line = start + bullet.end(), line[bullet.end():]
            if not line.strip() or DEBRIS_RE.match(line):
                continue
            spans.append((start, end))
        return spans

    @cached_property
    def sentences(self) -> list[list[tuple[int, int]]]:
        """Per paragraph, its sentence spans."""
        return [split_sentences(self.text, s, e) for s, e in self.paragraphs]

    def all_sentences(self):
        for spans in self.sentences:
            yield from spans

    @cached_property
    def _sentence_starts(self) -> list[list[int]]:
        return [[start for start, _ in spans] for spans in self.sentences]

    def sentence_bounds(self, paragraph: int, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (by bisection: quote-dense paragraphs stay linear)."""
        spans = self.sentences[paragraph]
        i = bisect_right(self._sentence_starts[paragraph], pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            return spans[i]
        return self.paragraphs[paragraph]
