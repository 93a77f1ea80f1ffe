"""Conditions of conditional statements, as spans: the examples issue #18 names and real quotes."""

import pytest

from stance.conditions import add_conditions, find_condition


@pytest.mark.parametrize("quote, condition", [
    ("Ukraine will join NATO after the war ends.", "after the war ends"),
    ("We will be in a position to extend an invitation when allies agree and conditions are met.", "when allies agree and conditions are met"),
    ("Membership is possible once reforms are done, but not before.", "once reforms are done"),
    ("It depends on whether they meet the criteria.", "depends on whether they meet the criteria"),
    ("Any decision is taken by consensus of all allies.", "by consensus of all allies"),
    ("Not until the fighting stops – that is the reality.", "until the fighting stops"),
    ("If Ukraine meets the criteria, it will be invited.", "If Ukraine meets the criteria"),
    ("Only after the war is over can we talk about membership.", "Only after the war is over can we talk about membership"),
])
def test_the_condition_span(quote, condition):
    start, end = find_condition(quote)
    assert quote[start:end] == condition


def test_no_marker_no_condition():
    assert find_condition("The door is open.") is None


def test_conditions_are_added_to_conditional_quotes_only_with_article_offsets():
    article = 'Biden said: "It depends on whether they meet the criteria." He added "NATO is strong."'
    quotes = [{"text": "It depends on whether they meet the criteria.", "start": 13, "end": 59, "label": "conditional"},
              {"text": "NATO is strong.", "start": 70, "end": 85, "label": "supportive"}]
    add_conditions(quotes)
    condition = quotes[0]["condition"]
    assert article[condition["start"]:condition["end"]] == condition["text"] == "depends on whether they meet the criteria"
    assert "condition" not in quotes[1]


def test_the_gold_condition_spans_are_substrings_of_conditional_statements():
    # data/realnews/conditions.jsonl scores the rules (scripts/eval_conditions.py); it must stay
    # aligned with the passages it annotates
    import json

    from stance.data import load_realnews

    from conftest import ROOT

    passages = {a.id: a for a in load_realnews(ROOT / "data" / "realnews")}
    rows = [json.loads(line) for line in (ROOT / "data" / "realnews" / "conditions.jsonl").read_text().splitlines()]
    conditional = sum(q["label"] == "conditional" for a in passages.values() for q in a.quotes)
    assert len(rows) == conditional
    for row in rows:
        quote = passages[row["passage"]].quotes[row["quote"]]
        assert quote["text"] == row["text"] and quote["label"] == "conditional"
        assert row["condition"] is None or row["condition"] in row["text"]
