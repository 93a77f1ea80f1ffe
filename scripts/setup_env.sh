#!/usr/bin/env bash
# Create .venv (if missing) and install the package into it. Sourced by quickstart.sh and test.sh.
# torch is pinned to the CPU build that lies on these machines' disk: an unpinned torch would
# download a multi-GB CUDA build. A machine with a GPU can install its own torch first.
set -euo pipefail
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if ! .venv/bin/python -c "import torch" >/dev/null 2>&1; then
  .venv/bin/python -m pip install -q "torch==2.13.0"
fi
.venv/bin/python -m pip install -q -e ".${EXTRAS:-}"
