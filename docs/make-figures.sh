#!/usr/bin/env bash
# Runs every figure with the reduced settings of docs/results/<figure>.md into runs/figures/<name>
# and copies the PNGs shown in the README into docs/figures/. Run from anywhere; re-running resumes
# the figures' sweeps (delete runs/figures/<name> to start over).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p docs/figures

# --- imp ---
./localization figure imp --seeds 3 --steps 400 --rounds 6 --rate 0.3 --workers 2 --out runs/figures/imp
cp runs/figures/imp/imp.png docs/figures/imp.png
cp runs/figures/imp/final-rf-nlgp.png docs/figures/imp-final-rf-nlgp.png

# --- fcn-vs-cnn ---
./localization figure fcn-vs-cnn --seeds 2 --steps 1500 --workers 2 --out runs/figures/fcn-vs-cnn
cp runs/figures/fcn-vs-cnn/match-scores.png docs/figures/fcn-vs-cnn.png
cp runs/figures/fcn-vs-cnn/matched-pairs.png docs/figures/fcn-vs-cnn-pairs.png
