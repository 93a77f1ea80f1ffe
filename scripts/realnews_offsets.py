"""Fill in and check the character offsets of a real-news passage's gold statements.

Annotators write each statement's ``text`` exactly as it stands in the passage, in the order the
statements appear; this script finds each one (searching on from the previous statement, so a
repeated phrase lands on the right occurrence), writes ``start``/``end``, and checks what
``stance data check`` will check: offsets, labels, kinds, and that every actor with a stance-bearing
statement has an article-level stance. Standard library only, so it runs before the package is
installed.

    python scripts/realnews_offsets.py data/realnews/passages/rn-2008-01.json [...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LABELS = ("supportive", "conditional", "denying", "none")
KINDS = ("direct", "reported", "mixed")
REQUIRED = ("id", "title", "date", "source", "text", "quotes", "actors")
SOURCE_FIELDS = ("outlet", "url", "written_by_team", "derivation")
QUOTE_FIELDS = ("text", "speaker", "actor", "cue", "kind", "label", "patterns")


def fill(path: Path) -> list[str]:
    where = str(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{where}:{exc.lineno}: malformed JSON ({exc.msg})"]
    problems = [f"{where}: missing field {k!r}" for k in REQUIRED if k not in doc]
    if problems:
        return problems
    problems += [f"{where}: source.{k} missing" for k in SOURCE_FIELDS if k not in doc["source"]]
    text = doc["text"]
    cursor = 0
    for i, q in enumerate(doc["quotes"]):
        qw = f"{where}: quotes[{i}]"
        problems += [f"{qw}: missing field {k!r}" for k in QUOTE_FIELDS if k not in q]
        if q.get("label") not in LABELS:
            problems.append(f"{qw}: label {q.get('label')!r} is not one of {LABELS}")
        if q.get("kind") not in KINDS:
            problems.append(f"{qw}: kind {q.get('kind')!r} is not one of {KINDS}")
        words = q.get("text", "")
        if not words or words != words.strip():
            problems.append(f"{qw}: text is empty or has surrounding spaces: {words!r}")
            continue
        at = text.find(words, cursor)
        if at < 0:
            at = text.find(words)
        if at < 0:
            problems.append(f"{qw}: text not found in the passage: {words[:60]!r}")
            continue
        q["start"], q["end"] = at, at + len(words)
        cursor = at + 1
        if q.get("speaker") and q["speaker"] not in text:
            problems.append(f"{qw}: speaker mention {q['speaker']!r} does not occur in the passage")
    spans = sorted((q["start"], q["end"]) for q in doc["quotes"] if "start" in q)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(f"{where}: statements at {s1}..{e1} and {s2}..{e2} overlap")
    stance_actors = {q["actor"] for q in doc["quotes"] if q.get("label") in LABELS[:3]}
    for actor in stance_actors - set(doc["actors"]):
        problems.append(f"{where}: actors: {actor!r} has a stance-bearing statement but no article-level stance")
    for actor, label in doc["actors"].items():
        if label not in LABELS[:3]:
            problems.append(f"{where}: actors.{actor}: {label!r} is not a stance")
        if actor not in stance_actors:
            problems.append(f"{where}: actors.{actor}: no supportive/conditional/denying statement by this actor")
    if not problems:
        doc["quotes"] = [{k: q[k] for k in ("start", "end", *QUOTE_FIELDS, *sorted(set(q) - {"start", "end", *QUOTE_FIELDS}))} for q in doc["quotes"]]
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return problems


def main(argv: list[str]) -> int:
    problems = [p for arg in argv for p in fill(Path(arg))]
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(argv)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
