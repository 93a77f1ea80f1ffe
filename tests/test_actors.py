"""The actor registry: one canonical name per actor, role nouns resolved by date."""

from datetime import date

import pytest

from stance.actors import ActorRegistry
from stance.errors import StanceError


@pytest.mark.parametrize("alias", ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskyy"])
def test_spellings_are_one_actor(registry, alias):
    assert registry.canonical(alias) == "Volodymyr Zelensky"


def test_possessive_title_mention_finds_the_name(registry):
    mentions = registry.mentions("Ukraine's President Volodymyr Zelensky")
    assert mentions[-1].actor == "Volodymyr Zelensky"


def test_role_noun_resolves_by_date(registry):
    role = registry.mentions("the NATO chief")[0].role
    assert registry.resolve_role(role, date(2021, 6, 16)) == "Jens Stoltenberg"
    assert registry.resolve_role(role, date(2025, 6, 16)) == "Mark Rutte"
    assert registry.resolve_role(role, date(2008, 4, 3)) == "Jaap de Hoop Scheffer"


def test_role_noun_without_date_prefers_recent_holder(registry):
    role = registry.mentions("the NATO chief")[0].role
    assert registry.resolve_role(role, None, ["Joe Biden", "Jens Stoltenberg"]) == "Jens Stoltenberg"


def test_shipped_list_is_large_and_consistent(registry):
    assert len(registry.actors) >= 100
    seen = {}
    for actor in registry.actors.values():
        for alias in (actor.name,) + actor.aliases:
            key = alias.lower()
            assert seen.setdefault(key, actor.name) == actor.name, f"{alias} listed under two actors"
    for role in registry.roles.values():
        spans = sorted((h.start or date.min, h.end or date.max) for h in role.holders)
        for (_, e1), (s2, _) in zip(spans, spans[1:]):
            assert s2 > e1, f"role {role.id}: holders overlap"


def test_aliases_are_case_sensitive_proper_names(registry):
    # "brown" in running text is not Gordon Brown
    assert all(m.actor != "Gordon Brown" for m in registry.mentions("a brown envelope"))


def test_bad_holder_is_reported_with_its_place():
    with pytest.raises(StanceError, match=r"roles\[0\].holders\[0\]: actor 'Nobody'"):
        ActorRegistry.from_dict({"actors": [], "roles": [{"id": "x", "nouns": ["x"], "holders": [{"actor": "Nobody"}]}]})


def test_user_added_actor_needs_no_code():
    reg = ActorRegistry.from_dict({"actors": [{"name": "Jane Example", "aliases": ["Example"], "gender": "female"}]})
    assert reg.canonical("Example") == "Jane Example"


def test_aliases_match_as_capitalised_and_role_nouns_in_any_case(registry):
    # actors.yaml says so: a lower-case common word never names an actor, a role noun may be
    # written either way
    assert [m.actor for m in registry.mentions("Zelenskyy said")] == ["Volodymyr Zelensky"]
    assert [m.actor for m in registry.mentions("zelenskyy said")] == []
    assert [m.role is not None for m in registry.mentions("the nato secretary general said")] == [True]


def test_mentions_take_the_longest_listed_phrase_with_any_apostrophe_or_spacing():
    """The alias regex is a trie of the phrases: it must still prefer the longest phrase, fall
    back to a shorter one when the longer runs on into a word, and read any apostrophe and any
    run of spaces as written in the list."""
    registry = ActorRegistry.from_dict({
        "actors": [{"name": "Joe Biden", "aliases": ["Biden", "Joe Biden's administration"]},
                   {"name": "NATO", "type": "organisation", "aliases": ["the alliance"]}],
        "roles": [{"id": "potus", "nouns": ["the US president", "the president"],
                   "holders": [{"actor": "Joe Biden", "from": "2021-01-20"}]}],
    })
    found = lambda text: [(m.surface, m.actor, m.role) for m in registry.mentions(text)]  # noqa: E731
    assert found("Joe Biden’s  administration said") == [("Joe Biden’s  administration", "Joe Biden", None)]
    assert found("Joe Bidens said") == []  # runs on into a word: no name
    assert found("Joe Biden's aides and Biden") == [("Joe Biden", "Joe Biden", None), ("Biden", "Joe Biden", None)]
    assert found("The US President and the presidents") == [("The US President", None, "potus")]
    assert found("The Alliance") == []  # aliases are names: case counts
    assert found("the alliance") == [("the alliance", "NATO", None)]


def test_ukrainian_and_russian_names_match_with_h_for_g_and_listed_names_are_never_shadowed():
    registry = ActorRegistry.from_dict({"actors": [
        {"name": "Natalia Galibarenko", "country": "Ukraine", "aliases": ["Galibarenko"]},
        {"name": "Andriy Zagorodnyuk", "country": "Ukraine"},
        {"name": "Greg Hands", "country": "United Kingdom"},
        {"name": "Hreg Hands", "country": "Ukraine"},  # a listed name that a variant would spell
    ]})
    assert registry.canonical("Halibarenko") == "Natalia Galibarenko"
    assert registry.canonical("Andriy Zahorodniuk") == "Andriy Zagorodnyuk"  # h for g, then iu for yu
    assert registry.canonical("Hreg Hands") == "Hreg Hands"
    assert registry.canonical("Greg Hangs") is None  # no g/h swapping for names from elsewhere
