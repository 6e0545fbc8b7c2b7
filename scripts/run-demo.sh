#!/usr/bin/env bash
# Sets up (packages, build) and starts the review application on the built-in demo study (a
# synthetic contrast-enhanced neck CT with its lymph nodes), generated on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export LNSEG_DEMO_DIR="${LNSEG_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lnseg/demo}"
./build/app/lnseg demo > /dev/null
exec ./build/app/lnseg-review --demo "$@"
