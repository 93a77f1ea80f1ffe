"""Inference backends: the ONNX Runtime graphs compute what the PyTorch model computes, are built
once and cached beside the model, are rebuilt when the weights change, and bad choices fail at the
boundary with a message."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from stance.backends import resolve_backend, weights_fingerprint
from stance.errors import StanceError
from stance.model import Classifier

STATEMENTS = [
    {"actor": "Volodymyr Zelensky", "text": "Ukraine's place is in NATO.", "cue": "said"},
    {"actor": "Jens Stoltenberg", "text": "Membership is not on the table during a war, and allies agree on that completely.",
     "context": "At the summit in Vilnius."},
    {"actor": "Joe Biden", "text": "Ukraine is not ready for membership.", "cue": "told"},
    {"actor": "Emmanuel Macron", "text": "Ukraine's place is in NATO.", "cue": "said"},
]


def test_auto_takes_the_fastest_exact_backend_for_the_machine(monkeypatch):
    import stance.backends as backends

    assert resolve_backend("auto", "cuda") == "torch"
    monkeypatch.setattr(backends, "has_native_bf16", lambda: True)
    assert resolve_backend("auto", "cpu") == "bf16"
    monkeypatch.setattr(backends, "has_native_bf16", lambda: False)
    assert resolve_backend("auto", "cpu") == "onnx"
    monkeypatch.setattr(backends, "has_onnxruntime", lambda: False)
    assert resolve_backend("auto", "cpu") == "torch"
    with pytest.raises(StanceError, match="needs onnxruntime"):
        resolve_backend("onnx", "cpu")
    with pytest.raises(StanceError, match="runs on the CPU"):
        resolve_backend("int8", "cuda:0")
    with pytest.raises(StanceError, match="unknown backend 'tensorrt'"):
        resolve_backend("tensorrt", "cpu")


def test_onnx_matches_torch_logits(tiny_model_dir):
    torch_clf = Classifier.from_dir(tiny_model_dir, device="cpu", backend="torch")
    onnx_clf = Classifier.from_dir(tiny_model_dir, device="cpu", backend="onnx")
    assert onnx_clf.backend == "onnx" and onnx_clf.model is None
    from stance.inputs import build_input

    pairs = [build_input(st, torch_clf.input_cfg) for st in STATEMENTS]
    np.testing.assert_allclose(onnx_clf.logits(pairs), torch_clf.logits(pairs), atol=1e-4)
    np.testing.assert_allclose(onnx_clf.predict(STATEMENTS), torch_clf.predict(STATEMENTS), atol=1e-4)
    assert (tiny_model_dir / "onnx" / "model.onnx").is_file()


def test_int8_graph_quantises_matmuls_keeps_embeddings_and_stays_close(tiny_model_dir):
    import onnx

    fp32 = Classifier.from_dir(tiny_model_dir, device="cpu", backend="onnx").predict(STATEMENTS)
    int8 = Classifier.from_dir(tiny_model_dir, device="cpu", backend="int8").predict(STATEMENTS)
    graph = onnx.load(str(tiny_model_dir / "onnx" / "model.int8.onnx")).graph
    ops = {node.op_type for node in graph.node}
    assert "MatMulInteger" in ops or "DynamicQuantizeMatMul" in ops
    # quantised embedding tables cost accuracy for no speed (backends.QUANTISED_OPS)
    tables = {node.input[0] for node in graph.node if node.op_type == "Gather"}
    dtypes = {init.name: init.data_type for init in graph.initializer}
    assert tables and all(dtypes.get(t, onnx.TensorProto.FLOAT) == onnx.TensorProto.FLOAT for t in tables)
    np.testing.assert_allclose(int8.sum(axis=1), 1.0, atol=1e-5)
    assert np.abs(int8 - fp32).max() < 0.05  # weights rounded to 8 bits, not a different model


def test_graph_is_built_once_and_rebuilt_for_new_weights(tiny_model_dir, tmp_path):
    model_dir = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model_dir, ignore=shutil.ignore_patterns("onnx", "checkpoints"))
    Classifier.from_dir(model_dir, device="cpu", backend="onnx")
    graph = model_dir / "onnx" / "model.onnx"
    first = graph.stat().st_mtime_ns
    Classifier.from_dir(model_dir, device="cpu", backend="onnx")
    assert graph.stat().st_mtime_ns == first  # cached, not re-exported

    # retraining writes new weights: the cached graph must not be used for them
    from safetensors.torch import load_file, save_file

    weights = model_dir / "model.safetensors"
    tensors = load_file(str(weights))
    head = next(k for k in tensors if k.startswith("classifier.") and k.endswith("bias"))
    tensors[head] = tensors[head] + 1.0
    save_file(tensors, str(weights), metadata={"format": "pt"})
    clf = Classifier.from_dir(model_dir, device="cpu", backend="onnx")
    assert graph.stat().st_mtime_ns != first
    ref = Classifier.from_dir(model_dir, device="cpu", backend="torch")
    from stance.inputs import build_input

    pairs = [build_input(st, ref.input_cfg) for st in STATEMENTS]
    np.testing.assert_allclose(clf.logits(pairs), ref.logits(pairs), atol=1e-4)
    assert not [p for p in (model_dir / "onnx").iterdir() if p.name.startswith(".")]  # no temp files left


def test_unwritable_model_dir_caches_in_the_user_cache(tiny_model_dir, tmp_path, monkeypatch):
    # a read-only mount and this (an "onnx" file where the folder would go) both fail with OSError
    # on creating the cache folder; this one also fails when the tests run as root
    model_dir = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model_dir, ignore=shutil.ignore_patterns("onnx", "checkpoints"))
    (model_dir / "onnx").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Classifier.from_dir(model_dir, device="cpu", backend="onnx")
    fingerprint = weights_fingerprint(model_dir)
    assert (tmp_path / "cache" / "stance" / "onnx" / fingerprint[:16] / "model.onnx").is_file()


def test_bf16_stays_close_to_fp32(tiny_model_dir):
    fp32 = Classifier.from_dir(tiny_model_dir, device="cpu", backend="torch").predict(STATEMENTS)
    clf = Classifier.from_dir(tiny_model_dir, device="cpu", backend="bf16")
    assert next(clf.model.parameters()).dtype.is_floating_point and str(next(clf.model.parameters()).dtype) == "torch.bfloat16"
    bf16 = clf.predict(STATEMENTS)
    assert bf16.dtype == np.float32 and np.abs(bf16 - fp32).max() < 0.02


def test_default_backend_comes_from_the_model(tiny_model_dir, monkeypatch):
    import stance.planner as planner

    # tiny config: auto, which on a CPU runs the backend measured fastest for this model here
    chosen, plan = planner.planned_backend(tiny_model_dir)
    assert Classifier.from_dir(tiny_model_dir, device="cpu").backend == chosen
    monkeypatch.setattr(planner, "planned_backend", lambda *a, **k: pytest.fail("an explicit backend was overridden"))
    assert Classifier.from_dir(tiny_model_dir, device="cpu", backend="torch").backend == "torch"


def test_auto_measures_once_per_machine_and_model_and_keeps_the_fastest_faithful(tiny_model_dir, tmp_path, monkeypatch):
    import json

    import stance.planner as planner

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    chosen, plan = planner.planned_backend(tiny_model_dir)
    assert set(plan["rows"]) >= {"torch"} and plan["rows"]["torch"]["moved"] == 0
    assert chosen == planner.choose(plan["rows"])
    saved = json.loads((tmp_path / "stance" / "plans.json").read_text())
    assert saved[planner.plan_key(tiny_model_dir)]["backend"] == chosen
    assert planner.cpu_model() in planner.plan_key(tiny_model_dir)  # keyed by the machine
    monkeypatch.setattr(planner, "measure_backends", lambda *a, **k: pytest.fail("measured twice"))
    assert planner.planned_backend(tiny_model_dir)[0] == chosen


def test_the_choice_is_the_fastest_backend_that_moves_no_prediction():
    from stance.planner import CALIBRATION, choose

    rows = {"torch": {"statements_per_s": 100.0, "moved": 0}, "bf16": {"statements_per_s": 120.0, "moved": 0},
            "onnx": {"statements_per_s": 300.0, "moved": 5}}
    assert choose(rows) == "bf16"  # onnx is faster but moved 5 of 64 predictions
    rows["bf16"]["statements_per_s"] = 90.0  # flags promised bf16; the clock says otherwise
    assert choose(rows) == "torch"
    assert len(CALIBRATION) == 64


def test_stance_bench_prints_the_table_and_the_choice(tiny_model_dir, capsys):
    from stance.cli import main

    assert main(["bench", "--model", str(tiny_model_dir)]) == 0
    out = capsys.readouterr().out
    assert "statements/s" in out and "chosen:" in out and "torch" in out
