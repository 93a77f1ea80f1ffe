"""`stance report`: timelines, position changes, syndication and DNA export over analyze's output."""

import csv
import json

import networkx as nx

from stance.cli import main
from stance.report import events, position_changes, timeline, wilson, write_report


def _result(id_, day, actor, label, text, p=0.9):
    probs = {"supportive": 0.02, "conditional": 0.02, "denying": 0.02, "none": 0.02}
    probs[label] = p
    return {"id": id_, "date": day, "actors": [], "quotes": [{"actor": actor, "text": text, "label": label, "probabilities": probs}]}


def _shifting_actor():
    # three supportive statements in 2021, three denying from March 2022: one change, on 2022-03-01
    days = ["2021-01-05", "2021-02-05", "2021-03-05", "2022-03-01", "2022-04-01", "2022-05-01"]
    labels = ["supportive"] * 3 + ["denying"] * 3
    return [_result(f"a{i}", d, "X", lab, f"statement number {i}") for i, (d, lab) in enumerate(zip(days, labels))]


def test_a_position_change_is_found_on_its_date_with_evidence():
    evts, _ = events(_shifting_actor())
    (change,) = position_changes(evts, min_evidence=3)
    assert (change["date"], change["from"], change["to"]) == ("2022-03-01", "supportive", "denying")
    assert change["evidence_after"][0]["quote"] == "statement number 3"
    assert position_changes(evts, min_evidence=4) == []  # not enough evidence on one side


def test_a_steady_actor_has_no_change():
    steady = [_result(f"s{i}", f"2021-0{i + 1}-01", "Y", "conditional", f"q {i}") for i in range(8)]
    assert position_changes(events(steady)[0]) == []


def test_syndicated_copies_count_once_with_their_articles():
    copies = [_result("reuters", "2023-07-11", "X", "conditional", "When allies agree, and conditions are met."),
              _result("yahoo", "2023-07-11", "X", "conditional", "when allies agree and conditions are met"),
              _result("later", "2023-08-01", "X", "conditional", "When allies agree, and conditions are met.")]
    evts, _ = events(copies)
    assert [e["articles"] for e in evts] == [["reuters", "yahoo"], ["later"]]


def test_conditions_reach_the_dna_export(tmp_path):
    result = _result("c", "2023-07-11", "NATO", "conditional", "We will invite Ukraine when allies agree and conditions are met.")
    result["quotes"][0]["condition"] = {"text": "when allies agree and conditions are met", "start": 22, "end": 62}
    write_report([result], tmp_path)
    with open(tmp_path / "dna_statements.csv", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["condition"] == "when allies agree and conditions are met" and row["agreement"] == ""


def test_none_quotes_and_undated_articles_stay_out():
    evts, undated = events([_result("n", "2023-01-01", "X", "none", "hello"), {**_result("u", None, "X", "supportive", "yes"), "date": None}])
    assert evts == [] and undated == 1


def test_timeline_shares_and_wilson_bands():
    rows = timeline(events(_shifting_actor())[0], "month")
    first = rows[0]
    assert (first["period"], first["statements"], first["supportive_share"]) == ("2021-01", 1, 1.0)
    lo, hi = wilson(1, 1)
    assert first["supportive_low"] == round(lo, 3) and hi == 1.0 and lo < 0.3  # one statement says little
    assert [r["period"] for r in timeline(events(_shifting_actor())[0], "week")][0] == "2021-W01"


def test_report_files_and_dna_export(tmp_path):
    summary = write_report(_shifting_actor(), tmp_path)
    assert summary["position_changes"] == 1 and [tuple(t) for t in summary["top_actors"]] == [("X", 6)]
    with open(tmp_path / "dna_statements.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["agreement"] == "1" and rows[-1]["agreement"] == "0" and rows[0]["concept"] == "Ukraine joining NATO"
    graph = nx.read_graphml(tmp_path / "actor_stance.graphml")
    assert graph["X"]["supportive"]["weight"] == 3 and graph["X"]["denying"]["weight"] == 3
    assert (tmp_path / "timeline.png").stat().st_size > 1000
    page = (tmp_path / "timeline.html").read_text()
    assert "<svg" in page and "Position change on 2022-03-01" in page and "<script" not in page


def test_stance_report_over_analyze_output(capsys, tiny_model_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    text = '"Ukraine belongs in NATO," Kuleba said. Orban said Hungary "will never support it."'
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "date": f"2024-0{1 + i % 6}-01"}) + "\n" for i in range(12)))
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "--model", str(tiny_model_dir), "--output", str(out), str(src)]) == 0
    assert all(json.loads(line)["date"].startswith("2024-") for line in out.read_text().splitlines())
    assert main(["report", str(out), "--out", str(tmp_path / "report")]) == 0
    err = capsys.readouterr().err
    assert "from 12 articles" in err
    summary = json.loads((tmp_path / "report" / "summary.json").read_text())
    assert summary["articles"] == 12 and summary["undated_articles"] == 0


def test_a_real_reposted_quote_counts_once():
    # the Vilnius declaration's words, in two outlets' reports of 11 July 2023 (real-news passages)
    from stance.data import load_realnews

    from conftest import ROOT

    passages = {a.id: a for a in load_realnews(ROOT / "data" / "realnews") + load_realnews(ROOT / "data" / "realnews", "train")}
    results = []
    for pid in ("rn-e-07", "rt-g-01"):
        a = passages[pid]
        results.append({"id": a.id, "date": a.date, "quotes": [
            {"actor": q["actor"], "text": q["text"], "label": q["label"], "probabilities": {q["label"]: 1.0}} for q in a.quotes]})
    evts, _ = events(results)
    invitation = [e for e in evts if e["actor"] == "NATO" and "extend an invitation" in e["quote"]]
    assert len(invitation) == 1 and sorted(invitation[0]["articles"]) == ["rn-e-07", "rt-g-01"]
