#!/usr/bin/env bash
# Installs every Debian 12 package that lnseg's build, application and tests need, then configures
# and builds the project in ./build. Idempotent: when everything is installed and built it only
# checks and returns within seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev
  qt6-charts-dev qt6-svg-dev libgl-dev
  libvtk9-dev libinsighttoolkit5-dev libdcmtk-dev libopenjp2-7-dev libcharls-dev zlib1g-dev
  nlohmann-json3-dev libtorch-dev
  # Gloo's headers: LibTorch's c10d (data-parallel training, core/model/Distributed.cpp) includes them.
  libgloo-dev
  # mpirun: `mpirun -np N lnseg train` and its test (test_distributed_training).
  openmpi-bin
  xvfb xauth libgdcm-tools dcm2niix imagemagick
  qt6-translations-l10n desktop-file-utils
  dcmtk dicom3tools
  # An optimised BLAS for LibTorch (which links libblas.so.3; Debian's alternatives switch to it):
  # netlib's reference BLAS, the only provider otherwise, runs the networks 2-3x slower
  # (core/model/ARCHITECTURE.md, "The engine on this CPU").
  libopenblas0-openmp
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
fi

build_type="${LNSEG_BUILD_TYPE:-RelWithDebInfo}"
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
fi
# Two parallel jobs: a LibTorch translation unit needs up to 1.7 GB of memory to compile.
cmake --build build -j "${LNSEG_BUILD_JOBS:-2}"
