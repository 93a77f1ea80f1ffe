"""Cue + source for direct quotes: the speech verb next to each quote ("…," Biden added / He
added: "…") and the speaker mention beside it; quotes with no attribution of their own continue
the one before."""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidate import Candidate
from .content import is_fragment
from .document import ABBREVIATIONS, Document
from .lexicon import CUE_RE, CUE_WORDS, MIN_QUOTE_WORDS, QUOTE_CHARS
from .sources import SpeakerFinder, only_modifiers

_AFTER_CUE_RE = re.compile(rf"(?:{CUE_WORDS})\b")
# '…,” the US special representative for Ukraine, Kurt Volker, said': a title, then the name.
_ROLE_APPOSITION_RE = re.compile(r"(?:the\s+)?[^,;:\"“”.]{3,100}?(?:representative|envoy|minister|secretary|adviser|advisor|"
                                 r"spokesman|spokeswoman|spokesperson|ambassador|president|chief|head|leader|official)"
                                 r"(?:\s+(?:for|of|to)\s+[^,;:\"“”.]{1,40})?,\s*")
_ACCORDING_RE = re.compile(r"according\s+to\s+", re.IGNORECASE)


def attribute_direct(doc: Document, finder: SpeakerFinder, d: Candidate) -> None:
    if is_fragment(doc, d):
        return
    if d.close_at is not None and _attribute_after(doc, finder, d):
        return
    _attribute_before(doc, finder, d)


def _window_after(doc: Document, d: Candidate) -> tuple[int, str]:
    """The attribution text after the closing mark, up to the next mark or sentence end."""
    text = doc.text
    p_start, p_end = doc.paragraphs[d.paragraph]
    after_start = d.close_at + 1
    limit = min(p_end, after_start + 200)  # paragraphs end at a newline
    window = text[after_start:limit]
    for other in QUOTE_CHARS:
        cut = window.find(other)
        if cut != -1:
            window = window[:cut]
    if window.startswith((".", "!", "?")):
        return after_start, ""
    for sm in re.finditer(r"[.!?](?=\s)", window):
        if not ABBREVIATIONS.search(window[: sm.start() + 1]):
            return after_start, window[: sm.start() + 1]
    return after_start, window


def _attribute_after(doc: Document, finder: SpeakerFinder, d: Candidate) -> bool:
    """'," Zelensky wrote on Twitter.' / '," said Jens Stoltenberg.' / '," according to X'."""
    text = doc.text
    after_start, window = _window_after(doc, d)
    lead = re.match(r"\s*,?\s*(?:[—–-]+\s*)?", window)  # '”, – the NATO official said.'
    body_start = after_start + (lead.end() if lead else 0)
    body = text[body_start: after_start + len(window)]
    body_end = body_start + len(body)
    m = _AFTER_CUE_RE.match(body)
    if m:  # "… ," said X   (cue first)
        spk = finder.at_start(text, body_start + m.end(), body_end)
        if spk:
            d.attribute(spk, m.group(0), "name_after", (d.close_at, spk.end))
            _take_in_lead(doc, d)
            return True
    m = _ACCORDING_RE.match(body)
    if m:
        spk = finder.at_start(text, body_start + m.end(), body_end)
        if spk:
            d.attribute(spk, "according to", "according_to", (d.close_at, spk.end))
            _take_in_lead(doc, d)
            return True
    for m in CUE_RE.finditer(body):  # "… ," X said / X told Y
        if m.start() > 90:
            break
        spk = finder.at_end(text, body_start, body_start + m.start())
        if spk and (only_modifiers(text, body_start, spk.start) or _ROLE_APPOSITION_RE.fullmatch(text[body_start:spk.start])):
            d.attribute(spk, m.group(0), "name_before", (d.close_at, body_start + m.end()))
            _take_in_lead(doc, d)
            return True
    return False


def _take_in_lead(doc: Document, d: Candidate) -> None:
    """'The US is of the view that the application “should be taken up later,” Sullivan said': the
    reporter's words before the mark are the speaker's too, paraphrased, so the statement is the
    sentence from its start (a mixed one), unless another cue or quote stands there."""
    text = doc.text
    sent_start, _ = doc.sentence_bounds(d.paragraph, d.open_at)
    lead = text[sent_start:d.open_at]
    # the quote must carry on the lead's clause ("the application “should …"), not follow a
    # dateline or a fronted clause ("As the summit opened, “we …")
    if (len(lead.split()) < 2 or not lead.rstrip()[-1:].isalnum() or any(c in lead for c in QUOTE_CHARS)
            or CUE_RE.search(lead) or _ACCORDING_RE.search(lead)):
        return
    d.start = sent_start + len(lead) - len(lead.lstrip())
    d.kind = "mixed"
    d.patterns.append("mixed")
    d.frame = (sent_start, d.frame[1]) if d.frame else None


def _attribute_before(doc: Document, finder: SpeakerFinder, d: Candidate) -> None:
    """'He added: "…' / 'According to Lavrov, "…' / 'X said that "…'."""
    text = doc.text
    sent_start, _ = doc.sentence_bounds(d.paragraph, d.open_at)
    before = text[sent_start: d.open_at]
    m = re.search(r"(?:[:,]|\bthat)\s*$", before)
    if not m:
        return
    if m.group(0).strip() == "that" and _sentence_goes_on(doc, d):
        return  # 'stressed that “plans on dragging …” do not serve …': the clause is the statement
    head_end = sent_start + m.start()
    head = text[sent_start:head_end]
    am = re.search(r"\baccording\s+to\s+", head, re.IGNORECASE)
    if am:
        spk = finder.at_start(text, sent_start + am.end(), head_end)
        if spk:
            d.attribute(spk, "according to", "according_to", (sent_start, d.open_at))
            return
    cues = list(CUE_RE.finditer(head))
    if not cues:
        return
    c = cues[-1]
    spk = finder.at_end(text, sent_start, sent_start + c.start())
    if spk is None:
        # 'Stoltenberg told reporters in Brussels:' — the subject comes before the cue
        for c2 in cues:
            spk = finder.at_end(text, sent_start, sent_start + c2.start())
            if spk:
                c = c2
                break
    if spk and (m.group(0).strip() != "that" or text[sent_start + c.end(): head_end].strip() in ("", "also")):
        d.attribute(spk, c.group(0), "colon" if m.group(0).strip() == ":" else "name_before", (sent_start, d.open_at))


def _sentence_goes_on(doc: Document, d: Candidate) -> bool:
    """Three or more words of the sentence follow the closing mark."""
    if d.close_at is None:
        return False
    _, sent_end = doc.sentence_bounds(d.paragraph, d.close_at)
    return len(doc.text[d.close_at + 1: sent_end].split()) >= 3


def continuations(doc: Document, directs: list[Candidate]) -> None:
    """A quote with no attribution of its own continues the one before it: the second half of a
    quote broken by its attribution, the next paragraph of a long quote."""
    text = doc.text
    for i, d in enumerate(directs):
        if d.speaker is not None or is_fragment(doc, d):
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
    # an open-ended paragraph whose continuation carries the attribution
    for i in range(len(directs) - 2, -1, -1):
        d, nxt = directs[i], directs[i + 1]
        if d.speaker is None and d.close_at is None and nxt.speaker is not None and nxt.paragraph == d.paragraph + 1:
            d.speaker, d.cue = nxt.speaker, nxt.cue
            d.patterns.append("multi_paragraph")


def orphan_quotes(doc: Document, directs: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """A quote that is a sentence of its own, with no attribution anywhere near it, belongs to the
    statement just before it in the same or the previous paragraph: news runs "Poltorak reaffirmed
    that … “This is a strategic task …”" and paragraphs of bare quotes after a named speaker."""
    text = doc.text
    para_starts = [s for s, _ in doc.paragraphs]
    located = sorted(((c.start, bisect_right(para_starts, c.start) - 1, c) for c in found if c.speaker is not None),
                     key=lambda t: t[0])
    starts = [t[0] for t in located]
    adopted = []
    for d in directs:
        if d.speaker is not None or is_fragment(doc, d) or d.words < MIN_QUOTE_WORDS:
            continue
        sent_start, _ = doc.sentence_bounds(d.paragraph, d.open_at)
        if text[sent_start:d.open_at].strip() or (d.close_at is not None and _sentence_goes_on(doc, d)):
            continue
        i = bisect_right(starts, d.open_at) - 1
        if i < 0 or located[i][1] < d.paragraph - 1:
            continue
        prev = located[i][2]
        d.speaker, d.cue = prev.speaker, ""
        d.patterns += ["no_cue", "anaphora"]
        adopted.append(d)
    return adopted
