#!/usr/bin/env bash
# Regenerates the pictures of the user guide and the README from the real application: a demo
# project of synthetic neck CT phantoms is built with the command-line tool, then lnseg-review
# opens it (and the demo study) with --screenshot, under a virtual X server.
#
#   scripts/make-screenshots.sh [BUILD_DIR]      (default: build; writes resources/screenshots/)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
lnseg="$build/app/lnseg"
review="$build/app/lnseg-review"
out="resources/screenshots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# A private settings folder: reviewer name and training settings for the pictures only.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" LNSEG_USER=lead
mkdir -p "$XDG_CONFIG_HOME/lnseg"
cat > "$XDG_CONFIG_HOME/lnseg/lnseg-review.conf" <<'CONF'
[reviewer]
name=lead
[training]
model=3
epochs=3
stepsPerEpoch=6
batchSize=4
device=cpu
threads=1
CONF
shoot() {  # shoot NAME ARGS...: one picture
  local name="$1"; shift
  xvfb-run -a -s "-screen 0 1600x1000x24" "$review" --recovery discard --autosave-seconds 0 "$@" \
    --screenshot "$out/$name.png"
}

# The demo project: four phantom studies (one as a DICOM series), two of them reviewed and approved.
"$lnseg" phantom --out "$work/data" --cases 3 --seed 41 --columns 320 --rows 320 --slices 80 \
  --pixel-spacing 0.8 --slice-spacing 2 > /dev/null
"$lnseg" phantom --out "$work/dicom" --cases 1 --seed 44 --columns 320 --rows 320 --slices 80 \
  --pixel-spacing 0.8 --slice-spacing 2 --dicom > /dev/null
"$lnseg" project init "$work/project" --name "Neck CT nodes (demo)" > /dev/null
"$lnseg" project add "$work/project" "$work/data" > /dev/null
"$lnseg" project add "$work/project" "$work/dicom/phantom_001_dicom" --labels "$work/dicom/phantom_001_labels.nii.gz" \
  --nodes "$work/dicom/phantom_001_nodes.json" > /dev/null
"$lnseg" project set-state "$work/project" case-0001,case-0002,case-0004 Reviewed --user reader > /dev/null
"$lnseg" project set-state "$work/project" case-0001,case-0004 Approved > /dev/null
"$lnseg" project assign "$work/project" case-0003 reader > /dev/null

shoot project_browser --project "$work/project" --case case-0003 --project-tab cases --layout 2x2 --select 1
shoot training_panel --project "$work/project" --case case-0001 --train --layout 1x3
"$lnseg" demo > /dev/null
shoot demo_study --demo --layout 2x2 --select 3
shoot review_workflow --demo --layout 1x3 --select 5 --tool brush
# The model on the demo study: about 2 minutes on a 2-core CPU.
shoot propose_nodes "$work/data/phantom_001_image.nii.gz" --propose --layout 2x2
ls -l "$out"
