#!/usr/bin/env bash
# Trains the shipped model (SNet 2d) on this CPU, across sessions: generates the training phantoms
# once (deterministic seeds that no evaluation set uses: the project generator at four scanner
# settings plus domain-randomized cases), then fine-tunes from resources/models/snet_2d_gpu.lnsegmodel (the GPU-trained SNet that shipped before)
# on 128 px crops at the CPU's batch size with the appearance augmentation (lnseg train
# --augmentation), Adam lr 2e-5, writing a checkpoint every epoch (100 steps, a few minutes). Run it
# again (on this or another machine) and it resumes from the newest checkpoint: the run folder's,
# else the one committed under resources/models/training/<run name>/ (copy it there with
# --save-checkpoint and commit it). With a GPU the same command trains there (the engine picks its
# CUDA batch size and whole slices).
#
#   scripts/train-default-model.sh [RUN_DIR]            train (resume if possible), in the foreground
#   scripts/train-default-model.sh --save-checkpoint [RUN_DIR]   copy the newest checkpoint for committing
#   scripts/train-default-model.sh --export-model [RUN_DIR]      RUN_DIR/model.lnsegmodel from the newest
#                                                                checkpoint (while or after training)
#
# Environment: LNSEG_TRAIN_DATA (phantom folder, default ~/.cache/lnseg/train-data), LNSEG_BUILD
# (default ./build), LNSEG_TRAIN_EPOCHS (default 1000), LNSEG_TRAIN_RANDOMIZED (cases drawn with
# `lnseg phantom --randomize`; default 24), LNSEG_TRAIN_MODE (2d, the default, or 2.5d: the 2d
# default model inflated to a 15-channel stack 2 mm apart, which starts as exactly the 2d model),
# LNSEG_TRAIN_THREADS (default: all), LNSEG_TRAIN_LR (default 2e-5), LNSEG_TRAIN_RUN_NAME (the run's
# name under runs/ and resources/models/training/; default snet-cpu, snet-2.5d-cpu for 2.5d).
# Hard negatives: after scripts/mine-hard-negatives.sh has written DATA/CASE_hard_negatives.nii.gz,
# a quarter of the crops (half of those not centred on a node) are centred on an earlier model's
# false positives (LNSEG_TRAIN_HARD_NEGATIVES: the fraction of the non-node crops, default 0.5).
set -euo pipefail
cd "$(dirname "$0")/.."
save=0
export_model=0
if [ "${1:-}" = "--save-checkpoint" ]; then save=1; shift; fi
if [ "${1:-}" = "--export-model" ]; then export_model=1; shift; fi
mode=${LNSEG_TRAIN_MODE:-2d}
case "$mode" in 2d) name=snet-cpu;; 2.5d) name=snet-2.5d-cpu;; *) echo "LNSEG_TRAIN_MODE must be 2d or 2.5d" >&2; exit 2;; esac
name=${LNSEG_TRAIN_RUN_NAME:-$name}
run=${1:-runs/$name}
build=${LNSEG_BUILD:-build}
lnseg=$build/app/lnseg
data=${LNSEG_TRAIN_DATA:-$HOME/.cache/lnseg/train-data}
store=resources/models/training/$name
newest() { { ls -1 "$1"/checkpoint_epoch_*.pt 2>/dev/null || true; } | sort | tail -n 1; }

if [ $save -eq 1 ]; then
  checkpoint=$(newest "$run")
  [ -n "$checkpoint" ] || { echo "no checkpoint in $run" >&2; exit 1; }
  mkdir -p "$store"
  cp "$checkpoint" "$store/checkpoint_latest.pt.tmp" && mv "$store/checkpoint_latest.pt.tmp" "$store/checkpoint_latest.pt"
  echo "$(basename "$checkpoint")" > "$store/checkpoint_latest.txt"
  [ -f "$run/train.log" ] && tail -n 40 "$run/train.log" > "$store/train_tail.log"
  echo "saved $checkpoint as $store/checkpoint_latest.pt"
  exit 0
fi

if [ $export_model -eq 1 ]; then
  # Resuming a checkpoint of epoch N with --epochs N trains nothing and writes the model file.
  checkpoint=$(newest "$run")
  [ -n "$checkpoint" ] || { echo "no checkpoint in $run" >&2; exit 1; }
  epoch=$(basename "$checkpoint" .pt); epoch=$((10#${epoch#checkpoint_epoch_}))
  extra=(); [ "$mode" = 2.5d ] && extra+=(--mode 2.5d --stack-spacing 2)
  folder=$(mktemp -d "$run/.export-XXXX")
  "$lnseg" train --data "$data" --out "$folder" --init-from resources/models/snet_2d_gpu.lnsegmodel --resume "$checkpoint" \
    "${extra[@]}" --epochs "$epoch" --steps-per-epoch 100 --lr "${LNSEG_TRAIN_LR:-2e-5}" --validation-slices 24 --seed 12 > /dev/null
  mv "$folder/model.lnsegmodel" "$run/model.lnsegmodel"
  rm -rf "$folder"
  echo "$run/model.lnsegmodel from $checkpoint"
  exit 0
fi

# Training phantoms: the project generator at three scanner settings (and, when available,
# domain-randomized ones). Seeds 20000+ are used by no evaluation set (those use 5000, 6000, 7000,
# 90210 and the issue's sets).
generate() {  # name cases seed options...
  local name=$1 cases=$2 seed=$3; shift 3
  [ -f "$data/.$name.done" ] && return
  local folder; folder=$(mktemp -d "$data/.gen-XXXX")
  "$lnseg" phantom --out "$folder" --cases "$cases" --seed "$seed" "$@" > /dev/null
  for image in "$folder"/*_image.nii.gz; do
    local base; base=$(basename "$image" _image.nii.gz)
    mv "$image" "$data/${name}_${base}_image.nii.gz"
    mv "$folder/${base}_labels.nii.gz" "$data/${name}_${base}_labels.nii.gz"
    [ -f "$folder/${base}_nodes.json" ] && mv "$folder/${base}_nodes.json" "$data/${name}_${base}_nodes.json"
  done
  rm -rf "$folder"
  touch "$data/.$name.done"
}
mkdir -p "$data" "$run"
generate standard 8 20000
generate coarse 8 21000 --columns 384 --rows 384 --slices 100 --pixel-spacing 0.87 --slice-spacing 2
generate thick 8 22000 --columns 512 --rows 512 --slices 64 --pixel-spacing 0.7 --slice-spacing 3
generate thin 4 23000 --columns 512 --rows 512 --slices 200 --pixel-spacing 0.5 --slice-spacing 1
phantom_help=$("$lnseg" phantom --help 2>/dev/null || true)  # (grep -q on a pipe would SIGPIPE it under pipefail)
if [[ "$phantom_help" == *--randomize* ]]; then
  generate randomized "${LNSEG_TRAIN_RANDOMIZED:-24}" 24000 --randomize
fi

resume=()
checkpoint=$(newest "$run")
if [ -z "$checkpoint" ] && [ -f "$store/checkpoint_latest.pt" ]; then checkpoint=$store/checkpoint_latest.pt; fi
if [ -n "$checkpoint" ]; then resume=(--resume "$checkpoint"); echo "resuming from $checkpoint"; else resume=(--validate-first); fi
extra=()
[ "$mode" = 2.5d ] && extra+=(--mode 2.5d --stack-spacing 2)
[ -n "${LNSEG_TRAIN_THREADS:-}" ] && extra+=(--threads "$LNSEG_TRAIN_THREADS")
[ -n "${LNSEG_TRAIN_HARD_NEGATIVES:-}" ] && extra+=(--hard-negative-fraction "$LNSEG_TRAIN_HARD_NEGATIVES")
"$lnseg" train --data "$data" --out "$run" --init-from resources/models/snet_2d_gpu.lnsegmodel "${resume[@]}" "${extra[@]}" \
  --epochs "${LNSEG_TRAIN_EPOCHS:-1000}" --steps-per-epoch 100 --lr "${LNSEG_TRAIN_LR:-2e-5}" --validation-slices 24 --seed 12 \
  2>&1 | tee -a "$run/train.log"
