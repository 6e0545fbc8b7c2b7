#!/usr/bin/env bash
# Sets up (packages, build) and runs the whole test suite. Rendering tests need a display, so
# the suite runs under a virtual X server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cd build
exec xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure --timeout 900 "$@"
