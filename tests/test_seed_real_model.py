"""The seed check of issue #2 on the real thing: MiniLM fine-tuned with configs/default.yaml on the
shipped corpus must read seed 000 as Zelensky supportive, Stoltenberg denying, Biden conditional.

This is the one slow module (5 to 15 minutes on a 2-core CPU, marked ``slow``; ``-m "not slow"``
leaves it out): it trains the default model unless STANCE_TEST_MODEL names an already trained
directory (e.g. models/default after the quickstart).
"""

import os

import pytest

from stance import StanceModel
from stance.config import load_config
from stance.training import train

from conftest import ROOT, SEED_000, SEED_001

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_model(tmp_path_factory):
    given = os.environ.get("STANCE_TEST_MODEL")
    if given:
        return StanceModel.load(given, device="cpu")
    out = tmp_path_factory.mktemp("default-model")
    train(load_config(ROOT / "configs" / "default.yaml"), out, progress=False)
    return StanceModel.load(out, device="cpu")


def test_seed_000_actor_stances(real_model):
    result = real_model.analyze(SEED_000.read_text())
    stances = {a.actor: a.stance for a in result.actors}
    assert stances.get("Volodymyr Zelensky") == "supportive"
    assert stances.get("Jens Stoltenberg") == "denying"
    assert stances.get("Joe Biden") == "conditional"
    # each stance comes with the quotes that show it
    for name in ("Volodymyr Zelensky", "Jens Stoltenberg", "Joe Biden"):
        assert result.actor(name).quotes


def test_seed_001_main_actors(real_model):
    stances = {a.actor: a.stance for a in real_model.analyze(SEED_001.read_text()).actors}
    assert stances.get("Volodymyr Zelensky") == "supportive"
    assert stances.get("Joe Biden") == "conditional"


def test_fine_tuned_model_beats_both_baselines(real_model):
    import json

    path = real_model.path / "metrics.json"
    test = json.loads(path.read_text())["test"]
    assert test["model"]["macro_f1"] > test["tfidf_logreg"]["macro_f1"]
    assert test["model"]["macro_f1"] > test["majority"]["macro_f1"]
