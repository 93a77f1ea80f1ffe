"""Config files map onto dataclasses; typos and wrong types fail with the file and the key."""

import pytest

from stance.config import Config, load_config
from stance.errors import StanceError


def test_shipped_configs_load():
    default = load_config("configs/default.yaml")
    assert isinstance(default, Config)
    assert default.model.base_model == "bundled:all-MiniLM-L6-v2"
    assert load_config("configs/tiny.yaml").training.max_steps > 0


def test_unknown_key_names_file_and_dotted_key(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("training:\n  epoch: 3\n")
    with pytest.raises(StanceError, match=r"bad.yaml: unknown key 'training.epoch'"):
        load_config(path)


def test_wrong_type_names_the_key(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("training:\n  batch_size: many\n")
    with pytest.raises(StanceError, match=r"'training.batch_size' must be int"):
        load_config(path)


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("model:\n  base_model: [unclosed\n")
    with pytest.raises(StanceError, match=r"bad.yaml:\d+: not valid YAML"):
        load_config(path)


def test_missing_file():
    with pytest.raises(StanceError, match="config file not found"):
        load_config("configs/nope.yaml")


def test_int_is_accepted_where_float_is_expected(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("training:\n  epochs: 2\n")
    assert load_config(path).training.epochs == 2.0


def test_dataclass_defaults_match_default_yaml():
    # A user config that leaves a key out must train what `configs/default.yaml` trains; the two
    # drifted once (pooling: the YAML said mean, a config without the key trained cls).
    def flat(d, prefix=""):
        for key, value in d.items():
            if isinstance(value, dict):
                yield from flat(value, prefix + key + ".")
            else:
                yield prefix + key, value

    shipped = dict(flat(load_config("configs/default.yaml").to_dict()))
    drift = {k: (v, shipped[k]) for k, v in flat(Config().to_dict()) if shipped[k] != v}
    assert drift == {}, f"dataclass default vs default.yaml: {drift}"


def test_out_of_range_value_names_the_key_and_the_bounds(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("training:\n  label_smoothing: 1.5\n")
    with pytest.raises(StanceError, match=r"c.yaml: 'training.label_smoothing' must be between 0.0 and 1.0, got 1.5"):
        load_config(path)


def test_train_fraction_of_zero_is_refused(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("data:\n  split:\n    train_fraction: 0\n")
    with pytest.raises(StanceError, match=r"'data.split.train_fraction' must be between 0.01 and 1.0, got 0"):
        load_config(path)


def test_data_paths_resolve_against_the_config_file_when_not_in_the_working_directory(tmp_path, monkeypatch):
    # a user's project keeps its config beside its data and runs stance from elsewhere
    from stance.config import load_config

    project = tmp_path / "project"
    (project / "corpus").mkdir(parents=True)
    (project / "stance.yaml").write_text("data:\n  statements: corpus\n")
    monkeypatch.chdir(tmp_path)
    assert load_config(project / "stance.yaml").data.statements == str(project.resolve() / "corpus")
    # a path that exists in the working directory keeps its meaning (the shipped configs)
    (tmp_path / "corpus").mkdir()
    assert load_config(project / "stance.yaml").data.statements == "corpus"


@pytest.mark.parametrize("name", ["default", "realnews", "mpnet", "tiny"])
def test_every_shipped_config_loads(name):
    """A config the README or a results page points to must at least parse onto the dataclasses."""
    config = load_config(f"configs/{name}.yaml")
    assert config.model.max_length > 0
