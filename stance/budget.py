"""A time budget for work done on a caller's behalf, checked where the work can stop cleanly.

The server gives each request a budget; extraction (between articles) and the classifier (between
batches) call ``check()``, so a request that runs out of time stops within one batch and frees the
model for the next one, instead of running on after its client got a 504. Outside a budget
``check()`` costs one context-variable read.
"""

from __future__ import annotations

import contextvars
import time
from contextlib import contextmanager
from typing import Iterator, Optional

from .errors import StanceError

_deadline: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar("stance_deadline", default=None)


class OutOfTime(StanceError):
    """The work ran past its budget and was stopped."""


@contextmanager
def time_budget(seconds: float) -> Iterator[float]:
    """Work inside the block stops at its next ``check()`` once ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    token = _deadline.set(deadline)
    try:
        yield deadline
    finally:
        _deadline.reset(token)


def remaining() -> Optional[float]:
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def check() -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise OutOfTime("the request ran out of its time budget")
