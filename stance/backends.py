"""Inference backends: how a trained classifier's forward pass runs.

- ``torch``: the PyTorch model as trained, fp32 (fp16 on a GPU).
- ``bf16``: the PyTorch model in bfloat16 on a CPU with native bf16 instructions (AVX512-BF16 or
  AMX): twice the fp32 speed with the same test predictions (results/bench_inference.json). On a
  CPU without them bf16 is emulated and slower than fp32, so ``auto`` never picks it there.
- ``onnx``: the weights exported to ONNX and run by ONNX Runtime, fp32, with its graph fusions
  (attention, GELU, layer norm) applied at load: same arithmetic, less overhead per layer.
- ``int8``: that graph with int8 matrix multiplications (ONNX Runtime dynamic quantisation, per
  channel); the embedding table stays fp32, since quantising it cost 2.3 test points and no speed
  (it is a lookup). The fastest path. It moves a few predictions near a class boundary, by an
  amount that depends on the model (+1.1 test points on the shipped default, -1.8 on the round-1
  cls model; results/bench_inference.json, README), so it is opt-in and the bench checks it.
  (PyTorch's own dynamic quantisation lost more and is deprecated.)

``auto`` (the default) takes ``torch`` on a GPU. On a CPU, loading a saved model runs whichever of
``torch``, ``bf16`` and ``onnx`` measured fastest for it on this machine without moving a
prediction (``stance.planner``; flags alone mislead: bf16 ran 3.9x on one AVX512-BF16 CPU and 1.2x
on another). ``resolve_backend`` below is the flag-based guess used where nothing can be measured
(no model directory): ``bf16`` where the CPU has native bf16, else ``onnx`` when ONNX Runtime is
installed, else ``torch``. Exported graphs are built once and cached beside the model in ``onnx/``, keyed by a
hash of the weights so a retrained model never runs a stale graph; where the model directory is
read-only the cache goes under ``$XDG_CACHE_HOME/stance``. Graphs are written to a temporary name
and renamed, so parallel shards that build at once never read half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Optional

import numpy as np

from .errors import StanceError

BACKENDS = ("auto", "torch", "bf16", "onnx", "int8")
ONNX_DIR = "onnx"
OPSET = 17
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
# ONNX Runtime would also quantise Gather (the embedding tables) by default: measured on the test
# split that moved test macro-F1 from -1.8 to -4.1 points against fp32, for no speed
QUANTISED_OPS = ["MatMul", "Gemm"]

log = logging.getLogger("stance.backends")


def has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def available(backend: str) -> bool:
    """Whether ``backend`` can run on this machine's CPU (and is worth running: bf16 without
    hardware support is emulated, slower than fp32)."""
    if backend == "bf16":
        return has_native_bf16()
    if backend in ("onnx", "int8"):
        return has_onnxruntime()
    return backend in BACKENDS


def resolve_backend(backend: str, device: str) -> str:
    """The concrete backend for ``backend`` on ``device`` (already resolved: cpu or cuda…)."""
    if backend not in BACKENDS:
        raise StanceError(f"unknown backend '{backend}' (expected one of {', '.join(BACKENDS)})")
    if backend == "auto":
        if device != "cpu":
            return "torch"
        return next(b for b in ("bf16", "onnx", "torch") if available(b))
    if backend != "torch" and device != "cpu":
        raise StanceError(f"the {backend} backend runs on the CPU; use --device cpu or the torch backend")
    if backend in ("onnx", "int8") and not available(backend):
        raise StanceError(f"the {backend} backend needs onnxruntime (pip install onnxruntime onnx), "
                          "or use --backend torch")
    return backend


def has_native_bf16() -> bool:
    """Whether this CPU computes bf16 in hardware (AVX512-BF16 or AMX); where it does not, torch
    emulates bf16 and it is slower than fp32."""
    try:
        import torch

        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except (ImportError, AttributeError, RuntimeError):
        return False


def weights_fingerprint(model_dir: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(model_dir.glob("*.safetensors")) + [model_dir / "config.json"]
    for path in files:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/stance`` (``~/.cache/stance``): graphs of read-only models, backend plans."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stance"


def cache_dir(model_dir: Path, fingerprint: str) -> Path:
    """``model_dir/onnx`` if it can be written, else a per-user cache keyed by the weights."""
    preferred = model_dir / ONNX_DIR
    try:
        preferred.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=preferred):
            pass
        return preferred
    except OSError:
        base = user_cache_dir() / "onnx" / fingerprint[:16]
        base.mkdir(parents=True, exist_ok=True)
        return base


def _build_atomically(final: Path, build) -> None:
    """``build(tmp)`` writes a file that is then renamed to ``final``: a reader (another shard
    loading the same model) sees the whole file or none, and a crash leaves no half file."""
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.stem}-", suffix=final.suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        build(tmp)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def export_onnx(model, path: Path) -> None:
    """The classifier as an ONNX graph with dynamic batch and sequence axes (fp32, CPU)."""
    import torch

    model = model.float().cpu().eval()
    dummy = {name: torch.ones((2, 8), dtype=torch.long) for name in INPUT_NAMES}
    dummy["token_type_ids"] = torch.zeros((2, 8), dtype=torch.long)
    names = [n for n in INPUT_NAMES if n != "token_type_ids" or _takes_token_types(model)]
    axes = {n: {0: "batch", 1: "sequence"} for n in names}
    axes["logits"] = {0: "batch"}
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")
        # the TorchScript exporter: it needs no onnxscript and handles every BERT-style encoder
        torch.onnx.export(
            model, tuple(dummy[n] for n in names), str(path), input_names=names, output_names=["logits"],
            dynamic_axes=axes, opset_version=OPSET, dynamo=False, do_constant_folding=True,
        )


def _takes_token_types(model) -> bool:
    return getattr(model.config, "type_vocab_size", 0) > 1 or model.config.model_type == "bert"


def quantize_onnx(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # the quantiser logs generic advice through logging.warning on every call; a handler of our own
    # keeps that call from configuring the user's root logger
    quiet = logging.getLogger()
    level, muffle = quiet.level, logging.NullHandler()
    quiet.setLevel(logging.ERROR)
    quiet.addHandler(muffle)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # quantised before fusion: ONNX Runtime fuses the quantised graph at load, and this order
        # was faster and lost less accuracy than quantising the fused graph
        try:
            quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=QUANTISED_OPS)
        finally:
            quiet.setLevel(level)
            quiet.removeHandler(muffle)


def build_onnx(model, model_dir: Path, int8: bool) -> Path:
    """Path of the cached graph for this model's weights, building (and caching) it if needed."""
    fingerprint = weights_fingerprint(model_dir)
    folder = cache_dir(model_dir, fingerprint)
    manifest_path = folder / "manifest.json"
    manifest = {}
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            manifest = {}
    wanted = {"weights_sha256": fingerprint, "opset": OPSET, "onnxruntime": _ort_version(), "format": 3}
    fp32, q8 = folder / "model.onnx", folder / "model.int8.onnx"
    fresh = all(manifest.get(k) == v for k, v in wanted.items())
    if not (fresh and fp32.is_file()):
        log.info("exporting %s to ONNX (once; cached in %s)", model_dir, folder)
        _build_atomically(fp32, lambda tmp: export_onnx(model, tmp))
        if q8.exists():
            q8.unlink()
        _build_atomically(manifest_path, lambda tmp: tmp.write_text(json.dumps(wanted, indent=2), encoding="utf-8"))
    if int8 and not q8.is_file():
        log.info("quantising %s to int8 (once; cached in %s)", fp32, folder)
        _build_atomically(q8, lambda tmp: quantize_onnx(fp32, tmp))
    return q8 if int8 else fp32


def _ort_version() -> str:
    import onnxruntime

    return onnxruntime.__version__


class OnnxRunner:
    """Runs a cached ONNX graph on tokeniser output; returns logits as float32 numpy."""

    def __init__(self, path: Path, num_threads: Optional[int] = None):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = num_threads or _torch_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]
        self.path = path

    def __call__(self, encoding) -> np.ndarray:
        feed = {name: np.asarray(encoding[name], dtype=np.int64) for name in self.input_names}
        return self.session.run(["logits"], feed)[0].astype(np.float32)


def _torch_threads() -> int:
    try:
        import torch

        return torch.get_num_threads()
    except ImportError:
        return os.cpu_count() or 1
