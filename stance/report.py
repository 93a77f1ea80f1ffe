"""`stance report`: corpus questions over the output of `stance analyze`.

Per actor and month (or week): how many stance-bearing statements, the share of each stance with a
95% Wilson interval, the dates where the actor's position shifts (with the quotes on either side),
and exports an analyst can take further: a DNA-style event list (CSV) and a two-mode actor-stance
network (GraphML, for rDNA, Gephi or networkx). The same quote republished by several outlets
counts once per actor and day, with the articles listed.
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections import defaultdict
from datetime import date as Date
from pathlib import Path
from typing import Iterable, Optional

from .errors import StanceError
from .labels import STANCES

CONCEPT = "Ukraine joining NATO"


def load_results(path: str | Path) -> list[dict]:
    """Results of `stance analyze`: a JSONL file, or a directory of part files."""
    from .parts import read_parts

    path = Path(path)
    if path.is_dir():
        return read_parts(path)
    if not path.is_file():
        raise StanceError(f"{path}: no such results file or directory")
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise StanceError(f"{path}:{number}: not a result line ({exc.msg})") from None
    return out


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def events(results: Iterable[dict]) -> tuple[list[dict], int]:
    """One event per stance-bearing quote (label not ``none``) of a dated article; syndicated
    copies (same actor, same words, same day) merge into one event listing every article.
    Returns the events by date and how many results had no date."""
    merged: dict = {}
    undated = 0
    for result in results:
        day = result.get("date")
        if not day:
            undated += 1
            continue
        for quote in result.get("quotes", []):
            if quote.get("label") not in STANCES:
                continue
            key = (quote["actor"], _words(quote["text"]), day[:10])
            if key in merged:
                merged[key]["articles"].append(result["id"])
                continue
            merged[key] = {"date": day[:10], "actor": quote["actor"], "stance": quote["label"],
                           "confidence": quote["probabilities"].get(quote["label"]), "quote": quote["text"],
                           "probabilities": {s: quote["probabilities"].get(s, 0.0) for s in STANCES},
                           "condition": (quote.get("condition") or {}).get("text", ""), "articles": [result["id"]]}
    return sorted(merged.values(), key=lambda e: (e["date"], e["actor"])), undated


def period_of(day: str, period: str) -> str:
    d = Date.fromisoformat(day)
    if period == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    return day[:7]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval for a share k/n (Wilson): sound for the small counts an actor-month has."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def timeline(evts: list[dict], period: str = "month") -> list[dict]:
    """Per actor and period: statement count, and per stance its count, share and 95% band."""
    cells: dict = defaultdict(lambda: {s: 0 for s in STANCES})
    for e in evts:
        cells[(e["actor"], period_of(e["date"], period))][e["stance"]] += 1
    rows = []
    for (actor, when), counts in sorted(cells.items()):
        n = sum(counts.values())
        row = {"actor": actor, "period": when, "statements": n}
        for s in STANCES:
            lo, hi = wilson(counts[s], n)
            row.update({s: counts[s], f"{s}_share": round(counts[s] / n, 3), f"{s}_low": round(lo, 3), f"{s}_high": round(hi, 3)})
        rows.append(row)
    return rows


def position_changes(evts: list[dict], min_evidence: int = 3, min_shift: float = 0.5) -> list[dict]:
    """Per actor, the date where its stance shifts most: the split of its statements (in date
    order, at least ``min_evidence`` on each side) that maximises the L1 distance between the mean
    stance probabilities before and after; reported when that distance is at least ``min_shift``
    and the majority stance differs, with the quotes on either side as evidence."""
    by_actor: dict = defaultdict(list)
    for e in evts:
        by_actor[e["actor"]].append(e)
    changes = []
    for actor, items in sorted(by_actor.items()):
        best = None
        for cut in range(min_evidence, len(items) - min_evidence + 1):
            if items[cut - 1]["date"] == items[cut]["date"]:
                continue  # a change needs a date to happen on
            before, after = _mean(items[:cut]), _mean(items[cut:])
            shift = sum(abs(before[s] - after[s]) for s in STANCES)
            if best is None or shift > best[0]:
                best = (shift, cut, before, after)
        if best is None or best[0] < min_shift:
            continue
        shift, cut, before, after = best
        old, new = max(before, key=before.get), max(after, key=after.get)
        if old == new:
            continue
        changes.append({"actor": actor, "date": items[cut]["date"], "from": old, "to": new, "shift": round(shift, 3),
                        "before": len(items[:cut]), "after": len(items[cut:]),
                        "evidence_before": [_cite(e) for e in items[max(0, cut - 2):cut]],
                        "evidence_after": [_cite(e) for e in items[cut:cut + 2]]})
    return changes


def _mean(items: list[dict]) -> dict:
    return {s: sum(e["probabilities"][s] for e in items) / len(items) for s in STANCES}


def _cite(e: dict) -> dict:
    return {"date": e["date"], "stance": e["stance"], "quote": e["quote"], "articles": e["articles"]}


def write_dna(evts: list[dict], directory: Path) -> None:
    """DNA's statement list (time, actor, concept, agreement, quote, source) and a two-mode
    actor-stance GraphML network. Agreement is 1 for supportive, 0 for denying and empty for
    conditional, which DNA users code as its own qualifier (the stance column keeps all three)."""
    import networkx as nx

    agreement = {"supportive": 1, "denying": 0, "conditional": ""}
    with open(directory / "dna_statements.csv", "w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["time", "actor", "concept", "agreement", "stance", "confidence", "quote", "condition", "source"])
        for e in evts:
            w.writerow([e["date"], e["actor"], CONCEPT, agreement[e["stance"]], e["stance"], e["confidence"], e["quote"],
                        e["condition"], ";".join(e["articles"])])
    graph = nx.Graph()
    for e in evts:
        graph.add_node(e["actor"], kind="actor")
        graph.add_node(e["stance"], kind="stance")
        weight = graph.get_edge_data(e["actor"], e["stance"], {}).get("weight", 0)
        graph.add_edge(e["actor"], e["stance"], weight=weight + 1)
    nx.write_graphml(graph, directory / "actor_stance.graphml")


def _svg(rows: list[dict], width: int = 640, height: int = 120) -> str:
    """Stacked share bars per period, supportive / conditional / denying, as inline SVG."""
    colours = {"supportive": "#2b8a3e", "conditional": "#e8a33d", "denying": "#c92a2a"}
    bar = width / max(1, len(rows))
    parts = [f'<svg width="{width}" height="{height + 16}" role="img">']
    for i, row in enumerate(rows):
        y = 0.0
        for s in STANCES:
            h = row[f"{s}_share"] * height
            tip = html.escape(f"{row['period']}: {row[s]} {s} of {row['statements']} "
                              f"(share {row[f'{s}_share']:.2f}, 95% {row[f'{s}_low']:.2f}-{row[f'{s}_high']:.2f})")
            parts.append(f'<rect x="{i * bar:.1f}" y="{y:.1f}" width="{max(1.0, bar - 2):.1f}" height="{h:.1f}" '
                         f'fill="{colours[s]}"><title>{tip}</title></rect>')
            y += h
        parts.append(f'<text x="{i * bar:.1f}" y="{height + 12}" font-size="9">{html.escape(row["period"])}</text>')
    return "".join(parts) + "</svg>"


def write_html(rows: list[dict], changes: list[dict], top: list[tuple], directory: Path) -> None:
    by_actor: dict = defaultdict(list)
    for row in rows:
        by_actor[row["actor"]].append(row)
    body = ["<h1>Stances on Ukraine joining NATO</h1>",
            "<p>Share of each actor's stance-bearing statements per period: "
            "<b style='color:#2b8a3e'>supportive</b>, <b style='color:#e8a33d'>conditional</b>, "
            "<b style='color:#c92a2a'>denying</b>. Hover a bar for counts and the 95% band.</p>"]
    for actor, n in top:
        body.append(f"<h2>{html.escape(actor)} <small>({n} statements)</small></h2>{_svg(by_actor[actor])}")
        for c in (c for c in changes if c["actor"] == actor):
            body.append(f"<p>Position change on {c['date']}: {c['from']} → {c['to']} "
                        f"({c['before']} statements before, {c['after']} after). After: "
                        f"“{html.escape(c['evidence_after'][0]['quote'])}”</p>")
    page = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>stance report</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}</style></head><body>"
            + "".join(body) + "</body></html>")
    (directory / "timeline.html").write_text(page, encoding="utf-8")


def write_png(rows: list[dict], top: list[tuple], directory: Path, actors: int = 6) -> Optional[Path]:
    """timeline.png: the top actors' stance shares per period, one panel each (the plots extra)."""
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chosen = [a for a, _ in top[:actors]]
    if not chosen:
        return None
    colours = {"supportive": "#2b8a3e", "conditional": "#e8a33d", "denying": "#c92a2a"}
    fig, axes = plt.subplots(len(chosen), 1, figsize=(8, 1.6 * len(chosen)), sharex=False, squeeze=False)
    for ax, actor in zip(axes[:, 0], chosen):
        mine = [r for r in rows if r["actor"] == actor]
        x = range(len(mine))
        bottom = [0.0] * len(mine)
        for s in STANCES:
            shares = [r[f"{s}_share"] for r in mine]
            ax.bar(x, shares, bottom=bottom, color=colours[s], label=s, width=0.8)
            bottom = [b + v for b, v in zip(bottom, shares)]
        ax.set_title(f"{actor} ({sum(r['statements'] for r in mine)} statements)", fontsize=9, loc="left")
        ax.set_xticks(list(x), [r["period"] for r in mine], fontsize=6, rotation=90)
        ax.set_yticks([0, 1])
    axes[0, 0].legend(fontsize=7, ncol=3, loc="upper right")
    fig.tight_layout()
    path = directory / "timeline.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(results: list[dict], directory: str | Path, period: str = "month", top_n: int = 20,
                 min_evidence: int = 3) -> dict:
    """Everything `stance report` writes; returns the summary it prints."""
    if period not in ("month", "week"):
        raise StanceError(f"--period must be month or week, not {period!r}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    evts, undated = events(results)
    rows = timeline(evts, period)
    counts: dict = defaultdict(int)
    for e in evts:
        counts[e["actor"]] += 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
    changes = position_changes(evts, min_evidence)
    if rows:
        with open(directory / "timeline.csv", "w", newline="", encoding="utf-8") as handle:
            w = csv.DictWriter(handle, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    (directory / "changes.json").write_text(json.dumps(changes, indent=2, ensure_ascii=False), encoding="utf-8")
    write_dna(evts, directory)
    write_html(rows, changes, top, directory)
    write_png(rows, top, directory)
    summary = {"articles": len(results), "undated_articles": undated, "statements": len(evts),
               "syndicated_copies_merged": sum(len(e["articles"]) - 1 for e in evts),
               "actors": len(counts), "top_actors": top, "position_changes": len(changes)}
    (directory / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return summary


def describe(summary: dict, directory: Optional[str] = None) -> str:
    head = (f"{summary['statements']} stance-bearing statements from {summary['articles']} articles "
            f"({summary['undated_articles']} without a date, left out; {summary['syndicated_copies_merged']} syndicated "
            f"copies merged), {summary['actors']} actors, {summary['position_changes']} position changes")
    return head + (f"; written to {directory}" if directory else "")
