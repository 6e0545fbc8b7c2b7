#!/usr/bin/env bash
# Builds lnseg_model + the phantom generator on their own (LibTorch + CMake, no Qt/ITK/DCMTK) and
# trains models on phantoms generated there, in one go. For the GPU machine.
#   core/model/bench/run-gpu-training.sh OUT_DIR [lnseg_train_phantoms arguments...]
# Needs nlohmann/json.hpp: installed, or in $LNSEG_JSON_INCLUDE_DIR.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: run-gpu-training.sh OUT_DIR [arguments]}"
shift
build="${LNSEG_BUILD_DIR:-/tmp/lnseg-train-build}"
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
start=$(date +%s)
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DLNSEG_BUILD_PHANTOM_TRAINER=ON ${LNSEG_JSON_INCLUDE_DIR:+-DLNSEG_JSON_INCLUDE_DIR="$LNSEG_JSON_INCLUDE_DIR"} \
  >"$build.configure.log" 2>&1 || { tail -40 "$build.configure.log"; exit 1; }
cmake --build "$build" --parallel "$(( $(nproc) > 16 ? 16 : $(nproc) ))" --target lnseg_train_phantoms 2>&1 | tail -5
echo "build: $(( $(date +%s) - start )) s"
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$out/gpu.txt" 2>/dev/null || true
"$build/lnseg_train_phantoms" --out "$out" "$@" 2>&1 | tee "$out/train.log"
