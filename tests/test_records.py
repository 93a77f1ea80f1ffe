"""The input boundary: what a user sends is checked and cleaned once, so later stages never crash."""

import json
from datetime import date

import pytest

from stance import records


def test_lone_surrogates_and_controls_are_replaced_one_for_one():
    text = "Zelensky said \ud800 \x00\x07 \"yes\"\x7f"
    clean = records.clean_text(text)
    assert len(clean) == len(text)  # offsets into the user's text stay valid
    assert "\ud800" not in clean and "\x00" not in clean and "\x7f" not in clean
    json.dumps(clean).encode("utf-8")  # encodable: output and the tokenizer both need it
    assert records.clean_text("tab\tline\nfeed\r\f") == "tab\tline\nfeed\r\f"


@pytest.mark.parametrize("value, message", [
    ("yesterday", "not a date in YYYY-MM-DD form: 'yesterday'"),
    (20240101, "must be a 'YYYY-MM-DD' string, got int 20240101"),
    ("2024-02-30", "not a date"),
])
def test_bad_dates_are_errors_not_silently_dropped(value, message):
    with pytest.raises(records.RecordError, match=message):
        records.article({"text": "x", "date": value})


def test_dates_parse_with_or_without_a_time():
    assert records.article({"text": "x", "date": "2024-05-06T10:00:00Z"})["date"] == date(2024, 5, 6)
    assert records.article({"text": "x", "date": None})["date"] is None


@pytest.mark.parametrize("value", [7, 7.0, True, "", ["a"]])
def test_ids_must_be_strings(value):
    # 7 and "7" would collide; a resumed run would then skip a record it never wrote
    with pytest.raises(records.RecordError, match="field 'id' must be a non-empty string"):
        records.article({"id": value, "text": "x"})


def test_a_missing_or_null_id_takes_the_default_not_the_string_none():
    assert records.article({"id": None, "text": "x"}, default_id="f.jsonl:3")["id"] == "f.jsonl:3"
    assert records.article({"text": "x"})["id"] is None


@pytest.mark.parametrize("record, message", [
    ({"text": 5}, "field 'text' missing or not a string"),
    ({"text": "  \n"}, "empty article"),
    ({"text": "\x01\x02\x03\x04" * 50}, "binary content"),
    ([1, 2], "expected a string or an object"),
])
def test_unusable_articles(record, message):
    with pytest.raises(records.RecordError, match=message):
        records.batch_article(record)


def test_the_python_api_takes_an_empty_article():
    assert records.article("")["text"] == ""


def test_statements_are_cleaned_and_typed():
    st = records.statement({"actor": "A\ud800", "text": "no \x00 way", "context": None})
    assert st == {"actor": "A\ufffd", "text": "no   way", "context": None}
    with pytest.raises(records.RecordError, match="field 'cue' must be a string"):
        records.statement({"text": "x", "cue": 3})


def test_duplicate_ids_name_the_first_place():
    seen = records.DuplicateIds()
    seen.check("a", "f:1")
    seen.check("a", "f:1")  # the same record looked at twice is not a duplicate
    with pytest.raises(records.RecordError, match="duplicate id: 'a' first seen at f:1"):
        seen.check("a", "f:9")
