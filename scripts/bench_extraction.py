#!/usr/bin/env python
"""Extraction time against text length on quote-dense input, in one process: prints microseconds
per character at each size and the ratio of the largest size's rate to the smallest's (about 1
when extraction is linear; issue #19 measured 0.08 s at 5k characters and 1.7 s at 40k before).

    python scripts/bench_extraction.py [--sizes 50 100 200 400 800] [--one-paragraph]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

UNIT = ('"We will never accept this," Peskov said. Zelensky said that Ukraine must join NATO, adding '
        'that "the door is open."')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400, 800], help="repetitions of the unit")
    parser.add_argument("--one-paragraph", action="store_true", help="join the units with spaces, not newlines")
    args = parser.parse_args()
    from stance.actors import DEFAULT_ACTORS, ActorRegistry
    from stance.extraction import QuoteExtractor

    extractor = QuoteExtractor(ActorRegistry.from_yaml(DEFAULT_ACTORS))
    sep = " " if args.one_paragraph else "\n"
    rates = []
    for n in args.sizes:
        text = sep.join([UNIT] * n)
        best = min(_timed(extractor, text) for _ in range(3))
        rates.append(best / len(text) * 1e6)
        print(f"{len(text):>8} characters: {best:7.3f} s, {rates[-1]:5.2f} us/char")
    print(f"rate at the largest size / rate at the smallest: {rates[-1] / rates[0]:.2f}")


def _timed(extractor, text: str) -> float:
    start = time.perf_counter()
    extractor.extract(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
