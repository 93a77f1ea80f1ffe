"""scripts/learning_curve.py's reading of a curve: points per doubling of the training data and
where that line would reach a target. The table in results/ quotes both, so they must be right."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from learning_curve import fit_log2, statements_for  # noqa: E402


def test_fit_recovers_points_per_doubling_and_the_size_that_reaches_the_target():
    # y = 0.40 + 0.05 * log2(n / 100): +5 points per doubling, 0.85 at 100 * 2**9 = 51,200
    points = [(n, 0.40 + 0.05 * k) for k, n in enumerate((100, 200, 400, 800))]
    slope, _ = fit_log2(points)
    assert slope == pytest.approx(0.05)
    assert statements_for(fit_log2(points), 0.85) == 51200


def test_a_flat_or_falling_curve_never_reaches_the_target_and_one_size_is_no_curve():
    assert statements_for(fit_log2([(100, 0.6), (200, 0.6)]), 0.85) is None
    assert statements_for(fit_log2([(100, 0.6), (200, 0.5)]), 0.85) is None
    assert fit_log2([(100, 0.6), (100, 0.62)]) is None
