#!/usr/bin/env bash
# Runs every figure of the README with its reduced settings (see docs/results/<figure>.md for what
# each reduces and why) into runs/figures/<figure>, and copies the PNGs shown in the README into
# docs/figures/. Re-running resumes: finished sweep units are skipped.
# Usage: docs/make-figures.sh [WORKERS]   (default 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORKERS="${1:-2}"
mkdir -p docs/figures

# --- ising-peaks ---
./localization figure ising-peaks --batch 100 --workers "$WORKERS" --out runs/figures/ising-peaks
cp runs/figures/ising-peaks/peaks-overlay.png docs/figures/ising-peaks.png

# --- elliptical ---
./localization figure elliptical --batch 2000 --t-batch 2000 --seeds 2 --workers "$WORKERS" \
  --out runs/figures/elliptical
cp runs/figures/elliptical/elliptical-fields.png docs/figures/elliptical.png
