"""Model directories are validated on load: every broken part is a one-line StanceError naming it."""

import json
import shutil

import pytest

from stance.errors import StanceError
from stance.model import Classifier, write_meta
from stance.config import InputConfig


@pytest.fixture()
def model_copy(tiny_model_dir, tmp_path):
    return shutil.copytree(tiny_model_dir, tmp_path / "model")


def _edit_meta(path, **changes):
    meta = json.loads((path / "stance.json").read_text())
    meta.update(changes)
    (path / "stance.json").write_text(json.dumps(meta))


def _load_error(path) -> str:
    with pytest.raises(StanceError) as info:
        Classifier.from_dir(path, device="cpu", backend="torch")
    message = str(info.value)
    assert "\n" not in message
    return message


def test_truncated_weights_name_the_directory(model_copy):
    weights = next(model_copy.glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:1000])
    assert "damaged or incomplete" in _load_error(model_copy)


def test_a_non_utf8_stance_json(model_copy):
    (model_copy / "stance.json").write_bytes(b"\xff\xfe{}")
    assert "stance.json: not UTF-8" in _load_error(model_copy)


def test_a_stance_json_that_is_not_an_object(model_copy):
    (model_copy / "stance.json").write_text("[1, 2]")
    assert "expected a JSON object, got list" in _load_error(model_copy)


@pytest.mark.parametrize("value", [0, -1.0, "1", None, 1e9])
def test_a_temperature_out_of_range_is_refused_on_load(model_copy, value):
    # a temperature of 0 used to print NaN confidences (invalid JSON) and make the server answer 500
    _edit_meta(model_copy, temperature=value)
    assert "field 'temperature': temperature must be a number in [0.01, 100]" in _load_error(model_copy)


@pytest.mark.parametrize("field, value", [("max_length", "160"), ("batch_size", 0), ("input", {"context": "yes"}),
                                          ("input", {"colour": True}), ("pooling", 3)])
def test_wrongly_typed_fields(model_copy, field, value):
    _edit_meta(model_copy, **{field: value})
    assert f"field '{field}'" in _load_error(model_copy)


def test_a_temperature_out_of_range_is_refused_on_save(tmp_path):
    with pytest.raises(StanceError, match="calibration: temperature must be"):
        write_meta(tmp_path, InputConfig(), float("nan"), 160, "bundled:x")
