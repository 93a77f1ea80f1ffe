"""Fast paths chosen by measuring them on the machine at hand, not by CPU flags.

CPU flags promise more than they deliver: on an AMD EPYC bf16 inference ran 3.9x the plain
pipeline, on an Intel Xeon with the same AVX512-BF16 flag 1.2x, slower than ONNX Runtime in fp32
(issue #17). So ``backend: auto`` on a CPU times each candidate backend on a short calibration
batch the first time a model is loaded on a machine, keeps the fastest whose predictions agree
with fp32 torch, and caches the choice keyed by CPU model, thread count, torch version and the
model's weights (like FFTW's wisdom or cuDNN's benchmark mode). An explicit backend always wins;
``stance bench`` measures again and prints the table.
"""

from __future__ import annotations

import json
import logging
import platform
import time
from pathlib import Path

log = logging.getLogger("stance.planner")

# Candidates for ``auto``, in order of preference on a tie; int8 changes predictions by a
# model-dependent amount (README), so it stays opt-in and is never chosen for the user.
CANDIDATES = ("torch", "bf16", "onnx")
# A backend may move at most this share of the calibration predictions away from fp32 torch: one
# in 64, the scale of the 1-point bound the benchmark applies to test macro-F1.
MAX_MOVED = 1 / 64
# Statements shaped like what the classifier meets; 64 of them take a second or two per backend.
_SPEAKERS = ("Volodymyr Zelensky", "Jens Stoltenberg", "Joe Biden", "Dmitry Peskov")
_WORDS = (
    "Ukraine's future is in NATO.", "It depends on whether they meet the criteria.",
    "NATO membership for Ukraine is unrealistic.", "Russia does not have a veto over who joins the alliance.",
    "We will do all we can to help Ukraine resist Russian aggression.", "School's out on that question.",
    "Ukraine will become a member of the Alliance when allies agree and conditions are met, and not before.",
    "Hungary will never support Ukraine's membership, and we will block every step towards it.",
    "The Membership Action Plan is an integral part of the membership process for Ukraine and Georgia.",
    "Until Ukraine wins this war we cannot talk about its membership, but the door remains open.",
    "Any further expansion of NATO toward our borders will be regarded as a direct threat to security.",
    "We need clear dates and a timetable, a yes or a no, not vague promises about an open door.",
    "The summit will discuss air defence, ammunition and training for Ukrainian brigades.",
    "Ukraine has moved closer to NATO than ever before, and its path to membership is irreversible.",
    "Neutrality is not an option for us; our people chose NATO in the constitution.",
    "No decision on membership has been taken, and none is imminent.",
)
CALIBRATION = [{"actor": s, "cue": "said", "text": w} for w in _WORDS for s in _SPEAKERS]


def cache_file() -> Path:
    from .backends import user_cache_dir

    return user_cache_dir() / "plans.json"


def machine_key() -> str:
    import torch

    return f"{cpu_model()}|threads={torch.get_num_threads()}|torch={torch.__version__}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _read_plans() -> dict:
    try:
        plans = json.loads(cache_file().read_text(encoding="utf-8"))
        return plans if isinstance(plans, dict) else {}
    except (OSError, ValueError):
        return {}  # no cache, or a damaged one: measure again


def _write_plan(key: str, plan: dict) -> None:
    """Merge one plan into the cache, written whole under a temporary name and renamed, so two
    processes measuring at once never leave a half file."""
    from .backends import _build_atomically

    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        plans = _read_plans()
        plans[key] = plan
        _build_atomically(path, lambda tmp: tmp.write_text(json.dumps(plans, indent=1), encoding="utf-8"))
    except OSError as exc:  # a read-only home still runs, it just measures at every load
        log.warning("could not cache the backend choice in %s (%s)", path, exc)


def measure_backends(model_dir: Path, candidates=CANDIDATES, repeat: int = 2) -> dict:
    """Statements per second and predictions moved from fp32 torch, per available backend."""
    from .backends import available
    from .model import Classifier

    rows, reference = {}, None
    for backend in ("torch",) + tuple(b for b in candidates if b != "torch" and available(b)):
        clf = Classifier.from_dir(model_dir, device="cpu", backend=backend)
        clf.predict(CALIBRATION[:8])  # warm-up: allocations, graph optimisation
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            predicted = clf.predict(CALIBRATION).argmax(axis=1)
            best = min(best, time.perf_counter() - start)
        if reference is None:
            reference = predicted
        rows[backend] = {"statements_per_s": round(len(CALIBRATION) / best, 1),
                         "moved": int((predicted != reference).sum())}
    return rows


def choose(rows: dict, max_moved: float = MAX_MOVED) -> str:
    """The fastest backend whose predictions stay with fp32 torch's."""
    allowed = [b for b, r in rows.items() if r["moved"] <= max_moved * len(CALIBRATION)]
    return max(allowed, key=lambda b: (rows[b]["statements_per_s"], -CANDIDATES.index(b)))


def plan_key(model_dir: Path) -> str:
    from .backends import weights_fingerprint

    return f"backend|{machine_key()}|{weights_fingerprint(model_dir)[:16]}"


def planned_backend(model_dir: Path, remeasure: bool = False) -> tuple[str, dict]:
    """The backend ``auto`` runs for this model on this machine, and the measurement behind it;
    measured and cached the first time."""
    key = plan_key(Path(model_dir))
    plan = None if remeasure else _read_plans().get(key)
    if not plan or plan.get("backend") not in CANDIDATES:
        rows = measure_backends(Path(model_dir))
        plan = {"backend": choose(rows), "rows": rows, "measured": time.strftime("%Y-%m-%d %H:%M:%S")}
        _write_plan(key, plan)
        log.info("backend auto: measured %s on %s, chose %s", rows, cpu_model(), plan["backend"])
    return plan["backend"], plan


def table(plan: dict) -> str:
    rows = plan["rows"]
    base = rows["torch"]["statements_per_s"]
    lines = [f"{'backend':<8} {'statements/s':>13} {'vs torch':>9} {'moved':>6}"]
    for backend, r in rows.items():
        lines.append(f"{backend:<8} {r['statements_per_s']:>13.1f} {r['statements_per_s'] / base:>8.2f}x "
                     f"{r['moved']:>3}/{len(CALIBRATION)}")
    lines.append(f"chosen: {plan['backend']} (on {cpu_model()}, measured {plan.get('measured', '?')})")
    return "\n".join(lines)


# bf16 autocast must beat fp32 by this much per training step to be worth its rounding.
BF16_MARGIN = 1.1


def precision_key(base_model: str, max_length: int, batch_size: int, num_layers: int) -> str:
    return f"precision|{machine_key()}|{base_model}|len={max_length}|batch={batch_size}|layers={num_layers}"


def measure_precision(model, batch: dict, steps: int = 3) -> dict:
    """Training steps per second in fp32 and under bf16 autocast, on one real batch: forward and
    backward only (no optimizer step, gradients cleared, random state restored), so the training
    that follows is the same as without the measurement."""
    import torch

    rng = torch.get_rng_state()
    was_training = model.training
    model.train()
    rates = {}
    try:
        for precision in ("fp32", "bf16"):
            best = float("inf")
            for i in range(steps + 1):  # the first step of each is a warm-up
                start = time.perf_counter()
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                    loss = model(**batch).loss
                loss.backward()
                model.zero_grad(set_to_none=True)
                if i:
                    best = min(best, time.perf_counter() - start)
            rates[precision] = round(1.0 / best, 2)
    finally:
        torch.set_rng_state(rng)
        model.train(was_training)
    return rates


def planned_precision(key: str, measure) -> tuple[str, dict]:
    """bf16 where it measured at least BF16_MARGIN times fp32's speed on this machine, else fp32;
    ``measure()`` gives the rates, once per key."""
    plan = _read_plans().get(key)
    if not plan or plan.get("precision") not in ("fp32", "bf16"):
        rates = measure()
        choice = "bf16" if rates["bf16"] >= BF16_MARGIN * rates["fp32"] else "fp32"
        plan = {"precision": choice, "steps_per_s": rates, "measured": time.strftime("%Y-%m-%d %H:%M:%S")}
        _write_plan(key, plan)
        log.info("training precision auto: measured %s steps/s on %s, chose %s", rates, cpu_model(), choice)
    return plan["precision"], plan
