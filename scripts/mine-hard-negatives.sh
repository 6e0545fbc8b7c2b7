#!/usr/bin/env bash
# Hard negative mining: runs a model over every training pair of a phantom folder (as
# scripts/train-default-model.sh generates it) and writes, beside each pair, the model's false
# positives as DIR/CASE_hard_negatives.nii.gz (`lnseg evaluate --false-positives`: the predicted
# components that touch no reference node). `lnseg train` then centres some of the crops that are
# not on a node on them (--hard-negative-fraction, default 0.5): the next model is shown its own
# mistakes (vessels, glands and muscle bellies it took for nodes) instead of random background.
#
#   scripts/mine-hard-negatives.sh [MODEL]   (default: resources/models/default.lnsegmodel)
#
# Environment: LNSEG_TRAIN_DATA (default ~/.cache/lnseg/train-data), LNSEG_BUILD (default
# ./build), LNSEG_MINE_THREADS (default: all), LNSEG_MINE_OUT (predictions, default
# DATA/.mined-predictions; a case already predicted there is not run again, so the script resumes).
# The predictions use the model's operating point, like the application: the hard negatives are the
# false positives a reader would have seen.
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-resources/models/default.lnsegmodel}
build=${LNSEG_BUILD:-build}
data=${LNSEG_TRAIN_DATA:-$HOME/.cache/lnseg/train-data}
out=${LNSEG_MINE_OUT:-$data/.mined-predictions}
threads=()
[ -n "${LNSEG_MINE_THREADS:-}" ] && threads=(--threads "$LNSEG_MINE_THREADS")
mkdir -p "$out"
for image in "$data"/*_image.nii.gz; do
  name=$(basename "$image" _image.nii.gz)
  [ -f "$data/${name}_labels.nii.gz" ] || continue
  [ -f "$out/${name}_labels.nii.gz" ] && continue
  start=$(date +%s)
  "$build/app/lnseg" segment "$image" --model "$model" --out "$out/.${name}.nii.gz" "${threads[@]}" > "$out/${name}.log" 2>&1
  mv "$out/.${name}.nii.gz" "$out/${name}_labels.nii.gz"
  echo "$name: $(( $(date +%s) - start )) s, $(tail -n 1 "$out/${name}.log" | cut -d';' -f1) (load $(cut -d' ' -f1 /proc/loadavg))"
done
"$build/app/lnseg" evaluate --pred "$out" --ref "$data" --false-positives "$data" | tee "$out/evaluation.txt"
echo "hard negatives written beside the training pairs in $data"
