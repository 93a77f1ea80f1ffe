"""Scores, intervals, calibration and quote matching on inputs with known answers."""

import numpy as np

from stance.evaluation import (
    bootstrap_macro_f1, classification_scores, ece_if_calibrated, expected_calibration_error, fit_temperature,
    majority_baseline, match_quotes, tfidf_baseline,
)
from stance.reports import calibration_floor_text, markdown_report
from stance.model import softmax


def test_perfect_and_known_scores():
    s = classification_scores([0, 1, 2, 3], [0, 1, 2, 3])
    assert s["macro_f1"] == 1.0 and s["accuracy"] == 1.0
    s = classification_scores([0, 0, 1, 2], [0, 1, 1, 3])
    assert s["confusion"][0] == [1, 1, 0, 0]
    assert abs(s["per_class"]["supportive"]["recall"] - 0.5) < 1e-9


def test_macro_f1_over_three_stances_ignores_none_class_score():
    # all-none predictions on stance examples: zero over the stances
    assert classification_scores([0, 1, 2], [3, 3, 3])["macro_f1"] == 0.0


def test_bootstrap_interval_contains_the_point_estimate():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 4, 300)
    pred = np.where(rng.random(300) < 0.7, y, rng.integers(0, 4, 300))
    lo, hi = bootstrap_macro_f1(y, pred, rounds=300)
    point = classification_scores(y, pred)["macro_f1"]
    assert lo < point < hi and hi - lo < 0.2


def test_temperature_scaling_fixes_overconfidence():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 4, 2000)
    logits = rng.normal(size=(2000, 4))
    logits[np.arange(2000), labels] += 1.0
    logits *= 5  # overconfident
    t = fit_temperature(logits, labels)
    assert t > 2
    assert expected_calibration_error(softmax(logits / t), labels) < expected_calibration_error(softmax(logits), labels)


def test_calibrated_ece_range_shrinks_with_sample_size_and_flags_miscalibration():
    # A measured ECE means little on a few hundred statements: even a perfectly calibrated model
    # scores well above zero there, and less so as n grows.
    rng = np.random.default_rng(3)
    conf = rng.uniform(0.3, 0.95, 5000)
    probs = np.stack([conf] + [(1 - conf) / 3] * 3, axis=1)
    small, large = ece_if_calibrated(probs[:280], rounds=300), ece_if_calibrated(probs, rounds=300)
    assert 0.02 < small["mean"] < small["p95"] < 0.12
    assert large["p95"] < small["mean"]
    # labels drawn from the confidences themselves land inside the range; labels that are always
    # right (confidence too low by 0.3 on average) land above it
    y_calibrated = np.where(rng.random(280) < conf[:280], 0, 1)
    scores = {"n": 280, "ece": expected_calibration_error(probs[:280], y_calibrated), "ece_if_calibrated": small}
    assert "no evidence of miscalibration" in calibration_floor_text(scores)
    scores["ece"] = expected_calibration_error(probs[:280], np.zeros(280, dtype=int))
    assert "are miscalibrated" in calibration_floor_text(scores)
    assert calibration_floor_text({"n": 280, "ece": 0.1}) == ""  # scores from before the measure existed


def test_baselines():
    assert list(majority_baseline([1, 1, 2], 3)) == [1, 1, 1]
    pred = tfidf_baseline(["never join", "will join", "never ever", "will surely join"], [2, 0, 2, 0], ["never", "will join"])
    assert list(pred) == [2, 0]


def test_quote_matching_needs_half_the_gold_span():
    gold = [{"start": 0, "end": 100}]
    assert match_quotes([{"start": 40, "end": 120}], gold) == [(0, 0)]
    assert match_quotes([{"start": 60, "end": 120}], gold) == []


def test_markdown_report_renders():
    s = classification_scores([0, 1, 2, 3], [0, 1, 2, 2])
    s["macro_f1_ci"] = (0.5, 1.0)
    text = markdown_report({"model": "m", "classification": {"model": s, "tfidf_logreg": s, "majority": s}})
    assert "| model |" in text and "Confusion matrix" in text
