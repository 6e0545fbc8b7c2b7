#include "io/DicomSegmentationReader.h"

#include "io/DicomAttributes.h"
#include "nodes/NodeMeasurement.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace lnseg {

namespace {

std::string formatVector(const Vector3& v)
{
    std::ostringstream text;
    text << "(" << v[0] << ", " << v[1] << ", " << v[2] << ")";
    return text.str();
}

// "Node IIA left" -> level and side; words that are neither are ignored.
void parseSegmentLabel(const std::string& label, NodeRecord& node)
{
    std::istringstream words(label);
    std::string word;
    while (words >> word) {
        if (node.level == NodeLevel::Unassigned)
            if (const auto level = nodeLevelFromString(word); level && word != "Node") {
                node.level = *level;
                continue;
            }
        if (node.side == NodeSide::Unassigned)
            if (const auto side = nodeSideFromString(word))
                node.side = *side;
    }
}

// "lnseg label 7; status accepted; level IIA confirmed" (DicomSegmentationWriter) -> label,
// status and where the level came from.
void parseSegmentDescription(const std::string& description, NodeRecord& node)
{
    const std::string labelKey = "lnseg label ", statusKey = "status ";
    if (const auto at = description.find(labelKey); at != std::string::npos) {
        try {
            const long value = std::stol(description.substr(at + labelKey.size()));
            if (value > 0 && value <= 65535)
                node.label = static_cast<std::uint16_t>(value);
        } catch (const std::exception&) {
        }
    }
    if (const auto at = description.find(statusKey); at != std::string::npos) {
        const std::string rest = description.substr(at + statusKey.size());
        if (const auto status = nodeStatusFromString(rest.substr(0, rest.find_first_of(" ;"))))
            node.status = *status;
    }
    const std::string levelKey = "; level ";
    if (const auto at = description.find(levelKey); at != std::string::npos) {
        const std::string rest = description.substr(at + levelKey.size());
        const std::string source = rest.substr(rest.find(' ') == std::string::npos ? rest.size() : rest.find(' ') + 1);
        for (LevelSource candidate : {LevelSource::Suggested, LevelSource::Confirmed, LevelSource::Reader})
            if (source.rfind(toString(candidate), 0) == 0)
                node.levelSource = candidate;
    }
}

}  // namespace

DicomSegmentationContents readDicomSegmentation(const std::string& path, const ImageGeometry& image,
                                                const std::string& expectedFrameOfReferenceUid)
{
    auto fail = [&](const std::string& message) { return std::runtime_error(path + ": " + message); };
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad())
        throw fail("cannot read the DICOM file");
    DcmDataset& dataset = *file.getDataset();
    if (readString(dataset, DCM_SOPClassUID) != UID_SegmentationStorage)
        throw fail("not a DICOM Segmentation (SOP Class " + readString(dataset, DCM_SOPClassUID) + ")");

    DicomSegmentationContents contents;
    contents.patientName = readString(dataset, DCM_PatientName);
    contents.patientId = readString(dataset, DCM_PatientID);
    contents.studyInstanceUid = readString(dataset, DCM_StudyInstanceUID);
    contents.seriesInstanceUid = readString(dataset, DCM_SeriesInstanceUID);
    contents.frameOfReferenceUid = readString(dataset, DCM_FrameOfReferenceUID);
    if (DcmItem* series = nullptr; dataset.findAndGetSequenceItem(DCM_ReferencedSeriesSequence, series, 0).good() && series) {
        contents.referencedSeriesInstanceUid = readString(*series, DCM_SeriesInstanceUID);
        DcmItem* instance = nullptr;
        for (long n = 0; series->findAndGetSequenceItem(DCM_ReferencedInstanceSequence, instance, n).good() && instance; ++n)
            contents.referencedSopInstanceUids.push_back(readString(*instance, DCM_ReferencedSOPInstanceUID));
    }
    if (!expectedFrameOfReferenceUid.empty() && contents.frameOfReferenceUid != expectedFrameOfReferenceUid)
        throw fail("the segmentation's frame of reference (" + contents.frameOfReferenceUid +
                   ") is not the image's (" + expectedFrameOfReferenceUid + ")");

    DcmSegmentation* raw = nullptr;
    if (const OFCondition status = DcmSegmentation::loadDataset(dataset, raw); status.bad() || !raw)
        throw fail(std::string("cannot read the segmentation: ") + status.text());
    std::unique_ptr<DcmSegmentation> segmentation(raw);
    if (segmentation->getSegmentationType() != DcmSegTypes::ST_BINARY)
        throw fail("only binary segmentations are supported");

    Uint16 rows = 0, columns = 0;
    dataset.findAndGetUint16(DCM_Rows, rows);
    dataset.findAndGetUint16(DCM_Columns, columns);
    if (rows != image.size[1] || columns != image.size[0])
        throw fail("frames of " + std::to_string(columns) + " x " + std::to_string(rows) + " pixels do not match the image's " +
                   std::to_string(image.size[0]) + " x " + std::to_string(image.size[1]) + " slices");

    FGInterface& groups = segmentation->getFunctionalGroups();
    const std::size_t frames = segmentation->getNumberOfFrames();
    const double tolerance = 1e-3;
    // Orientation and pixel spacing: per frame or shared, checked on every frame.
    for (std::size_t f = 0; f < frames; ++f) {
        auto* orientation = dynamic_cast<FGPlaneOrientationPatient*>(groups.get(static_cast<Uint32>(f), DcmFGTypes::EFG_PLANEORIENTPATIENT));
        Float64 o[6] = {0, 0, 0, 0, 0, 0};
        if (!orientation || orientation->getImageOrientationPatient(o[0], o[1], o[2], o[3], o[4], o[5]).bad())
            throw fail("frame " + std::to_string(f + 1) + " has no Image Orientation (Patient)");
        const Vector3 row = image.axisDirection(0), column = image.axisDirection(1);
        for (int c = 0; c < 3; ++c)
            if (std::abs(o[c] - row[c]) > tolerance || std::abs(o[3 + c] - column[c]) > tolerance)
                throw fail("frame " + std::to_string(f + 1) + "'s orientation differs from the image's");
        auto* measures = dynamic_cast<FGPixelMeasures*>(groups.get(static_cast<Uint32>(f), DcmFGTypes::EFG_PIXELMEASURES));
        Float64 rowSpacing = 0, columnSpacing = 0;
        if (!measures || measures->getPixelSpacing(rowSpacing, 0).bad() || measures->getPixelSpacing(columnSpacing, 1).bad())
            throw fail("frame " + std::to_string(f + 1) + " has no Pixel Spacing");
        if (std::abs(rowSpacing - image.spacing[1]) > tolerance * image.spacing[1] ||
            std::abs(columnSpacing - image.spacing[0]) > tolerance * image.spacing[0])
            throw fail("frame " + std::to_string(f + 1) + "'s pixel spacing differs from the image's");
    }

    // Segments -> node records; each segment's label value.
    std::map<Uint16, std::uint16_t> labelOfSegment;
    const std::size_t segments = segmentation->getNumberOfSegments();
    for (std::size_t s = 1; s <= segments; ++s) {
        DcmSegment* segment = segmentation->getSegment(s);
        if (!segment)
            throw fail("segment " + std::to_string(s) + " is missing");
        NodeRecord node;
        node.label = static_cast<std::uint16_t>(s);
        OFString text;
        segment->getSegmentLabel(text);
        contents.segmentLabels.push_back(text.c_str());
        parseSegmentLabel(text.c_str(), node);
        const DcmSegTypes::E_SegmentAlgoType algorithm = segment->getSegmentAlgorithmType();
        node.status = algorithm == DcmSegTypes::SAT_AUTOMATIC ? NodeStatus::Proposed : NodeStatus::Accepted;
        if (algorithm != DcmSegTypes::SAT_MANUAL && segment->getSegmentAlgorithmName(text).good())
            node.proposedByModel = text.c_str();
        text.clear();
        segment->getSegmentDescription(text);
        parseSegmentDescription(text.c_str(), node);
        for (const NodeRecord& other : contents.nodes)
            if (other.label == node.label)
                throw fail("segments " + std::to_string(s) + " and another carry the same label value " + std::to_string(node.label));
        labelOfSegment[static_cast<Uint16>(s)] = node.label;
        contents.nodes.push_back(node);
    }

    contents.labels = LabelMap(image, 0);
    for (std::size_t f = 0; f < frames; ++f) {
        const std::string frameName = "frame " + std::to_string(f + 1);
        auto* position = dynamic_cast<FGPlanePosPatient*>(groups.get(static_cast<Uint32>(f), DcmFGTypes::EFG_PLANEPOSPATIENT));
        Vector3 world{0, 0, 0};
        if (!position || position->getImagePositionPatient(world[0], world[1], world[2]).bad())
            throw fail(frameName + " has no Image Position (Patient)");
        const Vector3 index = image.worldToIndex(world);
        const double k = std::round(index[2]);
        if (std::abs(index[0]) > 0.01 || std::abs(index[1]) > 0.01 || std::abs(index[2] - k) > 0.01 || k < 0 ||
            k >= double(image.size[2]))
            throw fail(frameName + " at " + formatVector(world) + " mm does not lie on a slice of the image (index " +
                       formatVector(index) + ")");
        auto* segmentGroup = dynamic_cast<FGSegmentation*>(groups.get(static_cast<Uint32>(f), DcmFGTypes::EFG_SEGMENTATION));
        Uint16 segmentNumber = 0;
        if (!segmentGroup || segmentGroup->getReferencedSegmentNumber(segmentNumber).bad() || !labelOfSegment.count(segmentNumber))
            throw fail(frameName + " references no known segment");
        const DcmIODTypes::Frame* packed = segmentation->getFrame(f);
        std::unique_ptr<DcmIODTypes::Frame> frame(packed ? DcmSegUtils::unpackBinaryFrame(packed, rows, columns) : nullptr);
        if (!frame || frame->length < std::size_t(rows) * columns)
            throw fail(frameName + "'s pixel data cannot be read");
        const std::uint16_t label = labelOfSegment[segmentNumber];
        const std::int64_t slice = static_cast<std::int64_t>(k);
        for (std::int64_t j = 0; j < image.size[1]; ++j)
            for (std::int64_t i = 0; i < image.size[0]; ++i) {
                if (!frame->pixData[i + j * image.size[0]])
                    continue;
                std::uint16_t& voxel = contents.labels.at(i, j, slice);
                if (voxel != 0 && voxel != label)
                    throw fail("segments overlap at voxel (" + std::to_string(i) + ", " + std::to_string(j) + ", " +
                               std::to_string(slice) + "); an instance label map cannot hold both");
                voxel = label;
            }
    }
    // Measurements from the voxels read.
    std::map<std::uint16_t, NodeMeasurement> measured;
    for (const NodeMeasurement& measurement : measureNodes(contents.labels))
        measured[measurement.label] = measurement;
    for (NodeRecord& node : contents.nodes)
        if (measured.count(node.label))
            node.measurement = measured[node.label];
    return contents;
}

}  // namespace lnseg
