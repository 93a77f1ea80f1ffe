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
    assert on_disk == listed


def test_the_version_has_one_source():
    assert importlib.metadata.version("stance") == stance.__version__
