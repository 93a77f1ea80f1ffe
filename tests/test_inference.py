"""StanceModel: classify, analyze, analyze_many and the per-actor aggregation."""

import numpy as np
import pytest

from stance import StanceModel
from stance.errors import StanceError
from stance.inference import aggregate

from conftest import SEED_000


def test_classify_returns_one_prediction_per_item(tiny_model):
    preds = tiny_model.classify([
        {"actor": "Joe Biden", "text": "It depends on whether they meet the criteria."},
        {"actor": "Viktor Orban", "text": "Hungary will never support it.", "context": "On Ukraine's NATO bid"},
    ])
    assert len(preds) == 2
    for p in preds:
        assert p["label"] in ("supportive", "conditional", "denying", "none")
        assert abs(sum(p["probabilities"].values()) - 1) < 1e-3
        assert p["confidence"] == max(p["probabilities"].values())


def test_classify_rejects_missing_text_with_its_index(tiny_model):
    with pytest.raises(StanceError, match="item 1: field 'text'"):
        tiny_model.classify([{"actor": "A", "text": "fine words here"}, {"actor": "B"}])


def test_analyze_seed_contract(tiny_model):
    text = SEED_000.read_text()
    d = tiny_model.analyze(text, id="seed-000").to_dict()
    assert d["id"] == "seed-000"
    assert {q["actor"] for q in d["quotes"]} >= {"Volodymyr Zelensky", "Jens Stoltenberg", "Joe Biden"}
    for q in d["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        assert set(q["probabilities"]) == {"supportive", "conditional", "denying", "none"}
        assert q["kind"] in ("direct", "reported", "mixed")
    for a in d["actors"]:
        assert a["stance"] in ("supportive", "conditional", "denying")
        assert all(d["quotes"][i]["actor"] == a["actor"] for i in a["quotes"])


def test_analyze_many_is_lazy_and_keeps_order(tiny_model):
    seen = []

    def gen():
        for i in range(5):
            seen.append(i)
            yield {"id": f"a{i}", "text": f'"Ukraine will join NATO one day soon," Biden said on day {i}.'}

    it = tiny_model.analyze_many(gen(), batch_size=2)
    first = next(it)
    assert first.id == "a0" and len(seen) == 2  # only the first batch was read
    assert [r.id for r in it] == ["a1", "a2", "a3", "a4"]


def test_empty_and_quote_free_articles_give_empty_results(tiny_model):
    assert tiny_model.analyze("").to_dict()["quotes"] == []
    assert tiny_model.analyze("NATO met in Brussels on Monday.").to_dict() == {"id": None, "actors": [], "quotes": []}


def test_non_text_article_is_a_clear_error(tiny_model):
    with pytest.raises(StanceError, match="article 0: expected a string"):
        list(tiny_model.analyze_many([42]))


def test_missing_model_directory_says_how_to_make_one(tmp_path):
    with pytest.raises(StanceError, match="stance train --config configs/default.yaml --output models/default"):
        StanceModel.load(tmp_path / "nothing-here")


def test_aggregate_leaves_out_none_and_weights_by_relevance():
    probs = np.array([
        [0.05, 0.05, 0.05, 0.85],  # none: ignored
        [0.70, 0.10, 0.10, 0.10],
        [0.10, 0.60, 0.10, 0.20],
        [0.10, 0.65, 0.05, 0.20],
    ])
    out = aggregate({"A": [1, 2, 3], "B": [0]}, probs)
    assert [a.actor for a in out] == ["A"]  # B said nothing about membership
    assert out[0].stance == "conditional" and out[0].quotes == [1, 2, 3]
    assert abs(sum(out[0].probabilities.values()) - 1) < 1e-3


def test_reported_denial_is_the_asserted_clause_turned_round(tiny_model):
    """'X denied that P' is classified as 'X said P' with supportive and denying swapped."""
    said = {"actor": "Jens Stoltenberg", "cue": "said", "text": "leaders had confirmed Ukraine would become a member"}
    denied = dict(said, cue="denied")
    p_said, p_denied = tiny_model.classifier.predict([said, denied])
    assert p_denied[0] == pytest.approx(p_said[2]) and p_denied[2] == pytest.approx(p_said[0])
    assert p_denied[1] == pytest.approx(p_said[1]) and p_denied[3] == pytest.approx(p_said[3])


def test_refusal_to_commit_puts_the_stance_mass_on_conditional(tiny_model):
    """'X refused to give a yes or no to Ukraine joining' commits to nothing (LABELS.md: refusing
    to commit is conditional); whether it is on topic at all (`none`) stays the model's call."""
    from stance.inputs import build_input

    refused = {"actor": "Joe Biden", "cue": "refused", "text": "to give a yes or no to Ukraine joining NATO"}
    clf = tiny_model.classifier
    raw = clf.probabilities([build_input(refused, clf.input_cfg)])[0]
    composed = clf.predict([refused])[0]
    assert composed[0] == 0.0 and composed[2] == 0.0
    assert composed[3] == pytest.approx(raw[3])
    assert composed[1] == pytest.approx(raw[0] + raw[1] + raw[2])
    said = dict(refused, cue="said")
    np.testing.assert_allclose(clf.predict([said])[0], clf.probabilities([build_input(said, clf.input_cfg)])[0])


def test_analyze_passes_article_context_only_to_a_model_trained_with_it(tiny_model):
    # issue #20: Quote.context was never set and analyze passed none. Extraction now gives every
    # quote its context; analyze passes it when the model learned from article context
    # (input.article_context), and not to a corpus-only model, which learned from short notes
    import dataclasses

    text = ("Asked whether Ukraine could join after the war, Jens Stoltenberg answered carefully.\n\n"
            "\"Ukraine will become a member,\" he said.")
    [quote] = tiny_model.extract(text)
    assert quote.context == "Asked whether Ukraine could join after the war, Jens Stoltenberg answered carefully. … he said."
    record = {"actor": quote.actor, "cue": quote.cue, "text": quote.text}
    with_context = tiny_model.classifier.predict([dict(record, context=quote.context)])[0]
    without = tiny_model.classifier.predict([record])[0]
    assert not np.allclose(with_context, without, atol=1e-4)

    def analyzed():
        got = tiny_model.analyze(text).to_dict()["quotes"][0]["probabilities"]
        return np.array([got[k] for k in ("supportive", "conditional", "denying", "none")])

    # the default learns from the real-news passages' context, so analyze passes it ...
    assert tiny_model.classifier.input_cfg.article_context and np.allclose(analyzed(), with_context, atol=1e-4)
    saved = tiny_model.classifier.input_cfg
    tiny_model.classifier.input_cfg = dataclasses.replace(saved, article_context=False)
    try:  # ... and a model trained without it (input.article_context: false) reads the quote alone
        assert np.allclose(analyzed(), without, atol=1e-4)
    finally:
        tiny_model.classifier.input_cfg = saved
