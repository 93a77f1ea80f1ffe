"""Cue-driven stance rules: where the speech verb, not the reported words, decides the stance.

Model behaviour lives here, apart from the data schema: the classifier reads a reported clause as
if asserted, and these rules turn its answer round (a denial) or move it (a refusal). Extraction
reads the same refusal verbs as position cues (``stance.extraction.lexicon``), so a statement it
finds with "declined to" reaches ``refusing`` with that cue.
"""

from __future__ import annotations

import re

# "Stoltenberg denied Zelensky's claim that leaders confirmed membership": the reported clause,
# read on its own, is supportive; the cue turns it round. The corpus has almost no such reported
# denials to learn this from, so it is composed instead: the clause is classified as if asserted
# ("said") and supportive and denying swap. Rejecting a denial ("rejected Moscow's demand that
# Ukraine never join") comes out supportive the same way.
NEGATING_CUE = re.compile(r"^(?:denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|dismiss)\b", re.IGNORECASE)
SWAP = {"supportive": "denying", "denying": "supportive"}


def _cue_matches(record: dict, pattern: re.Pattern) -> bool:
    return bool(record.get("cue")) and bool(pattern.match(str(record["cue"]).strip()))


def negated(record: dict) -> bool:
    return _cue_matches(record, NEGATING_CUE)


# "Biden refused to give a 'yes' or 'no' to Ukraine joining NATO": the refused clause, read on its
# own, is about joining; refusing it commits to nothing. LABELS.md makes refusing to commit
# `conditional` where membership is left open. The corpus held one refusal cue before round 3 and
# holds about a dozen on membership now, too few to learn from, so this is composed too: for a
# refusing cue the stance mass (supportive, conditional, denying) goes to conditional and `none`
# stays, so a refusal about weapons or troops is still set aside. Known cost: refusing Moscow a
# guarantee that Ukraine never joins (a rejected veto, supportive) also comes out conditional.
# How extraction finds a refusal without a speech verb ("declined to say", "refrained from"): the
# verb stays in the statement and becomes its cue, so ``refusing`` below sees it.
REFUSAL_POSITIONS = r"refused\s+to|declined\s+to|avoided|sidestepped|refrained\s+from"
REFUSING_CUE = re.compile(
    r"^(?:refused|refuses|refuse|refusing|declined|declines|decline|declining|avoided|avoids|avoid|"
    r"sidestepped|sidesteps|sidestep|dodged|dodges|dodge|evaded|evades|evade|refrained|refrains|"
    r"would(?: not|n't) (?:say|commit|give|predict|speculate|be drawn)|"
    r"did not speculate)\b", re.IGNORECASE)


def refusing(record: dict) -> bool:
    return _cue_matches(record, REFUSING_CUE)


def as_asserted(record: dict) -> dict:
    """The record with a negating cue replaced by "said" and, if labelled, the label swapped."""
    if not negated(record):
        return record
    out = dict(record, cue="said")
    if "label" in out:
        out["label"] = SWAP.get(out["label"], out["label"])
    return out
