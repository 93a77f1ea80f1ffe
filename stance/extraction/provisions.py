"""What a document provides: "The decree declares that the country stays outside all blocs", "The
bill bars Ukraine from membership of any military bloc". A text speaks for whoever issued it
(resolution gives it to them), with verbs no person would be quoted with ("bars", "stipulates")."""

from __future__ import annotations

import re

from .candidate import Candidate, Mention, starts_within
from .document import Document
from .lexicon import QUOTE_CHARS

# "The decree", "The document's text", "The amendments, which need the president's signature,"
_SUBJECT_RE = re.compile(
    r"(?:(?:Importantly|However|Meanwhile|Also),\s+)?(?P<subject>(?:The|the|Its|its)\s+(?:(?:new|draft|final|joint|explanatory)\s+)?"
    r"(?:decree|document(?:['’]s\s+text)?|law|bill|amendments?|declaration|communiqu[eé]|resolution|doctrine|"
    r"strategy|plan|treaty|agreement|text|provision|statement|constitution))"
    r"(?:,\s+(?:which|that)\b[^,;]{1,120},)?\s+(?:also\s+|further\s+|likewise\s+)?")
_VERB_RE = re.compile(
    r"(?P<verb>declares|declared|states|stated|says|said|reads|stipulates|stipulated|provides\s+for|allows\s+for|"
    r"excludes|excluded|bars|barred|restores|restored|commits|committed|foresees|envisages|sets\s+out|"
    r"defines|defined|enshrines|enshrined|names|calls\s+for|called\s+for|calls\s+on|urges|includes|"
    r"reaffirms|reiterates|welcomes|notes|emphasi[sz]es|recogni[sz]es|supports|rules\s+out)\b")


def provision_statements(doc: Document, taken: list[Candidate]) -> list[Candidate]:
    """One statement per sentence opened by a document and one of its verbs, unless another stage
    already found one in that sentence."""
    text = doc.text
    starts = sorted(c.start for c in taken)
    found = []
    for s_start, s_end in doc.all_sentences():
        sm = _SUBJECT_RE.match(text, s_start, s_end)
        if sm is None:
            continue
        vm = _VERB_RE.match(text, sm.end(), s_end)
        if vm is None:
            continue
        if starts_within(starts, s_start, s_end):
            continue
        that = re.match(r"\s+that\s+", text[vm.end():s_end])
        start = vm.end() + that.end() if that else vm.start()
        end = s_end
        while end > start and text[end - 1] in " .;:\n":
            end -= 1
        if len(text[start:end].split()) < 3:
            continue
        kind = "mixed" if any(c in QUOTE_CHARS for c in text[start:end]) else "reported"
        speaker = Mention(sm.start("subject"), sm.end("subject"), sm.group("subject"))
        found.append(Candidate(start, end, kind=kind, speaker=speaker, cue=" ".join(vm.group("verb").split()),
                               patterns=["document", "position" if not that else "reported"]))
    return found
