"""Fine-tuning with the ``transformers`` Trainer: data → DatasetDict → model directory.

The output directory holds everything needed to reload and re-run: weights and tokenizer
(``save_pretrained``; ``transformers.pipeline`` loads it where ``model.pooling`` is ``cls``), ``stance.json`` (labels, input
recipe, temperature), ``config.yaml`` (the resolved config), ``metrics.json``, ``actors.yaml`` and a
model card ``README.md``.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from pathlib import Path
from typing import Optional

import numpy as np

from .actors import DEFAULT_ACTORS
from .backends import has_native_bf16
from .composition import as_asserted
from .config import Config, save_config
from .data import Splits, load_splits
from .errors import StanceError
from .card import model_card
from .evaluation import classification_scores, evaluate_statements, expected_calibration_error, fit_temperature
from .inputs import build_input, to_dataset_dict
from .labels import LABEL2ID, LABELS
from .model import Classifier, load_base_for_training, set_threads, softmax, write_meta
from .planner import measure_precision

CHECKPOINTS = "checkpoints"

logger = logging.getLogger(__name__)


def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def _class_weights(labels: list[int]) -> np.ndarray:
    counts = np.bincount(labels, minlength=len(LABELS)).astype(np.float64)
    counts[counts == 0] = 1.0
    weights = counts.sum() / (len(LABELS) * counts)
    return weights / weights.mean()


def train(config: Config, output_dir: str | Path, root: str | Path = ".", resume: bool = False,
          progress: Optional[bool] = None, splits: Optional[Splits] = None) -> dict:
    """Fine-tune ``config.model.base_model`` on the train split and write a model directory.
    Returns the metrics written to ``metrics.json``."""
    from transformers import set_seed

    started = time.time()
    root, output_dir = Path(root), Path(output_dir)
    tc = config.training
    set_threads(tc.num_threads)
    set_seed(tc.seed)
    # the Trainer refuses bf16 on a machine without a GPU unless told to use the CPU
    use_cpu = config.inference.device == "cpu" or not _cuda_available()
    precision = resolve_precision(tc.precision, use_cpu=use_cpu)
    splits = splits if splits is not None else load_splits(config.data, root)
    if not splits.train:
        raise StanceError(f"{root / config.data.statements}: the train split is empty; check data.split.test_from and train_fraction")
    tokenizer, model = load_base_for_training(config.model.base_model, config.model.max_length, config.model.pooling,
                                              config.model.num_layers)
    if tc.freeze_embeddings:
        for param in model.get_input_embeddings().parameters():
            param.requires_grad = False
    encoded, train_labels = _encode(config, splits, tokenizer)
    if tc.precision == "auto" and use_cpu and precision == "bf16":
        precision = _measured_precision(config, model, tokenizer, encoded["train"])
    checkpoints = _checkpoints(output_dir, resume)
    trainer = _trainer(config, model, tokenizer, encoded, splits, checkpoints, precision, use_cpu, progress, train_labels)
    train_output = trainer.train(resume_from_checkpoint=True if resume else None)
    dev_macro_f1 = trainer.state.best_metric if splits.dev else None
    if tc.average_last > 1:
        # from the checkpoints on disk, not copies in memory, so a resumed run averages the same epochs
        average_checkpoints(trainer.model, checkpoints, tc.average_last)
        if splits.dev:
            dev_macro_f1 = trainer.evaluate()["eval_macro_f1"]
    classifier = Classifier(trainer.model, tokenizer, config.input, 1.0, config.model.max_length,
                            device=config.inference.device, batch_size=config.inference.batch_size)
    ece_before = calibrate(classifier, splits.dev, config)
    test_report = evaluate_statements(classifier, splits.train, splits.test, seed=tc.seed) if splits.test else None
    save_model_dir(output_dir, trainer.model, tokenizer, classifier.temperature, config)
    metrics = {
        "train_seconds": round(time.time() - started, 1),
        # the Trainer's loop alone (steps and per-epoch dev evaluation), without loading and scoring
        "trainer_seconds": round(float(train_output.metrics.get("train_runtime", 0.0)), 1),
        "precision": precision,
        "train_loss": float(train_output.training_loss),
        "global_steps": int(train_output.global_step),
        "temperature": classifier.temperature,
        "dev_ece_before_calibration": ece_before,
        # the checkpoint kept is the one with this dev score; configs are compared on it, never on test
        "dev_macro_f1": dev_macro_f1,
        "splits": {name: len(items) for name, items in splits.items()},
        "label_counts": {name: {l: sum(1 for st in items if st["label"] == l) for l in LABELS} for name, items in splits.items()},
        "dropped_for_leakage": len(splits.dropped),
        "test_from": config.data.split.test_from,
    }
    write_reports(output_dir, config, metrics, test_report)
    shutil.rmtree(checkpoints, ignore_errors=True)  # weights are saved; optimizer states are 3x their size
    return metrics


def _encode(config: Config, splits: Splits, tokenizer):
    """Tokenised splits (only ``label`` kept beside the encodings) and the train labels."""
    datasets = to_dataset_dict(splits, config.input)

    def tokenize(batch):
        return tokenize_inputs(tokenizer, batch["text"], batch["text_pair"], config)

    encoded = datasets.map(tokenize, batched=True,
                           remove_columns=[c for c in datasets["train"].column_names if c != "label"])
    return encoded, list(datasets["train"]["label"])


def _checkpoints(output_dir: Path, resume: bool) -> Path:
    checkpoints = output_dir / CHECKPOINTS
    if resume and not any(checkpoints.glob("checkpoint-*")):
        raise StanceError(f"{checkpoints}: no checkpoint to resume from; run without --resume")
    if not resume:
        shutil.rmtree(checkpoints, ignore_errors=True)  # a fresh run never mixes in an older run's steps
    return checkpoints


def _trainer(config: Config, model, tokenizer, encoded, splits: Splits, checkpoints: Path, precision: str,
             use_cpu: bool, progress: Optional[bool], train_labels: list):
    """The Trainer: class-weighted loss, dev macro-F1 to pick the checkpoint, early stopping."""
    from transformers import DataCollatorWithPadding, EarlyStoppingCallback, Trainer

    tc = config.training
    weights = _class_weights(train_labels) if tc.class_weighting else None

    def loss_fn(outputs, labels, num_items_in_batch=None):
        import torch

        logits = outputs["logits"] if isinstance(outputs, dict) else outputs.logits
        w = torch.tensor(weights, dtype=logits.dtype, device=logits.device) if weights is not None else None
        return torch.nn.functional.cross_entropy(logits, labels, weight=w, label_smoothing=tc.label_smoothing)

    def compute_metrics(eval_pred):
        logits, labels = eval_pred
        scores = classification_scores(labels, np.asarray(logits).argmax(axis=-1))
        return {"macro_f1": scores["macro_f1"], "macro_f1_all": scores["macro_f1_all"], "accuracy": scores["accuracy"]}

    has_eval = bool(splits.dev or splits.test)
    show_progress = sys.stderr.isatty() if progress is None else progress
    args = training_arguments(tc, checkpoints, has_eval, precision, use_cpu, show_progress)
    stop_early = has_eval and tc.early_stopping_patience > 0 and tc.average_last <= 1
    return Trainer(
        model=model, args=args, train_dataset=encoded["train"],
        eval_dataset=encoded["dev"] if splits.dev else (encoded["test"] if has_eval else None),
        processing_class=tokenizer, data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=compute_metrics, compute_loss_func=loss_fn,
        callbacks=[EarlyStoppingCallback(tc.early_stopping_patience)] if stop_early else [],
    )


def training_arguments(tc, checkpoints: Path, has_eval: bool, precision: str, use_cpu: bool, show_progress: bool):
    """``training:`` of the config as the Trainer's arguments."""
    from transformers import TrainingArguments

    by_steps = tc.max_steps > 0
    averaging = tc.average_last > 1
    return TrainingArguments(
        output_dir=str(checkpoints),
        num_train_epochs=tc.epochs,
        max_steps=tc.max_steps,
        per_device_train_batch_size=tc.batch_size,
        per_device_eval_batch_size=tc.eval_batch_size,
        learning_rate=tc.learning_rate,
        weight_decay=tc.weight_decay,
        warmup_steps=tc.warmup_ratio,  # a value below 1 is a fraction of all steps
        lr_scheduler_type=tc.lr_scheduler,
        eval_strategy=("steps" if by_steps else "epoch") if has_eval else "no",
        eval_steps=max(1, tc.max_steps) if by_steps else None,
        save_strategy="steps" if by_steps else "epoch",
        save_steps=max(1, tc.max_steps) if by_steps else None,
        save_total_limit=max(2, tc.average_last),
        load_best_model_at_end=has_eval and not averaging,
        metric_for_best_model="macro_f1" if has_eval else None,
        greater_is_better=True if has_eval else None,
        logging_steps=tc.logging_steps,
        seed=tc.seed,
        data_seed=tc.seed,
        train_sampling_strategy=tc.sampling,
        bf16=precision == "bf16",
        report_to="none",
        disable_tqdm=not show_progress,
        use_cpu=use_cpu,
        dataloader_num_workers=0,
        dataloader_pin_memory=not use_cpu,  # pinning only helps host-to-GPU copies, and costs when training on the CPU
    )


def calibrate(classifier: Classifier, dev: list, config: Config) -> Optional[float]:
    """Fit the classifier's temperature on dev, so the confidences users see mean what they say;
    returns dev's expected calibration error before (None without dev)."""
    classifier.temperature = 1.0
    if not dev:
        return None
    dev_logits = classifier.logits([build_input(st, config.input) for st in dev])
    dev_labels = [LABEL2ID[as_asserted(st)["label"]] for st in dev]
    classifier.temperature = fit_temperature(dev_logits, dev_labels)
    return expected_calibration_error(softmax(dev_logits), dev_labels)


def save_model_dir(output_dir: Path, model, tokenizer, temperature: float, config: Config) -> None:
    """Weights, tokenizer, ``stance.json``, ``config.yaml`` and the actor list."""
    output_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(output_dir), safe_serialization=True)
    tokenizer.save_pretrained(str(output_dir))
    write_meta(output_dir, config.input, temperature, config.model.max_length, config.model.base_model,
               {"batch_size": config.inference.batch_size, "backend": config.inference.backend,
                "pooling": config.model.pooling})
    save_config(config, output_dir / "config.yaml")
    if DEFAULT_ACTORS.is_file():
        shutil.copyfile(DEFAULT_ACTORS, output_dir / "actors.yaml")
    else:  # the model still works, but loading it falls back to whatever actor list is installed
        logger.warning("%s not found: %s gets no actors.yaml, so speakers resolve with the installed list",
                       DEFAULT_ACTORS, output_dir)


def write_reports(output_dir: Path, config: Config, metrics: dict, test_report: Optional[dict]) -> None:
    """``metrics.json``, ``test_errors.jsonl`` and the model card."""
    if test_report:
        metrics["test"] = {k: v for k, v in test_report.items() if k != "errors"}
        (output_dir / "test_errors.jsonl").write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in test_report["errors"]), encoding="utf-8")
    (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    (output_dir / "README.md").write_text(model_card(config, metrics), encoding="utf-8")


def _measured_precision(config: Config, model, tokenizer, train_rows) -> str:
    """On a CPU whose flags claim native bf16, whether bf16 autocast really trains faster here
    (issue #17: on one AVX512-BF16 Xeon it trained slower than fp32); measured once per machine
    and setup, cached (stance.planner)."""
    from transformers import DataCollatorWithPadding

    from .planner import planned_precision, precision_key

    size = min(config.training.batch_size, len(train_rows))
    batch = DataCollatorWithPadding(tokenizer)([train_rows[i] for i in range(size)])
    key = precision_key(config.model.base_model, config.model.max_length, size, config.model.num_layers)
    precision, plan = planned_precision(key, lambda: measure_precision(model, dict(batch)))
    logger.info("training precision %s (measured %s steps/s)", precision, plan["steps_per_s"])
    return precision


def resolve_precision(precision: str, use_cpu: bool = False) -> str:
    """``training.precision`` as the flags see it: ``auto`` is bf16 where the hardware claims native
    bf16 (emulated bf16 on an older CPU is slower than fp32), else fp32. On a CPU, ``train`` then
    measures whether the claim holds (``_measured_precision``)."""
    if precision != "auto":
        return precision
    if not use_cpu and _cuda_available():
        import torch

        return "bf16" if torch.cuda.is_bf16_supported() else "fp32"
    return "bf16" if has_native_bf16() else "fp32"


def tokenize_inputs(tokenizer, texts, text_pairs, config: Config):
    """Encode model inputs as training does: the second segment (context or target) only when the
    config uses one, and truncation cuts the first segment, never the second."""
    use_pair = config.input.target or config.input.context
    pairs = [p or "" for p in text_pairs] if use_pair else None
    try:
        return tokenizer(list(texts), pairs, truncation="only_first" if use_pair else True,
                         max_length=config.model.max_length)
    except Exception as exc:  # noqa: BLE001 - the tokenizer's own error names no setting
        if use_pair and "too short" in str(exc):
            raise StanceError(f"model.max_length is {config.model.max_length} tokens, fewer than a statement's context "
                              "takes (article contexts run to about 80); raise model.max_length (160 by default) or "
                              "set input.context: false") from None
        raise


def run_record(seed: int, metrics: dict) -> dict:
    """One training run's scores, as ``--seeds`` and scripts/compare_configs.py tabulate them."""
    test = metrics.get("test") or {}
    model = test.get("model") or {}
    return {"seed": seed, "dev_macro_f1": metrics.get("dev_macro_f1"), "macro_f1": model.get("macro_f1"),
            "macro_f1_all": model.get("macro_f1_all"), "ece": model.get("ece"),
            "tfidf_macro_f1": (test.get("tfidf_logreg") or {}).get("macro_f1")}


def mean_std(values) -> tuple[Optional[float], float]:
    """Mean and sample standard deviation of the values that are not None (None, 0.0 if none)."""
    present = np.array([v for v in values if v is not None], dtype=float)
    if not len(present):
        return None, 0.0
    return float(present.mean()), float(present.std(ddof=1)) if len(present) > 1 else 0.0


def average_checkpoints(model, checkpoints: Path, last: int) -> list[str]:
    """Load into ``model`` the mean of the floating-point weights of the last ``last`` checkpoints
    (by step); returns their names."""
    import torch
    from safetensors.torch import load_file

    found = sorted(checkpoints.glob("checkpoint-*"), key=lambda p: int(p.name.rsplit("-", 1)[-1]))[-last:]
    if not found:
        raise StanceError(f"{checkpoints}: no checkpoints to average")
    states = [load_file(str(path / "model.safetensors")) for path in found]
    current = model.state_dict()
    averaged = {}
    for name, tensor in states[-1].items():
        if name in current and tensor.is_floating_point():
            averaged[name] = (torch.stack([s[name].float() for s in states]).mean(0)).to(current[name].dtype)
    missing = [n for n, t in current.items() if t.is_floating_point() and n not in averaged]
    if missing:
        raise StanceError(f"{found[-1]}: checkpoint lacks weights {missing[:3]}; cannot average")
    model.load_state_dict(averaged, strict=False)
    return [p.name for p in found]


def train_seeds(config: Config, output_dir: str | Path, seeds: int, root: str | Path = ".",
                progress: Optional[bool] = None) -> dict:
    """Train ``seeds`` times (training.seed, +1, +2, …) on the same split and report the test
    macro-F1's mean and standard deviation. The first seed's model is kept at ``output_dir``;
    the others are trained in a temporary directory and discarded."""
    import copy
    import tempfile

    output_dir = Path(output_dir)
    splits = load_splits(config.data, Path(root))
    runs = []
    for k in range(seeds):
        cfg = copy.deepcopy(config)
        cfg.training.seed = config.training.seed + k
        if k == 0:
            metrics = train(cfg, output_dir, root=root, progress=progress, splits=splits)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                metrics = train(cfg, Path(tmp) / "model", root=root, progress=progress, splits=splits)
        runs.append(run_record(cfg.training.seed, metrics))
    summary = {"seeds": runs}
    for key in ("macro_f1", "dev_macro_f1"):
        summary[f"{key}_mean"], summary[f"{key}_std"] = mean_std(r[key] for r in runs)
    (output_dir / "seeds.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary
