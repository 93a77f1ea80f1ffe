"""Scores: the classifier on held-out statements (beside two baselines trained on the same train
split), the extractor on gold articles, and the whole pipeline on gold articles' actor stances."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import numpy as np

from .labels import LABEL2ID, LABELS, STANCES

if TYPE_CHECKING:
    from .model import Classifier

STANCE_IDS = [LABEL2ID[s] for s in STANCES]


# ----------------------------------------------------------------------------- classification
def classification_scores(y_true: Sequence[int], y_pred: Sequence[int]) -> dict:
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    all_ids = list(range(len(LABELS)))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=all_ids, zero_division=0)
    return {
        "n": int(len(y_true)),
        "macro_f1": float(f1_score(y_true, y_pred, labels=STANCE_IDS, average="macro", zero_division=0)),
        "macro_f1_all": float(f1_score(y_true, y_pred, labels=all_ids, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(y_true, y_pred)) if len(y_true) else 0.0,
        "per_class": {
            LABELS[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i in all_ids
        },
        "confusion": confusion_matrix(y_true, y_pred, labels=all_ids).tolist(),
    }


def bootstrap_macro_f1(y_true, y_pred, rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of macro-F1 over the three stances, resampling statements."""
    from sklearn.metrics import f1_score

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) == 0:
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    scores = []
    for _ in range(rounds):
        idx = rng.integers(0, len(y_true), len(y_true))
        scores.append(f1_score(y_true[idx], y_pred[idx], labels=STANCE_IDS, average="macro", zero_division=0))
    return (float(np.percentile(scores, 2.5)), float(np.percentile(scores, 97.5)))


def _confidence_bins(conf: np.ndarray, bins: int):
    """(lo, hi, mask) per equal-width bin (lo, hi]: the one binning the ECE and the diagram share."""
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        yield lo, hi, (conf > lo) & (conf <= hi)


def _binned_ece(conf: np.ndarray, correct: np.ndarray, bins: int) -> float:
    ece = 0.0
    for _, _, mask in _confidence_bins(conf, bins):
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def expected_calibration_error(probs: np.ndarray, y_true: Sequence[int], bins: int = 10) -> float:
    if len(probs) == 0:
        return 0.0
    return _binned_ece(probs.max(axis=1), probs.argmax(axis=1) == np.asarray(y_true), bins)


def ece_if_calibrated(probs: np.ndarray, bins: int = 10, rounds: int = 1000, seed: int = 0) -> dict:
    """The ECE a perfectly calibrated model with these confidences would show on this many
    statements: each prediction is drawn right with probability equal to its confidence. On a few
    hundred statements this is far from zero, so a measured ECE is only evidence of miscalibration
    where it lies above this range (mean and 95th percentile of the draws)."""
    if len(probs) == 0:
        return {"mean": 0.0, "p95": 0.0}
    conf = probs.max(axis=1)
    rng = np.random.default_rng(seed)
    draws = [_binned_ece(conf, rng.random(len(conf)) < conf, bins) for _ in range(rounds)]
    return {"mean": float(np.mean(draws)), "p95": float(np.percentile(draws, 95))}


def softmax_rows(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def reliability_bins(probs: np.ndarray, y_true: Sequence[int], bins: int = 10) -> list[dict]:
    """Per confidence bin: how many predictions, their mean confidence, and how many were right."""
    if len(probs) == 0:
        return []
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == np.asarray(y_true)
    out = []
    for lo, hi, mask in _confidence_bins(conf, bins):
        out.append({"lo": float(lo), "hi": float(hi), "n": int(mask.sum()),
                    "confidence": float(conf[mask].mean()) if mask.any() else None,
                    "accuracy": float(correct[mask].mean()) if mask.any() else None})
    return out


def fit_temperature(logits: np.ndarray, labels: Sequence[int]) -> float:
    """Temperature scaling (Guo et al., 2017): one scalar fitted on dev by minimising NLL."""
    import torch

    if len(logits) == 0:
        return 1.0
    x = torch.tensor(logits, dtype=torch.float32)
    y = torch.tensor(list(labels), dtype=torch.long)
    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=100)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x / log_t.exp(), y)
        loss.backward()
        return loss

    opt.step(closure)
    t = float(log_t.exp().item())
    return min(max(t, 0.05), 20.0)


def majority_baseline(train_labels: Sequence[int], n: int) -> np.ndarray:
    most = Counter(train_labels).most_common(1)[0][0] if len(train_labels) else LABEL2ID["none"]
    return np.full(n, most)


def tfidf_baseline(train_texts: Sequence[str], train_labels: Sequence[int], test_texts: Sequence[str], seed: int = 0) -> np.ndarray:
    """TF-IDF word 1-2-grams + logistic regression with balanced class weights."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if len(set(train_labels)) < 2:
        return majority_baseline(train_labels, len(test_texts))
    pipe = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True),
        LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0, random_state=seed),
    )
    pipe.fit(list(train_texts), list(train_labels))
    return pipe.predict(list(test_texts))


def evaluate_statements(classifier: Classifier, train: list[dict], test: list[dict], seed: int = 0) -> dict:
    """The model beside a majority and a TF-IDF + logistic-regression baseline, all trained on
    ``train`` and scored on ``test``."""
    from .inputs import build_input

    cfg = classifier.input_cfg
    y_test = [LABEL2ID[st["label"]] for st in test]
    y_train = [LABEL2ID[st["label"]] for st in train]
    probs = classifier.predict(test)
    pred = probs.argmax(axis=1) if len(test) else np.zeros(0, dtype=int)
    model_scores = classification_scores(y_test, pred)
    model_scores["macro_f1_ci"] = bootstrap_macro_f1(y_test, pred, seed=seed)
    model_scores["ece"] = expected_calibration_error(probs, y_test)
    # the same predictions before temperature scaling: softmax(T · log p) undoes softmax(z / T)
    raw = softmax_rows(classifier.temperature * np.log(np.clip(probs, 1e-12, 1.0)))
    model_scores["ece_uncalibrated"] = expected_calibration_error(raw, y_test)
    model_scores["ece_if_calibrated"] = ece_if_calibrated(probs, seed=seed)
    model_scores["reliability"] = reliability_bins(probs, y_test)
    model_scores["reliability_uncalibrated"] = reliability_bins(raw, y_test)
    flat = lambda st: " ".join(x for x in build_input(st, cfg) if x)  # noqa: E731
    tfidf_pred = tfidf_baseline([flat(st) for st in train], y_train, [flat(st) for st in test], seed=seed)
    tfidf_scores = classification_scores(y_test, tfidf_pred)
    tfidf_scores["macro_f1_ci"] = bootstrap_macro_f1(y_test, tfidf_pred, seed=seed)
    majority_scores = classification_scores(y_test, majority_baseline(y_train, len(test)))
    errors = []
    for st, row, p in zip(test, probs, pred):
        if LABELS[int(p)] != st["label"]:
            errors.append({"id": st.get("id"), "actor": st.get("actor"), "text": st["text"], "gold": st["label"],
                           "predicted": LABELS[int(p)], "probabilities": {l: round(float(v), 4) for l, v in zip(LABELS, row)}})
    return {"model": model_scores, "tfidf_logreg": tfidf_scores, "majority": majority_scores, "errors": errors}


# ----------------------------------------------------------------------------- extraction
def span_overlap(pred: tuple[int, int], gold: tuple[int, int]) -> float:
    """Share of the gold span covered by the predicted one."""
    inter = max(0, min(pred[1], gold[1]) - max(pred[0], gold[0]))
    return inter / max(1, gold[1] - gold[0])


def match_quotes(predicted: list, gold: list, threshold: float = 0.5) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: a predicted quote matches a gold one when it covers at least
    half of the gold span."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            ov = span_overlap((p["start"], p["end"]), (g["start"], g["end"]))
            if ov >= threshold:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold}


def evaluate_extraction(articles: Iterable, extractor) -> dict:
    """Quote P/R/F1, speaker accuracy on matched quotes, and both per attribution pattern."""
    from datetime import date as Date

    tp = n_pred = n_gold = speaker_ok = 0
    per_pattern = defaultdict(lambda: {"gold": 0, "found": 0, "speaker_ok": 0})
    per_article = []
    for article in articles:
        day = Date.fromisoformat(article.date) if article.date else None
        predicted = [q.to_dict() for q in extractor.extract(article.text, day)]
        pairs = match_quotes(predicted, article.quotes)
        matched = dict(pairs)
        ok_here = 0
        for gi, g in enumerate(article.quotes):
            patterns = g.get("patterns") or ["unlabelled"]
            hit = gi in matched
            right = hit and predicted[matched[gi]]["actor"] == g["actor"]
            ok_here += right
            for pat in patterns:
                per_pattern[pat]["gold"] += 1
                per_pattern[pat]["found"] += hit
                per_pattern[pat]["speaker_ok"] += right
        tp += len(pairs)
        n_pred += len(predicted)
        n_gold += len(article.quotes)
        speaker_ok += ok_here
        per_article.append({"id": article.id, "gold": len(article.quotes), "predicted": len(predicted),
                            "matched": len(pairs), "speaker_ok": ok_here})
    scores = _prf(tp, n_pred, n_gold)
    scores["speaker_accuracy"] = speaker_ok / tp if tp else 0.0
    scores["patterns"] = {
        k: {"gold": v["gold"], "recall": v["found"] / v["gold"] if v["gold"] else 0.0,
            "speaker_accuracy": v["speaker_ok"] / v["found"] if v["found"] else 0.0}
        for k, v in sorted(per_pattern.items())
    }
    scores["articles"] = per_article
    return scores


def evaluate_actor_level(articles: Iterable, model) -> dict:
    """The whole pipeline (extraction + classification + aggregation) against gold actor stances."""
    from datetime import date as Date

    correct = total = n_pred = found = 0
    rows = []
    for article in articles:
        day = Date.fromisoformat(article.date) if article.date else None
        result = model.analyze(article.text, id=article.id, date=day)
        predicted = {a.actor: a.stance for a in result.actors}
        n_pred += len(predicted)
        for actor, gold in article.actors.items():
            total += 1
            got = predicted.get(actor)
            found += got is not None
            correct += got == gold
            rows.append({"article": article.id, "actor": actor, "gold": gold, "predicted": got})
    who = _prf(found, n_pred, total)
    return {"accuracy": correct / total if total else 0.0, "actors": total, "correct": correct,
            "who_took_a_stance": who, "rows": rows}


def load_labelled_jsonl(path: str | Path) -> tuple[list[dict], list[str]]:
    """A user's own sample for `stance evaluate --data`: {actor?, text, context?, cue?, label} per
    line. Bad lines are returned as messages and skipped."""
    from .batch import iter_statements_input

    records, problems = [], []
    for record, skipped in iter_statements_input(str(path)):
        if skipped is not None:
            problems.append(str(skipped))
        elif record.get("label") not in LABELS:
            problems.append(f"{path}: statement {record.get('id', record['text'][:30])!r}: label must be one of {', '.join(LABELS)}, got {record.get('label')!r}")
        else:
            records.append(record)
    return records, problems


def evaluate_model(model_dir: str | Path, data: Optional[str] = None, device: str = "auto", backend: Optional[str] = None) -> dict:
    """Everything `stance evaluate` reports. Without ``data``: the test split of the corpus the model
    was trained on (as its saved config.yaml says), plus extraction and actor-level scores on the
    gold articles. With ``data``: that JSONL, the baselines still trained on the model's train split."""
    from .config import Config, load_config
    from .data import ShingleIndex, held_out_articles, load_articles, load_realnews, load_splits, realnews_statements
    from .errors import StanceError
    from .inference import StanceModel

    model = StanceModel.load(model_dir, device=device, backend=backend)
    config_path = Path(model_dir) / "config.yaml"
    config = load_config(config_path) if config_path.is_file() else Config()
    report: dict = {"model": str(model_dir), "backend": model.classifier.backend}
    try:
        splits = load_splits(config.data)
    except StanceError:
        splits = None
    train = splits.train if splits else []
    if data:
        records, problems = load_labelled_jsonl(data)
        if not records:
            raise StanceError(f"{data}: no valid labelled statement to evaluate on")
        report.update({"data": str(data), "split": "user data", "skipped": problems})
        test = records
    else:
        if splits is None or not splits.test:
            raise StanceError(f"{config.data.statements}: no test split to evaluate on; pass --data FILE")
        report.update({"data": config.data.statements, "split": f"test (articles from {config.data.split.test_from})"})
        test = splits.test
    scores = evaluate_statements(model.classifier, train, test, seed=config.training.seed)  # same bootstrap as training's
    report["errors"] = scores.pop("errors")
    report["classification"] = scores
    realnews = Path(config.data.realnews)
    if not data and (realnews / "split.json").is_file():
        passages = load_realnews(realnews, "test")
        # the same remarks reported by another outlet may sit in the training corpus: score the
        # statements the model has not seen, and say how many were set aside
        seen = ShingleIndex(st["text"] for st in train + (splits.dev if splits else []))
        unseen = [st for st in realnews_statements(passages) if not seen.matches(st["text"])]
        if not model.classifier.input_cfg.article_context:  # scored as analyze reads them
            unseen = [dict(st, context="") for st in unseen]
        scores = evaluate_statements(model.classifier, train, unseen, seed=config.training.seed)
        scores["set_aside_as_seen_in_training"] = sum(len(a.quotes) for a in passages) - len(unseen)
        report["errors_realnews_test"] = scores.pop("errors")
        report["classification_realnews_test"] = scores
        report["extraction_realnews_test"] = evaluate_extraction(passages, model.extractor)
        report["actor_level_realnews_test"] = evaluate_actor_level(passages, model)
    if not data and Path(config.data.articles).exists():
        articles = load_articles(config.data.articles, config.data.seeds_dir)
        held_out = held_out_articles(articles, config.data.split.test_from)
        report["extraction"] = evaluate_extraction(articles, model.extractor)
        report["extraction_held_out"] = evaluate_extraction(held_out, model.extractor)
        report["actor_level"] = evaluate_actor_level(articles, model)
        report["actor_level_held_out"] = evaluate_actor_level(held_out, model)
    return report


# ----------------------------------------------------------------------------- reports
