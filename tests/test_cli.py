"""The `stance` command line: formats, bad input, and one-line errors with non-zero exits."""

import csv
import io
import json
import subprocess
import sys


from stance.cli import main

from conftest import ROOT, SEED_000, SEED_001


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_missing_model_is_one_line_and_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, "analyze", "--model", str(tmp_path / "none"), str(SEED_000))
    assert code == 2
    assert err.strip().count("\n") == 0
    assert "stance train --config configs/default.yaml" in err


def test_analyze_json_follows_the_contract(capsys, tiny_model_dir):
    code, out, err = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "json", str(SEED_000))
    assert code == 0
    doc = json.loads(out)
    assert doc["id"] == SEED_000.stem and {"actors", "quotes"} <= set(doc)
    assert "1 articles" in err


def test_analyze_formats(capsys, tiny_model_dir):
    code, out, _ = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", str(SEED_000), str(SEED_001))
    assert code == 0 and len(out.strip().splitlines()) == 2
    code, out, _ = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "csv", str(SEED_000))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows == [] or set(rows[0]) >= {"id", "actor", "stance", "confidence", "evidence"}
    code, out, _ = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "table", str(SEED_000))
    assert out.startswith(f"== {SEED_000.stem} ==")


def test_analyze_jsonl_skips_bad_records_and_keeps_the_rest(capsys, tiny_model_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok1", "text": '"Ukraine will join NATO," Biden said.'}),
        "{broken",
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "notext"}),
        json.dumps({"id": "ok2", "text": "Nothing quoted here."}),
    ]) + "\n")
    code, out, err = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", str(src))
    assert code == 0
    assert [json.loads(l)["id"] for l in out.splitlines()] == ["ok1", "ok2"]
    assert f"{src}:2: malformed JSON" in err and f"{src}:3: empty article" in err and f"{src}:4: field 'text'" in err
    assert "3 skipped" in err


def test_analyze_reads_stdin(capsys, tiny_model_dir, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(SEED_000.read_text()))
    code, out, _ = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "json", "-")
    assert code == 0 and json.loads(out)["id"] == "stdin"


def test_classify_one_prediction_per_line(capsys, tiny_model_dir, tmp_path):
    src = tmp_path / "q.jsonl"
    src.write_text(json.dumps({"actor": "Joe Biden", "text": "It depends on whether they meet the criteria."}) + "\n"
                   + "[1, 2]\n" + json.dumps({"actor": "Orban", "text": "Never."}) + "\n")
    code, out, err = run(capsys, "classify", "--model", str(tiny_model_dir), "--input", str(src))
    assert code == 0
    preds = [json.loads(l) for l in out.splitlines()]
    assert [p["actor"] for p in preds] == ["Joe Biden", "Orban"]
    assert f"{src}:2: expected a JSON object" in err


def test_evaluate_writes_json_and_markdown(capsys, tiny_model_dir, tmp_path):
    code, out, _ = run(capsys, "evaluate", "--model", str(tiny_model_dir), "--report", str(tmp_path / "r"))
    assert code == 0 and "tfidf_logreg" in out
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert {"classification", "extraction", "actor_level", "errors"} <= set(report)
    # real news beside the corpus's own test split: the classifier on gold statements it has not
    # seen in training (near-duplicates set aside and counted), extraction and the whole pipeline
    real = report["classification_realnews_test"]
    assert real["model"]["n"] + real["set_aside_as_seen_in_training"] == report["extraction_realnews_test"]["gold"]
    assert "actor_level_realnews_test" in report and "real-news passages (test part" in out
    assert (tmp_path / "r" / "report.md").read_text().startswith("# Evaluation report")
    for name in ("confusion.png", "reliability.png"):
        assert (tmp_path / "r" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "r" / "errors.jsonl").exists()


def test_evaluate_on_user_data_skips_bad_labels(capsys, tiny_model_dir, tmp_path):
    src = tmp_path / "mine.jsonl"
    src.write_text(json.dumps({"actor": "A", "text": "Ukraine must join now.", "label": "supportive"}) + "\n"
                   + json.dumps({"actor": "B", "text": "No way.", "label": "against"}) + "\n")
    code, out, _ = run(capsys, "evaluate", "--model", str(tiny_model_dir), "--data", str(src))
    assert code == 0 and "n = 1 statements" in out


def test_data_check_passes_on_the_shipped_corpus(capsys):
    code, out, err = run(capsys, "data", "check")
    assert code == 0, out[:2000]


def test_data_stats_json(capsys):
    code, out, _ = run(capsys, "data", "stats", "--json")
    stats = json.loads(out)
    assert stats["statements"] >= 250 and stats["actors"] >= 25 and stats["gold_articles"] >= 2


def test_bad_config_key_is_one_line(capsys, tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("trainig: {}\n")
    code, _, err = run(capsys, "train", "--config", str(bad), "--output", str(tmp_path / "m"))
    assert code == 2 and "unknown key 'trainig'" in err and err.count("\n") == 1


def test_python_dash_m_entry_point():
    out = subprocess.run([sys.executable, "-m", "stance", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "analyze" in out.stdout


def _articles_jsonl(path, n):
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": f'"Ukraine will join NATO in {2030 + i}," Biden said.'}) + "\n" for i in range(n)))
    return path


def test_resume_after_a_crash_gives_every_id_exactly_once(capsys, tiny_model_dir, tmp_path):
    src = _articles_jsonl(tmp_path / "in.jsonl", 7)
    out = tmp_path / "out.jsonl"
    # a previous run that died mid-write: three complete lines and half of a fourth
    full = subprocess.run([sys.executable, "-m", "stance", "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", str(src)],
                          capture_output=True, text=True, cwd=ROOT).stdout.splitlines()
    out.write_text("\n".join(full[:3]) + "\n" + full[3][: len(full[3]) // 2])
    code, _, err = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", "--output", str(out), "--resume", str(src))
    assert code == 0 and "3 already in" in err
    ids = [json.loads(l)["id"] for l in out.read_text().splitlines()]
    assert sorted(ids) == [f"a{i}" for i in range(7)]
    # resuming a finished run adds nothing
    run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", "--output", str(out), "--resume", str(src))
    assert len(out.read_text().splitlines()) == 7


def _kill_9_then_resume(model_dir, src, out):
    """Start a run, kill -9 it once 20 results are written, run it again with --resume."""
    import signal
    import time

    cmd = [sys.executable, "-m", "stance", "analyze", "--model", str(model_dir), "--format", "jsonl",
           "--batch-size", "4", "--output", str(out), "--resume", str(src)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 20):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def test_resume_survives_kill_9(tiny_model_dir, tmp_path):
    src = _articles_jsonl(tmp_path / "in.jsonl", 400)
    out = tmp_path / "out.jsonl"
    _kill_9_then_resume(tiny_model_dir, src, out)
    ids = [json.loads(l)["id"] for l in out.read_text().splitlines()]
    assert sorted(ids) == sorted(f"a{i}" for i in range(400))


def test_shards_partition_the_input(capsys, tiny_model_dir, tmp_path):
    src = _articles_jsonl(tmp_path / "in.jsonl", 12)
    seen = []
    for i in range(3):
        code, out, _ = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl",
                           "--num-shards", "3", "--shard-index", str(i), str(src))
        assert code == 0
        seen.append([json.loads(l)["id"] for l in out.splitlines()])
    assert sorted(sum(seen, [])) == sorted(f"a{i}" for i in range(12))
    assert all(seen)  # every shard got work


def test_bad_shard_arguments(capsys, tiny_model_dir):
    code, _, err = run(capsys, "analyze", "--model", str(tiny_model_dir), "--num-shards", "2", "--shard-index", "2", str(SEED_000))
    assert code == 2 and "--shard-index" in err


def test_analyze_streams_jsonl_from_stdin(capsys, tiny_model_dir, monkeypatch):
    lines = "\n" + json.dumps({"id": "x1", "text": '"Ukraine will join NATO," Biden said.'}) + "\n{bad\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code, out, err = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", "-")
    assert code == 0 and [json.loads(l)["id"] for l in out.splitlines()] == ["x1"]
    assert "<stdin>:3: malformed JSON" in err


def _hostile_batch(path, good_ids):
    """Every bad record issue #19 lists, each between good ones."""
    good = '"Ukraine belongs in NATO," Kuleba said. Orban said Hungary "will never support it."'
    bad = [
        '{"id": "bad-date", "text": "x y z", "date": "yesterday"}',
        '{"id": "int-date", "text": "x y z", "date": 20240101}',
        '{"id": 7, "text": "x y z"}',
        '{"id": "dup", "text": "x y z"}',  # the first 'dup' is good; this one repeats it
        '{"id": "no-text"}',
        '{"id": "bin", "text": "' + "\\u0001\\u0002" * 100 + '"}',
        '{"id": "broken", "text": ',
    ]
    lines = []
    for i, gid in enumerate(good_ids):
        # lone surrogates, NUL and control characters inside a good record are cleaned, not fatal
        lines.append(json.dumps({"id": gid, "text": good + (" \ud800 \x00\x07" if i % 2 else ""), "date": "2024-01-0%d" % (1 + i % 9)}))
        if i < len(bad):
            lines.append(bad[i])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    return path


def test_a_batch_of_bad_records_keeps_every_good_one_exactly_once(capsys, tiny_model_dir, tmp_path):
    good_ids = ["dup"] + [f"g{i}" for i in range(9)]
    src = _hostile_batch(tmp_path / "in.jsonl", good_ids)
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "analyze", "--model", str(tiny_model_dir), "--format", "jsonl", "--output", str(out), str(src))
    assert code == 0
    assert sorted(json.loads(l)["id"] for l in out.read_text().splitlines()) == sorted(good_ids)
    for reason in ("'yesterday'", "got int 20240101", "got int 7", "duplicate id: 'dup'", "field 'text'", "binary", "malformed JSON"):
        assert reason in err, reason
    assert "7 skipped" in err


def test_a_hostile_batch_killed_and_resumed_keeps_every_good_one_exactly_once(tiny_model_dir, tmp_path):
    good_ids = ["dup"] + [f"g{i}" for i in range(300)]
    src = _hostile_batch(tmp_path / "in.jsonl", good_ids)
    out = tmp_path / "out.jsonl"
    done = _kill_9_then_resume(tiny_model_dir, src, out)
    assert "duplicate id: 'dup'" in done.stderr and "'yesterday'" in done.stderr
    ids = [json.loads(l)["id"] for l in out.read_text().splitlines()]
    assert sorted(ids) == sorted(good_ids)


def test_classify_skips_only_the_bad_statements(capsys, tiny_model_dir, tmp_path):
    src = tmp_path / "st.jsonl"
    src.write_text('{"actor": "A", "text": "fine"}\n{"actor": 3, "text": "x"}\n{"actor": "B", "text": "bad \\ud800 surrogate"}\n')
    code, out, err = run(capsys, "classify", "--model", str(tiny_model_dir), "--format", "jsonl", "--input", str(src))
    assert code == 0
    assert [json.loads(l)["actor"] for l in out.splitlines()] == ["A", "B"]
    assert "field 'actor' must be a string" in err and "2 statements classified, 1 skipped" in err


def test_an_unwritable_output_fails_before_the_model_loads(capsys, tmp_path):
    # the model path does not exist either: the output error coming first shows the order
    code, _, err = run(capsys, "analyze", "--model", str(tmp_path / "no-model"), "--format", "jsonl",
                       "--output", str(tmp_path / "missing" / "out.jsonl"), str(SEED_000))
    assert code == 2 and "cannot write the output" in err and err.count("\n") == 1
