// DICOM SEG: writes a small phantom's nodes against a CT series written by lnseg, reads the SEG back
// (voxel-identical label map, levels, sides, references), checks it with dcmdump and, when
// installed, dicom3tools' dciodvfy validator; mismatching frames of reference are refused.

#include "io/DicomSegmentationReader.h"
#include "io/DicomSegmentationWriter.h"
#include "io/DicomSeriesWriter.h"
#include "phantom/NeckPhantom.h"

#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <dcmtk/dcmdata/dctk.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace lnseg;

namespace {

struct SegFixture {
    PhantomCase phantom;
    std::vector<NodeRecord> nodes;
    DicomSourceAttributes source;
};

// Odd sizes: rows x columns not a multiple of 8, so binary frames do not end on byte boundaries.
SegFixture makeFixture(const std::string& folder, int columns = 64, int rows = 48)
{
    PhantomOptions options = PhantomOptions::small(5, columns, rows, 12);
    options.maximumNodes = 8;
    SegFixture fixture{generateNeckPhantom(options, "seg"), {}, {}};
    const DicomSeriesWriteResult series = writeDicomSeries(fixture.phantom.image, folder);
    std::vector<std::string> sliceFiles(series.files.rbegin(), series.files.rend());  // instance 1 = top slice
    fixture.source = readDicomSourceAttributes(sliceFiles);
    for (const PhantomNode& phantomNode : fixture.phantom.nodes) {
        NodeRecord node;
        node.label = static_cast<std::uint16_t>(phantomNode.id);
        node.level = nodeLevelFromString(phantomNode.level).value_or(NodeLevel::Unassigned);
        node.side = nodeSideFromString(phantomNode.side).value_or(NodeSide::Unassigned);
        node.status = node.label % 2 ? NodeStatus::Accepted : NodeStatus::Proposed;
        if (node.status == NodeStatus::Proposed)
            node.proposedByModel = "/models/default.lnsegmodel";
        fixture.nodes.push_back(node);
    }
    return fixture;
}

// Decodes the SEG with dcmdata only (not dcmseg): the bit-packed Pixel Data (frames back to back,
// first pixel in the lowest bit), each frame's position and segment, each segment's label value.
LabelMap decodeIndependently(const std::string& path, const ImageGeometry& image)
{
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad())
        return {};
    DcmDataset& d = *file.getDataset();
    std::map<long, std::uint16_t> labelOfSegment;
    DcmItem* item = nullptr;
    for (long n = 0; d.findAndGetSequenceItem(DCM_SegmentSequence, item, n).good() && item; ++n) {
        Uint16 number = 0;
        OFString description;
        item->findAndGetUint16(DCM_SegmentNumber, number);
        item->findAndGetOFString(DCM_SegmentDescription, description);
        labelOfSegment[number] = static_cast<std::uint16_t>(std::stoi(description.substr(std::string("lnseg label ").size()).c_str()));
    }
    const Uint8* bits = nullptr;
    unsigned long length = 0;
    if (d.findAndGetUint8Array(DCM_PixelData, bits, &length).bad())
        return {};
    LabelMap labels(image, 0);
    const std::size_t framePixels = std::size_t(image.size[0] * image.size[1]);
    for (long f = 0; d.findAndGetSequenceItem(DCM_PerFrameFunctionalGroupsSequence, item, f).good() && item; ++f) {
        DcmItem* position = nullptr;
        DcmItem* segment = nullptr;
        item->findAndGetSequenceItem(DCM_PlanePositionSequence, position);
        item->findAndGetSequenceItem(DCM_SegmentIdentificationSequence, segment);
        Float64 world[3] = {0, 0, 0};
        for (int c = 0; c < 3; ++c)
            position->findAndGetFloat64(DCM_ImagePositionPatient, world[c], c);
        Uint16 number = 0;
        segment->findAndGetUint16(DCM_ReferencedSegmentNumber, number);
        const std::int64_t k = std::llround(image.worldToIndex({world[0], world[1], world[2]})[2]);
        for (std::size_t p = 0; p < framePixels; ++p) {
            const std::size_t bit = std::size_t(f) * framePixels + p;
            if (bit / 8 < length && (bits[bit / 8] >> (bit % 8)) & 1)
                labels.data()[std::size_t(k) * framePixels + p] = labelOfSegment[number];
        }
    }
    return labels;
}

QString run(const QString& program, const QStringList& arguments, int* exitCode = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    process.waitForFinished(60000);
    if (exitCode)
        *exitCode = process.exitCode();
    return QString::fromLocal8Bit(process.readAll());
}

}  // namespace

class DicomSegmentationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // LNSEG_KEEP_TEST_FILES=1 keeps the written files for inspection.
    void initTestCase() { m_folder.setAutoRemove(qEnvironmentVariableIsEmpty("LNSEG_KEEP_TEST_FILES")); }
    void roundTrip_data();
    void roundTrip();
    void independentReaders();
    void mismatchesAreRefused();

private:
    QTemporaryDir m_folder;
};

void DicomSegmentationTest::roundTrip_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::newRow("64 x 48") << 64 << 48;
    QTest::newRow("45 x 37 (frames not byte aligned)") << 45 << 37;
}

void DicomSegmentationTest::roundTrip()
{
    QFETCH(int, columns);
    QFETCH(int, rows);
    const QString name = QString("%1x%2").arg(columns).arg(rows);
    const std::string ct = m_folder.filePath("ct" + name).toStdString();
    SegFixture f = makeFixture(ct, columns, rows);
    QVERIFY(f.nodes.size() >= 3);
    const std::string path = m_folder.filePath("seg" + name + ".dcm").toStdString();
    const DicomSegmentationWriteResult written = writeDicomSegmentation(f.phantom.labels, f.nodes, f.source, path);
    QCOMPARE(written.segments, f.nodes.size());
    QVERIFY(written.frames > 0 && written.frames < f.nodes.size() * std::size_t(f.phantom.labels.size()[2]));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDicomSegmentation(f.phantom.labels, f.nodes, f.source, path));

    const DicomSegmentationContents read = readDicomSegmentation(path, f.phantom.image.geometry(), f.source.frameOfReferenceUid);
    QVERIFY(std::equal(read.labels.data(), read.labels.data() + read.labels.voxelCount(), f.phantom.labels.data()));
    const LabelMap independent = decodeIndependently(path, f.phantom.image.geometry());
    QVERIFY(!independent.empty());
    QVERIFY(std::equal(independent.data(), independent.data() + independent.voxelCount(), f.phantom.labels.data()));
    QCOMPARE(read.nodes.size(), f.nodes.size());
    for (std::size_t n = 0; n < f.nodes.size(); ++n) {
        QCOMPARE(read.nodes[n].label, f.nodes[n].label);
        QCOMPARE(read.nodes[n].level, f.nodes[n].level);
        QCOMPARE(read.nodes[n].side, f.nodes[n].side);
        QCOMPARE(read.nodes[n].status, f.nodes[n].status);
        QCOMPARE(read.segmentLabels[n], segmentLabel(f.nodes[n]));
        QVERIFY(read.nodes[n].measurement.voxelCount > 0);
    }
    QCOMPARE(read.nodes[1].proposedByModel, std::string("default.lnsegmodel"));
    QVERIFY(QString::fromStdString(read.segmentLabels[0]).startsWith("Node "));
    QCOMPARE(read.studyInstanceUid, f.source.studyInstanceUid);
    QCOMPARE(read.frameOfReferenceUid, f.source.frameOfReferenceUid);
    QCOMPARE(read.patientId, f.source.patientId);
    QCOMPARE(read.referencedSeriesInstanceUid, f.source.seriesInstanceUid);
    QCOMPARE(read.referencedSopInstanceUids.size(), f.source.instances.size());
    for (const DicomInstanceReference& instance : f.source.instances)
        QVERIFY(std::count(read.referencedSopInstanceUids.begin(), read.referencedSopInstanceUids.end(), instance.sopInstanceUid) == 1);
    QVERIFY(read.seriesInstanceUid != f.source.seriesInstanceUid);
}

void DicomSegmentationTest::independentReaders()
{
    const std::string ct = m_folder.filePath("ct2").toStdString();
    SegFixture f = makeFixture(ct);
    const std::string path = m_folder.filePath("seg2.dcm").toStdString();
    writeDicomSegmentation(f.phantom.labels, f.nodes, f.source, path);
    const QString dcmdump = QStandardPaths::findExecutable("dcmdump");
    if (dcmdump.isEmpty())
        QSKIP("dcmdump is not installed");
    const QString dump = run(dcmdump, {QString::fromStdString(path)});
    QVERIFY2(dump.contains("=SegmentationStorage"), qPrintable(dump.left(2000)));
    QVERIFY(dump.contains("(0062,0005) LO [Node "));  // Segment Label
    QVERIFY(dump.contains("59441001"));
    QVERIFY(dump.contains("(0062,000d) US"));  // Recommended Display CIELab Value
    QVERIFY(dump.contains("(0008,9124)"));  // Derivation Image Sequence
    QVERIFY(dump.contains(QString::fromStdString(f.source.instances.front().sopInstanceUid)));
    QVERIFY(dump.contains(QString::fromStdString(f.source.frameOfReferenceUid)));
    QVERIFY(dump.contains("(0020,0032) DS"));  // Image Position (Patient) per frame
    const QString dciodvfy = QStandardPaths::findExecutable("dciodvfy");
    if (dciodvfy.isEmpty())
        QSKIP("dciodvfy (dicom3tools) is not installed");
    const QString report = run(dciodvfy, {QString::fromStdString(path)});
    qInfo().noquote() << "dciodvfy:\n" << report;
    QVERIFY2(!report.contains("Error"), qPrintable(report));
}

void DicomSegmentationTest::mismatchesAreRefused()
{
    const std::string ct = m_folder.filePath("ct3").toStdString();
    SegFixture f = makeFixture(ct);
    const std::string path = m_folder.filePath("seg3.dcm").toStdString();
    writeDicomSegmentation(f.phantom.labels, f.nodes, f.source, path);
    try {
        readDicomSegmentation(path, f.phantom.image.geometry(), "1.2.3.4.5");
        QFAIL("a SEG in another frame of reference was read");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("frame of reference"), error.what());
    }
    ImageGeometry shifted = f.phantom.image.geometry();
    shifted.origin[2] += 0.5 * shifted.spacing[2];
    try {
        readDicomSegmentation(path, shifted);
        QFAIL("a SEG whose frames lie between the image's slices was read");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("does not lie on a slice"), error.what());
    }
    ImageGeometry smaller = f.phantom.image.geometry();
    smaller.size[0] -= 1;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readDicomSegmentation(path, smaller));
    // A source series with the wrong number of instances cannot be referenced.
    DicomSourceAttributes missing = f.source;
    missing.instances.pop_back();
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             writeDicomSegmentation(f.phantom.labels, f.nodes, missing, m_folder.filePath("seg4.dcm").toStdString()));
}

QTEST_GUILESS_MAIN(DicomSegmentationTest)
#include "test_dicom_segmentation.moc"
