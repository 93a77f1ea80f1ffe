"""The real-news evaluation set: it loads, its split is whole, and its test part stays frozen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from stance.data import load_realnews
from stance.datacheck import check_realnews
from stance.errors import StanceError

REALNEWS = "data/realnews"


def test_the_split_names_every_passage_once_and_its_test_part_is_unchanged():
    # a tuned rule must never be checked against an edited test passage: any byte changed in a
    # frozen test file shows up here
    assert check_realnews(__import__("pathlib").Path(REALNEWS)) == []


def test_dev_and_test_are_disjoint_and_together_the_whole_set():
    dev, test, every = (load_realnews(REALNEWS, p) for p in ("dev", "test", None))
    assert {a.id for a in dev}.isdisjoint({a.id for a in test})
    assert {a.id for a in dev} | {a.id for a in test} == {a.id for a in every}
    assert len(test) >= 40 and sum(len(a.quotes) for a in every) >= 600


def test_every_passage_records_its_published_source():
    for a in load_realnews(REALNEWS):
        assert a.source["url"].startswith("http") and a.source["outlet"] and a.date, a.id
        assert a.source["written_by_team"] is False


def test_an_edited_test_passage_is_reported(tmp_path):
    root = tmp_path / "realnews"
    shutil.copytree(REALNEWS, root)
    victim = json.loads((root / "split.json").read_text())["test"][0]
    path = root / "passages" / f"{victim}.json"
    path.write_text(path.read_text().replace("\n", "\n ", 1))
    problems = check_realnews(root)
    assert len(problems) == 1 and "frozen test passage changed" in problems[0]


def test_an_unknown_part_is_refused_with_the_parts_named():
    with pytest.raises(StanceError, match="parts: dev, test, train"):
        load_realnews(REALNEWS, "validation")


def test_a_training_passage_from_an_evaluation_page_is_reported(tmp_path):
    root = tmp_path / "realnews"
    shutil.copytree(REALNEWS, root)
    evaluation = load_realnews(root, "test")[0]
    first = sorted((root / "train").glob("*.json"))[0]
    doc = json.loads(first.read_text())
    doc["source"]["url"] = evaluation.source["url"].replace("https://www.", "http://") + "/"
    first.write_text(json.dumps(doc))
    problems = check_realnews(root)
    assert len(problems) == 1 and "evaluation passage's page" in problems[0]


def test_a_training_passage_from_the_test_period_is_reported(tmp_path):
    root = tmp_path / "realnews"
    shutil.copytree(REALNEWS, root)
    first = sorted((root / "train").glob("*.json"))[0]
    doc = json.loads(first.read_text())
    doc["date"] = "2025-02-01"
    first.write_text(json.dumps(doc))
    assert any("in the test period" in p for p in check_realnews(root))


def test_evaluate_extraction_reports_both_real_news_parts(tmp_path):
    out = subprocess.run([sys.executable, "-m", "stance", "evaluate-extraction", "--report", str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout
    assert "real-news passages, test part" in out and "real-news passages, dev part" in out
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["extraction_realnews_test"]["gold"] == sum(len(a.quotes) for a in load_realnews(REALNEWS, "test"))


def test_realnews_train_adds_training_passages_and_never_evaluation_ones():
    from dataclasses import replace

    from stance.config import load_config
    from stance.data import ShingleIndex, load_splits

    data = load_config("configs/default.yaml").data
    plain, mixed = load_splits(replace(data, realnews_train=False)), load_splits(replace(data, realnews_train=True))
    added = [st for st in mixed.train if st["article_id"] not in {s["article_id"] for s in plain.train}]
    assert added and {st["article_id"] for st in added} <= {a.id for a in load_realnews(REALNEWS, "train")}
    assert mixed.dev == plain.dev and mixed.test == plain.test
    # no added statement repeats one the real-news scores are measured on
    held = ShingleIndex(q["text"] for a in load_realnews(REALNEWS) for q in a.quotes)
    assert not any(held.matches(st["text"]) for st in added)


def test_realnews_train_keeps_the_time_split():
    from dataclasses import replace

    from stance.config import load_config
    from stance.data import load_splits

    data = load_config("configs/default.yaml").data
    mixed = load_splits(replace(data, realnews_train=True))
    dates = [st["date"] for st in mixed.train if st["article_id"].startswith("rt-")]
    assert dates and max(dates) < data.split.test_from


def test_a_training_actor_written_as_another_listed_spelling_is_reported(tmp_path):
    # the gold speaker must be the canonical name, or extraction scores count the right speaker wrong
    root = tmp_path / "realnews"
    shutil.copytree(REALNEWS, root)
    # a `none` statement needs no article-level label to match the new actor
    first, doc, i = next((path, doc, i) for path in sorted((root / "train").glob("*.json"))
                         for doc in [json.loads(path.read_text())]
                         for i, q in enumerate(doc["quotes"]) if q["label"] == "none")
    doc["quotes"][i]["actor"] = "Zelenskyy"
    first.write_text(json.dumps(doc))
    problems = check_realnews(root)
    assert len(problems) == 1 and f"quotes[{i}].actor 'Zelenskyy' is a listed spelling of 'Volodymyr Zelensky'" in problems[0]
