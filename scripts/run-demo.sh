#!/usr/bin/env bash
# Sets up (packages, build) and starts lnseg on its built-in demo study.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec ./build/app/lnseg demo "$@"
