"""stance: where each actor quoted in a news article stands on Ukraine joining NATO."""

from .actors import ActorRegistry
from .config import Config, load_config
from .errors import DataError, StanceError
from .extraction import Quote, QuoteExtractor, extract_quotes
from .inference import ActorStance, AnalysisResult, StanceModel
from .labels import LABELS, STANCES, TARGET

__version__ = "0.1.0"

__all__ = [
    "ActorRegistry", "ActorStance", "AnalysisResult", "Config", "DataError", "LABELS", "Quote",
    "QuoteExtractor", "STANCES", "StanceError", "StanceModel", "TARGET", "extract_quotes", "load_config",
]
