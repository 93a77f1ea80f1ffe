"""The public entry point: ``StanceModel.load(dir).analyze(text)``.

An article goes through extraction (quotes, speakers, canonical actors), the classifier (one
probability per label per quote) and aggregation (one stance per actor).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import numpy as np

from . import budget, records
from .actors import DEFAULT_ACTORS, ActorRegistry
from .conditions import add_conditions
from .extraction import Quote, QuoteExtractor
from .labels import LABELS, NONE, STANCES
from .model import DEFAULT_MODEL_DIR, Classifier

NONE_INDEX = LABELS.index(NONE)


def _round(p: float) -> float:
    return round(float(p), 4)


def probabilities_dict(row: np.ndarray) -> dict:
    return {label: _round(row[i]) for i, label in enumerate(LABELS)}


@dataclass
class ActorStance:
    actor: str
    stance: str
    confidence: float
    probabilities: dict
    quotes: list  # indices into AnalysisResult.quotes

    def to_dict(self) -> dict:
        return {"actor": self.actor, "stance": self.stance, "confidence": self.confidence,
                "probabilities": self.probabilities, "quotes": self.quotes}


@dataclass
class AnalysisResult:
    id: Optional[str]
    actors: list = field(default_factory=list)  # ActorStance
    quotes: list = field(default_factory=list)  # dicts, DESIGN.md's quote objects
    date: Optional[str] = None  # the article's date when it was given: what timelines are built on

    def to_dict(self) -> dict:
        out = {"id": self.id, "actors": [a.to_dict() for a in self.actors], "quotes": self.quotes}
        if self.date:
            out["date"] = self.date
        return out

    def actor(self, name: str) -> Optional[ActorStance]:
        return next((a for a in self.actors if a.actor == name), None)


def aggregate(actor_quotes: dict, probs: np.ndarray) -> list[ActorStance]:
    """One stance per actor from its quotes' probabilities.

    Quotes whose most likely label is ``none`` say nothing about membership and are left out; the
    rest are averaged, each weighted by how sure the model is that it is on topic (1 - p(none)).
    An actor with no on-topic quote gets no stance.
    """
    out = []
    for actor, indices in actor_quotes.items():
        relevant = [i for i in indices if int(np.argmax(probs[i])) != NONE_INDEX]
        if not relevant:
            continue
        rows = probs[relevant][:, [LABELS.index(s) for s in STANCES]]
        weights = 1.0 - probs[relevant][:, NONE_INDEX]
        mixed = (rows * weights[:, None]).sum(axis=0)
        mixed = mixed / mixed.sum() if mixed.sum() > 0 else np.full(len(STANCES), 1 / len(STANCES))
        best = int(np.argmax(mixed))
        out.append(ActorStance(
            actor=actor, stance=STANCES[best], confidence=_round(mixed[best]),
            probabilities={s: _round(mixed[i]) for i, s in enumerate(STANCES)}, quotes=relevant,
        ))
    return out


class StanceModel:
    """A trained stance model with its quote extractor."""

    def __init__(self, classifier: Classifier, registry: ActorRegistry, path: Optional[Path] = None):
        self.classifier = classifier
        self.registry = registry
        self.extractor = QuoteExtractor(registry)
        self.path = path

    @classmethod
    def load(cls, path: Union[str, Path] = DEFAULT_MODEL_DIR, device: str = "auto",
             batch_size: Optional[int] = None, actors: Optional[Union[str, Path]] = None,
             backend: Optional[str] = None) -> "StanceModel":
        """Load a model directory written by ``stance train``. The actor list saved with the model
        is used unless ``actors`` names another YAML file. ``backend`` picks the runtime
        (stance/backends.py); by default the model's config says, else ``auto``."""
        path = Path(path)
        classifier = Classifier.from_dir(path, device=device, batch_size=batch_size, backend=backend)
        actors_path = Path(actors) if actors else (path / "actors.yaml" if (path / "actors.yaml").is_file() else DEFAULT_ACTORS)
        return cls(classifier, ActorRegistry.from_yaml(actors_path), path)

    # ------------------------------------------------------------------ statements
    def classify(self, items: Sequence[dict]) -> list[dict]:
        """One prediction per ``{"actor", "text", "context"?, "cue"?}``."""
        checked = []
        for i, item in enumerate(items):
            try:
                checked.append(records.statement(item))
            except records.RecordError as exc:
                raise records.RecordError(f"item {i}: {exc}") from None
        probs = self.classifier.predict(checked)
        out = []
        for record, row in zip(checked, probs):
            best = int(np.argmax(row))
            out.append({
                "actor": record.get("actor"), "text": record["text"], "label": LABELS[best],
                "confidence": _round(row[best]), "probabilities": probabilities_dict(row),
            })
        return out

    # ------------------------------------------------------------------ articles
    def analyze(self, text: str, id: Optional[str] = None, date: Optional[Union[str, Date]] = None) -> AnalysisResult:
        return next(iter(self.analyze_many([{"id": id, "text": text, "date": date}])))

    def analyze_many(self, articles: Iterable[Union[str, dict]], batch_size: int = 16,
                     on_error: Optional[Callable[[object, Exception], None]] = None) -> Iterator[AnalysisResult]:
        """Analyse articles lazily, ``batch_size`` articles at a time, so a generator over a large
        corpus runs in bounded memory. Items are texts or ``{"id", "text", "date"?}`` dicts.

        By default a bad article raises. With ``on_error(article, exc)``, a bad article is handed
        to it and skipped, and a chunk that fails in the model is redone one article at a time, so
        one article that breaks a later stage costs only itself."""
        chunk = []
        for n, article in enumerate(articles):
            try:
                chunk.append(self._normalise(article, n))
            except records.RecordError as exc:
                if on_error is None:
                    raise
                on_error(article, exc)
                continue
            if len(chunk) >= batch_size:
                yield from self._analyze_guarded(chunk, on_error)
                chunk = []
        if chunk:
            yield from self._analyze_guarded(chunk, on_error)

    def _analyze_guarded(self, chunk: list[dict], on_error) -> Iterator[AnalysisResult]:
        if on_error is None:
            yield from self._analyze_chunk(chunk)
            return
        try:
            results = list(self._analyze_chunk(chunk))
        except budget.OutOfTime:
            raise
        except Exception:  # noqa: BLE001 - isolated below, article by article
            results = []
            for article in chunk:
                try:
                    results.extend(self._analyze_chunk([article]))
                except Exception as exc:  # noqa: BLE001 - reported to the caller, the batch goes on
                    on_error(article, exc)
        yield from results

    @staticmethod
    def _normalise(article, n: int) -> dict:
        try:
            return records.article(article)
        except records.RecordError as exc:
            name = article.get("id", n) if isinstance(article, dict) else n
            raise records.RecordError(f"article {name}: {exc}") from None

    def extract(self, text: str, date: Optional[Date] = None) -> list[Quote]:
        return self.extractor.extract(text, date)

    def _analyze_chunk(self, chunk: list[dict]) -> Iterator[AnalysisResult]:
        per_article = []
        for a in chunk:
            budget.check()
            per_article.append(self.extractor.extract(a["text"], a["date"]))
        with_context = self.classifier.input_cfg.article_context
        records = [{"actor": q.actor, "cue": q.cue, "text": q.text, **({"context": q.context} if with_context else {})}
                   for quotes in per_article for q in quotes]
        probs = self.classifier.predict(records)
        cursor = 0
        for article, quotes in zip(chunk, per_article):
            rows = probs[cursor: cursor + len(quotes)]
            cursor += len(quotes)
            result = self._result(article["id"], quotes, rows)
            result.date = article["date"].isoformat() if article["date"] else None
            yield result

    @staticmethod
    def _result(article_id, quotes: list[Quote], probs: np.ndarray) -> AnalysisResult:
        quote_dicts, by_actor = [], {}
        for i, (q, row) in enumerate(zip(quotes, probs)):
            quote_dicts.append({
                "actor": q.actor, "text": q.text, "start": q.start, "end": q.end, "cue": q.cue,
                "kind": q.kind, "speaker": q.speaker, "label": LABELS[int(np.argmax(row))],
                "probabilities": probabilities_dict(row),
            })
            by_actor.setdefault(q.actor, []).append(i)
        add_conditions(quote_dicts)
        return AnalysisResult(article_id, aggregate(by_actor, probs), quote_dicts)
