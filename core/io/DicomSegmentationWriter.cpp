#include "io/DicomSegmentationWriter.h"

#include "image/LabelPalette.h"
#include "io/ImageFileIO.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmiod/iodmacro.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace lnseg {
namespace fs = std::filesystem;

namespace {

void check(const OFCondition& condition, const std::string& what)
{
    if (condition.bad())
        throw std::runtime_error("DICOM SEG: " + what + ": " + condition.text());
}

// Decimal string of at most 16 characters (DS), enough digits for sub-micrometre positions.
std::string decimalString(double value)
{
    char buffer[32];
    for (int digits = 10; digits > 3; --digits) {
        std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
        if (std::string(buffer).size() <= 16)
            break;
    }
    return buffer;
}

std::string generateUid(const char* root)
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, root);
    return buffer;
}

DcmSegTypes::E_SegmentAlgoType algorithmType(const NodeRecord& node)
{
    if (node.proposedByModel.empty() || node.status == NodeStatus::Edited)
        return DcmSegTypes::SAT_MANUAL;
    return node.status == NodeStatus::Accepted ? DcmSegTypes::SAT_SEMIAUTOMATIC : DcmSegTypes::SAT_AUTOMATIC;
}

// Algorithm Name (LO, 64 characters): the model file's name without its folder.
std::string algorithmName(const NodeRecord& node)
{
    std::string name = fs::path(node.proposedByModel).filename().string();
    if (name.empty())
        name = "lnseg";
    return name.substr(0, 64);
}

std::unique_ptr<DcmSegment> makeSegment(const NodeRecord& node)
{
    DcmSegment* raw = nullptr;
    const DcmSegTypes::E_SegmentAlgoType type = algorithmType(node);
    check(DcmSegment::create(raw, segmentLabel(node), CodeSequenceMacro("91723000", "SCT", "Anatomical Structure"),
                             CodeSequenceMacro("59441001", "SCT", "Lymph node"), type,
                             type == DcmSegTypes::SAT_MANUAL ? "" : algorithmName(node)),
          "cannot create the segment of node " + std::to_string(node.label));
    std::unique_ptr<DcmSegment> segment(raw);
    // "lnseg label 7; status accepted; level IIA confirmed": where the level came from (suggested,
    // confirmed, reader) when known. At most 55 characters (LO allows 64).
    std::string description = "lnseg label " + std::to_string(node.label) + "; status " + toString(node.status);
    if (node.levelSource != LevelSource::None)
        description += std::string("; level ") + toString(node.level) + " " + toString(node.levelSource);
    check(segment->setSegmentDescription(description), "segment description");
    // The colour lnseg shows the node in, for viewers that honour it (3D Slicer, OHIF).
    const RgbColour colour = labelColour(node.label);
    double l = 0, a = 0, b = 0;
    IODCIELabUtil::rgb2DicomLab(l, a, b, colour.red / 255.0, colour.green / 255.0, colour.blue / 255.0);
    check(segment->setRecommendedDisplayCIELabValue(static_cast<Uint16>(l), static_cast<Uint16>(a), static_cast<Uint16>(b)),
          "Recommended Display CIELab Value");
    GeneralAnatomyMacro& anatomy = segment->getGeneralAnatomyCode();
    check(anatomy.getAnatomicRegion().set("45048000", "SCT", "Neck"), "anatomic region");
    if (node.side == NodeSide::Left)
        anatomy.getAnatomicRegionModifier().push_back(new CodeSequenceMacro("7771000", "SCT", "Left"));
    else if (node.side == NodeSide::Right)
        anatomy.getAnatomicRegionModifier().push_back(new CodeSequenceMacro("24028007", "SCT", "Right"));
    return segment;
}

void fillPatientAndStudy(DcmSegmentation& segmentation, const DicomSourceAttributes& source)
{
    // Values come from the source series; they are copied without re-checking their VR, since a
    // source that DCMTK read is taken as it is.
    IODPatientModule& patient = segmentation.getPatient();
    check(patient.setPatientName(source.patientName, OFFalse), "Patient's Name");
    check(patient.setPatientID(source.patientId, OFFalse), "Patient ID");
    check(patient.setPatientBirthDate(source.patientBirthDate, OFFalse), "Patient's Birth Date");
    check(patient.setPatientSex(source.patientSex, OFFalse), "Patient's Sex");
    IODGeneralStudyModule& study = segmentation.getStudy();
    check(study.setStudyInstanceUID(source.studyInstanceUid), "Study Instance UID");
    check(study.setStudyDate(source.studyDate, OFFalse), "Study Date");
    check(study.setStudyTime(source.studyTime, OFFalse), "Study Time");
    check(study.setStudyID(source.studyId, OFFalse), "Study ID");
    check(study.setAccessionNumber(source.accessionNumber, OFFalse), "Accession Number");
    check(study.setReferringPhysicianName(source.referringPhysicianName, OFFalse), "Referring Physician's Name");
    check(study.setStudyDescription(source.studyDescription, OFFalse), "Study Description");
    check(segmentation.getFrameOfReference().setFrameOfReferenceUID(source.frameOfReferenceUid), "Frame of Reference UID");
}

}  // namespace

std::string segmentLabel(const NodeRecord& node)
{
    std::string label = "Node";
    if (node.level != NodeLevel::Unassigned)
        label += std::string(" ") + toString(node.level);
    if (node.side != NodeSide::Unassigned)
        label += std::string(" ") + toString(node.side);
    return label;
}

DicomSegmentationWriteResult writeDicomSegmentation(const LabelMap& labels, const std::vector<NodeRecord>& nodes,
                                                    const DicomSourceAttributes& source, const std::string& path,
                                                    const DicomSegmentationWriteOptions& options)
{
    const ImageGeometry& g = labels.geometry();
    if (labels.empty())
        throw std::runtime_error("DICOM SEG " + path + ": the label map is empty");
    if (g.size[0] > 65535 || g.size[1] > 65535)
        throw std::runtime_error("DICOM SEG " + path + ": slices too large for DICOM rows/columns");
    if (source.instances.size() != static_cast<std::size_t>(g.size[2]))
        throw std::runtime_error("DICOM SEG " + path + ": the source series has " + std::to_string(source.instances.size()) +
                                 " instances for " + std::to_string(g.size[2]) + " label map slices");
    if (source.studyInstanceUid.empty() || source.seriesInstanceUid.empty() || source.frameOfReferenceUid.empty())
        throw std::runtime_error("DICOM SEG " + path + ": the source series lacks its study, series or frame of reference UID");
    for (const DicomInstanceReference& instance : source.instances)
        if (instance.sopClassUid.empty() || instance.sopInstanceUid.empty())
            throw std::runtime_error("DICOM SEG " + path + ": a source slice has no SOP Class/Instance UID");
    if (!options.overwrite && fs::exists(path))
        throw std::runtime_error("DICOM SEG " + path + ": refusing to overwrite an existing file");

    // Which slices each node occupies (one pass over the label map).
    std::map<std::uint16_t, std::set<std::int64_t>> slicesOfLabel;
    for (std::int64_t k = 0; k < g.size[2]; ++k)
        for (std::int64_t j = 0; j < g.size[1]; ++j)
            for (std::int64_t i = 0; i < g.size[0]; ++i)
                if (const std::uint16_t value = labels.at(i, j, k))
                    slicesOfLabel[value].insert(k);
    std::vector<const NodeRecord*> written;
    for (const NodeRecord& node : nodes)
        if (node.status != NodeStatus::Rejected && slicesOfLabel.count(node.label))
            written.push_back(&node);
    if (written.empty())
        throw std::runtime_error("DICOM SEG " + path + ": no node with voxels to write (a SEG needs at least one segment)");

    const Uint16 rows = static_cast<Uint16>(g.size[1]), columns = static_cast<Uint16>(g.size[0]);
    DcmSegmentation* raw = nullptr;
    check(DcmSegmentation::createBinarySegmentation(
              raw, rows, columns,
              IODGeneralEquipmentModule::EquipmentInfo("lnseg", "lnseg", "1", options.softwareVersion),
              ContentIdentificationMacro("1", options.contentLabel, "Cervical lymph nodes", options.contentCreatorName)),
          "cannot create the segmentation");
    std::unique_ptr<DcmSegmentation> segmentation(raw);
    check(segmentation->getSOPCommon().setSpecificCharacterSet("ISO_IR 192"), "Specific Character Set");
    fillPatientAndStudy(*segmentation, source);
    const std::string seriesUid = options.seriesInstanceUid.empty() ? generateUid(SITE_SERIES_UID_ROOT) : options.seriesInstanceUid;
    const std::string instanceUid = options.sopInstanceUid.empty() ? generateUid(SITE_INSTANCE_UID_ROOT) : options.sopInstanceUid;
    check(segmentation->getSeries().setSeriesInstanceUID(seriesUid), "Series Instance UID");
    check(segmentation->getSeries().setSeriesDescription(options.seriesDescription, OFFalse), "Series Description");
    check(segmentation->getSegmentationSeriesModule().setSeriesNumber(std::to_string(options.seriesNumber)), "Series Number");
    check(segmentation->getSOPCommon().setSOPInstanceUID(instanceUid), "SOP Instance UID");

    // Frames are indexed by segment, then position along the slice normal.
    const std::string dimensionUid = generateUid(SITE_INSTANCE_UID_ROOT);
    check(segmentation->getDimensions().addDimensionIndex(DCM_ReferencedSegmentNumber, dimensionUid,
                                                          DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber"),
          "dimension index (segment)");
    check(segmentation->getDimensions().addDimensionIndex(DCM_ImagePositionPatient, dimensionUid, DCM_PlanePositionSequence,
                                                          "ImagePositionPatient"),
          "dimension index (position)");

    FGPixelMeasures pixelMeasures;
    check(pixelMeasures.setPixelSpacing(decimalString(g.spacing[1]) + "\\" + decimalString(g.spacing[0])), "Pixel Spacing");
    check(pixelMeasures.setSliceThickness(decimalString(g.spacing[2])), "Slice Thickness");
    check(pixelMeasures.setSpacingBetweenSlices(decimalString(g.spacing[2])), "Spacing Between Slices");
    check(segmentation->addForAllFrames(pixelMeasures), "shared pixel measures");
    const Vector3 row = g.axisDirection(0), column = g.axisDirection(1);
    FGPlaneOrientationPatient orientation;
    check(orientation.setImageOrientationPatient(decimalString(row[0]), decimalString(row[1]), decimalString(row[2]),
                                                 decimalString(column[0]), decimalString(column[1]), decimalString(column[2])),
          "Image Orientation (Patient)");
    check(segmentation->addForAllFrames(orientation), "shared plane orientation");

    DicomSegmentationWriteResult result;
    result.path = path;
    result.sopInstanceUid = instanceUid;
    result.seriesInstanceUid = seriesUid;
    std::vector<Uint8> pixels(static_cast<std::size_t>(rows) * columns);
    for (const NodeRecord* node : written) {
        Uint16 segmentNumber = 0;
        std::unique_ptr<DcmSegment> segment = makeSegment(*node);
        check(segmentation->addSegment(segment.get(), segmentNumber), "cannot add the segment of node " + std::to_string(node->label));
        segment.release();  // owned by the segmentation now
        ++result.segments;
        for (const std::int64_t k : slicesOfLabel[node->label]) {
            for (std::int64_t j = 0; j < g.size[1]; ++j)
                for (std::int64_t i = 0; i < g.size[0]; ++i)
                    pixels[static_cast<std::size_t>(i + j * g.size[0])] = labels.at(i, j, k) == node->label ? 1 : 0;
            const Vector3 position = g.indexToWorld({0, 0, double(k)});
            FGPlanePosPatient planePosition;
            check(planePosition.setImagePositionPatient(decimalString(position[0]), decimalString(position[1]),
                                                        decimalString(position[2])),
                  "Image Position (Patient)");
            FGFrameContent frameContent;
            check(frameContent.setDimensionIndexValues(segmentNumber, 0), "dimension index value");
            check(frameContent.setDimensionIndexValues(static_cast<Uint32>(k + 1), 1), "dimension index value");
            const DicomInstanceReference& instance = source.instances[static_cast<std::size_t>(k)];
            ImageSOPInstanceReferenceMacro reference;
            check(reference.setReferencedSOPClassUID(instance.sopClassUid), "Referenced SOP Class UID");
            check(reference.setReferencedSOPInstanceUID(instance.sopInstanceUid), "Referenced SOP Instance UID");
            if (instance.frameNumber > 0)
                check(reference.addReferencedFrameNumber(static_cast<Uint16>(instance.frameNumber)), "Referenced Frame Number");
            OFVector<ImageSOPInstanceReferenceMacro> references;
            references.push_back(reference);
            std::unique_ptr<FGDerivationImage> derivation(
                DcmSegmentation::createDerivationImageFG(references, "Lymph node segmentation reviewed in lnseg"));
            if (!derivation)
                throw std::runtime_error("DICOM SEG: cannot create the derivation image reference of slice " + std::to_string(k));
            OFVector<FGBase*> perFrame;
            perFrame.push_back(&planePosition);
            perFrame.push_back(&frameContent);
            perFrame.push_back(derivation.get());
            check(segmentation->addFrame(pixels.data(), segmentNumber, perFrame),
                  "cannot add frame of slice " + std::to_string(k) + " of node " + std::to_string(node->label));
            ++result.frames;
        }
    }

    // Referenced Series Sequence (Common Instance Reference module): the source series.
    auto* series = new IODSeriesAndInstanceReferenceMacro::ReferencedSeriesItem();
    segmentation->getCommonInstanceReference().getReferencedSeriesItems().push_back(series);
    check(series->setSeriesInstanceUID(source.seriesInstanceUid), "Referenced Series Instance UID");
    std::set<std::string> referenced;
    for (const DicomInstanceReference& instance : source.instances)
        if (referenced.insert(instance.sopInstanceUid).second)
            check(series->addReference(instance.sopClassUid, instance.sopInstanceUid), "Referenced Instance");

    writeThroughTemporaryFile(path, [&](const std::string& temporary) {
        check(segmentation->saveFile(temporary.c_str(), EXS_LittleEndianExplicit), "cannot write " + path);
    });
    return result;
}

}  // namespace lnseg
