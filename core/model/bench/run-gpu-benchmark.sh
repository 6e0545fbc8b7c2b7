#!/usr/bin/env bash
# Builds core/model on its own (LibTorch + CMake only, no Qt/ITK/DCMTK) and runs the model
# benchmark on CUDA. For the GPU machine, whose LibTorch comes with the Python torch wheel.
#   core/model/bench/run-gpu-benchmark.sh [BUILD_DIR] [extra benchmark arguments...]
# Needs nlohmann/json.hpp: installed, or in $LNSEG_JSON_INCLUDE_DIR.
#
# Last, it checks CPU-vs-CUDA agreement of the shipped models (resources/models/*.lnsegmodel):
# the same fixed synthetic input through each model on the CPU and on CUDA (TF32 off), max
# |difference| of the probabilities and Dice of the masks > 0.5; the script fails (exit 3) when a
# difference exceeds $LNSEG_AGREEMENT_TOLERANCE (default 1e-3). Without CUDA that step prints
# "skipped" and passes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
models="$here/../../resources/models"
build="${1:-/tmp/lnseg-model-build}"
shift || true
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  ${LNSEG_JSON_INCLUDE_DIR:+-DLNSEG_JSON_INCLUDE_DIR="$LNSEG_JSON_INCLUDE_DIR"} \
  >"$build.configure.log" 2>&1 || { tail -40 "$build.configure.log"; exit 1; }
cmake --build "$build" --parallel "$(( $(nproc) > 8 ? 8 : $(nproc) ))" --target lnseg_model_benchmark
bench="$build/lnseg_model_benchmark"
device=cuda
python3 -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' || device=cpu
# Inference: FLOPs per slice (3d: patch), ms per batch, slices/s, GFLOP/s.
"$bench" --device "$device" --repeat 10 --warmup 3 "$@" \
  snet:2d:256 snet:2d:512 snet:2.5d:256 snet:2.5d:512 attunet:2d:256 attunet:2d:512 snet:3d:96
"$bench" --device "$device" --repeat 10 --warmup 3 --batch 8 "$@" \
  snet:2d:272x216 snet:2.5d:272x216 attunet:2d:272x216 attunet:2.5d:272x216
# Training: forward + backward times, then Adam steps (training slices/s).
"$bench" --device "$device" --repeat 10 --warmup 3 --backward --batch 8 "$@" \
  snet:2d:256 snet:2.5d:256 attunet:2d:256 snet:3d:96
"$bench" --device "$device" --repeat 3 --warmup 1 --batch 8 --train-steps 20 --train-batch 8 "$@" \
  "$models/default.lnsegmodel:256" "$models/attunet_2d.lnsegmodel:256" "$models/snet_2.5d_ad2.lnsegmodel:256"
# CPU-vs-CUDA agreement of every shipped model (fails the script above the tolerance).
status=0
for model in "$models"/*.lnsegmodel; do
  "$bench" --threads "$(( $(nproc) > 16 ? 16 : $(nproc) ))" --compare-devices "$model" \
    --tolerance "${LNSEG_AGREEMENT_TOLERANCE:-1e-3}" || status=$?
done
exit "$status"
