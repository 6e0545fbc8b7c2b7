#!/usr/bin/env bash
# The whole test suite under AddressSanitizer (+ LeakSanitizer) and UndefinedBehaviorSanitizer, in
# a separate gcc build (not in CI: building it takes about an hour on 2 cores, the run ~20 min):
#   tests/sanitizers/run-sanitized-tests.sh [BUILD_DIR] [ctest arguments...]   (default ../build-asan)
# Reports go to the test output (ctest's log: BUILD_DIR/Testing/Temporary/LastTest.log); any ASan,
# LSan or UBSan report makes its test fail (halt_on_error, exitcode). Suppressions: third-party
# frames only, each with its reason (lsan.supp, ubsan.supp here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${1:-$source_dir/../build-asan}
shift || true
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$source_dir" -B "$build" -G Ninja -DLNSEG_SANITIZE=ON -DLNSEG_BUILD_BENCHMARKS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
nice -n 5 cmake --build "$build"
# dlclose() made a no-op (keep_libraries_loaded.c), so that LeakSanitizer can name the library of
# an allocation made by code that was unloaded before exit (Mesa's driver, plugins). Preloaded
# before the ASan runtime: verify_asan_link_order=0.
cc -shared -fPIC -O2 -o "$build/libkeep_libraries_loaded.so" "$here/keep_libraries_loaded.c"
export LD_PRELOAD=$build/libkeep_libraries_loaded.so
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:verify_asan_link_order=0
export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$here/ubsan.supp
cd "$build"
# One display for the GUI tests; sanitized programs run 2-5x slower: longer limits.
exec xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure --timeout 1800 "$@"
