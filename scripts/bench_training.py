#!/usr/bin/env python
"""Training speed of the batch sampling strategies (``training.sampling``), precisions
(``training.precision``) and encoder depths (``model.num_layers``), measured against each other
in the same process (machines are shared and noisy, so only ratios mean much).

For each combination it trains one full epoch of the given config, in alternating order and
``--repeat`` times, and reports the Trainer's own loop time (steps plus the epoch's dev
evaluation) as a ratio against random batches in fp32 (the plain Trainer). It also counts, without
any timing, how many token positions the batches of one epoch hold under each sampling strategy
(padding included), which is where the sampling difference comes from.

    python scripts/bench_training.py [--config configs/default.yaml] [--repeat 2] [--json]
    python scripts/bench_training.py --num-layers 0 3 --only random+fp32 group_by_length+bf16

``--num-layers`` adds the depth to every combination (0: the base's own); ``--only`` keeps the
named sampling+precision pairs, to spend less time. The first variant is the baseline.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stance.config import PRECISIONS  # noqa: E402
from stance.config import SAMPLINGS as STRATEGIES  # noqa: E402


def padded_positions(lengths: list[int], batch_size: int, strategy: str, seed: int) -> int:
    """Token positions in one epoch's batches when each batch is padded to its longest item."""
    import torch
    from transformers.trainer_pt_utils import LengthGroupedSampler

    generator = torch.Generator().manual_seed(seed)
    if strategy == "group_by_length":
        order = list(LengthGroupedSampler(batch_size, lengths=lengths, generator=generator))
    else:
        order = torch.randperm(len(lengths), generator=generator).tolist()
    return sum(max(lengths[i] for i in order[k:k + batch_size]) * len(order[k:k + batch_size])
               for k in range(0, len(order), batch_size))


def token_lengths(config) -> list[int]:
    from transformers import AutoTokenizer

    from stance.data import load_splits
    from stance.model import resolve_base_model
    from stance.training import to_dataset_dict, tokenize_inputs

    train = to_dataset_dict(load_splits(config.data, ROOT), config.input)["train"]
    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(config.model.base_model))
    encoded = tokenize_inputs(tokenizer, train["text"], train["text_pair"], config)
    return [len(ids) for ids in encoded["input_ids"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="also write results/bench_training.json")
    parser.add_argument("--num-layers", type=int, nargs="+", default=None,
                        help="encoder depths to time (model.num_layers; default: the config's)")
    parser.add_argument("--only", nargs="+", default=None, metavar="SAMPLING+PRECISION",
                        help="time only these pairs (default: every sampling with fp32 and bf16)")
    args = parser.parse_args()
    pairs = [(s, p) for s in STRATEGIES for p in PRECISIONS if p != "auto"]  # auto is one of the two
    if args.only:
        asked = [(o, tuple(o.split("+"))) for o in args.only]
        unknown = [o for o, pair in asked if pair not in pairs]
        if unknown:
            parser.error(f"--only {' '.join(unknown)}: expected among {', '.join('+'.join(p) for p in pairs)}")
        pairs = [pair for _, pair in asked]

    import transformers

    from stance.config import load_config
    from stance.training import train

    transformers.utils.logging.set_verbosity_error()
    config = load_config(args.config)
    lengths = token_lengths(config)
    real = sum(lengths)
    positions = {s: padded_positions(lengths, config.training.batch_size, s, config.training.seed) for s in STRATEGIES}
    for s in STRATEGIES:
        print(f"{s}: {positions[s]:,} token positions per epoch ({positions[s] / real:.2f}x the {real:,} real tokens)", flush=True)

    depths = args.num_layers or [config.model.num_layers]
    variants = [(s, p, d) for d in depths for s, p in pairs]

    def name(v):
        return f"{v[0]}+{v[1]}" + (f"+L{v[2] or 'all'}" if len(depths) > 1 else "")

    seconds = {name(v): [] for v in variants}
    for r in range(args.repeat):
        for v in (variants if r % 2 == 0 else variants[::-1]):
            one_epoch = dataclasses.replace(
                config, model=dataclasses.replace(config.model, num_layers=v[2]),
                training=dataclasses.replace(config.training, sampling=v[0], precision=v[1], epochs=1.0,
                                             max_steps=-1, early_stopping_patience=0))
            with tempfile.TemporaryDirectory() as tmp:
                metrics = train(one_epoch, Path(tmp) / "model", root=ROOT, progress=False)
            seconds[name(v)].append(metrics["trainer_seconds"])
            print(f"{name(v)}: one epoch in {metrics['trainer_seconds']:.1f} s", flush=True)
    median = {k: statistics.median(v) for k, v in seconds.items()}
    baseline = name(variants[0])
    speedup = {k: round(median[baseline] / median[k], 2) for k in median}
    result = {
        "config": str(args.config), "train_statements": len(lengths), "real_tokens": real,
        "positions_per_epoch": positions, "epoch_seconds": seconds, "repeat": args.repeat,
        "baseline": baseline, "speedup_vs_baseline": speedup,
        "positions_ratio": round(positions["group_by_length"] / positions["random"], 3),
    }
    for k in median:
        print(f"{k}: {speedup[k]:.2f}x the epochs per second of {baseline} (median of {args.repeat})")
    print(f"group_by_length holds {result['positions_ratio']:.2f}x the token positions of random batches")
    if args.json:
        (ROOT / "results" / "bench_training.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
