"""The model card (``README.md`` of a model directory), filled in from ``templates/model_card.md``."""

from __future__ import annotations

import json
from dataclasses import asdict
from importlib import resources
from string import Template

from .config import Config
from .reports import calibration_floor_text


def _second_segment(config: Config) -> str:
    parts = []
    if config.input.target:
        parts.append('the target "Ukraine joining NATO"')
    if config.input.context:
        parts.append("the statement's context (empty where there is none)")
    return " and ".join(parts) if parts else "nothing"


def _pipeline_use(config: Config, metrics: dict) -> list[str]:
    """What the card says about plain ``transformers.pipeline``: a cls-pooled model loads there; a
    mean-pooled one would load as a cls model with a fresh pooler and answer wrongly."""
    if config.model.pooling != "cls":
        return [f"Its `{config.model.pooling}`-pooled head is not a class transformers knows: load it with `StanceModel`",
                "(or `stance.model.Classifier.from_dir`). `transformers.pipeline` would build a cls-pooled model",
                "with a freshly initialised pooler and answer wrongly, with only a warning."]
    return [
        "It also loads with `transformers.pipeline(\"text-classification\", model=\"<this directory>\")`; the",
        "input it was trained on is `\"<actor> <cue>: <statement>\"` as the first segment and, as the second,",
        f"{_second_segment(config)} (input recipe: {json.dumps(asdict(config.input))}).",
        f"The pipeline does not apply the calibration temperature ({metrics.get('temperature', 1.0):.3f}) nor the",
        "composition of reported denials and refusals (\"X denied that …\", \"X refused to …\"); `StanceModel`",
        "does both.",
    ]


def _results(metrics: dict) -> str:
    test = metrics.get("test") or {}
    if not test:
        return "No test split was available for this run."
    m, t, maj = test["model"], test["tfidf_logreg"], test["majority"]
    ci = m.get("macro_f1_ci") or (0, 0)
    return "\n".join([
        "| system | macro-F1 (3 stances) | macro-F1 (4 labels) | accuracy |",
        "| --- | --- | --- | --- |",
        f"| this model | {m['macro_f1']:.3f} (95% CI {ci[0]:.3f}–{ci[1]:.3f}) | {m['macro_f1_all']:.3f} | {m['accuracy']:.3f} |",
        f"| TF-IDF + logistic regression | {t['macro_f1']:.3f} | {t['macro_f1_all']:.3f} | {t['accuracy']:.3f} |",
        f"| majority class | {maj['macro_f1']:.3f} | {maj['macro_f1_all']:.3f} | {maj['accuracy']:.3f} |",
        "",
        f"n = {m['n']} test statements; expected calibration error {m.get('ece', 0):.3f}." + calibration_floor_text(m),
    ])


def model_card(config: Config, metrics: dict) -> str:
    template = Template(resources.files("stance").joinpath("templates/model_card.md").read_text(encoding="utf-8"))
    realnews = f" and the real-news training passages in `{config.data.realnews}/train`" if config.data.realnews_train else ""
    return template.substitute(
        pipeline_use="\n".join(_pipeline_use(config, metrics)), base_model=config.model.base_model,
        max_length=config.model.max_length, statements=config.data.statements, realnews=realnews,
        test_from=config.data.split.test_from, splits=metrics.get("splits"), label_counts=metrics.get("label_counts"),
        steps=metrics.get("global_steps"), seconds=metrics.get("train_seconds"), precision=metrics.get("precision", "fp32"),
        results=_results(metrics),
    )
