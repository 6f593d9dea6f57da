#!/usr/bin/env bash
# Runs the figures of the README's results table into runs/figures/<figure> and copies the PNGs
# shown in the README into docs/figures/. Each figure's settings are those of its write-up
# (docs/results/<figure>.md): the papers' published settings where this 2-core machine allows,
# else the largest subset, with what was reduced said there. Re-running resumes: finished sweep
# units are skipped (delete runs/figures/<figure> to start that figure over).
# Each figure's wall time is appended to runs/figures/wall-times.csv (figure,seconds,workers,date).
# Usage: docs/make-figures.sh [WORKERS] [FIGURE...]   (default: 2 workers, every figure). Needs jq
# (Debian package jq) for the Ising protocol table.
# One block per figure, delimited by a comment line "# --- <figure-name> ---".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORKERS="${1:-2}"
shift || true
SELECTED=("$@")
mkdir -p docs/figures runs/figures
[ -f runs/figures/wall-times.csv ] || echo "figure,seconds,workers,date" > runs/figures/wall-times.csv

# wanted FIGURE: is FIGURE among the selected ones (all when none were named)?
wanted() {
  [ "${#SELECTED[@]}" -eq 0 ] && return 0
  local f
  for f in "${SELECTED[@]}"; do [ "$f" = "$1" ] && return 0; done
  return 1
}

# figure NAME FUNCTION: runs FUNCTION when NAME is selected and records its wall time.
figure() {
  wanted "$1" || return 0
  local start=$SECONDS
  echo "=== $1 ===" >&2
  "$2"
  echo "$1,$((SECONDS - start)),$WORKERS,$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> runs/figures/wall-times.csv
}

# --- ipr-kurtosis ---
# The paper's single-neuron protocol (B=5000, T=10,000, lr 0.1, all 20 points) over 3 of its 30
# seeds, and its many-neuron protocol (SCM K=10, lr 5, T=20,000, B=5000) over 2 of its 30 seeds.
ipr_kurtosis() {
  ./localization figure ipr-kurtosis --seeds 3 --workers "$WORKERS" --out runs/figures/ipr-kurtosis
  ./localization figure ipr-kurtosis --preset many-neurons --seeds 2 --workers "$WORKERS" \
    --out runs/figures/ipr-kurtosis-k10
  cp runs/figures/ipr-kurtosis/ipr-kurtosis.png docs/figures/ipr-kurtosis.png
  cp runs/figures/ipr-kurtosis-k10/ipr-kurtosis.png docs/figures/ipr-kurtosis-k10.png
}
figure ipr-kurtosis ipr_kurtosis

# --- ising-peaks ---
# The protocol of docs/results/ising-peaks.md: 28 seeds at the notebook's batch 500 and at 5000, for
# the derived update (variant 1) and the notebook's (fig3), on the reference's Metropolis chains and
# on exact samples; one directory per cell, and protocol.csv with one row per cell. The Metropolis
# chains at B=5000 (about 5 CPU minutes per seed) run over ISING_METROPOLIS_B5000_SEEDS seeds (6)
# and only for the update rules in ISING_METROPOLIS_B5000_VARIANTS ("1"; "1 fig3" for both).
ising_peaks() {
  local sampler batch variant seeds dir
  for sampler in exact metropolis; do
    for batch in 500 5000; do
      for variant in 1 fig3; do
        seeds=28
        if [ "$sampler/$batch" = metropolis/5000 ]; then
          [[ " ${ISING_METROPOLIS_B5000_VARIANTS:-1} " == *" $variant "* ]] || continue
          seeds="${ISING_METROPOLIS_B5000_SEEDS:-6}"
        fi
        dir="runs/figures/ising-peaks/$sampler-b$batch-v$variant"
        ./localization figure ising-peaks --sampler "$sampler" --batch "$batch" --variant "$variant" \
          --seeds "$seeds" --workers "$WORKERS" --out "$dir"
      done
    done
  done
  {
    echo "sampler,batch,variant,seeds,matches,matchLow95,matchHigh95,withinOneSite,withinOneSiteLow95,withinOneSiteHigh95,sameSign,meanIprSgd,meanIprTheory"
    for dir in runs/figures/ising-peaks/*-b*-v*; do
      jq -r '[.settings.data.sampler, .settings.batch, .settings.task.variant, (.settings.seeds | length),
              .measured.matches, .measured.matchFraction95[0], .measured.matchFraction95[1],
              .measured.sameSignWithinOneSite, .measured.sameSignWithinOneSite95[0],
              .measured.sameSignWithinOneSite95[1], .measured.sameSign, .measured.meanIprSgd,
              .measured.meanIprTheory] | @csv' "$dir/summary.json"
    done
  } > runs/figures/ising-peaks/protocol.csv
  cp runs/figures/ising-peaks/metropolis-b500-v1/peaks-overlay.png docs/figures/ising-peaks.png
}
figure ising-peaks ising_peaks

# --- elliptical ---
# The Fig. 4 notebook's settings: shell and extreme at B=10,000, lr 0.05, T=5000 (the command's
# defaults); Student-t(3) at B=1000, lr 0.01, T=10,000, init scale 1; 3 seeds per law.
elliptical() {
  ./localization figure elliptical --seeds 3 --t-batch 1000 --t-init-scale 1 --workers "$WORKERS" \
    --out runs/figures/elliptical
  cp runs/figures/elliptical/elliptical-fields.png docs/figures/elliptical.png
}
figure elliptical elliptical

# --- gaussian-clone ---
gaussian_clone() {
  ./localization figure gaussian-clone --out runs/figures/gaussian-clone --workers "$WORKERS" \
    --gains 0.1,1,3,10,100 --seeds 3 --batch 1000 --steps 1000 --record-every 100
  cp runs/figures/gaussian-clone/gaussian-clone.png docs/figures/gaussian-clone.png
  cp runs/figures/gaussian-clone/gaussian-clone-rfs.png docs/figures/gaussian-clone-rfs.png
}
figure gaussian-clone gaussian_clone

# --- many-neurons ---
many_neurons() {
  ./localization figure many-neurons --out runs/figures/many-neurons --workers "$WORKERS"
  cp runs/figures/many-neurons/scm-kur10.png docs/figures/many-neurons.png
  cp runs/figures/many-neurons/scm-kur4.png docs/figures/many-neurons-kur4.png
}
figure many-neurons many_neurons

# --- imp ---
# Two protocols, each NLGP(g=100) against its Gaussian clone and IMP against one-shot pruning at
# equal sparsity (docs/results/imp.md): the lottery-ticket defaults on the SCM (K=10, p=0.2, R=10,
# 1000 steps per round, rewind to init) over 10 seeds, and Pellegrini & Biroli's protocol (three
# batch-normalized hidden layers, trained readout, lr 0.1, batch 1000, p=0.3, late rewinding at 1 %
# of a round, per-layer thresholds without the output layer, rounds until a layer keeps at most
# 20 % of its units connected) on 100 units per layer and 500 steps per round, over 5 seeds.
imp() {
  ./localization figure imp --seeds 10 --workers "$WORKERS" --out runs/figures/imp
  ./localization figure imp --seeds 5 --hidden 100 --readout trained --init-scale 1 --lr 0.1 --batch 1000 \
    --steps 500 --rate 0.3 --rounds 40 --rewind 5 --scope hidden-layers --hidden-layers 3 --batch-norm \
    --stop-below-connected-units 0.2 --workers "$WORKERS" --out runs/figures/imp-pellegrini-biroli
  # the same protocol stopped after 8 rounds (sparsity 0.942), where the networks still classify: IMP
  # against one-shot at a sparsity that is not chance level (the stopping rule ends at round 14)
  ./localization figure imp --seeds 5 --hidden 100 --readout trained --init-scale 1 --lr 0.1 --batch 1000 \
    --steps 500 --rate 0.3 --rounds 8 --rewind 5 --scope hidden-layers --hidden-layers 3 --batch-norm \
    --workers "$WORKERS" --out runs/figures/imp-pellegrini-biroli-r8
  cp runs/figures/imp/imp.png docs/figures/imp.png
  cp runs/figures/imp/final-rf-nlgp.png docs/figures/imp-final-rf-nlgp.png
  cp runs/figures/imp-pellegrini-biroli/imp.png docs/figures/imp-pellegrini-biroli.png
  cp runs/figures/imp-pellegrini-biroli-r8/imp.png docs/figures/imp-pellegrini-biroli-r8.png
}
figure imp imp

# --- fcn-vs-cnn ---
fcn_vs_cnn() {
  ./localization figure fcn-vs-cnn --seeds 2 --steps 1500 --workers "$WORKERS" --out runs/figures/fcn-vs-cnn
  cp runs/figures/fcn-vs-cnn/match-scores.png docs/figures/fcn-vs-cnn.png
  cp runs/figures/fcn-vs-cnn/matched-pairs.png docs/figures/fcn-vs-cnn-pairs.png
}
figure fcn-vs-cnn fcn_vs_cnn

# --- deep-fields ---
deep_fields() {
  ./localization figure deep-fields --seeds 2 --workers "$WORKERS" --out runs/figures/deep-fields
  cp runs/figures/deep-fields/deep-fields.png docs/figures/deep-fields.png
  cp runs/figures/deep-fields/deep-fields-rfs.png docs/figures/deep-fields-rfs.png
}
figure deep-fields deep_fields
