#!/usr/bin/env bash
# The engine on this CPU, side by side in one run (core/model/ARCHITECTURE.md, "The engine on this
# CPU"): each installed BLAS provider of libblas.so.3 (by LD_LIBRARY_PATH), inference batch sizes,
# training batch sizes on 128 x 128 crops, flush-to-zero on and off, then `lnseg segment` end to
# end on a 512 x 512 x 200 phantom with the shipped default (SNet) and the attention U-Net.
# Prints the load average beside every figure. Needs a build (./build) and, for the BLAS
# comparison, the providers installed (libopenblas0-openmp, libopenblas0-pthread, libblis4-openmp,
# libblis4-pthread; netlib's libblas3 is always there).
#
#   core/model/bench/cpu-engine-benchmark.sh [BUILD_DIR] [WORK_DIR] [--quick]
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${1:-build}
work=${2:-/tmp/lnseg-engine-benchmark}
quick=${3:-}
benchmark=$build/core/model/lnseg_model_benchmark
lnseg=$build/app/lnseg
models=resources/models
threads=$(nproc)
mkdir -p "$work"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "# $(date -u +%FT%TZ), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(load)"

libraries=/usr/lib/x86_64-linux-gnu
echo "## BLAS providers (inference batch 1 on the prepared 272 x 216 neck grid; training batch 4 on 128 x 128 crops)"
for provider in blas openblas-openmp openblas-pthread blis-openmp blis-pthread; do
  [ -e "$libraries/$provider/libblas.so.3" ] || { echo "# $provider: not installed"; continue; }
  echo "### $provider (load $(load))"
  LD_LIBRARY_PATH=$libraries/$provider "$benchmark" --threads "$threads" --repeat 3 --warmup 1 --batch 1 \
    $models/default.lnsegmodel:272x216 $models/attunet_2d.lnsegmodel:272x216
  LD_LIBRARY_PATH=$libraries/$provider "$benchmark" --no-probes --threads "$threads" --repeat 3 --warmup 1 --batch 4 \
    --train-steps 5 --train-batch 4 $models/default.lnsegmodel:128 | tail -n 1
done
[ "$quick" = "--quick" ] && exit 0

echo "## Inference batch size (default BLAS, load $(load))"
for batch in 1 2 4 8; do
  "$benchmark" --no-probes --threads "$threads" --repeat 2 --warmup 1 --batch $batch \
    $models/default.lnsegmodel:272x216 $models/attunet_2d.lnsegmodel:272x216 | grep '^| [a-z_0-9.]*lnsegmodel'
done
echo "## Training batch size on 128 x 128 crops (load $(load))"
for batch in 2 4 8 16; do
  "$benchmark" --no-probes --threads "$threads" --repeat 1 --warmup 1 --batch 1 --train-steps 5 \
    --train-batch $batch $models/default.lnsegmodel:128 | grep '^| [a-z_0-9.]*lnsegmodel'
done
echo "## Flush denormals (inference batch 1, load $(load))"
for mode in off on; do
  echo "# flush denormals $mode"
  "$benchmark" --no-probes --flush-denormals $mode --threads "$threads" --repeat 3 --warmup 1 --batch 1 \
    $models/default.lnsegmodel:272x216 | grep '^| [a-z_0-9.]*lnsegmodel'
done

echo "## lnseg segment, 512 x 512 x 200 phantom, whole process"
[ -f "$work/t200/phantom_001_image.nii.gz" ] || "$lnseg" phantom --out "$work/t200" --cases 1 --seed 7000 --slices 200 > /dev/null
image=$work/t200/phantom_001_image.nii.gz
run() {
  local label=$1; shift
  local before; before=$(load)
  local start; start=$(date +%s.%N)
  local line; line=$("$lnseg" segment "$image" --out "$work/out.nii.gz" "$@" 2>/dev/null | tail -n 1)
  local end; end=$(date +%s.%N)
  printf '| %s | %.1f s | %s | load %s -> %s |\n' "$label" "$(echo "$end - $start" | bc)" "$line" "$before" "$(load)"
}
run "SNet (default), defaults"
run "SNet, whole prepared grid" --whole-grid
run "SNet, flush denormals off" --flush-denormals off
run "SNet, batch 8 (the old default), whole grid" --batch 8 --whole-grid
run "attention U-Net, defaults" --model $models/attunet_2d.lnsegmodel
