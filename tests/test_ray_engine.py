"""`stance analyze --engine ray` on a real local Ray cluster (started and stopped here, on
127.0.0.1): the same results as the local path, every id exactly once when a worker is killed,
and a killed run resumed from its parts."""

import json
import signal
import subprocess
import sys
import threading
import time

import pytest

ray = pytest.importorskip("ray", reason="the ray extra installs Ray")

from stance.cli import main  # noqa: E402
from stance.parts import read_parts  # noqa: E402

from conftest import ROOT, SEEDS  # noqa: E402


def _corpus(path, n):
    """n articles from the gold articles' texts, each id unique (texts repeat)."""
    from stance.data import load_articles

    texts = [a.text for a in load_articles(ROOT / "data" / "articles", SEEDS)]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"r{i}", "text": texts[i % len(texts)], "date": "2024-03-0%d" % (1 + i % 9)}) + "\n")
    return path


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def _local(capsys, model_dir, *inputs):
    assert main(["analyze", "--model", str(model_dir), "--backend", "torch", "--format", "jsonl", *map(str, inputs)]) == 0
    return {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}


def _same(a: dict, b: dict):
    # identical quotes, speakers and stances; probabilities to 3 decimals (1 vs 2 torch threads)
    assert a["quotes"] == b["quotes"] or all(
        {k: v for k, v in qa.items() if k != "probabilities"} == {k: v for k, v in qb.items() if k != "probabilities"}
        for qa, qb in zip(a["quotes"], b["quotes"]))
    assert [(x["actor"], x["stance"]) for x in a["actors"]] == [(x["actor"], x["stance"]) for x in b["actors"]]
    for x, y in zip(a["actors"], b["actors"]):
        assert abs(x["confidence"] - y["confidence"]) < 1e-3


def test_ray_gives_the_local_results_on_the_seeds_and_1000_articles(cluster, capsys, tiny_model_dir, tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 1000)
    local = _local(capsys, tiny_model_dir, SEEDS, src)
    out = tmp_path / "ray-out"
    code = main(["analyze", "--engine", "ray", "--workers", "2", "--model", str(tiny_model_dir), "--backend", "torch",
                 "--output", str(out), str(SEEDS), str(src)])
    assert code == 0
    remote = {r["id"]: r for r in read_parts(out)}
    assert len(read_parts(out)) == len(remote) == len(local) == 1002
    for key, result in local.items():
        _same(result, remote[key])
    # the seed checks hold on the Ray path too: one stance per actor, as locally
    seed = next(k for k in remote if k.startswith("000_"))
    assert {a["actor"] for a in remote[seed]["actors"]} == {a["actor"] for a in local[seed]["actors"]}


def test_bad_records_are_listed_and_parquet_round_trips(cluster, capsys, tiny_model_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "\\"Yes to NATO,\\" Kuleba said."}\n{"id": "b", "text": "x", "date": "June"}\n{oops\n'
                   '{"id": "a", "text": "again"}\n')
    out = tmp_path / "out"
    code = main(["analyze", "--engine", "ray", "--workers", "1", "--model", str(tiny_model_dir), "--backend", "torch",
                 "--format", "parquet", "--output", str(out), str(src)])
    err = capsys.readouterr().err
    assert code == 0
    assert [r["id"] for r in read_parts(out)] == ["a"]
    assert "in.jsonl:2: field 'date'" in err and "in.jsonl:3: malformed JSON" in err and "duplicate id: 'a'" in err


def _analyzer_pids():
    import psutil

    return [p.pid for p in psutil.process_iter(["cmdline"]) if "Analyzer" in " ".join(p.info["cmdline"] or [])]


def test_a_killed_worker_loses_and_duplicates_nothing(cluster, tiny_model_dir, tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 3000)
    out = tmp_path / "out"
    result = {}

    def run():
        result["code"] = main(["analyze", "--engine", "ray", "--workers", "2", "--batch-size", "4", "--model",
                               str(tiny_model_dir), "--backend", "torch", "--output", str(out), str(src)])

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.time() + 120
    while time.time() < deadline and len(_analyzer_pids()) < 2:
        time.sleep(0.2)
    time.sleep(2)  # mid-run: the actors are working on blocks
    pids = _analyzer_pids()
    assert pids, "no Analyzer worker process to kill"
    import os

    os.kill(pids[0], signal.SIGKILL)
    thread.join(timeout=600)
    assert result.get("code") == 0
    ids = [r["id"] for r in read_parts(out)]
    assert len(ids) == len(set(ids)) == 3000


def test_a_killed_run_resumes_from_its_parts(tiny_model_dir, tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 3000)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "stance", "analyze", "--engine", "ray", "--workers", "1", "--model", str(tiny_model_dir),
           "--backend", "torch", "--part-size", "200", "--output", str(out), "--resume", str(src)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 180
    while time.time() < deadline and len(list(out.glob("part-*"))) < 2:
        time.sleep(0.2)
    import os

    os.killpg(proc.pid, signal.SIGKILL)  # the driver and the local cluster it started
    proc.wait()
    written = len(read_parts(out))
    assert 0 < written < 3000
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{written} already in" in done.stderr
    ids = [r["id"] for r in read_parts(out)]
    assert len(ids) == len(set(ids)) == 3000
