#!/usr/bin/env bash
# Builds core/model on its own (LibTorch + CMake only, no Qt/ITK/DCMTK) and runs the model
# benchmark on CUDA. For the GPU machine, whose LibTorch comes with the Python torch wheel.
#   core/model/bench/run-gpu-benchmark.sh [BUILD_DIR] [extra benchmark arguments...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-/tmp/lnseg-model-build}"
shift || true
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  >"$build.configure.log" 2>&1 || { tail -40 "$build.configure.log"; exit 1; }
cmake --build "$build" --parallel "$(( $(nproc) > 8 ? 8 : $(nproc) ))" --target lnseg_model_benchmark
bench="$build/lnseg_model_benchmark"
device=cuda
python3 -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' || device=cpu
"$bench" --device "$device" --repeat 10 --warmup 3 "$@" \
  snet:2d:256 snet:2d:512 snet:2.5d:256 snet:2.5d:512 attunet:2d:256 attunet:2d:512 snet:3d:96
"$bench" --device "$device" --repeat 10 --warmup 3 --backward --batch 8 "$@" \
  snet:2d:256 snet:2.5d:256 attunet:2d:256 snet:3d:96
