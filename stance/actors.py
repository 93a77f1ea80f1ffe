"""Canonical actors: one name for "Zelensky", "Zelenskyy" and "Ukraine's President Volodymyr Zelensky".

`configs/actors.yaml` lists actors with their aliases and roles (with the dates each holder held
them), so a role noun such as "the NATO chief" names Stoltenberg in 2021 and Rutte in 2025.
Users add actors there without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

from .errors import StanceError

DEFAULT_ACTORS = Path(__file__).resolve().parent / "configs" / "actors.yaml"  # package data; configs/ at the root links here

APOSTROPHES = "'’`"


def normalise(text: str) -> str:
    """Case- and apostrophe-insensitive key for aliases and role nouns."""
    text = re.sub(f"[{APOSTROPHES}]", "'", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class Actor:
    name: str
    type: str = "person"  # person | organisation | government
    country: Optional[str] = None
    gender: Optional[str] = None  # male | female, for he/she
    aliases: tuple = ()

    @property
    def is_person(self) -> bool:
        return self.type == "person"


@dataclass
class Holder:
    actor: str
    start: Optional[Date]
    end: Optional[Date]

    def holds_on(self, day: Date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Role:
    id: str
    nouns: tuple
    holders: list = field(default_factory=list)


@dataclass
class Mention:
    """A span of text that names an actor: an alias or a role noun."""

    start: int
    end: int
    surface: str
    actor: Optional[str] = None  # set for aliases
    role: Optional[str] = None  # set for role nouns


def _parse_date(value, where: str) -> Optional[Date]:
    if value is None:
        return None
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value))
    except ValueError:
        raise StanceError(f"{where}: '{value}' is not a YYYY-MM-DD date") from None


def _pattern(phrases: Iterable[str], ignore_case: bool) -> Optional[re.Pattern]:
    """One regex for every phrase, longest match first, built as a trie of the phrases: a flat
    alternation of ~1,000 names is tried name by name at every capital letter, which made alias
    look-up two thirds of extraction time."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for unit in _units(phrase.strip(), ignore_case):
            node = node.setdefault(unit, {})
        node[_END] = {}
    if not trie:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(r"(?<![\w])" + _trie_regex(trie) + r"(?![\w])", flags)


_END = ""  # marks where a phrase ends inside the trie


def _units(phrase: str, ignore_case: bool) -> list[str]:
    """A phrase as trie keys: any apostrophe is one key, any run of spaces another."""
    units = []
    for char in phrase:
        if char in APOSTROPHES:
            units.append("'")
        elif char.isspace():
            if units[-1:] != [" "]:
                units.append(" ")
        else:
            units.append(char.lower() if ignore_case else char)
    return units


def _trie_regex(node: dict) -> str:
    # siblings differ in their first unit, so at most one can match: greedy optional tails then
    # give the longest phrase, and backtracking the shorter ones
    branches = [_unit_regex(unit) + _trie_regex(child) for unit, child in sorted(node.items()) if unit != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


def _unit_regex(unit: str) -> str:
    return {"'": "['’`]", " ": r"\s+"}.get(unit, re.escape(unit))


# Spellings of Slavic names that English news mixes: one replacement at a time, so a form the
# actor list gives is never shadowed (the listed forms are mapped first).
_ROMANISATIONS = (("shch", "sch"), ("ych", "ich"), ("iy", "y"), ("yi", "i"), ("ya", "ia"), ("yu", "iu"),
                  ("Yu", "Iu"), ("kh", "h"), ("sky", "skiy"), ("ii", "iy"))


_SLAVIC_COUNTRIES = {"Ukraine", "Russia", "Belarus"}
_SLAVIC_H_G = (("h", "g"), ("H", "G"), ("g", "h"), ("G", "H"))


class ActorRegistry:
    """Aliases and role nouns of known actors, with date-aware role resolution."""

    def __init__(self, actors: Iterable[Actor] = (), roles: Iterable[Role] = ()):
        self.actors = {a.name: a for a in actors}
        self.roles = {r.id: r for r in roles}
        self._alias = {}
        alias_forms = set()  # matched case-sensitively: aliases are proper names, "brown" is not Gordon Brown
        # every listed form first, then the other spellings: a variant never shadows a listed name
        listed = [(actor, alias) for actor in self.actors.values() for alias in (actor.name, *actor.aliases)]
        variants = [(actor, alias) for actor in self.actors.values() for alias in self._variants(actor)]
        for actor, alias in listed + variants:
            self._alias.setdefault(normalise(alias), actor.name)
            alias_forms.add(alias)
            # "the Kremlin" is also written "Kremlin": accept both
            if normalise(alias).startswith("the "):
                self._alias[normalise(alias)[4:]] = actor.name
            if alias.lower().startswith("the "):
                alias_forms.add("The " + alias[4:])
                alias_forms.add(alias[4:])
        self._role_noun = {}
        for role in self.roles.values():
            for noun in role.nouns:
                self._role_noun[normalise(noun)] = role.id
                # "the Secretary General of NATO": with its article the longer noun starts first, so
                # "the Secretary General" no longer wins the overlap and leaves "NATO" as a speaker
                self._role_noun.setdefault("the " + normalise(noun).removeprefix("the "), role.id)
        self._alias_re = _pattern(alias_forms, ignore_case=False)
        self._role_re = _pattern(self._role_noun, ignore_case=True)

    @staticmethod
    def _variants(actor: Actor) -> list[str]:
        """A person's other romanisations ("Yuschenko", "Hryschenko", "Yanukovich", "Kostiantyn"),
        which news spells every way; for Ukrainian, Russian and Belarusian names also h for g and
        back ("Halibarenko", "Zagorodnyuk"), one or two changes at a time."""
        if not actor.is_person:
            return []
        rules = _ROMANISATIONS + (_SLAVIC_H_G if actor.country in _SLAVIC_COUNTRIES else ())
        variants = []
        for form in (actor.name, *actor.aliases):
            once = [form.replace(old, new) for old, new in rules if old in form]
            variants += once
            if actor.country in _SLAVIC_COUNTRIES:
                variants += [v.replace(old, new) for v in once for old, new in rules if old in v]
        return variants

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: str | Path = DEFAULT_ACTORS) -> "ActorRegistry":
        path = Path(path)
        if not path.is_file():
            raise StanceError(f"{path}: actors file not found")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise StanceError(f"{path}: not valid YAML ({exc})") from None
        return cls.from_dict(raw, str(path))

    @classmethod
    def from_dict(cls, raw: dict, source: str = "<actors>") -> "ActorRegistry":
        actors, roles = [], []
        for i, item in enumerate(raw.get("actors") or []):
            where = f"{source}: actors[{i}]"
            if not isinstance(item, dict) or not item.get("name"):
                raise StanceError(f"{where}: each actor needs a 'name'")
            kind = item.get("type", "person")
            if kind not in ("person", "organisation", "government"):
                raise StanceError(f"{where}.type: '{kind}' is not person, organisation or government")
            actors.append(
                Actor(
                    name=str(item["name"]),
                    type=kind,
                    country=item.get("country"),
                    gender=item.get("gender"),
                    aliases=tuple(str(a) for a in item.get("aliases") or ()),
                )
            )
        names = {a.name for a in actors}
        for i, item in enumerate(raw.get("roles") or []):
            where = f"{source}: roles[{i}]"
            if not isinstance(item, dict) or not item.get("id"):
                raise StanceError(f"{where}: each role needs an 'id'")
            holders = []
            for j, h in enumerate(item.get("holders") or []):
                hwhere = f"{where}.holders[{j}]"
                if h.get("actor") not in names:
                    raise StanceError(f"{hwhere}: actor '{h.get('actor')}' is not listed under actors")
                holders.append(
                    Holder(h["actor"], _parse_date(h.get("from"), hwhere + ".from"), _parse_date(h.get("to"), hwhere + ".to"))
                )
            roles.append(Role(str(item["id"]), tuple(str(n) for n in item.get("nouns") or ()), holders))
        return cls(actors, roles)

    # -- look-ups ------------------------------------------------------------------------
    def get(self, name: str) -> Optional[Actor]:
        return self.actors.get(name)

    def canonical(self, alias: str) -> Optional[str]:
        return self._alias.get(normalise(alias))

    def __contains__(self, name: str) -> bool:
        return name in self.actors

    def mentions(self, text: str) -> list[Mention]:
        """Non-overlapping alias and role-noun matches, longest first, in text order."""
        found = []
        if self._alias_re is not None:
            for m in self._alias_re.finditer(text):
                found.append(Mention(m.start(), m.end(), m.group(0), actor=self._alias.get(normalise(m.group(0)))))
        if self._role_re is not None:
            for m in self._role_re.finditer(text):
                found.append(Mention(m.start(), m.end(), m.group(0), role=self._role_noun.get(normalise(m.group(0)))))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept, last_end = [], -1
        for mention in found:
            if mention.start >= last_end:
                kept.append(mention)
                last_end = mention.end
        return kept

    def resolve_role(self, role_id: str, day: Optional[Date], recent: Iterable[str] = ()) -> Optional[str]:
        """Who a role noun names: the holder on the article's date; without a date, the most
        recently mentioned actor who ever held it, else the current holder."""
        role = self.roles.get(role_id)
        if role is None or not role.holders:
            return None
        if day is not None:
            for holder in role.holders:
                if holder.holds_on(day):
                    return holder.actor
        ever = {h.actor for h in role.holders}
        for name in recent:
            if name in ever:
                return name
        current = [h for h in role.holders if h.end is None]
        return (current or role.holders[-1:])[0].actor


@lru_cache(maxsize=4)
def load_registry(path: str = str(DEFAULT_ACTORS)) -> ActorRegistry:
    return ActorRegistry.from_yaml(path)
