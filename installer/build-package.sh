#!/usr/bin/env bash
# Builds the Debian package (lnseg_<version>_<arch>.deb) from a configured build folder:
#   installer/build-package.sh [BUILD_DIR]      (default: ./build)
# Builds lnseg and lnseg-review (Release recommended: cmake -DCMAKE_BUILD_TYPE=Release), then runs
# CPack's DEB generator (dpkg-shlibdeps computes the library dependencies) and shows the result.
# Install it with `apt-get install ./BUILD_DIR/lnseg_*.deb`.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
for tool in dpkg-shlibdeps dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build-package.sh: $tool is missing (apt-get install dpkg-dev)" >&2; exit 1; }
done
cmake --build "$build" --target lnseg lnseg-review -j "${LNSEG_BUILD_JOBS:-2}"
(cd "$build" && cpack -G DEB)
package=$(ls -t "$build"/lnseg_*.deb | head -n 1)
dpkg-deb -I "$package"
dpkg-deb -c "$package"
echo "Package: $package"
