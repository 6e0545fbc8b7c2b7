#!/usr/bin/env bash
# Throughput of data-parallel `lnseg train` against one process (issue 14; ARCHITECTURE.md,
# "Training on several processes"): SNet 2d on 96 px crops, the same global batch of 4 crops in
# every configuration, two interleaved rounds. Prints the load average before each run: compare
# only runs made under similar load.
#   core/model/bench/distributed-throughput.sh [WORK_FOLDER]   (default /tmp/lnseg-distributed)
set -u
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
E="${LNSEG:-$repo/build/app/lnseg}"
work="${1:-/tmp/lnseg-distributed}"
mkdir -p "$work" && cd "$work"
if [ ! -d big ]; then
  "$E" phantom --out big --cases 6 --seed 3 --columns 256 --rows 256 --slices 40 --pixel-spacing 1.0 --slice-spacing 3 > /dev/null
fi
COMMON="train --data big --epochs 1 --steps-per-epoch 15 --validation-slices 1 --no-augmentation --arch ${ARCH:-snet} --mode 2d --crop 96"
allreduce_seconds() {
  python3 - "$1" <<'PY'
import sys, zipfile
archive = zipfile.ZipFile(sys.argv[1])
text = archive.read([n for n in archive.namelist() if n.endswith('data.pkl')][0]).decode('latin1')
at = text.find('"gradient_all_reduce_seconds"')
print(text[at:at + 60].split(',')[0] if at >= 0 else '')
PY
}
one() {  # name, then the command
  local name=$1; shift
  while [ -e /work/BENCH_LOCK ]; do sleep 20; done
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  local t0; t0=$(date +%s.%N)
  "$@" > "out_$name.log" 2>&1
  local t1; t1=$(date +%s.%N)
  echo "$name | load before $load | wall $(echo "$t1 - $t0" | bc) s |" \
       "$(grep -o '[0-9.]* training slices/s[^,]*' "out_$name.log") | $(allreduce_seconds "m_$name/model.lnsegmodel")"
}
two() {  # port, then the arguments: both ranks with torchrun's variables
  local port=$1; shift
  RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port "$E" "$@" > /dev/null 2>&1 &
  RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port "$E" "$@"
  local status=$?
  wait
  return $status
}
rm -rf m_*
for round in 1 2; do
  one "1x2threads_b4_$round" "$E" $COMMON --batch 4 --threads 2 --out "m_1x2threads_b4_$round"
  one "1x1thread_b4_$round" "$E" $COMMON --batch 4 --threads 1 --out "m_1x1thread_b4_$round"
  one "2x1thread_b2_$round" two "2970$round" $COMMON --batch 2 --threads 1 --out "m_2x1thread_b2_$round"
  one "2x1thread_b2_nooverlap_$round" two "2971$round" $COMMON --batch 2 --threads 1 --dist-no-overlap \
      --out "m_2x1thread_b2_nooverlap_$round"
  if command -v mpirun > /dev/null; then
    one "mpirun_2x1thread_b2_$round" mpirun --allow-run-as-root -np 2 "$E" $COMMON --batch 2 --threads 1 \
        --out "m_mpirun_2x1thread_b2_$round"
  fi
done
