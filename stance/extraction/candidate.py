"""The types statements travel in: a speaker mention, a candidate statement, and the public Quote."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from typing import NamedTuple, Optional


class Mention(NamedTuple):
    """Where a speaker is named, as written: "he", "the NATO chief", "Jens Stoltenberg"."""

    start: int
    end: int
    surface: str


def starts_within(starts: list[int], lo: int, hi: int) -> bool:
    """Whether any of the sorted ``starts`` falls in [lo, hi): a later stage leaves a paragraph or
    sentence alone where an earlier one already found a statement."""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


@dataclass
class Candidate:
    """One statement found in the text, before its speaker is resolved to an actor.

    Direct quotes also carry where their marks stand (``open_at``/``close_at``; ``close_at`` is None
    when the paragraph ends first), their paragraph, and ``frame``, the span of the attribution
    around them, which reported-speech search must not read again."""

    start: int
    end: int
    kind: str = "direct"  # direct | reported | mixed
    speaker: Optional[Mention] = None
    cue: str = ""
    patterns: list = field(default_factory=list)
    open_at: int = -1
    close_at: Optional[int] = None
    paragraph: int = -1
    words: int = 0
    frame: Optional[tuple[int, int]] = None

    def attribute(self, speaker: Mention, cue: str, pattern: str, frame: Optional[tuple[int, int]] = None) -> None:
        self.speaker, self.cue, self.frame = speaker, cue, frame
        self.patterns.append(pattern)


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
