"""Quote extraction: who said what in a news article.

The steps follow Citron's split:
1. **content** – direct quotes between quotation marks (any of " “ ” « » „), paired by position so
   mixed straight/curly marks and quotes running over paragraphs still pair up;
2. **cue + source** – the speech verb next to each quote ("…," Biden added / He added: "…") and
   the speaker mention beside it; reported speech ("Stoltenberg denied …") is a cue whose subject is
   a speaker and whose clause is the content;
3. **coreference** – pronouns go to the last compatible speaker, role nouns ("the NATO chief") to
   whoever held the role on the article's date, aliases to the canonical actor.

It is rule-based on purpose: it is fast, explainable, and every rule is pinned by a test.
Offsets always index the input text: ``text[q.start:q.end] == q.text``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from typing import Optional

from .actors import ActorRegistry

OPEN_ONLY = "“«„"
CLOSE_ONLY = "”»"
AMBIGUOUS = '"'
QUOTE_CHARS = OPEN_ONLY + CLOSE_ONLY + AMBIGUOUS

# Direct quotes this short are fragments inside someone's reported speech ("had “confirmed” it").
MIN_QUOTE_WORDS = 4

CUE_WORDS = (
    r"said|says|say|told|tells|tell|added|adds|wrote|writes|tweeted|posted|stated|states|declared|"
    r"stressed|stresses|insisted|insists|warned|warns|argued|argues|claimed|claims|announced|"
    r"announces|denied|denies|rejected|rejects|dismissed|dismisses|made\s+it\s+clear|made\s+clear|"
    r"makes\s+it\s+clear|makes\s+clear|refused|refuses|reiterated|reiterates|emphasi[sz]ed|"
    r"emphasi[sz]es|underlined|underscored|acknowledged|admitted|conceded|noted|notes|confirmed|"
    r"confirms|promised|pledged|vowed|urged|urges|called\s+for|calls\s+for|clarify|clarified|asserted|"
    r"maintained|predicted|signall?ed|indicated|ruled\s+out|rules\s+out|remarked|explained|"
    r"recalled|cautioned|countered|replied|responded|continued|concluded|asked|answered|"
    r"suggested|believes|hopes|expects|thinks|reported|reports|went\s+on|goes\s+on|recalled|"
    r"noting|saying|adding|arguing|warning|insisting|stressing|telling|declaring|claiming|"
    r"acknowledging|emphasi[sz]ing|calling\s+for|urging|predicting|vowing|promising|went\s+further|"
    r"called\s+it|described\s+it\s+as"
)
CUE_RE = re.compile(rf"\b(?:{CUE_WORDS})\b")
# Cues that take an object before their content ("told reporters that …").
OBJECT_CUES = ("told", "tells", "tell", "asked", "urged", "urges", "telling", "urging")
# "…, noting that …": a participle's speaker is the subject of its main clause.
PARTICIPLE_RE = re.compile(r"^\w+ing\b")
# A dateline before the first sentence: "BUCHAREST, April 4 - ", "MOSCOW — ".
DATELINE_RE = re.compile(r"^\s*[A-Z][A-Z .’'\-]{2,}(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?\s*[—–-]+\s*")
# Documents speak for whoever issued them: "the declaration said", "The communique stated".
DOCUMENT_NOUNS = re.compile(
    r"(?:^|\b)(?:the|The)\s+(?:(?:final|joint|summit|leaders'|ministers'|written)\s+)?"
    r"(?:declaration|communiqu[eé]|statement|text|document|readout)$"
)

PRONOUNS = {"he": "male", "she": "female", "it": "org", "they": "plural"}
TITLE_BEFORE_NAME = re.compile(
    r"(?:[A-Z][\w’'.\-]*\s+)+(?:(?:deputy|foreign|defen[cs]e|prime|chief|senior|former|top|national\s+security)\s+)?"
    r"(?:spokesman|spokeswoman|spokesperson|minister|chief|head|secretary|adviser|advisor|envoy|ambassador|"
    r"official|leader|president|chancellor|premier|commander|negotiator|diplomat)\s+$"
)
# Words that may sit between a subject and its cue: "Stoltenberg on Tuesday said", "Biden did say".
ADVERBIAL_RE = re.compile(
    r"(?:\s+(?:also|then|later|again|previously|repeatedly|publicly|firmly|flatly|clearly|"
    r"explicitly|once\s+more|earlier|recently|today|yesterday|did|does|do|has|have|had|would|will|"
    r"was|were|is|are|had\s+earlier|has\s+since|not|only|further|even|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:last|this|next)\s+(?:week|month|year)|in\s+a\s+statement|in\s+an\s+interview|"
    r"at\s+a\s+(?:news|press)\s+conference)\s*)+$"
)
APPOSITION_RE = re.compile(r",[^,;:]{1,120},\s*$")
CAPITALISED_NP_RE = re.compile(
    r"(?:(?:[A-Z][\w.’'\-]*|of|the|de|von|van|der|al|bin|la|le|and)\s+)*[A-Z][\w.\-]*(?:['’]s)?$"
)
NP_STOP = {
    "It", "This", "That", "There", "The", "A", "An", "In", "On", "At", "But", "And", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "However", "Meanwhile",
    "Asked", "When", "While", "After", "Before", "If", "As", "He", "She", "They", "We", "I", "You",
}
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"No|Vol|etc|vs|Prof|Capt)|\b[A-Z]|\bU\.S|\bU\.K|\bU\.N|\bE\.U)\.$"
)
DEBRIS_RE = re.compile(
    r"^\s*(?:[•·▪►*]|photo\b|image\b|caption\b|read more\b|related\b|advertisement\b|share\b|"
    r"by\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s*$|subscribe\b|sign up\b|©|copyright\b)",
    re.IGNORECASE,
)
DATE_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+"
    r"(\d{1,2}),\s+(\d{4})\b"
)
MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}


@dataclass
class Quote:
    """One statement in an article: what was said, by whom, and how it was attributed."""

    text: str
    start: int
    end: int
    speaker: str  # the mention as written: "he", "the NATO chief", "Jens Stoltenberg"
    actor: str  # canonical name, or the mention itself for a speaker not in configs/actors.yaml
    cue: str = ""
    kind: str = "direct"  # direct | reported | mixed
    patterns: list = field(default_factory=list)
    speaker_start: int = -1
    context: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Direct:
    start: int  # first character inside the marks
    end: int
    open_at: int  # index of the opening mark
    close_at: Optional[int]  # index of the closing mark, None when the paragraph ends first
    paragraph: int
    words: int
    speaker: Optional[tuple] = None  # (mention_start, mention_end, surface)
    cue: str = ""
    frame: Optional[tuple] = None  # span of the attribution text, masked from reported speech
    patterns: list = field(default_factory=list)


_TAG_RE = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->|<[^<>]{1,500}>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"^</?(?:p|div|br|li|h[1-6]|blockquote|tr|section|article)\b", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


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


def article_date(text: str) -> Optional[Date]:
    """A dateline such as "June 16, 2021" near the top of the article, if there is one."""
    m = DATE_RE.search(text[:600])
    if not m:
        return None
    try:
        return Date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    except ValueError:
        return None


class QuoteExtractor:
    def __init__(self, registry: ActorRegistry):
        self.registry = registry

    # ------------------------------------------------------------------ public entry point
    def extract(self, text: str, date: Optional[Date] = None) -> list[Quote]:
        if not isinstance(text, str) or not text.strip():
            return []
        original = text
        text = clean_markup(text)
        if date is None:
            date = article_date(text)
        paragraphs = self._paragraphs(text)
        directs = self._direct_quotes(text, paragraphs)
        for d in directs:
            self._attribute_direct(text, paragraphs, d)
        self._continuations(text, directs)
        reported = self._reported(text, paragraphs, directs)
        quotes = self._resolve(text, paragraphs, directs, reported, date)
        if text is not original:
            for q in quotes:  # offsets index what the caller passed in
                q.text = original[q.start: q.end]
        return quotes

    # ------------------------------------------------------------------ step 0: paragraphs
    @staticmethod
    def _paragraphs(text: str) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip() or DEBRIS_RE.match(line):
                continue
            spans.append((start, end))
        return spans

    # ------------------------------------------------------------------ step 1: content
    @staticmethod
    def _mark_role(text: str, i: int, para_start: int, para_end: int) -> str:
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

    def _direct_quotes(self, text: str, paragraphs) -> list[_Direct]:
        found: list[_Direct] = []
        for p_index, (p_start, p_end) in enumerate(paragraphs):
            open_at = None
            for i in range(p_start, p_end):
                if text[i] not in QUOTE_CHARS:
                    continue
                role = self._mark_role(text, i, p_start, p_end)
                if open_at is None and role in ("open", "either"):
                    open_at = i
                elif open_at is not None and role in ("close", "either"):
                    found.append(self._make_direct(text, open_at, i, p_index))
                    open_at = None
            if open_at is not None:
                # no closing mark before the paragraph ends: a quote running on to the next paragraph
                end = p_end
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                d = self._make_direct(text, open_at, None, p_index, end)
                if d.words:
                    found.append(d)
        return found

    @staticmethod
    def _make_direct(text: str, open_at: int, close_at: Optional[int], p_index: int, end: Optional[int] = None) -> _Direct:
        start = open_at + 1
        end = close_at if close_at is not None else end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        return _Direct(start, end, open_at, close_at, p_index, len(text[start:end].split()))

    # ------------------------------------------------------------------ step 2: cue + source
    def _speaker_at_end(self, text: str, seg_start: int, seg_end: int) -> Optional[tuple]:
        """The speaker mention that ends a subject segment, e.g. "NATO Secretary General Jens
        Stoltenberg on Tuesday" -> "NATO Secretary General Jens Stoltenberg".
        Returns (start, end, surface) or None."""
        stripped = text[seg_start:seg_end].rstrip()
        rel = re.search(r",\s+who(?:\s+also)?$", stripped)  # '…," said Mr. Bush, who argued that …'
        if rel:
            return self._speaker_at_end(text, seg_start, seg_start + rel.start())
        while True:
            m = ADVERBIAL_RE.search(stripped)
            if m and m.start() > 0:
                stripped = stripped[: m.start()].rstrip()
                continue
            m = APPOSITION_RE.search(stripped)  # "Biden, who has … NATO," / "Peskov, the Kremlin spokesman,"
            if m and m.start() > 0:
                inner = stripped[m.start() + 1: m.end()].strip(" ,")
                named = [x for x in self.registry.mentions(inner) if x.actor and x.end == len(inner)]
                if named and inner.count(" ") <= 4:  # "Russia's incoming president, Dmitry Medvedev,"
                    offset = seg_start + stripped.index(inner, m.start())
                    return (offset, offset + len(inner), inner)
                stripped = stripped[: m.start()].rstrip()
                continue
            break
        if not stripped or stripped.endswith(","):
            return None
        if re.search(r"\bwho$", stripped):
            return None  # "Biden, who has previously called for …": background, not a statement
        dm = DOCUMENT_NOUNS.search(stripped)
        if dm:
            return (seg_start + dm.start() + (1 if stripped[dm.start()] == " " else 0), seg_start + len(stripped), dm.group(0).strip())
        end = seg_start + len(stripped)
        pm = re.search(r"(?<![\w'’])(he|she|it|they|He|She|It|They)$", stripped)
        if pm:
            return (seg_start + pm.start(), end, pm.group(1))
        mentions = [m for m in self.registry.mentions(stripped) if m.end == len(stripped)]
        if mentions:
            start = mentions[-1].start
        else:
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
        start = self._widen_title(stripped, start)
        start = self._widen_role(stripped, start)
        start = self._widen_conjunction(stripped, start)
        return (seg_start + start, end, stripped[start:])

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

    def _widen_conjunction(self, stripped: str, start: int) -> int:
        before = stripped[:start]
        m = re.search(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+and\s+(?:the\s+)?$", before)
        if m and m.group(1) not in NP_STOP:
            return m.start(1)
        return start

    def _speaker_at_start(self, text: str, seg_start: int, seg_end: int) -> Optional[tuple]:
        """The speaker mention that starts a segment after a cue: '…," said Jens Stoltenberg.'"""
        segment = text[seg_start:seg_end]
        lead = len(segment) - len(segment.lstrip())
        body = segment[lead:]
        pm = re.match(r"(he|she|it|they)\b", body, re.IGNORECASE)
        if pm:
            return (seg_start + lead, seg_start + lead + pm.end(), pm.group(1))
        mentions = self.registry.mentions(body)
        np = re.match(r"(?:the\s+)?(?:[A-Z][\w.’'\-]*(?:\s+(?:of\s+|the\s+|de\s+|von\s+|van\s+)?[A-Z][\w.’'\-]*)*)", body)
        end = np.end() if np and np.group(0) else 0
        if mentions and mentions[0].start == 0:
            end = max(end, mentions[0].end)
        if end == 0:
            return None
        surface = body[:end].rstrip(" ,.")
        if not surface or surface in NP_STOP:
            return None
        return (seg_start + lead, seg_start + lead + len(surface), surface)

    @staticmethod
    def _sentences(text: str, p_start: int, p_end: int) -> list[tuple[int, int]]:
        """Sentence spans of a paragraph; a full stop after an abbreviation ("U.S.") is no boundary."""
        spans, start = [], p_start
        for m in re.finditer(r"[.!?]+[\"”’]?(?=\s+[\"“‘A-Z(]|\s*$)", text[p_start:p_end]):
            stop = p_start + m.end()
            if ABBREVIATIONS.search(text[p_start: p_start + m.start() + 1]):
                continue
            spans.append((start, stop))
            start = stop
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end and text[start:p_end].strip():
            spans.append((start, p_end))
        return spans

    def _sentence_bounds(self, text: str, p_start: int, p_end: int, pos: int) -> tuple[int, int]:
        for start, end in self._sentences(text, p_start, p_end):
            if start <= pos < end:
                return start, end
        return p_start, p_end

    @staticmethod
    def _is_fragment(text: str, d: _Direct) -> bool:
        """One to three quoted words with no punctuation of their own inside the marks are a
        fragment of someone's reported speech; '"We are ready," he said' is a quote."""
        if d.words >= MIN_QUOTE_WORDS:
            return False
        return not (d.close_at is not None and text[d.close_at - 1] in ",.?!")

    def _attribute_direct(self, text: str, paragraphs, d: _Direct) -> None:
        if self._is_fragment(text, d):
            return
        p_start, p_end = paragraphs[d.paragraph]
        # after the closing mark: '," Zelensky wrote on Twitter.' / '," said Jens Stoltenberg.'
        if d.close_at is not None:
            after_start = d.close_at + 1
            nxt = text.find("\n", after_start)
            limit = min([x for x in (nxt, p_end) if x != -1] + [after_start + 200])
            window = text[after_start:limit]
            for other in QUOTE_CHARS:
                cut = window.find(other)
                if cut != -1:
                    window = window[:cut]
            if window.startswith((".", "!", "?")):
                window = ""
            else:
                for sm in re.finditer(r"[.!?](?=\s)", window):
                    if not ABBREVIATIONS.search(window[: sm.start() + 1]):
                        window = window[: sm.start() + 1]
                        break
            lead = re.match(r"\s*[,—–-]?\s*", window)
            body_start = after_start + (lead.end() if lead else 0)
            body = text[body_start: after_start + len(window)]
            # "… ," said X   (cue first)
            m = re.match(rf"(?:{CUE_WORDS})\b", body)
            if m:
                spk = self._speaker_at_start(text, body_start + m.end(), body_start + len(body))
                if spk:
                    d.speaker, d.cue = spk, m.group(0)
                    d.frame = (d.close_at, spk[1])
                    d.patterns.append("name_after")
                    return
            # "… ," X said / X told Y / according to X
            m = re.match(r"according\s+to\s+", body, re.IGNORECASE)
            if m:
                spk = self._speaker_at_start(text, body_start + m.end(), body_start + len(body))
                if spk:
                    d.speaker, d.cue = spk, "according to"
                    d.frame = (d.close_at, spk[1])
                    d.patterns.append("according_to")
                    return
            for m in CUE_RE.finditer(body):
                if m.start() > 90:
                    break
                spk = self._speaker_at_end(text, body_start, body_start + m.start())
                if spk and spk[0] - body_start <= 2:
                    d.speaker, d.cue = spk, m.group(0)
                    d.frame = (d.close_at, body_start + m.end())
                    d.patterns.append("name_before")
                    return
                if spk is None:
                    continue
        # before the opening mark: 'He added: "…' / 'According to Lavrov, "…'
        sent_start, _ = self._sentence_bounds(text, p_start, p_end, d.open_at)
        before = text[sent_start: d.open_at]
        m = re.search(r"(?:[:,]|\bthat)\s*$", before)
        if m:
            head_end = sent_start + m.start()
            head = text[sent_start:head_end]
            am = re.search(r"\baccording\s+to\s+", head, re.IGNORECASE)
            if am:
                spk = self._speaker_at_start(text, sent_start + am.end(), head_end)
                if spk:
                    d.speaker, d.cue, d.frame = spk, "according to", (sent_start, d.open_at)
                    d.patterns.append("according_to")
                    return
            cues = list(CUE_RE.finditer(head))
            if cues:
                c = cues[-1]
                spk = self._speaker_at_end(text, sent_start, sent_start + c.start())
                if spk is None:
                    # 'Stoltenberg told reporters in Brussels:' — the subject comes before the cue
                    for c2 in cues:
                        spk = self._speaker_at_end(text, sent_start, sent_start + c2.start())
                        if spk:
                            c = c2
                            break
                if spk and (m.group(0).strip() != "that" or text[sent_start + c.end(): head_end].strip() in ("", "also")):
                    d.speaker, d.cue, d.frame = spk, c.group(0), (sent_start, d.open_at)
                    d.patterns.append("colon" if m.group(0).strip() == ":" else "name_before")

    def _continuations(self, text: str, directs: list[_Direct]) -> None:
        """A quote with no attribution of its own continues the one before it: the second half of a
        quote broken by its attribution, the next paragraph of a long quote."""
        for i, d in enumerate(directs):
            if d.speaker is not None or self._is_fragment(text, d):
                continue
            prev = directs[i - 1] if i > 0 else None
            if prev is not None and prev.speaker is not None:
                same_para = prev.paragraph == d.paragraph
                between = text[(prev.close_at or prev.end) + 1: d.open_at]
                follows_frame = same_para and (prev.frame is not None and prev.frame[1] >= (prev.close_at or prev.end))
                runs_on = prev.close_at is None and d.paragraph == prev.paragraph + 1
                if runs_on or (same_para and (follows_frame or not CUE_RE.search(between))):
                    d.speaker, d.cue = prev.speaker, prev.cue
                    d.patterns.append("multi_paragraph" if runs_on else "split")
                    continue
        # an open-ended paragraph whose continuation carries the attribution
        for i in range(len(directs) - 2, -1, -1):
            d, nxt = directs[i], directs[i + 1]
            if d.speaker is None and d.close_at is None and nxt.speaker is not None and nxt.paragraph == d.paragraph + 1:
                d.speaker, d.cue = nxt.speaker, nxt.cue
                d.patterns.append("multi_paragraph")

    # ------------------------------------------------------------------ reported speech
    def _reported(self, text: str, paragraphs, directs: list[_Direct]) -> list[dict]:
        masked = [False] * len(text)
        in_marks = [False] * len(text)
        for d in directs:
            stop = d.close_at + 1 if d.close_at is not None else d.end
            for i in range(d.open_at, stop):
                in_marks[i] = True
                if d.speaker is not None:
                    masked[i] = True
            if d.frame:
                for i in range(d.frame[0], d.frame[1]):
                    masked[i] = True
        results = []
        for p_start, p_end in paragraphs:
            for s_start, s_end in self._sentences(text, p_start, p_end):
                self._reported_in_sentence(text, s_start, s_end, masked, in_marks, results)
        return results

    def _reported_in_sentence(self, text, s_start, s_end, masked, in_marks, results) -> None:
        sentence = text[s_start:s_end]
        claimed_to = s_start
        cues = [m for m in CUE_RE.finditer(sentence)]
        # "according to X, …" and "…, according to X."
        am = re.search(r"\baccording\s+to\s+", sentence, re.IGNORECASE)
        if am and not masked[s_start + am.start()]:
            spk = self._speaker_at_start(text, s_start + am.end(), s_end)
            if spk and not spk[2][0].islower():
                if am.start() < 3:
                    comma = text.find(",", spk[1], s_end)
                    if comma != -1:
                        self._add_reported(text, results, spk, "according to", comma + 1, s_end, in_marks, ["according_to"])
                        return
                else:
                    end = s_start + am.start()
                    self._add_reported(text, results, spk, "according to", s_start, end, in_marks, ["according_to"])
                    return
        dateline = DATELINE_RE.match(sentence)
        if dateline:
            claimed_to = s_start + dateline.end()
        clause_start = claimed_to
        inherit: dict = {}  # cue position -> speaker, for "X recalled …, but said that …"
        if self._trailing_attribution(text, s_start, s_end, claimed_to, cues, masked, in_marks, results):
            return
        for i, m in enumerate(cues):
            c_start, c_end = s_start + m.start(), s_start + m.end()
            if c_start < claimed_to or masked[c_start] or in_marks[c_start]:
                continue
            cue_text = m.group(0)
            inherited = inherit.get(c_start)
            # "…, who argued that …" reports the antecedent's words; "who has long called for" is
            # background on a past position, not the article's statement
            relative = re.search(r",\s+who\s+(?:also\s+)?$", text[max(claimed_to, s_start):c_start])
            if inherited is not None:
                spk = inherited
            elif PARTICIPLE_RE.match(cue_text):
                spk = self._main_subject(text, clause_start, c_start)
                if spk is None:
                    continue
            else:
                spk = self._speaker_at_end(text, max(claimed_to, s_start), c_start)
                if spk is None:
                    spk = self._subject_of_infinitive(text, max(claimed_to, s_start), c_start)
                    if spk is None:
                        continue
                # the subject must start its clause: sentence start, a comma, a semicolon or "after"
                lead = text[max(claimed_to, s_start): spk[0]]
                if not relative and lead.strip() and not re.search(r"(?:[,;:]|\b(?:after|before|when|while|as|but|and|then|that)\s*)\s*$", lead.rstrip() + " ", re.IGNORECASE) and not re.search(r"[,;]\s*$", lead):
                    if not re.search(r"\b(?:after|before|when|while|as|but|and|meanwhile)\s*$", lead.strip(), re.IGNORECASE):
                        continue
            content_start = c_end
            tail = text[c_end:s_end]
            if cue_text in OBJECT_CUES:
                om = re.match(r"\s+[^,;:]{1,60}?\s+that\b|\s+[^,;:]{1,60}?:", tail)
                if not om:
                    continue
                content_start = c_end + om.end()
            else:
                # skip an adverbial before "that": "said on Tuesday that", "did say during a press conference that"
                om = re.match(r"\s+(?:(?:on|in|at|during|after|before|late|early|earlier|again|also|last|this|repeatedly|publicly)\b[^,;:\"“]{0,40}?\s+)?that\b", tail)
                if om:
                    content_start = c_end + om.end()
                else:
                    om = re.match(r"\s*[,:]?\s*(?:that\b)?", tail)
                    content_start = c_end + om.end()
            # content runs to the sentence end, a semicolon, or the next speaker's cue
            content_end = s_end
            semi = text.find(";", content_start, s_end)
            if semi != -1:
                content_end = semi
            for later in cues[i + 1:]:
                l_start = s_start + later.start()
                if l_start >= content_end or in_marks[l_start]:
                    continue
                comma = text.rfind(",", content_start, l_start)
                if comma == -1:
                    continue
                between = text[comma + 1: l_start]
                if PARTICIPLE_RE.match(later.group(0)) and not between.strip():
                    content_end = comma  # "…, adding that …" starts the same speaker's next statement
                    break
                if re.fullmatch(r"\s+(?:but|and|yet)\s+(?:also\s+)?", between):
                    content_end = comma  # "…, but said that …": same speaker, next statement
                    inherit[l_start] = spk
                    break
                lead2 = re.match(r"\s+(?:while|whereas|and|but)\s+", between)
                spk2 = self._speaker_at_end(text, comma + 1, l_start)
                if spk2 and spk2[0] - (comma + 1 + (lead2.end() if lead2 else 0)) <= 2:
                    content_end = comma
                    break
            for j in range(content_start, content_end):
                if masked[j]:
                    content_end = j
                    break
            pats = ["reported"]
            # "said that A, and that B": two statements by one speaker
            pieces, piece_start = [], content_start
            for cm in re.finditer(r",?\s+(?:and|but)\s+(?:also\s+)?that\s+", text[content_start:content_end]):
                pieces.append((piece_start, content_start + cm.start()))
                piece_start = content_start + cm.end()
            pieces.append((piece_start, content_end))
            for a, b in pieces:
                if self._add_reported(text, results, spk, cue_text, a, b, in_marks, pats):
                    claimed_to = b

    def _main_subject(self, text: str, seg_start: int, cue_start: int) -> Optional[tuple]:
        """The subject that opens the clause a participle hangs on: "Stoltenberg rejected X,
        telling Russia that …", "NATO allies left Vilnius insisting that …"."""
        segment = text[seg_start:cue_start]
        lead = re.match(r"\W*(?:(?:But|And|However|Yet|Meanwhile|Later|Earlier|On\s+\w+|In\s+\w+)\b,?\s*)?", segment)
        spk = self._speaker_at_start(text, seg_start + lead.end(), cue_start)
        if spk is None or spk[2].split()[0] in NP_STOP and spk[2].lower() not in PRONOUNS:
            return None
        return spk

    def _trailing_attribution(self, text, s_start, s_end, claimed_to, cues, masked, in_marks, results) -> bool:
        """"Ukraine has dropped its bid, President Viktor Yanukovych said on Friday." — the
        attribution closes the sentence and everything before its comma is the content."""
        for m in reversed(cues):
            c_start, c_end = s_start + m.start(), s_start + m.end()
            if masked[c_start] or in_marks[c_start] or PARTICIPLE_RE.match(m.group(0)):
                continue
            tail = text[c_end:s_end]
            if not re.fullmatch(r"(?:\s*,?\s*(?:on|at|in|during|after|before|last|this|late|early|earlier|later|today|yesterday|"
                                r"while|when|as|ahead|in\s+an?)\b[^\"“”]*)?\s*[.!?]?[\"”]?\s*", tail):
                return False
            comma = text.rfind(",", claimed_to, c_start)
            if comma == -1:
                return False
            between = text[comma + 1: c_start]
            spk = self._speaker_at_end(text, comma + 1, c_start) if between.strip() else None
            if spk is None:  # "…, said X on Tuesday."
                spk = self._speaker_at_start(text, c_end, s_end)
                if spk is None or between.strip():
                    return False
            elif spk[0] - (comma + 1) > 2:
                return False
            if len(text[claimed_to:comma].split()) < 4:
                return False
            return self._add_reported(text, results, spk, m.group(0), claimed_to, comma, in_marks, ["reported"])
        return False

    def _subject_of_infinitive(self, text: str, seg_start: int, cue_start: int) -> Optional[tuple]:
        """The subject of "X then changed that version to clarify …" / "X moved to deny …"."""
        segment = text[seg_start:cue_start]
        m = re.match(r"\W*(?:(?:But|And|However|Yet)\b,?\s*)?", segment)
        rest_start = seg_start + m.end()
        spk = self._speaker_at_start(text, rest_start, cue_start)
        if spk is None:
            return None
        between = text[spk[1]:cue_start]
        if re.fullmatch(r"\s+(?:then\s+|later\s+|quickly\s+|also\s+)?[a-z]+(?:ed|s)\b[^,;.]{0,40}?\bto\s+", between):
            return spk
        return None

    @staticmethod
    def _add_reported(text, results, spk, cue, start, end, in_marks, patterns) -> bool:
        while start < end and (text[start].isspace() or text[start] in ",:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
            end -= 1
        content = text[start:end]
        if len(content.split()) < 3:
            return False
        kind = "mixed" if any(in_marks[start:end]) else "reported"
        if kind == "mixed":
            patterns = patterns + ["mixed"]
        results.append({"speaker": spk, "cue": cue, "start": start, "end": end, "kind": kind, "patterns": list(patterns)})
        return True

    # ------------------------------------------------------------------ step 3: coreference
    def _resolve(self, text: str, paragraphs, directs, reported, date) -> list[Quote]:
        items = []
        for d in directs:
            if d.speaker is None:
                continue
            items.append({"speaker": d.speaker, "cue": d.cue, "start": d.start, "end": d.end, "kind": "direct", "patterns": d.patterns})
        items.extend(reported)
        # resolve in reading order of the speaker mention, so "he" finds the speaker before it;
        # a quote continued from an earlier one shares its speaker and needs no new resolution
        items.sort(key=lambda it: (it["speaker"][0], it["start"]))
        history: list[str] = []  # canonical actors, most recent last
        resolved_at: dict = {}
        quotes = []
        subjects = self._sentence_subjects(text, paragraphs, date)
        for it in items:
            key = it["speaker"]
            while subjects and subjects[0][0] < key[0]:
                _, name = subjects.pop(0)
                if name in history:
                    history.remove(name)
                history.append(name)
            if key in resolved_at:
                actor, extra = resolved_at[key]
            else:
                actor, extra = self._canonical(text, key, date, history)
                resolved_at[key] = (actor, extra)
            if actor is None:
                continue
            if actor in history:
                history.remove(actor)
            history.append(actor)
            cue_word = it["cue"].split()[0] if it["cue"] else ""
            cue_pattern = {"told": ["told"], "tells": ["told"], "wrote": ["wrote"], "writes": ["wrote"],
                           "tweeted": ["wrote"], "posted": ["wrote"]}.get(cue_word, [])
            patterns = sorted(set(it["patterns"] + extra + cue_pattern))
            quotes.append(
                Quote(
                    text=text[it["start"]: it["end"]], start=it["start"], end=it["end"],
                    speaker=key[2], actor=actor, cue=re.sub(r"\s+", " ", it["cue"]), kind=it["kind"],
                    patterns=patterns, speaker_start=key[0],
                )
            )
        quotes.sort(key=lambda q: q.start)
        return quotes

    def _sentence_subjects(self, text: str, paragraphs, date) -> list[tuple[int, str]]:
        """Known actors that open a sentence ("Mark Rutte spoke in Brussels."): candidates for a
        later "he" even when they were not quoted."""
        out = []
        for p_start, p_end in paragraphs:
            for s_start, s_end in self._sentences(text, p_start, p_end):
                dl = DATELINE_RE.match(text[s_start:s_end])
                if dl:
                    s_start += dl.end()
                head = text[s_start: min(s_end, s_start + 80)]
                for m in self.registry.mentions(head):
                    if not re.fullmatch(r"(?:[\"“‘]?\s*)?(?:(?:The|the|[A-Z][\w.’'\-]*)\s+){0,4}", head[: m.start]):
                        break
                    name = m.actor or (self.registry.resolve_role(m.role, date) if m.role else None)
                    if name:
                        out.append((s_start + m.start, name))
                    break
        return out

    def _canonical(self, text: str, speaker: tuple, date, history: list[str]) -> tuple[Optional[str], list]:
        surface = speaker[2]
        low = surface.lower()
        if low in PRONOUNS:
            want = PRONOUNS[low]
            for name in reversed(history):
                actor = self.registry.get(name)
                if want in ("male", "female"):
                    if actor is None or (actor.is_person and actor.gender in (None, want)):
                        return name, ["pronoun"]
                else:
                    if actor is not None and not actor.is_person:
                        return name, ["pronoun"]
                    if actor is None and want == "plural":
                        return name, ["pronoun"]
            return None, []
        if DOCUMENT_NOUNS.search(surface):
            # "the declaration said": whoever issued it, i.e. the organisation last in view
            for name in reversed(history):
                actor = self.registry.get(name)
                if actor is not None and not actor.is_person:
                    return name, ["organisation"]
            return surface, ["organisation"]
        mentions = self.registry.mentions(surface)
        if " and " in surface and len(mentions) != 1:
            return surface, ["two_speakers"] if len(mentions) > 1 else []
        named = [m for m in mentions if m.actor]
        if named:
            m = named[-1]
            actor = self.registry.get(m.actor)
            extra = [] if actor is None or actor.is_person else ["organisation"]
            return m.actor, extra
        roles = [m for m in mentions if m.role]
        if roles:
            holder = self.registry.resolve_role(roles[-1].role, date, reversed(history))
            if holder:
                return holder, ["role_noun"]
        return surface, []


def extract_quotes(text: str, registry: ActorRegistry, date: Optional[Date] = None) -> list[Quote]:
    return QuoteExtractor(registry).extract(text, date)
