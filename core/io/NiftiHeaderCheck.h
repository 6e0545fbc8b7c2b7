#pragma once
// Checks a NIfTI-1 or NIfTI-2 header (.nii or .nii.gz) before ITK reads it, for what ITK 5.2 and
// niftilib let through or crash on:
//   - dim[0] outside 1..7, a used dimension (dim[1..dim[0]]) below 1: ITK read a dim[2] of -1
//     as 1 and loaded 32 x 1 x 16 voxels;
//   - a datatype NIfTI does not define, or a bitpix that disagrees with it;
//   - a vox_offset that is negative, not finite, or inside the header of a single-file NIfTI;
//   - NaN, infinite or overflowing pixdim, quaternion, offsets or sform rows, or an all-zero sform
//     axis (ITK aborts the process in vnl_svd: found by fuzz_image_file);
//   - a qform quaternion whose (b, c, d) is longer than 1 (niftilib silently renormalises it), a
//     qform_code or sform_code outside 0..5.
// These refuse the file with a std::runtime_error naming it and the field. A spacing (pixdim) of
// zero or below in a used spatial dimension does not: the image loads with 1 mm along that axis,
// and the returned report says so (code spacing_assumed).

#include "io/ImportReport.h"

#include <string>

namespace lnseg {

// Reads the header of `path`. Files too short to hold a header are left to ITK's own message.
ImportReport checkNiftiHeader(const std::string& path);

}  // namespace lnseg
