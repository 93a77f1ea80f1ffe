"""Reported speech: a cue whose subject is a speaker and whose clause is the content
("Stoltenberg denied that …", "…, President Yanukovych said on Friday", "according to X, …")."""

from __future__ import annotations

import re
from typing import Optional

from .candidate import Candidate, Mention
from .document import DATELINE_RE, Document
from .lexicon import (DOCUMENT_HEADS, OUTLET_RE, CUE_RE, LEAD_WORDS, OBJECT_CUES, PARTICIPLE_RE, PRONOUNS, RELATIVE_END_RE,
                      ROLE_NP_RE, STATEMENT_RE, TITLE_WORDS)
from .sources import SpeakerFinder, only_modifiers

_CLAUSE_LEAD_RE = re.compile(r"(?:[,;:]|\b(?:after|before|when|while|as|but|and|then|that)\s*)\s*$", re.IGNORECASE)
_CLAUSE_LEAD_WORD_RE = re.compile(r"\b(?:after|before|when|while|as|but|and|meanwhile)\s*$", re.IGNORECASE)
# What may open a sentence before its subject without a comma: a time or occasion ("Earlier on
# Monday", "At the start of the month", "In his speech"), or a possessive with a role ("His
# predecessor Adam Rotfeld", "Russian envoy to NATO Dmitry Rogozin" is a title with its object).
_FRONTED_LEAD_RE = re.compile(
    r"^\s*(?:(?:On|In|At|During|Earlier|Later|After|Before|Last|This|Speaking|Meanwhile|Separately|Since|"
    r"Following|Then|Now|Today|Yesterday|Back|Also|Still|Nonetheless|However|But|And|Yet|So|Moreover|"
    r"For\s+(?:his|her|its|their)\s+part)\b[^,;:\"“”.]{0,80}?,?\s+"
    r"|(?:His|Her|Their|Its)\s+(?:[a-z][\w\-]*\s+){1,3})$")
_TIME_AFTER_CUE_RE = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|earlier|"
    r"on\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s+(?!that\b)(?=[A-Za-z])")
_TITLE_OBJECT_RE = re.compile(r"\b(?:envoy|ambassador|representative|delegate|adviser|advisor|secretary|minister)\s+(?:to|of|for)\s+$",
                              re.IGNORECASE)  # "U.S. Ambassador to NATO Julianne Smith"
# "…, AFP reported." / "…, Interfax reports." after an attribution: the outlet is no speaker.
_OUTLET_TAIL_RE = re.compile(r",\s*((?:the\s+)?[A-Z][\w\-.]*(?:\s+[A-Z][\w\-.]*){0,4})\s+(?:reported|reports|writes|wrote|said|says)\s*\.?\s*$")
# "The Republic of Turkey backs …": a name with "of" whose head the actor list knows.
_OF_NAME_RE = re.compile(r"\s*(?:The\s+)?(?:[A-Z][\w\-]*\s+)+of\s+(?:the\s+)?")
# "according to the final declaration (of the summit)": the document, which resolution gives to its issuer.
_ACCORDING_DOCUMENT_RE = re.compile(r"(?:the|its|their)\s+(?:(?:final|joint|summit|official|draft|new)\s+)?"
                                    rf"(?:{DOCUMENT_HEADS})\b"
                                    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}(?:\s+summit)?)?")
_IN_HIS_VIEW_RE = re.compile(r"\s*(?:(?:But|And|Yet|So)\s+)?(?:[Ii]n\s+(his|her|their|its)\s+(?:view|words|opinion)"
                             r"|[Aa]s\s+(he|she|they|it)\s+(?:put|puts|sees|saw)\s+it),\s*")
_SUBJECT_PRONOUN = {"his": "he", "her": "she", "their": "they", "its": "it"}
_ADVERBIAL_THAT_RE = re.compile(
    r"\s+(?:(?:on|in|at|during|after|before|late|early|earlier|later|again|also|last|this|repeatedly|publicly|then)\b"
    r"(?:\s+[^\s,;:\"“]+){0,6}?\s+)?that\b")
_TRAILING_TAIL_RE = re.compile(
    r"(?:\s*,?\s*(?:on|at|in|during|after|before|last|this|late|early|earlier|later|today|yesterday|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"while|when|as|ahead|in\s+an?)\b[^\"“”]*)?\s*[.!?]?[\"”]?\s*")


# What follows a speech verb when it reports an act of speaking, not what was said.
_NO_CONTENT_RE = re.compile(r"(?:about\s+(?:this|that|it)|about\s+(?:the\s+)?\w+(?:\s+\w+)?(?=\s*[?.]?$)|with\s+a\b|"
                            r"(?:this|so)(?=\s+(?:at|in|on|during|when|while|after|before|to|as|speaking|earlier|later|"
                            r"last|yesterday|today)\b|\s*$)|in\s+an?\s+(?:interview|statement|speech)\b(?:(?!\bthat\b)[^,;]){0,60}$|to\s+\w+['’]s\s+statement|questions|"
                            r"a\s+(?:further\s+)?(?:video|photo|post|message))\b", re.IGNORECASE)


class Masks:
    """Which characters are already accounted for: inside quotation marks, and inside an
    attributed quote or its attribution frame (``masked``), which reported speech must not read."""

    def __init__(self, text: str, directs: list[Candidate]):
        self.masked = [False] * len(text)
        self.in_marks = [False] * len(text)
        self.speaker_ending_at = {}  # where each attributed quote's frame ends: '…,” Fico said, reiterating that …'
        for d in directs:
            stop = d.close_at + 1 if d.close_at is not None else d.end
            for i in range(d.open_at, stop):
                self.in_marks[i] = True
                if d.speaker is not None:
                    self.masked[i] = True
            if d.frame:
                for i in range(d.frame[0], d.frame[1]):
                    self.masked[i] = True
            if d.speaker is not None:
                self.speaker_ending_at[max(d.frame[1] if d.frame else 0, stop)] = d.speaker

    def speaker_before(self, text: str, pos: int) -> Optional[Mention]:
        """The speaker of an attributed quote whose frame ends just before ``pos`` (a comma between)."""
        m = re.search(r"[\s,]*$", text[max(0, pos - 20):pos])
        return self.speaker_ending_at.get(pos - len(m.group(0)))


class ReportedSpeech:
    def __init__(self, doc: Document, finder: SpeakerFinder, directs: list[Candidate]):
        self.doc, self.text, self.finder = doc, doc.text, finder
        self.masks = Masks(doc.text, directs)

    def find(self) -> list[Candidate]:
        results: list[Candidate] = []
        for s_start, s_end in self.doc.all_sentences():
            results.extend(self._in_sentence(s_start, s_end))
        return results

    def _in_sentence(self, s_start: int, s_end: int) -> list[Candidate]:
        sentence = self.text[s_start:s_end]
        found = self._according_to(s_start, s_end)
        if found is not None:
            return found
        claimed_to = s_start
        dateline = DATELINE_RE.match(sentence)
        if dateline:
            claimed_to = s_start + dateline.end()
        cues = list(STATEMENT_RE.finditer(sentence))
        trailing = self._trailing_attribution(s_start, s_end, claimed_to, [m for m in cues if CUE_RE.fullmatch(m.group(0))])
        if trailing is not None:
            return trailing
        return self._cued_clauses(s_start, s_end, claimed_to, cues)

    def _according_to(self, s_start: int, s_end: int) -> Optional[list[Candidate]]:
        """"according to X, …" and "…, according to X."; None where the sentence has neither."""
        vm = _IN_HIS_VIEW_RE.match(self.text, s_start, s_end)
        if vm and not self.masks.masked[vm.start()]:  # "In his view, …" / "As he put it, …"
            g = 1 if vm.group(1) else 2
            spk = Mention(vm.start(g), vm.end(g), _SUBJECT_PRONOUN.get(vm.group(g), vm.group(g)))
            found = self._make(spk, " ".join(vm.group(0).split()).strip(" ,").lower(), vm.end(), s_end, ["according_to"])
            return [found] if found else []
        am = re.search(r"\baccording\s+to\s+", self.text[s_start:s_end], re.IGNORECASE)
        if not am or self.masks.masked[s_start + am.start()]:
            return None
        after = s_start + am.end()
        what = re.match(r"what\s+", self.text[after:s_end])  # "according to what President Zelenskyy said"
        spk = self.finder.at_start(self.text, after + (what.end() if what else 0), s_end)
        dm = _ACCORDING_DOCUMENT_RE.match(self.text, after, s_end)
        if dm:  # "according to the final statement of the summit, …": the document speaks
            spk = Mention(dm.start(), dm.end(), dm.group(0))
        elif not spk or (spk.surface[0].islower() and spk.surface.lower() not in PRONOUNS and not ROLE_NP_RE.fullmatch(spk.surface)):
            return None
        if am.start() < 3:
            cm = re.compile(r",(?!\s*\d{4}\b)").search(self.text, spk.end, s_end)  # not the comma of "June 14, 2021"
            if cm is None:
                return None
            start, end = cm.end(), s_end
            # "According to the bill, a copy of which appeared online, Ukraine will …": past the aside
            rel = re.match(r"\s*(?:a\s+copy\s+of\s+which|which|who|whose)\b[^,;]*,", self.text[start:end])
            if rel:
                start += rel.end()
        else:
            start, end = s_start, s_start + am.start()
        found = self._make(spk, "according to", start, end, ["according_to"])
        return [found] if found else []

    def _trailing_attribution(self, s_start, s_end, claimed_to, cues) -> Optional[list[Candidate]]:
        """"Ukraine has dropped its bid, President Viktor Yanukovych said on Friday." — the
        attribution closes the sentence and everything before its comma is the content."""
        text, masks = self.text, self.masks
        s_end = self._before_outlet_tail(s_start, s_end)
        for m in reversed(cues):
            c_start, c_end = s_start + m.start(), s_start + m.end()
            if c_end > s_end:
                continue
            if masks.masked[c_start] or masks.in_marks[c_start] or PARTICIPLE_RE.match(m.group(0)):
                continue
            comma = text.rfind(",", claimed_to, c_start)
            if comma == -1:
                return None
            if re.fullmatch(r"\s*[—–-]+\s*", text[comma + 1: c_start]):  # "…, — emphasized Donald Tusk."
                comma = c_start - 1
            spk, tail_start = self._trailing_speaker(comma, c_start, c_end, s_end, m.group(0))
            if spk is None and not text[comma + 1: c_start].strip():
                spk, comma = self._apposed_speaker(claimed_to, comma)
                tail_start = c_end
            if spk is None:
                return None
            tail = text[tail_start:s_end]
            closes = _closes_sentence(tail)
            # "…, he said, adding that …": the participle goes on with a statement of its own
            pm = None if closes else _PARTICIPLE_TAIL_RE.match(tail)
            if pm and not (CUE_RE.fullmatch(pm.group("cue")) and _closes_sentence(pm.group("head"))):
                pm = None
            if (pm is None and not closes) or len(text[claimed_to:comma].split()) < 4:
                return None
            if re.search(r"\bthat\s+\w", tail if pm is None else pm.group("head")) or _FRONTED_LEAD_RE.fullmatch(text[claimed_to:comma] + " "):
                # "At the end of August, X said in an interview that …": the that-clause is the
                # content and what stands before the comma only a time
                return None
            found = [c for a, b in _pieces(text, claimed_to, comma) if (c := self._make(spk, m.group(0), a, b, ["reported"]))]
            if pm is not None:
                at = tail_start + pm.start("cue")
                later = [c for c in cues if s_start + c.start() >= at]
                found += self._cued_clauses(s_start, s_end, at, later, inherit={at: spk})
            return found or None
        return None

    def _before_outlet_tail(self, s_start: int, s_end: int) -> int:
        """Where a sentence ends once its credit to an outlet is cut: "…, Merkel said, AFP reported."
        """
        om = _OUTLET_TAIL_RE.search(self.text, s_start, s_end)
        if om and OUTLET_RE.match(om.group(1).strip()):
            return om.start()
        return s_end

    def _apposed_speaker(self, claimed_to: int, comma: int) -> tuple[Optional[Mention], int]:
        """"…, Jens Stoltenberg, NATO secretary general, said Sunday.": the name before the
        apposition, and the comma where the content ends."""
        text = self.text
        inner = text.rfind(",", claimed_to, comma)
        if inner == -1 or len(text[inner + 1: comma].split()) > 8:
            return None, comma
        if not re.search(r"\b(?!of\b|the\b|and\b)[a-z]", text[inner + 1: comma]):
            return None, comma  # the apposition is itself a name: "…, NATO's chief, Jens Stoltenberg, said"
        outer = text.rfind(",", claimed_to, inner)
        if outer == -1:
            return None, comma
        spk = self.finder.at_end(text, outer + 1, inner)
        if spk is None or not only_modifiers(text, outer + 1, spk.start):
            return None, comma
        return spk, outer

    def _trailing_speaker(self, comma, c_start, c_end, s_end, cue) -> tuple[Optional[Mention], int]:
        """The speaker of a closing attribution and where the rest of the sentence starts:
        "…, X said on Tuesday." or "…, said X at a press conference." """
        text = self.text
        if not text[comma + 1: c_start].strip():
            spk = self.finder.at_start(text, c_end, s_end)
            return spk, (spk.end if spk else c_end)
        spk = self.finder.at_end(text, comma + 1, c_start)
        if spk is None or not only_modifiers(text, comma + 1, spk.start):
            return None, c_end
        tail_start = c_end
        if cue in OBJECT_CUES:  # "…, Peskov told reporters in Moscow."
            om = re.match(r"\s+(?:(?:the\s+)?(?:[\w’'\-]+\s+){0,3}?(?:reporters|journalists|press|media|correspondents|"
                          r"lawmakers|students|audience|newspaper|daily|weekly|magazine|agency|television|TV|radio|"
                          r"broadcaster|channel|website|news\s+site|briefing|conference|meeting|forum|parliament|"
                          r"deputies|senators|legislators|delegates|crowd|gathering|session)\b(?:\s+(?:[A-Z][\w’'\-.]*|\d+\b))*"  # "the daily Rzeczpospolita"
                          r"|(?:the\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)", text[c_end:s_end])
            tail_start += om.end() if om else 0
        return spk, tail_start

    def _cued_clauses(self, s_start, s_end, claimed_to, cues, inherit: Optional[dict] = None) -> list[Candidate]:
        text, masks = self.text, self.masks
        results: list[Candidate] = []
        inherit = dict(inherit or {})  # cue position -> speaker, for "X recalled …, but said that …"
        clause_start = claimed_to  # a participle hangs on the sentence's main clause
        for i, m in enumerate(cues):
            c_start, c_end = s_start + m.start(), s_start + m.end()
            if c_start < claimed_to or masks.masked[c_start] or masks.in_marks[c_start]:
                continue
            cue_text = m.group(0)
            spk = inherit.get(c_start) or self._cue_speaker(s_start, clause_start, claimed_to, c_start, cue_text)
            if spk is None:
                continue
            position = not CUE_RE.fullmatch(cue_text)
            content_start = self._content_start(cue_text, c_start, c_end, s_end, position)
            if content_start is None:
                continue
            content_end = self._content_end(s_start, s_end, content_start, cues[i + 1:], spk, inherit)
            for a, b in _pieces(text, content_start, content_end):
                found = self._make(spk, cue_text, a, b, ["position"] if position else ["reported"])
                if found:
                    results.append(found)
                    claimed_to = b
        return results

    def _cue_speaker(self, s_start, clause_start, claimed_to, c_start, cue_text) -> Optional[Mention]:
        text = self.text
        if PARTICIPLE_RE.match(cue_text):
            return self.masks.speaker_before(text, c_start) or self.finder.main_subject(text, clause_start, c_start)
        seg_start = max(claimed_to, s_start)
        spk = self.finder.at_end(text, seg_start, c_start) or self.finder.subject_of_infinitive(text, seg_start, c_start)
        if spk is None and re.search(r"\S,?\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$", text[seg_start:c_start]):
            return self.finder.main_subject(text, seg_start, c_start)  # "He spoke about X and assured that …", "… but said"
        if spk is None:
            return None
        # "…, who argued that …" reports the antecedent's words; "who has long called for" is
        # background on a past position, not the article's statement
        relative = RELATIVE_END_RE.search(text[seg_start:c_start].rstrip())
        # the subject must start its clause: sentence start, a comma, a semicolon or "after"
        lead = text[seg_start: spk.start]
        titled = lead.split() and lead.split()[-1].lower() in TITLE_WORDS  # "Putin’s foreign policy adviser Yuri Ushakov"
        titled = titled or all(w.strip(",") in LEAD_WORDS for w in lead.split())  # "Yet French officials …"
        titled = titled or re.search(r",\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){1,3}$", lead)  # ", the newly elected Zelenskiy"
        if _TITLE_OBJECT_RE.search(lead):
            return self._after_title_object(spk)
        titled = titled or _FRONTED_LEAD_RE.match(lead) or _OF_NAME_RE.fullmatch(lead)
        if (not relative and not titled and lead.strip() and not _CLAUSE_LEAD_RE.search(lead.rstrip() + " ")
                and not re.search(r"[,;]\s*$", lead) and not _CLAUSE_LEAD_WORD_RE.search(lead.strip())):
            return None
        return spk

    def _after_title_object(self, spk: Mention) -> Mention:
        """"Ambassador to Ukraine William Taylor": the title's object is no part of the speaker's name."""
        known = self.finder.registry.mentions(spk.surface)
        rest = spk.surface[known[0].end:].lstrip() if known and known[0].start == 0 else ""
        if not rest[:1].isupper():
            return spk
        return Mention(spk.end - len(rest), spk.end, rest)

    def _content_start(self, cue_text: str, c_start: int, c_end: int, s_end: int, position: bool) -> Optional[int]:
        tail = self.text[c_end:s_end]
        if position:  # "opposes membership for Ukraine": the verb carries the stance, unless "that" follows
            om = _ADVERBIAL_THAT_RE.match(tail) or re.match(r"\s*,?\s*that\b", tail)
            return c_end + om.end() if om else c_start
        if cue_text in OBJECT_CUES:  # "told reporters that …" / "told reporters: …"
            om = re.match(r"\s+[^,;:]{1,60}?\s+that\b|\s+[^,;:]{1,60}?:", tail)
            if om:
                return c_end + om.end()
            # "urged the coalition to pass a law": the request is the statement, verb included
            return c_start if cue_text.startswith("urg") and re.match(r"\s+[^,;:]{1,60}?\s+to\s+\w", tail) else None
        # skip an adverbial before "that": "said on Tuesday that", "did say during a press conference that";
        # without "that", a time: "said on Friday the alliance is not …"
        om = _ADVERBIAL_THAT_RE.match(tail) or _TIME_AFTER_CUE_RE.match(tail) or re.match(r"\s*[,:]?\s*(?:that\b)?", tail)
        return c_end + om.end()

    def _content_end(self, s_start, s_end, content_start, later_cues, spk, inherit) -> int:
        """The content runs to the sentence end, a semicolon, the next speaker's cue, or the
        same speaker's next statement ("…, adding that …", "…, but said that …")."""
        text, masks = self.text, self.masks
        content_end = s_end
        semi = text.find(";", content_start, s_end)
        if semi != -1:
            content_end = semi
        for later in later_cues:
            l_start = s_start + later.start()
            if l_start >= content_end or masks.in_marks[l_start]:
                continue
            # "yet" joins clauses only after a comma: "have not yet agreed" is one verb
            joined = re.search(r"(?:,?\s+(?:and|but)|,\s+yet)\s+(?:also\s+)?$", text[content_start:l_start])
            if joined and not PARTICIPLE_RE.match(later.group(0)) and len(text[content_start:l_start].split()) > 3:
                content_end = content_start + joined.start()  # "opposes X and worries that …"
                inherit[l_start] = spk
                break
            comma = text.rfind(",", content_start, l_start)
            if comma == -1:
                continue
            between = text[comma + 1: l_start]
            if PARTICIPLE_RE.match(later.group(0)) and not between.strip():
                content_end = comma
                inherit[l_start] = spk  # "…, adding that …": the same speaker goes on
                break
            if re.fullmatch(r"\s+(?:but|and|yet)\s+(?:also\s+)?", between):
                content_end = comma
                inherit[l_start] = spk
                break
            lead2 = re.match(r"[\s\"”’']*(?:while|whereas|and|but)\s+|[\s\"”’']+", between)
            spk2 = self.finder.at_end(text, comma + 1, l_start)
            if spk2 and spk2.start - (comma + 1 + (lead2.end() if lead2 else 0)) <= 2:
                content_end = comma
                break
        for j in range(content_start, content_end):
            if masks.masked[j]:
                return j
        return content_end

    def _make(self, spk: Mention, cue: str, start: int, end: int, patterns: list) -> Optional[Candidate]:
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–"):
            end -= 1
        words = len(text[start:end].split())
        if (words <= len(cue.split()) if "position" in patterns else words < 3) or re.match(r"(?:declined|refused)\s+to\s+comment\b", text[start:end]):
            return None  # "declined to comment" takes no position on anything
        if "reported" in patterns and _NO_CONTENT_RE.match(text[start:end]):
            return None  # "wrote about this on Twitter", "answered questions from the press"
        kind = "mixed" if any(self.masks.in_marks[start:end]) else "reported"
        if kind == "mixed":
            patterns = patterns + ["mixed"]
        return Candidate(start, end, kind=kind, speaker=spk, cue=cue, patterns=list(patterns))


# "…, said Viktor Yushchenko, Ukraine’s president.": an apposition may close the sentence.
_APPOSED_TAIL_RE = re.compile(r",\s+(?!who\b|which\b|adding\b|saying\b)[^,;\"“”]{2,80}?\.?\s*")


_PARTICIPLE_TAIL_RE = re.compile(r"(?P<head>[^\"“”]*?),\s+(?P<cue>[a-z]+ing)\b")


def _closes_sentence(tail: str) -> bool:
    """What may follow a closing attribution: a time, a place, an occasion, the full stop."""
    return bool(_TRAILING_TAIL_RE.fullmatch(tail) or _APPOSED_TAIL_RE.fullmatch(tail)
                or re.fullmatch(r"\s+(?:following|after|before|during|in|at|on|while)\b[^\"“”]*", tail))


_PIECE_RE = re.compile(
    r",?\s+(?:and|but)\s+(?:also\s+)?that\s+|,\s+(?:and|but)\s+(?=(?:its|his|her|their|the|this|it|he|she|they|we|[A-Z])\b)"
    r"|,\s+(?:although|though|whereas|while)\s+(?=(?:its|his|her|their|the|this|it|he|she|they|we|[A-Z])\b)"
    r"|,\s+(?:and|but)\s+(?=(?:also\s+)?(?:(?:has|have|had)\s+)?(?:never\s+|not\s+)?[a-z]+ed\s+(?:(?:aside|off|out|up|down|back)\s+)?"
    r"(?:the|a|an|his|her|its|their|that|to)\b)")

# A reporter's aside that closes the speaker's content: "…, two days after the US defense secretary
# …", "…, even though …", "…, despite …", "…, a step certain to please Russia".
_ASIDE_RE = re.compile(
    r",\s+(?:(?:just\s+)?(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+)?(?:days?|weeks?|months?|hours?)\s+(?:after|before)\b"
    r"|,\s+(?:even\s+though|despite)\b|,\s+(?:a|in\s+a)\s+(?:step|move)\b")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"said that A, and that B" or "A, and its bid B": two statements by one speaker, as an
    annotator reads coordinated clauses with subjects of their own."""
    aside = _ASIDE_RE.search(text, start, end)
    if aside and len(text[start:aside.start()].split()) >= 3:
        end = aside.start()
    pieces, piece_start = [], start
    for cm in _PIECE_RE.finditer(text[start:end]):
        if len(text[piece_start: start + cm.start()].split()) < 3 or len(text[start + cm.end(): end].split()) < 4:
            continue
        pieces.append((piece_start, start + cm.start()))
        piece_start = start + cm.end()
    pieces.append((piece_start, end))
    return pieces
