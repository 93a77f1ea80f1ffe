"""scripts/rank_uncertain.py ranks candidate pages for labelling by the model's uncertainty
(issue #16). Annotators pick pages by its order, so the order and the entropy must be right."""

import math
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from rank_uncertain import entropy, rank  # noqa: E402


def test_entropy_is_zero_for_a_sure_answer_and_ln4_for_a_uniform_one():
    assert entropy([1.0, 0.0, 0.0, 0.0]) == 0.0
    assert entropy([0.25] * 4) == pytest.approx(math.log(4))


def test_pages_come_back_most_uncertain_first_with_their_least_certain_statements(tiny_model, tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The weather in Brussels was cold on Monday.")
    talk = tmp_path / "talk.txt"
    talk.write_text('"Ukraine will join NATO," Zelensky said. Stoltenberg said the door stays open.')
    rows = rank(tiny_model, [quiet, talk])
    assert [r["file"] for r in rows] == [str(talk), str(quiet)]  # a page with no statement is sure of nothing
    assert rows[0]["statements"] == 2 and rows[1]["statements"] == 0
    worst = rows[0]["least_certain"]
    assert [w["entropy"] for w in worst] == sorted((w["entropy"] for w in worst), reverse=True)
    assert rows[0]["mean_entropy"] == pytest.approx(sum(w["entropy"] for w in worst) / 2, abs=2e-3)
