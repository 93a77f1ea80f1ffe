"""The extractor: runs the stages in order over one document."""

from __future__ import annotations

from datetime import date as Date
from typing import Optional

from ..actors import ActorRegistry
from .candidate import Quote
from .content import direct_quotes
from .direct import attribute_direct, continuations, orphan_quotes
from .document import Document
from .headlines import headline_statements
from .reported import ReportedSpeech
from .provisions import provision_statements
from .resolution import Resolver
from .said_this import statements_said_this
from .sources import SpeakerFinder
from .transcripts import transcript_statements


class QuoteExtractor:
    def __init__(self, registry: ActorRegistry):
        self.registry = registry
        self.finder = SpeakerFinder(registry)
        self.resolver = Resolver(registry)

    def extract(self, text: str, date: Optional[Date] = None) -> list[Quote]:
        if not isinstance(text, str) or not text.strip():
            return []
        doc = Document(text, date)
        directs = direct_quotes(doc)
        for d in directs:
            attribute_direct(doc, self.finder, d)
        continuations(doc, directs)
        found = [d for d in directs if d.speaker is not None] + ReportedSpeech(doc, self.finder, directs).find()
        found += orphan_quotes(doc, directs, found)
        found += statements_said_this(doc, self.finder, found)
        found += provision_statements(doc, found)
        found += transcript_statements(doc, self.finder, found)
        found += headline_statements(doc, self.finder, found)
        quotes = self.resolver.resolve(doc, found)
        if doc.text is not doc.original:
            for q in quotes:  # offsets index what the caller passed in
                q.text = doc.original[q.start: q.end]
        return quotes


def extract_quotes(text: str, registry: ActorRegistry, date: Optional[Date] = None) -> list[Quote]:
    return QuoteExtractor(registry).extract(text, date)
