#pragma once
// Writes the nodes of an instance label map as a DICOM Segmentation (binary SEG, one segment per
// node) through DCMTK's dcmseg, referencing the CT series the label map was drawn on.
//
// Geometry: one frame per (segment, slice) where the segment has voxels; every frame carries its
// Plane Position (Patient) and Derivation Image reference (the source instance of that slice);
// orientation and pixel measures (spacing, slice thickness = slice spacing) are shared. Together
// with the shared Frame of Reference a reader can place every frame on the source grid.
// Segment labels read "Node <level> <side>" ("Node IIA left"); the segment description keeps the
// label value and review status ("lnseg label 7; status accepted") so a round trip is exact.
// Category/type: SCT 91723000 "Anatomical Structure" / SCT 59441001 "Lymph node"; anatomic region
// SCT 45048000 "Neck" with a laterality modifier for left/right; Recommended Display CIELab Value:
// the node's colour in lnseg's views (LabelPalette).
// Algorithm type: MANUAL for hand-drawn or edited nodes, SEMIAUTOMATIC for model proposals a
// reviewer accepted unchanged, AUTOMATIC for proposals nobody reviewed. Rejected nodes are left out.

#include "image/VoxelGrid.h"
#include "io/DicomSourceAttributes.h"
#include "nodes/NodeRecord.h"

#include <string>
#include <vector>

namespace lnseg {

struct DicomSegmentationWriteOptions {
    std::string seriesDescription = "Lymph node segmentation";
    int seriesNumber = 300;
    std::string contentLabel = "LYMPHNODES";   // Content Label (CS: upper case, no spaces)
    std::string contentCreatorName;             // reviewer (PN), may be empty
    std::string softwareVersion = "lnseg 0.1";
    // Empty: generated.
    std::string seriesInstanceUid;
    std::string sopInstanceUid;
    bool overwrite = false;
};

struct DicomSegmentationWriteResult {
    std::string path;
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    std::size_t segments = 0;
    std::size_t frames = 0;
};

// The segment label of a node, "Node IIA left" ("Node" alone when level and side are unassigned).
std::string segmentLabel(const NodeRecord& node);

// Writes `path` (temporary file + rename). `source` must hold one instance per label map slice and
// the study and frame of reference UIDs (the SEG joins that study and frame of reference and copies
// its patient module). Throws std::runtime_error for missing references, a label map without
// nodes, a file already there (without `overwrite`) or a DCMTK failure.
DicomSegmentationWriteResult writeDicomSegmentation(const LabelMap& labels, const std::vector<NodeRecord>& nodes,
                                                    const DicomSourceAttributes& source, const std::string& path,
                                                    const DicomSegmentationWriteOptions& options = {});

}  // namespace lnseg
