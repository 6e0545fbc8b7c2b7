#!/usr/bin/env bash
# What the CPU engine's speed choices cost in accuracy, on held-out phantoms (seeds never used in
# training): each case is segmented with the shipped defaults (each batch's body box, channels-last,
# batch 1, flush-to-zero) and with the old path (whole prepared grid, plain layout, no
# flush-to-zero; batch 1 too, as the batch size does not change what an eval-mode network computes); both are scored against the reference with `lnseg evaluate`, and the two
# label maps are compared with each other. Prints the load average beside every timing.
#
#   core/model/bench/speed-choices-accuracy.sh [BUILD_DIR] [WORK_DIR] [CASES]
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${1:-build}
work=${2:-/tmp/lnseg-speed-accuracy}
cases=${3:-3}
lnseg=$build/app/lnseg
mkdir -p "$work"
load() { cut -d' ' -f1-3 /proc/loadavg; }
[ -f "$work/heldout/phantom_00${cases}_image.nii.gz" ] || \
  "$lnseg" phantom --out "$work/heldout" --cases "$cases" --seed 5000 > /dev/null
for variant in fast old; do
  mkdir -p "$work/$variant"
  for case in $(seq -f "%03g" 1 "$cases"); do
    image=$work/heldout/phantom_${case}_image.nii.gz
    if [ "$variant" = fast ]; then extra=(--body-boxes); else extra=(--whole-grid --channels-last off --flush-denormals off); fi
    before=$(load)
    line=$("$lnseg" segment "$image" --out "$work/$variant/phantom_${case}_labels.nii.gz" \
      --prob "$work/$variant/phantom_${case}_prob.nii.gz" "${extra[@]}" 2>/dev/null | tail -n 1)
    echo "| $variant | $case | $line | load $before -> $(load) |"
  done
  echo "## $variant against the reference"
  "$lnseg" evaluate --pred "$work/$variant" --ref "$work/heldout"
done
# The two label maps against each other (old as the reference): how much the choices change the output.
mkdir -p "$work/old_as_reference"
for case in $(seq -f "%03g" 1 "$cases"); do
  cp "$work/old/phantom_${case}_labels.nii.gz" "$work/old_as_reference/phantom_${case}_labels.nii.gz"
done
echo "## fast against old"
"$lnseg" evaluate --pred "$work/fast" --ref "$work/old_as_reference"
