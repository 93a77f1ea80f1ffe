"""The words extraction keys on: quotation marks, speech cues, speaker shapes.

One place for every list, so a cue added for real news is seen by every stage (and by the stance
composition rules, which read refusal and negation cues from here too).
"""

from __future__ import annotations

import re

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
# Cue words whose pattern tag says how the statement was delivered.
CUE_PATTERNS = {"told": "told", "tells": "told", "wrote": "wrote", "writes": "wrote",
                "tweeted": "wrote", "posted": "wrote"}
