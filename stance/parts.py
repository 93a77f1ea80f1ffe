"""Results written as a directory of part files (JSONL or Parquet), resumable and exactly-once.

Each part is written whole to a temporary name and renamed into place, so a part either exists
complete or not at all: a killed run loses only the results it had not yet written, and a resumed
run reads the ids of the parts that exist and redoes the rest. One writer (the driver) writes, so
an id is never written twice even when a distributed engine retries the work that produced it.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Iterable, Optional

from .errors import StanceError

PART_FORMATS = ("jsonl", "parquet")


def _parquet():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise StanceError("Parquet output needs pyarrow (pip install 'stance-nato[ray]' or pip install pyarrow)") from None
    return pyarrow, pyarrow.parquet


def _part_rows(part: Path, columns: Optional[list] = None) -> list:
    """The results in one part file; for Parquet only ``columns`` are read when given."""
    if part.suffix == ".jsonl":
        return [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    _, pq = _parquet()
    return pq.read_table(part, columns=columns).to_pylist()


def read_part_ids(directory: Path) -> set:
    """The article ids already written to ``directory`` (complete parts only)."""
    return {row["id"] for part in sorted(directory.glob("part-*")) for row in _part_rows(part, ["id"])}


class PartWriter:
    """Buffers results and writes them ``part_size`` at a time as ``part-<run>-<n>.<fmt>``."""

    def __init__(self, directory: str | Path, fmt: str = "jsonl", resume: bool = False, part_size: int = 1000):
        if fmt not in PART_FORMATS:
            raise StanceError(f"a directory of parts is written as {' or '.join(PART_FORMATS)}, not {fmt!r}")
        self.directory = Path(directory)
        self.fmt, self.part_size = fmt, part_size
        if self.directory.exists() and not self.directory.is_dir():
            raise StanceError(f"{self.directory}: exists and is not a directory")
        existing = list(self.directory.glob("part-*")) if self.directory.is_dir() else []
        if existing and not resume:
            raise StanceError(f"{self.directory}: holds {len(existing)} result parts already; pass --resume to continue, "
                              "or choose an empty directory")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            probe = self.directory / f".probe-{uuid.uuid4().hex}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise StanceError(f"{self.directory}: cannot write the output ({exc.strerror})") from None
        for stale in self.directory.glob(".tmp-*"):
            stale.unlink()  # a part a killed run was still writing: its results were never counted
        self.done = read_part_ids(self.directory) if existing else set()
        self._run = uuid.uuid4().hex[:8]
        self._count = 0
        self._buffer: list = []
        self.written: set = set()

    def write(self, result: dict) -> bool:
        """Buffer one result; False (and nothing written) if its id was written before."""
        key = result.get("id")
        if key in self.done or key in self.written:
            return False
        self.written.add(key)
        self._buffer.append(result)
        if len(self._buffer) >= self.part_size:
            self.flush()
        return True

    def flush(self) -> Optional[Path]:
        if not self._buffer:
            return None
        final = self.directory / f"part-{self._run}-{self._count:05d}.{self.fmt}"
        tmp = self.directory / f".tmp-{final.name}"
        if self.fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in self._buffer)
                handle.flush()
                os.fsync(handle.fileno())
        else:
            pa, pq = _parquet()
            pq.write_table(pa.Table.from_pylist(_flat(self._buffer)), tmp)
        os.replace(tmp, final)
        self._count += 1
        self._buffer = []
        return final

    def close(self) -> None:
        self.flush()


def _flat(results: Iterable[dict]) -> list:
    """Parquet rows: the nested actors and quotes as typed lists of structs."""
    return [{"id": r["id"], "date": r.get("date"), "actors": r["actors"], "quotes": r["quotes"]} for r in results]


def read_parts(directory: str | Path) -> list:
    """Every result in a directory of parts, as the dicts ``analyze`` returns."""
    return [row for part in sorted(Path(directory).glob("part-*")) for row in _part_rows(part)]
