#!/usr/bin/env bash
# One command from a fresh clone: install, train models/default if it is not there yet, and
# analyse the two seed articles.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
echo "==> installing into .venv"
bash scripts/setup_env.sh
if [ ! -f models/default/stance.json ]; then
  echo "==> training models/default (about 9 minutes on a 2-core CPU)"
  .venv/bin/stance train --config configs/default.yaml --output models/default
fi
SEEDS=${SEEDS:-../shared/seeds}
echo "==> analysing the seed articles"
.venv/bin/stance analyze --model models/default "$SEEDS"/*.txt
