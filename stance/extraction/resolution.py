"""Coreference: pronouns go to the last compatible speaker, role nouns ("the NATO chief") to
whoever held the role on the article's date, documents to their issuer, aliases to the canonical
actor. A speaker the actor list does not know keeps the mention as its name."""

from __future__ import annotations

import re
from collections import deque
from typing import Optional

from ..actors import ActorRegistry
from .candidate import Candidate, Mention, Quote
from .context import quote_context
from .document import DATELINE_RE, Document
from .lexicon import DOCUMENT_HEADS, BODY_HEADS, PLURAL_BODY_HEADS, NOT_A_NAME, NP_STOP, TITLE_WORDS, CUE_PATTERNS, DOCUMENT_NOUNS, NATIONALITIES, PRONOUNS, ROLE_NP_END_RE, ROLE_NP_RE

# "the minister", "the Secretary-General": a role noun with a determiner.
_ROLE_NOUN_RE = re.compile(ROLE_NP_RE.pattern + r"(?:-[Gg]eneral)?", re.IGNORECASE)
# Titles an article rarely gives two people at once, so the last one titled so is meant.
_ONE_HOLDER_TITLES = {"minister", "secretary", "secretary-general", "diplomat", "envoy", "ambassador", "spokesman",
                      "spokeswoman", "spokesperson", "adviser", "advisor", "chancellor", "premier", "negotiator"}
_DOCUMENT_OF_RE = re.compile(rf"(?:the|its|their)\s+.*?(?:{DOCUMENT_HEADS})\s+of\s+(.+)$", re.IGNORECASE)
_SUBJECT_LEAD_RE = re.compile(r"(?:(?:The|the|[A-Z][\w.’'\-]*)\s+){0,4}")


# A person's role after the body they speak for: "the Kremlin('s official) representative".
_PERSON_OF_BODY_RE = re.compile(r"^(?:['’]s)?\s+(?:[a-z]+\s+)?(?:representative|official|source|spokesman|spokeswoman|"
                                r"spokesperson|aide|adviser|advisor|diplomat|envoy|ambassador|negotiator|interlocutor)$")
NAME_LOOKBACK = 5000  # characters searched back for the full form of a bare surname


class Resolver:
    def __init__(self, registry: ActorRegistry):
        self.registry = registry

    def resolve(self, doc: Document, candidates: list[Candidate]) -> list[Quote]:
        # resolve in reading order of the speaker mention, so "he" finds the speaker before it;
        # a quote continued from an earlier one shares its speaker and needs no new resolution
        items = sorted(candidates, key=lambda c: (c.speaker.start, c.start))
        history: list[str] = []  # canonical actors, most recent last
        resolved_at: dict = {}
        subjects = deque(self.sentence_subjects(doc))
        quotes = []
        for c in items:
            key = c.speaker
            while subjects and subjects[0][0] < key.start:
                _, name = subjects.popleft()
                _touch(history, name)
            if key not in resolved_at:
                resolved_at[key] = self.canonical(key, doc.date, history, doc.text)
            actor, extra = resolved_at[key]
            if actor is None:  # a pronoun with no one in view: kept under the mention, never dropped
                actor, extra = key.surface, ["unresolved"]
            else:
                _touch(history, actor)
            cue_word = c.cue.split()[0] if c.cue else ""
            cue_pattern = [CUE_PATTERNS[cue_word]] if cue_word in CUE_PATTERNS else []
            quotes.append(Quote(
                text=doc.text[c.start: c.end], start=c.start, end=c.end, speaker=key.surface, actor=actor,
                cue=re.sub(r"\s+", " ", c.cue), kind=c.kind, patterns=sorted(set(c.patterns + extra + cue_pattern)),
                speaker_start=key.start,
            ))
        quotes.sort(key=lambda q: q.start)
        spans = [(q.start, q.end) for q in quotes]
        for q in quotes:
            q.context = quote_context(doc.text, q.start, q.end, spans)
        return quotes

    def sentence_subjects(self, doc: Document) -> list[tuple[int, str]]:
        """Known actors that open a sentence ("Mark Rutte spoke in Brussels."): candidates for a
        later "he" even when they were not quoted."""
        out = []
        for s_start, s_end in doc.all_sentences():
            dl = DATELINE_RE.match(doc.text[s_start:s_end])
            if dl:
                s_start += dl.end()
            head = doc.text[s_start: min(s_end, s_start + 80)]
            name = self._listed_subject(head, doc.date) or _unlisted_subject(head)
            if name:
                out.append((s_start, name))
        return out

    def _listed_subject(self, head: str, date) -> Optional[str]:
        for m in self.registry.mentions(head):
            if not _SUBJECT_LEAD_RE.fullmatch(head[: m.start]):
                return None
            return m.actor or (self.registry.resolve_role(m.role, date) if m.role else None)
        return None

    def canonical(self, speaker: Mention, date, history: list[str], text: str = "") -> tuple[Optional[str], list]:
        surface = speaker.surface
        if re.search(r"\b[A-Z]{3,}\b", surface) and not self.registry.mentions(surface):
            # transcripts print names in capitals ("MR. KIRBY"); acronyms (NATO) are listed as such
            surface = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in surface.split())
        low = surface.lower()
        if low in PRONOUNS:
            return self._pronoun(PRONOUNS[low], history)
        issuer = _DOCUMENT_OF_RE.match(surface)
        if issuer:  # "the final statement of the NATO summit": the body named in it
            named = [m.actor for m in self.registry.mentions(issuer.group(1)) if m.actor]
            if named:
                return named[0], ["organisation"]
        if DOCUMENT_NOUNS.search(surface):
            # "the declaration said": whoever issued it, i.e. the organisation last in view; a
            # summit's declaration or communiqué is the alliance's, not a member government's
            bodies = [n for n in reversed(history) if (a := self.registry.get(n)) is not None and not a.is_person]
            if re.search(r"declaration|communiqu", surface, re.IGNORECASE):
                named = [m.actor for m in self.registry.mentions(text[max(0, speaker.start - NAME_LOOKBACK): speaker.start])
                         if m.actor and self.registry.get(m.actor).country == m.actor]
                bodies = named[-1:] + bodies
            return (bodies[0], ["organisation"]) if bodies else (surface, ["organisation"])
        mentions = self.registry.mentions(surface)
        left = surface.rsplit(" and ", 1)[0] if " and " in surface else ""
        # "Defense Minister and Deputy Prime Minister Sergei Ivanov" is one person with two titles
        compound_title = left and left.split()[-1].lower() in TITLE_WORDS and not self.registry.mentions(left.split()[-1])
        if left and len(mentions) != 1 and not compound_title:
            return surface, ["two_speakers"] if len(mentions) > 1 else []
        named = [m for m in mentions if m.actor]
        if named and named[-1].end < len(surface) and personal_name(surface[named[-1].end:].strip()) != surface[named[-1].end:].strip():
            return personal_name(surface), []  # "Putin aide Sergei Prikhodko" is not Putin
        if named and _PERSON_OF_BODY_RE.search(surface[named[-1].end:]):
            # "the Kremlin representative", "a senior US official": a person speaking for the body,
            # the one in view if the article has named them, else the mention itself
            found = self._person_in_view(surface, history) if low.startswith("the ") else None
            return (found, ["role_noun"]) if found else (surface, [])
        if named:
            m = named[-1]
            actor = self.registry.get(m.actor)
            extra = [] if actor is None or actor.is_person else ["organisation"]
            return m.actor, extra
        roles = [m for m in mentions if m.role]
        if roles:
            role = self.registry.roles.get(roles[-1].role)
            vacant = date is not None and role is not None and not any(h.holds_on(date) for h in role.holders)
            if vacant:  # no listed holder that day ("Latvian President Valdis Zatlers" in 2008)
                if roles[-1].end < len(surface) and personal_name(surface) != surface:
                    return personal_name(surface), []  # the name the title gives
                # "The Latvian president" later on: whoever the article titled so
                before = text[max(0, speaker.start - NAME_LOOKBACK): speaker.start]
                found = self._titled_earlier(surface.split(None, 1)[1] if low.startswith("the ") else surface, before)
                if found:
                    return found, ["role_noun"]
            # in office that day, the listed holder is the one meant, however the name is spelt
            holder = self.registry.resolve_role(roles[-1].role, date, reversed(history))
            if holder:
                return holder, ["role_noun"]
        if re.fullmatch(r"the (?:deputy )?head of (?:state|government)", low):  # the president or premier in view
            found = self._person_in_view(surface, history)
            if found:
                return found, ["role_noun"]
        if (_ROLE_NOUN_RE.fullmatch(surface) and low.startswith("the ")) or re.fullmatch(r"[A-Z][\w\-]*['’]s \D+", surface) and ROLE_NP_END_RE.fullmatch(surface):
            head = low.split()[-1]
            if head in BODY_HEADS:
                found = self._body_in_view(head, history)
            else:
                before = text[max(0, speaker.start - NAME_LOOKBACK): speaker.start]
                title = surface.split(None, 1)[1] if low.startswith("the ") else head
                if head in _ONE_HOLDER_TITLES or " " in title:  # "the minister", "the Vice President"
                    found = self._titled_earlier(title, before) or self._person_in_view(surface, history)
                else:  # "the president" may be any of several: the one in view
                    found = self._person_in_view(surface, history) or self._titled_earlier(head, before)
            if found:
                return found, ["role_noun"]
        # the full name stands within a few paragraphs before; a bounded look-back keeps long
        # articles with many bare surnames linear
        return self._named_earlier(surface, history, text[max(0, speaker.start - NAME_LOOKBACK): speaker.start],
                                   text[speaker.end: speaker.end + NAME_LOOKBACK]), []

    def _named_earlier(self, surface: str, history: list[str], before: str, after: str = "") -> str:
        """A bare surname ("Rasmussen", "Mr. Grosse-Brömer") names whoever the article named in
        full with it before, quoted or not, listed or not; failing that, in full after it (a
        headline's "Rice" is the body's "Condoleezza Rice"); otherwise the mention is the name."""
        words = surface.split()
        if len(words) == 2 and (words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Pres", "Sen")
                                or words[0].lower() in TITLE_WORDS):  # "Mr. Vance", "Minister Cannon"
            words = words[1:]
        if len(words) != 1:
            return personal_name(surface)
        for name in reversed(history):
            if name != surface and name.split()[-1] == words[0]:
                return name
        pattern = rf"((?:[A-Z][\w\-’']+\s+){{1,2}}){re.escape(words[0])}\b"
        for first in [*reversed(re.findall(pattern, before)), *re.findall(pattern, after)]:
            candidate = f"{first}{words[0]}"
            named = [m.actor for m in self.registry.mentions(candidate) if m.actor and m.end == len(candidate)]
            if named:
                return named[-1]
            if first.split()[0] not in NOT_A_NAME | NP_STOP and first.split()[-1].lower() not in TITLE_WORDS:
                return personal_name(candidate)
        # family name first ("Wang" after "Wang Wenbin"): only a listed actor's full name counts
        for given in reversed(re.findall(rf"\b{re.escape(words[0])}\s+([A-Z][\w\-’']+)", before)):
            named = [m.actor for m in self.registry.mentions(f"{words[0]} {given}") if m.actor]
            if named and self.registry.get(named[-1]).is_person:
                return named[-1]
        return surface

    def _titled_earlier(self, title: str, before: str) -> Optional[str]:
        """"The minister" after "Foreign Minister Péter Szijjártó": the last person the article
        named with that title, quoted or not."""
        titled = list(re.finditer(rf"\b(?i:{re.escape(title)})\s+((?:[A-Z][\w\-’']+\s+){{0,2}}[A-Z][\w\-’']+)", before))
        for m in reversed(titled):
            name = m.group(1)
            if not name[0].isupper() or name.split()[0] in NOT_A_NAME | NP_STOP or name.split()[0].lower() in TITLE_WORDS:
                continue
            named = [x.actor for x in self.registry.mentions(name) if x.actor]
            if named:
                actor = self.registry.get(named[-1])
                return named[-1] if actor is None or actor.is_person else None
            return personal_name(name) if len(name.split()) >= 2 else None
        return None

    def _body_in_view(self, head: str, history: list[str]) -> Optional[str]:
        """"The ministry" or "the Kremlin side": the last body in view whose name has that word;
        "the countries" or "the allies": the last organisation in view (NATO, the EU)."""
        plural = head in PLURAL_BODY_HEADS
        for name in reversed(history):
            actor = self.registry.get(name)
            if actor is None or actor.is_person:
                continue
            if head in name.lower() or (plural and actor.type == "organisation"):
                return name
        return None

    def _person_in_view(self, surface: str, history: list[str]) -> Optional[str]:
        """The person "the minister" or "the Ukrainian leader" names: the last person in view,
        of the nationality the noun gives where it gives one."""
        countries = {NATIONALITIES[w] for w in surface.lower().replace("’s", "").replace("'s", "").split() if w in NATIONALITIES}
        people = [n for n in reversed(history) if (a := self.registry.get(n)) is None or a.is_person]
        if countries:
            for name in people:
                actor = self.registry.get(name)
                if actor is not None and actor.country in countries:
                    return name
        return people[0] if people else None

    def _pronoun(self, want: str, history: list[str]) -> tuple[Optional[str], list]:
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


def _unlisted_subject(head: str) -> Optional[str]:
    """A person the actor list does not know who opens a sentence, titled ("National security
    adviser Jake Sullivan spoke") or not ("Denis Pushilin said"): someone a later "he" may mean."""
    taken = []
    for word in head.split()[:8]:
        bare = word.rstrip(",.;:")
        if not bare or not (bare[0].isupper() or bare.lower() in TITLE_WORDS):
            break
        taken.append(bare)
        if bare != word:
            break
    surface = " ".join(taken)
    name = personal_name(surface)
    words = name.split()
    if not 2 <= len(words) <= 3 or words[0] in NOT_A_NAME | NP_STOP or any(w.lower() in TITLE_WORDS for w in words):
        return None
    if any(w.lower() in NATIONALITIES for w in words):
        return None
    return name


def personal_name(surface: str) -> str:
    """An unlisted speaker named with a title goes by the name alone: "Putin aide Sergei
    Prikhodko" -> "Sergei Prikhodko", "the US Ambassador to Ukraine William Taylor" -> "William Taylor"."""
    words = surface.split()
    for size in (3, 2):
        name, before = words[-size:], words[:-size]
        if len(words) <= size or not all(w[:1].isupper() and w.lower() not in TITLE_WORDS for w in name):
            continue
        if before[-1].lower().strip(".,") in TITLE_WORDS or before[-1].islower():
            return " ".join(name)
    return surface


def _touch(history: list[str], name: str) -> None:
    """Move ``name`` to the most recent end of the history."""
    if name in history:
        history.remove(name)
    history.append(name)
