#!/usr/bin/env bash
# Install what the tests need and run them. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
EXTRAS="[test]" bash scripts/setup_env.sh
.venv/bin/ruff check stance tests scripts
.venv/bin/python -m pytest tests "$@"
