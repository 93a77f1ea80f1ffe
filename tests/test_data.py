"""The corpus, its validation and its split: by article, by time, with no leakage."""

import hashlib
import json

import pytest

from stance.config import DataConfig, InputConfig, SplitConfig
from stance.data import ShingleIndex, load_articles, load_splits, load_statements, split_statements
from stance.inputs import build_input, to_dataset_dict
from stance.errors import DataError

from conftest import ROOT, SEEDS


def record(**over):
    base = {"id": "t-1", "article_id": "a-1", "actor": "Joe Biden", "role": "President of the United States",
            "country": "United States", "date": "2021-06-14", "outlet": "AP", "url": None, "kind": "direct",
            "text": "It depends on whether they meet the criteria.", "label": "conditional", "verified": True}
    base.update(over)
    return base


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_shipped_corpus_is_valid_and_large():
    statements = load_statements(ROOT / "data" / "statements")
    assert len(statements) >= 250
    assert len({s["actor"] for s in statements}) >= 25
    assert {s["label"] for s in statements} == {"supportive", "conditional", "denying", "none"}
    assert all(s["outlet"] and "url" in s for s in statements)


def test_unknown_label_names_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [record(), record(id="t-2", label="pro")])
    with pytest.raises(DataError, match=r"s.jsonl:2: unknown label 'pro'"):
        load_statements(path)


def test_malformed_line_is_reported_and_the_rest_loads(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [record(), "{not json", record(id="t-3"), record(id="t-4", date="June 2021")])
    errors = []
    good = load_statements(path, errors)
    assert [s["id"] for s in good] == ["t-1", "t-3"]
    assert [e.location.split("/")[-1] for e in errors] == ["s.jsonl:2", "s.jsonl:4"]
    assert "malformed JSON" in str(errors[0]) and "'date'" in str(errors[1])


def test_missing_field_is_named(tmp_path):
    rec = record()
    del rec["outlet"]
    with pytest.raises(DataError, match="missing field\\(s\\): outlet"):
        load_statements(write_jsonl(tmp_path / "s.jsonl", [rec]))


def test_split_is_by_article_and_time():
    splits = load_splits(DataConfig())
    where = {}
    for name, items in splits.items():
        for st in items:
            assert where.setdefault(st["article_id"], name) == name, f"{st['article_id']} in two splits"
    test_from = SplitConfig().test_from
    test_articles = {st["article_id"] for st in splits.test}
    assert splits.test and splits.dev and splits.train
    assert all(st["date"] >= test_from for st in splits.test)
    assert all(st["article_id"] not in test_articles and st["date"] < test_from for st in splits.train + splits.dev)


def test_train_fraction_keeps_a_nested_share_of_train_articles_and_leaves_dev_and_test_whole():
    # learning curves compare shares of the training data: they are only comparable if dev and
    # test do not move, and nested so a larger share adds articles rather than swapping them
    def text(i):  # unrelated word sequences, so the near-duplicate guard drops nothing
        return " ".join(hashlib.sha256(f"{i}:{j}".encode()).hexdigest()[:6] for j in range(8))

    rows = [record(id=f"t-{i}", article_id=f"a-{i}", text=text(i)) for i in range(400)]
    rows += [record(id=f"t-x{i}", article_id=f"x-{i}", date="2025-02-01", text=text(500 + i)) for i in range(20)]
    full = split_statements(rows, SplitConfig())
    assert not full.dropped and len(full.test) == 20
    half = split_statements(rows, SplitConfig(train_fraction=0.5))
    quarter = split_statements(rows, SplitConfig(train_fraction=0.25))
    ids = {name: {st["id"] for st in s.train} for name, s in (("full", full), ("half", half), ("quarter", quarter))}
    assert ids["quarter"] < ids["half"] < ids["full"]
    assert 0.4 < len(ids["half"]) / len(ids["full"]) < 0.6 and 0.15 < len(ids["quarter"]) / len(ids["full"]) < 0.35
    for s in (half, quarter):
        assert [st["id"] for st in s.dev] == [st["id"] for st in full.dev]
        assert [st["id"] for st in s.test] == [st["id"] for st in full.test]
    assert split_statements(rows, SplitConfig(train_fraction=1.0)).train == full.train


def test_near_duplicates_of_test_or_gold_quotes_are_dropped():
    a = record(id="x1", article_id="old", date="2020-01-01", text="Ukraine will never be a member of NATO, never.")
    b = record(id="x2", article_id="new", date="2025-02-01", text="Ukraine will never be a member of NATO")
    c = record(id="x3", article_id="old2", date="2020-01-02", text="It depends on whether they meet the criteria.")
    splits = split_statements([a, b, c], SplitConfig(dev_fraction=0.0), held_out_texts=["It depends on whether they meet the criteria"])
    assert [s["id"] for s in splits.test] == ["x2"]
    assert splits.train == [] and {s["id"] for s, _ in splits.dropped} == {"x1", "x3"}


def test_seed_quotes_never_reach_training():
    splits = load_splits(DataConfig())
    gold = load_articles(ROOT / "data" / "articles", SEEDS)
    index = ShingleIndex(q["text"] for a in gold for q in a.quotes)
    leaks = [st["text"] for st in splits.train + splits.dev if index.matches(st["text"])]
    assert leaks == []


def test_build_input_recipes():
    rec = record(cue="said", context="Asked about the Vilnius summit")
    assert build_input(rec, InputConfig(target=True)) == (
        "Joe Biden said: It depends on whether they meet the criteria.",
        "Ukraine joining NATO | Asked about the Vilnius summit",
    )
    assert build_input(rec, InputConfig(actor=False, cue=False, context=False, target=False)) == (
        "It depends on whether they meet the criteria.", None)


def test_dataset_dict_columns():
    splits = split_statements([record(), record(id="t-2", article_id="a-2", date="2025-03-01", label="denying", text="Membership is off the table for now and for good.")], SplitConfig(dev_fraction=0.0))
    dd = to_dataset_dict(splits, InputConfig())
    assert set(dd) == {"train", "dev", "test"}
    assert dd["train"][0]["label"] == 1 and dd["test"][0]["label"] == 2
    assert {"text", "text_pair", "label", "article_id"} <= set(dd["train"].column_names)


def test_gold_article_with_wrong_offsets_is_named(tmp_path):
    doc = {"id": "x", "text": "Biden said it depends.", "date": "2021-06-14",
           "quotes": [{"start": 0, "end": 5, "text": "said", "actor": "Joe Biden", "label": "none", "kind": "reported"}],
           "actors": {}}
    (tmp_path / "x.json").write_text(json.dumps(doc))
    with pytest.raises(DataError, match=r"x.json: quotes\[0\]: text\[0:5\] is 'Biden'"):
        load_articles(tmp_path)


def test_negating_cue_is_read_as_assertion_with_label_swapped():
    from stance.composition import as_asserted

    rec = record(kind="reported", cue="rejected", label="supportive", text="Moscow's demand that Ukraine never join")
    assert as_asserted(rec)["cue"] == "said" and as_asserted(rec)["label"] == "denying"
    assert as_asserted(record(cue="said")) == record(cue="said")
    assert build_input(rec, InputConfig())[0].startswith("Joe Biden said: ")


def test_refusing_cues_are_recognised_and_ordinary_cues_are_not():
    from stance.composition import refusing

    for cue in ("refused", "declined to say", "avoided predicting", "would not be drawn on", "sidestepped"):
        assert refusing(record(cue=cue)), cue
    for cue in ("said", "declared", "decided", "denied", "defended", None):
        assert not refusing(record(cue=cue)), cue


def test_data_check_names_a_page_filed_under_two_reports(tmp_path):
    # splits are by article_id: one page under two ids could land in train and test at once
    from stance.datacheck import check

    url = "https://example.org/report"
    path = write_jsonl(tmp_path / "s.jsonl", [
        record(url=url),
        record(id="t-2", article_id="a-2", url=url, text="Ukraine will be a member of NATO."),
        record(id="t-3", article_id="a-3", url="https://example.org/other", text="The door is open."),
    ])
    problems = check(DataConfig(statements=str(path), articles=str(tmp_path / "none")))
    assert len(problems) == 1
    assert "t-2" in problems[0] and "'a-1'" in problems[0] and "one page, one article_id" in problems[0]
