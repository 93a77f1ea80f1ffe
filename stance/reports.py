"""Evaluation reports for people: markdown, PNG figures and the files `stance evaluate --report`
writes. The numbers come from ``stance.evaluation``; this module only presents them."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from .labels import LABELS

logger = logging.getLogger(__name__)


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def calibration_floor_text(model_scores: dict) -> str:
    """One sentence that puts a measured ECE beside what a perfectly calibrated model would show
    on the same number of statements (empty when the scores predate that measure)."""
    floor = model_scores.get("ece_if_calibrated")
    if not floor or "ece" not in model_scores:
        return ""
    verdict = ("within that range: no evidence of miscalibration at this sample size"
               if model_scores["ece"] <= floor["p95"] else "above that range: the confidences are miscalibrated")
    return (f" A perfectly calibrated model with the same confidences would show {_fmt(floor['mean'])} on"
            f" {model_scores['n']} statements (95th percentile {_fmt(floor['p95'])}); {verdict}.")


def _classification_lines(clf: dict, title: str) -> list[str]:
    lines = ["", f"## {title}", "",
             "| system | macro-F1 (3 stances) | 95% CI | macro-F1 (4 labels) | accuracy |",
             "| --- | --- | --- | --- | --- |"]
    for name in ("model", "tfidf_logreg", "majority"):
        s = clf.get(name)
        if s:
            ci = s.get("macro_f1_ci")
            ci_text = f"{_fmt(ci[0])}–{_fmt(ci[1])}" if ci else ""
            lines.append(f"| {name} | {_fmt(s['macro_f1'])} | {ci_text} | {_fmt(s['macro_f1_all'])} | {_fmt(s['accuracy'])} |")
    model = clf["model"]
    aside = clf.get("set_aside_as_seen_in_training")
    lines += ["", f"n = {model['n']} statements" + (f" ({aside} near-duplicates of training statements set aside)" if aside else ""),
              "", "### Per class (model)", "",
              "| label | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for label, s in model["per_class"].items():
        lines.append(f"| {label} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} | {s['support']} |")
    lines += ["", "### Confusion matrix (rows gold, columns predicted)", "",
              "| gold \\ pred | " + " | ".join(LABELS) + " |", "| --- |" + " --- |" * len(LABELS)]
    for label, row in zip(LABELS, model["confusion"]):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    if "ece" in model:
        lines += ["", f"Expected calibration error: {_fmt(model.get('ece_uncalibrated', float('nan')))} before "
                      f"temperature scaling, {_fmt(model['ece'])} after (the confidences users see)."
                      + calibration_floor_text(model)]
    return lines


def markdown_report(report: dict) -> str:
    lines = ["# Evaluation report", ""]
    if report.get("model"):
        lines += [f"Model: `{report['model']}`  ", f"Data: `{report.get('data')}` ({report.get('split', 'test')} split)", ""]
    for key, title in (("classification", "Statement classification"),
                       ("classification_realnews_test", "Statement classification, real-news passages (test part, gold speaker and words)")):
        if report.get(key):
            lines += _classification_lines(report[key], title)
    for key, title in (("extraction_realnews_test", "real-news passages, test part"),
                       ("extraction_realnews_dev", "real-news passages, dev part (rules once tuned here; now tuned on the training passages)"),
                       ("extraction_held_out", "held-out gold articles (dated from the test period on)"),
                       ("extraction", "all gold articles")):
        ext = report.get(key)
        if not ext:
            continue
        lines += ["", f"## Quote extraction on {title}", "", f"{len(ext['articles'])} articles, {ext['gold']} gold quotes.", "",
                  f"Quote precision {_fmt(ext['precision'])}, recall {_fmt(ext['recall'])}, F1 {_fmt(ext['f1'])}; "
                  f"speaker accuracy on matched quotes {_fmt(ext['speaker_accuracy'])}.", "",
                  "| pattern | gold quotes | recall | speaker accuracy |", "| --- | --- | --- | --- |"]
        for pat, sc in ext["patterns"].items():
            lines.append(f"| {pat} | {sc['gold']} | {_fmt(sc['recall'])} | {_fmt(sc['speaker_accuracy'])} |")
    for key, title in (("actor_level_realnews_test", "real-news passages, test part"),
                       ("actor_level_realnews_dev", "real-news passages, dev part"),
                       ("actor_level_held_out", "held-out gold articles"), ("actor_level", "all gold articles")):
        act = report.get(key)
        if not act:
            continue
        who = act["who_took_a_stance"]
        lines += ["", f"## Actor-level stance on {title} (whole pipeline)", "",
                  f"Accuracy {_fmt(act['accuracy'])} ({act['correct']}/{act['actors']} gold actors); "
                  f"who took a stance: precision {_fmt(who['precision'])}, recall {_fmt(who['recall'])}, F1 {_fmt(who['f1'])}."]
    return "\n".join(lines) + "\n"


def write_plots(report: dict, directory: Path) -> list[str]:
    """confusion.png and reliability.png for the model's test predictions (with the plots extra)."""
    try:
        import matplotlib
    except ImportError:
        logger.warning("no confusion.png or reliability.png: they need matplotlib (pip install 'stance-nato[plots]')")
        return []

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    model = (report.get("classification") or {}).get("model")
    if not model:
        return []
    written = []
    fig, ax = plt.subplots(figsize=(4.8, 4.2))
    matrix = np.array(model["confusion"])
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(LABELS)), LABELS, rotation=30)
    ax.set_yticks(range(len(LABELS)), LABELS)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    for i in range(len(LABELS)):
        for j in range(len(LABELS)):
            ax.text(j, i, str(matrix[i, j]), ha="center", va="center",
                    color="white" if matrix[i, j] > matrix.max() / 2 else "black")
    ax.set_title(f"Test confusion (macro-F1 {model['macro_f1']:.3f})")
    fig.tight_layout()
    fig.savefig(directory / "confusion.png", dpi=120)
    plt.close(fig)
    written.append("confusion.png")
    if model.get("reliability"):
        fig, ax = plt.subplots(figsize=(4.8, 4.2))
        ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
        for key, label in (("reliability_uncalibrated", f"before (ECE {model.get('ece_uncalibrated', 0):.3f})"),
                           ("reliability", f"after temperature scaling (ECE {model['ece']:.3f})")):
            pts = [(b["confidence"], b["accuracy"]) for b in model.get(key) or [] if b["n"]]
            if pts:
                ax.plot(*zip(*pts), marker="o", label=label)
        ax.set_xlabel("confidence")
        ax.set_ylabel("accuracy")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left", fontsize=8)
        ax.set_title("Reliability on the test split")
        fig.tight_layout()
        fig.savefig(directory / "reliability.png", dpi=120)
        plt.close(fig)
        written.append("reliability.png")
    return written


def write_report(report: dict, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (directory / "report.md").write_text(markdown_report(report), encoding="utf-8")
    write_plots(report, directory)
    errors = report.get("errors")
    if errors is not None:
        (directory / "errors.jsonl").write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
