#pragma once
// Reads a DICOM Segmentation back into an instance label map on a given image grid plus node
// records (level and side parsed from "Node <level> <side>" segment labels).

#include "image/VoxelGrid.h"
#include "nodes/NodeRecord.h"

#include <string>
#include <vector>

namespace lnseg {

struct DicomSegmentationContents {
    LabelMap labels;                 // on the image grid given to the reader
    std::vector<NodeRecord> nodes;   // one per segment, in segment order
    std::vector<std::string> segmentLabels;
    std::string patientName;
    std::string patientId;
    std::string studyInstanceUid;
    std::string frameOfReferenceUid;
    std::string seriesInstanceUid;            // of the SEG
    std::string referencedSeriesInstanceUid;  // Referenced Series Sequence (first item)
    std::vector<std::string> referencedSopInstanceUids;  // instances of that series
};

// Reads `path`. The frames must lie on `image`'s slices: same rows/columns, orientation and pixel
// spacing, each frame position on one slice of the grid; when `expectedFrameOfReferenceUid` is
// given the SEG must be in that frame of reference. Each segment gets the label value recorded in
// its description by DicomSegmentationWriter, else its segment number. Throws std::runtime_error
// with a message saying what does not match.
DicomSegmentationContents readDicomSegmentation(const std::string& path, const ImageGeometry& image,
                                                const std::string& expectedFrameOfReferenceUid = {});

}  // namespace lnseg
