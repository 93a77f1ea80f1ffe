"""What a wheel carries: every subpackage, and one version."""

from __future__ import annotations

import importlib.metadata
import tomllib

import stance
from conftest import ROOT


def test_every_subpackage_is_listed_for_the_wheel():
    # stance/extraction/ became a package in the real-news work: left out of this list, a wheel
    # install has no extractor at all, while an editable install hides the gap
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "stance").rglob("__init__.py")}
    data_folders = {"stance.configs", "stance.templates"}  # shipped as data packages, no code in them
    assert on_disk == listed - data_folders


def test_the_version_has_one_source():
    assert importlib.metadata.version("stance-nato") == stance.__version__


def test_a_wheel_installed_outside_the_checkout_analyzes(tiny_model_dir, tmp_path):
    # an editable install hides missing package data (actor list, configs, model-card template)
    import json
    import os
    import subprocess
    import sys

    from conftest import SEED_000

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("stance_nato-*.whl"))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import stance, stance.actors; from importlib import resources; "
                            "print(stance.__file__, stance.actors.DEFAULT_ACTORS.is_file(), "
                            "resources.files('stance').joinpath('templates/model_card.md').is_file(), "
                            "resources.files('stance').joinpath('configs/default.yaml').is_file())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert where[0].startswith(str(target)) and where[1:] == ["True", "True", "True"]
    out = subprocess.run([sys.executable, "-m", "stance", "analyze", "--model", str(tiny_model_dir), "--format", "json", str(SEED_000)],
                         cwd=elsewhere, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-1000:]
    assert json.loads(out.stdout)["quotes"]
