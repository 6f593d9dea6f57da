#!/usr/bin/env bash
# Runs every figure of the README with its reduced settings (see docs/results/<figure>.md for what
# each reduces and why; about half an hour in all on a 2-core machine) into runs/figures/<figure>,
# and copies the PNGs shown in the README into docs/figures/. Re-running resumes: finished sweep
# units are skipped (delete runs/figures/<figure> to start that figure over).
# Usage: docs/make-figures.sh [WORKERS]   (default 2)
# One block per figure, delimited by a comment line "# --- <figure-name> ---".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORKERS="${1:-2}"
mkdir -p docs/figures

# --- ipr-kurtosis ---
./localization figure ipr-kurtosis --out runs/figures/ipr-kurtosis --workers "$WORKERS" \
  --seeds 3 --batch 1000 --steps 1000 --record-every 100
cp runs/figures/ipr-kurtosis/ipr-kurtosis.png docs/figures/ipr-kurtosis.png

# --- ising-peaks ---
# the reference's Metropolis chains (the write-up's numbers; the exact sampler is the default)
./localization figure ising-peaks --batch 100 --sampler metropolis --workers "$WORKERS" \
  --out runs/figures/ising-peaks
cp runs/figures/ising-peaks/peaks-overlay.png docs/figures/ising-peaks.png

# --- elliptical ---
./localization figure elliptical --batch 2000 --t-batch 2000 --seeds 2 --workers "$WORKERS" \
  --out runs/figures/elliptical
cp runs/figures/elliptical/elliptical-fields.png docs/figures/elliptical.png

# --- gaussian-clone ---
./localization figure gaussian-clone --out runs/figures/gaussian-clone --workers "$WORKERS" \
  --gains 0.1,1,3,10,100 --seeds 3 --batch 1000 --steps 1000 --record-every 100
cp runs/figures/gaussian-clone/gaussian-clone.png docs/figures/gaussian-clone.png
cp runs/figures/gaussian-clone/gaussian-clone-rfs.png docs/figures/gaussian-clone-rfs.png

# --- many-neurons ---
./localization figure many-neurons --out runs/figures/many-neurons --workers "$WORKERS"
cp runs/figures/many-neurons/scm-kur10.png docs/figures/many-neurons.png
cp runs/figures/many-neurons/scm-kur4.png docs/figures/many-neurons-kur4.png

# --- imp ---
./localization figure imp --seeds 3 --steps 400 --rounds 6 --rate 0.3 --workers "$WORKERS" \
  --out runs/figures/imp
cp runs/figures/imp/imp.png docs/figures/imp.png
cp runs/figures/imp/final-rf-nlgp.png docs/figures/imp-final-rf-nlgp.png

# --- fcn-vs-cnn ---
./localization figure fcn-vs-cnn --seeds 2 --steps 1500 --workers "$WORKERS" --out runs/figures/fcn-vs-cnn
cp runs/figures/fcn-vs-cnn/match-scores.png docs/figures/fcn-vs-cnn.png
cp runs/figures/fcn-vs-cnn/matched-pairs.png docs/figures/fcn-vs-cnn-pairs.png

# --- deep-fields ---
./localization figure deep-fields --seeds 2 --workers "$WORKERS" --out runs/figures/deep-fields
cp runs/figures/deep-fields/deep-fields.png docs/figures/deep-fields.png
cp runs/figures/deep-fields/deep-fields-rfs.png docs/figures/deep-fields-rfs.png
