#!/usr/bin/env bash
# Runs every figure of the README with its reduced settings (a few minutes each on 2 cores) into
# runs/figures/<name> and copies the PNGs shown in the README into docs/figures/. Run from anywhere;
# re-running resumes the figures' sweeps (delete runs/figures/<name> to start over).
# One block per figure, delimited by a comment line "# --- <figure-name> ---".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p docs/figures

# --- ipr-kurtosis ---
./localization figure ipr-kurtosis --out runs/figures/ipr-kurtosis --workers 2 \
  --seeds 3 --batch 1000 --steps 1000 --record-every 100
cp runs/figures/ipr-kurtosis/ipr-kurtosis.png docs/figures/ipr-kurtosis.png

# --- gaussian-clone ---
./localization figure gaussian-clone --out runs/figures/gaussian-clone --workers 2 \
  --gains 0.1,1,3,10,100 --seeds 3 --batch 1000 --steps 1000 --record-every 100
cp runs/figures/gaussian-clone/gaussian-clone.png docs/figures/gaussian-clone.png
cp runs/figures/gaussian-clone/gaussian-clone-rfs.png docs/figures/gaussian-clone-rfs.png

# --- many-neurons ---
./localization figure many-neurons --out runs/figures/many-neurons --workers 2
cp runs/figures/many-neurons/scm-kur10.png docs/figures/many-neurons.png
cp runs/figures/many-neurons/scm-kur4.png docs/figures/many-neurons-kur4.png

# --- imp ---
./localization figure imp --seeds 3 --steps 400 --rounds 6 --rate 0.3 --workers 2 --out runs/figures/imp
cp runs/figures/imp/imp.png docs/figures/imp.png
cp runs/figures/imp/final-rf-nlgp.png docs/figures/imp-final-rf-nlgp.png

# --- fcn-vs-cnn ---
./localization figure fcn-vs-cnn --seeds 2 --steps 1500 --workers 2 --out runs/figures/fcn-vs-cnn
cp runs/figures/fcn-vs-cnn/match-scores.png docs/figures/fcn-vs-cnn.png
cp runs/figures/fcn-vs-cnn/matched-pairs.png docs/figures/fcn-vs-cnn-pairs.png
