#!/bin/bash
# Runs one fuzzer for a bounded time on its corpus (from make-corpus.sh), at low priority:
#   tests/fuzz/run-fuzzer.sh TARGET SECONDS [BUILD_DIR]      TARGET: dicom_file, image_file, review_json, project_manifest
# Findings go to BUILD_DIR/findings/TARGET/, the log (with libFuzzer's final stats) to
# BUILD_DIR/findings/TARGET.log. New interesting inputs are added to the corpus folder.
set -euo pipefail
target=$1
seconds=$2
build=${3:-/work/build-fuzz}
extra=()
case $target in
  # DCMTK allocates an element's claimed length (up to 4 GiB, never touched) before reading it
  # from a deflated stream (tests/fuzz/README.md, findings): allow such allocations, the RSS
  # limit still catches memory really used.
  dicom_file) max_len=65536; extra=(-malloc_limit_mb=4200) ;;
  image_file) max_len=16384 ;;
  # The seed manifest is 2.7 KB; the dictionary (JSON keys and tokens) keeps mutations structured.
  project_manifest) max_len=8192; extra=(-dict="$(cd "$(dirname "$0")" && pwd)/project_manifest.dict") ;;
  *) max_len=4096 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
export LSAN_OPTIONS=suppressions=$here/../sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
cd "$build"
mkdir -p "findings/$target"
exec nice -n 15 "./tests/fuzz/fuzz_$target" -max_len=$max_len -rss_limit_mb=2048 -timeout=10 "${extra[@]}" \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="findings/$target/" \
  "fuzz-corpus/$target" > "findings/$target.log" 2>&1
