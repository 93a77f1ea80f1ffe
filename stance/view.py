"""An analysed article as a self-contained HTML page: each quote highlighted in its stance's
colour, speaker, label and confidence on hover, and the per-actor summary on top, so a result can
be checked by reading it in the article. No script and nothing fetched: it opens offline."""

from __future__ import annotations

import html

COLOURS = {"supportive": "#b2f2bb", "conditional": "#ffe8a1", "denying": "#ffc9c9", "none": "#e9ecef"}
STYLE = ("body{font-family:sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.5}"
         "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:.2em .5em}"
         "article{white-space:pre-wrap;border-top:1px solid #ccc;padding-top:1em}"
         + "".join(f"mark.{k}{{background:{v}}}" for k, v in COLOURS.items()))


def _summary(result: dict) -> str:
    rows = "".join(
        f"<tr class='actor' data-actor='{html.escape(a['actor'], quote=True)}'><td>{html.escape(a['actor'])}</td>"
        f"<td><mark class='{a['stance']}'>{a['stance']}</mark></td><td>{a['confidence']:.2f}</td></tr>"
        for a in result["actors"])
    if not rows:
        return "<p>No actor took a stance on Ukraine joining NATO.</p>"
    return f"<table><tr><th>actor</th><th>stance</th><th>confidence</th></tr>{rows}</table>"


def _highlighted(text: str, quotes: list) -> str:
    out, cursor = [], 0
    for i, q in sorted(enumerate(quotes), key=lambda iq: (iq[1]["start"], -iq[1]["end"])):
        if q["start"] < cursor:
            continue  # a span nested in one already marked: its words are highlighted once
        confidence = q["probabilities"].get(q["label"], 0.0)
        tip = f"{q['actor']} · {q['label']} · {confidence:.2f}"
        out.append(html.escape(text[cursor:q["start"]]))
        out.append(f"<mark class='quote {q['label']}' data-quote='{i}' data-actor='{html.escape(q['actor'], quote=True)}' "
                   f"data-label='{q['label']}' title='{html.escape(tip, quote=True)}'>{html.escape(text[q['start']:q['end']])}</mark>")
        cursor = q["end"]
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def article_section(text: str, result: dict) -> str:
    title = html.escape(str(result.get("id") or "article"))
    day = f" <small>{html.escape(result['date'])}</small>" if result.get("date") else ""
    return f"<section><h2>{title}{day}</h2>{_summary(result)}<article>{_highlighted(text, result['quotes'])}</article></section>"


def page(sections: list[str], title: str = "stance") -> str:
    legend = " ".join(f"<mark class='{k}'>{k}</mark>" for k in COLOURS)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body><p>Quotes by stance: {legend}. Hover a quote for its speaker, "
            f"label and confidence.</p>{''.join(sections)}</body></html>")
