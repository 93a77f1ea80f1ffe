"""Quote extraction: who said what in a news article.

One module per stage, after Citron's split:

- ``document``: markup cleaned in place, paragraphs and sentences found once;
- ``lexicon``: quotation marks, speech cues and speaker shapes every stage reads;
- ``content``: direct quotes between quotation marks;
- ``direct`` and ``reported``: the cue beside each quote, or the cue whose clause is the content;
- ``said_this``: a sentence whose speaker is named only after it ("This was stated by …");
- ``provisions``: what a document provides ("The decree declares that …", "The bill bars …");
- ``headlines``: short lines with a speaker and no verb ("Yatsenyuk: …", "… – Fico");
- ``transcripts``: paragraphs opened by a speaker's label ("Assistant Secretary Nuland: …");
- ``sources``: the speaker mention beside a cue, as written;
- ``resolution``: pronouns, role nouns, documents and aliases to canonical actors.

It is rule-based on purpose: it is fast, explainable, and every rule is pinned by a test.
Offsets always index the input text: ``text[q.start:q.end] == q.text``.
"""

from .candidate import Quote
from .document import article_date, clean_markup
from .extractor import QuoteExtractor, extract_quotes

__all__ = ["Quote", "QuoteExtractor", "article_date", "clean_markup", "extract_quotes"]
