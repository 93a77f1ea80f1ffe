#!/usr/bin/env bash
# Install what the tests need and run them. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
EXTRAS="[test]" bash scripts/setup_env.sh
# the annotated-article view is tested in a real headless browser (tests/test_view.py)
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium chromium-driver >/dev/null; } \
    || echo "warning: could not install chromium; tests/test_view.py will be skipped" >&2
fi
.venv/bin/ruff check stance tests scripts
.venv/bin/python -m pytest tests "$@"
