#!/usr/bin/env bash
# Sets up (packages, build) and starts the review application on the built-in demo study (a
# synthetic contrast-enhanced neck CT with its lymph nodes), generated on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
demo_dir="${LNSEG_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lnseg/demo}"
LNSEG_DEMO_DIR="$demo_dir" ./build/app/lnseg demo
exec ./build/app/lnseg-review "$demo_dir/demo_image.nii.gz" --labels "$demo_dir/demo_labels.nii.gz" "$@"
