// Exports of curated cases (NIfTI, nnU-Net v2, DICOM SEG, node report): three tiny phantom cases
// (two with a DICOM source carrying identifying attributes), exported, read back and checked;
// de-identification is checked by searching every exported byte (gzip files decompressed) for the
// patient's identifiers, the original UIDs and the source paths.

#include "export/Deidentification.h"
#include "export/Export.h"
#include "io/DicomSegmentationReader.h"
#include "io/DicomSeriesWriter.h"
#include "io/ImageFileIO.h"
#include "nodes/NodeMeasurement.h"
#include "phantom/NeckPhantom.h"
#include "review/ReviewSessionFile.h"

#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace lnseg;
namespace fs = std::filesystem;

namespace {

struct CaseFixture {
    PhantomCase phantom;
    std::vector<NodeRecord> nodes;
    ExportCase exportCase;
};

const char* kPatientName = "DOE^JANE";
const char* kPatientId = "MRN-4711-XYZ";
const char* kBirthDate = "19570321";
const char* kAccession = "ACC-998877";
const char* kInstitution = "Saint Example Hospital";
const char* kStation = "STATION-XYZ";
const char* kStudyId = "STUDY-4242";

std::string readAll(const fs::path& path)
{
    if (path.extension() == ".gz") {
        gzFile file = gzopen(path.c_str(), "rb");
        std::string text;
        char buffer[65536];
        int n = 0;
        while (file && (n = gzread(file, buffer, sizeof buffer)) > 0)
            text.append(buffer, static_cast<std::size_t>(n));
        if (file)
            gzclose(file);
        return text;
    }
    std::ifstream file(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

nlohmann::json readJson(const fs::path& path)
{
    return nlohmann::json::parse(readAll(path));
}

// Every file under `folder` whose (decompressed) bytes contain `needle`.
std::vector<std::string> filesContaining(const fs::path& folder, const std::string& needle)
{
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && readAll(entry.path()).find(needle) != std::string::npos)
            found.push_back(entry.path().string());
    return found;
}

bool sameVoxels(const LabelMap& a, const LabelMap& b)
{
    return a.voxelCount() == b.voxelCount() && std::equal(a.data(), a.data() + a.voxelCount(), b.data());
}

CaseFixture makeCase(const fs::path& folder, const std::string& id, std::uint64_t seed, const std::string& split, bool dicom)
{
    PhantomOptions options = PhantomOptions::small(seed, 48, 40, 10);
    options.minimumNodes = 3;
    options.maximumNodes = 5;
    CaseFixture f{generateNeckPhantom(options, id), {}, {}};
    ExportCase& c = f.exportCase;
    c.caseId = id;
    c.patientPseudonym = "PAT-" + id;
    c.split = split;
    c.reviewState = "reviewed";
    c.reviewer = "reader one";
    c.imagePath = (folder / (id + ".nii.gz")).string();
    c.sessionPath = (folder / (id + ".review.json")).string();
    writeImage(f.phantom.image, c.imagePath);
    if (dicom) {
        DicomSeriesWriteOptions series;
        series.patientName = kPatientName;
        series.patientId = kPatientId;
        series.patientBirthDate = kBirthDate;
        series.accessionNumber = kAccession;
        series.institutionName = kInstitution;
        series.stationName = kStation;
        series.studyId = kStudyId;
        const DicomSeriesWriteResult written = writeDicomSeries(f.phantom.image, (folder / (id + "_dicom")).string(), series);
        c.dicom = readDicomSourceAttributes(std::vector<std::string>(written.files.rbegin(), written.files.rend()));
    }
    for (const PhantomNode& phantomNode : f.phantom.nodes) {
        NodeRecord node;
        node.label = static_cast<std::uint16_t>(phantomNode.id);
        node.level = nodeLevelFromString(phantomNode.level).value_or(NodeLevel::Unassigned);
        node.side = nodeSideFromString(phantomNode.side).value_or(NodeSide::Unassigned);
        node.status = node.label == 2 ? NodeStatus::Rejected : NodeStatus::Accepted;
        // Level provenance (issue 15): 1 suggested and not confirmed, 3 confirmed, 4 changed by a
        // reader from a suggestion; the others from the file (not recorded).
        if (node.label == 1 || node.label == 3 || node.label == 4) {
            node.levelSource = node.label == 1 ? LevelSource::Suggested : node.label == 3 ? LevelSource::Confirmed : LevelSource::Reader;
            node.levelConfidence = node.label == 4 ? 0.55 : 0.8;
            node.levelSuggestion = toString(node.level);
        }
        f.nodes.push_back(node);
    }
    ReviewDocument document(std::make_shared<const Volume>(f.phantom.image));
    document.resetLabels(f.phantom.labels.clone(), f.nodes);
    document.setReviewer("reader one");
    document.setSource({c.imagePath, c.dicom ? c.dicom->seriesInstanceUid : "", c.dicom ? c.dicom->studyInstanceUid : ""});
    saveReviewSession(document, c.sessionPath);
    f.nodes = document.nodes();
    return f;
}

bool nothingStagedBeside(const fs::path& target)
{
    for (const auto& entry : fs::directory_iterator(target.parent_path()))
        if (entry.path().filename().string().find(".lnseg-partial") != std::string::npos)
            return false;
    return true;
}

}  // namespace

class ExportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void niftiExport();
    void nnunetExport_data();
    void nnunetExport();
    void dicomSegExportIsDeidentified();
    void noDeidentifyKeepsOriginals();
    void nodeReport();
    void caseWithoutNodes();
    void refusals();

private:
    std::vector<ExportCase> cases() const;
    fs::path out(const std::string& name) const { return fs::path(m_folder.path().toStdString()) / name; }
    QTemporaryDir m_folder;
    std::vector<CaseFixture> m_cases;
};

void ExportTest::initTestCase()
{
    m_folder.setAutoRemove(qEnvironmentVariableIsEmpty("LNSEG_KEEP_TEST_FILES"));
    const fs::path sources = out("sources");
    fs::create_directories(sources);
    m_cases.push_back(makeCase(sources, "case01", 5, "train", true));
    m_cases.push_back(makeCase(sources, "case02", 6, "validation", false));
    m_cases.push_back(makeCase(sources, "case03", 7, "test", true));
    for (const CaseFixture& f : m_cases)
        QVERIFY(f.nodes.size() >= 3);
}

std::vector<ExportCase> ExportTest::cases() const
{
    std::vector<ExportCase> list;
    for (const CaseFixture& f : m_cases)
        list.push_back(f.exportCase);
    return list;
}

void ExportTest::niftiExport()
{
    ExportOptions options;
    options.outputFolder = out("nifti").string();
    const ExportSummary summary = exportCases(cases(), exportFormatFromString("nifti"), options);
    QCOMPARE(summary.cases, std::size_t(3));
    QCOMPARE(summary.pseudonymMappingFile, out("nifti.pseudonyms.json").string());
    const nlohmann::json manifest = readJson(out("nifti") / "manifest.json");
    QCOMPARE(manifest["export_format"].get<std::string>(), std::string("nifti"));
    QVERIFY(manifest["deidentified"].get<bool>());
    QCOMPARE(manifest["cases"].size(), std::size_t(3));
    for (std::size_t n = 0; n < m_cases.size(); ++n) {
        const CaseFixture& f = m_cases[n];
        const nlohmann::json& entry = manifest["cases"][n];
        QCOMPARE(entry["case_id"].get<std::string>(), f.exportCase.caseId);
        QCOMPARE(entry["split"].get<std::string>(), f.exportCase.split);
        QCOMPARE(entry["node_count"].get<std::size_t>(), f.nodes.size() - 1);  // node 2 rejected
        QCOMPARE(entry["nodes_by_status"]["rejected"].get<int>(), 1);
        QVERIFY(!entry.contains("source"));
        const Volume image = readVolume((out("nifti") / entry["files"]["image"].get<std::string>()).string());
        QVERIFY(std::equal(image.data(), image.data() + image.voxelCount(), f.phantom.image.data()));
        const LabelMap labels = readLabelMapFor((out("nifti") / entry["files"]["labels"].get<std::string>()).string(), image.geometry());
        QVERIFY(sameVoxels(labels, f.phantom.labels));
        const nlohmann::json nodes = readJson(out("nifti") / entry["files"]["nodes"].get<std::string>());
        QCOMPARE(nodes.size(), f.nodes.size());
        QCOMPARE(nodeRecordFromJson(nodes[0]).level, f.nodes[0].level);
        for (std::size_t i = 0; i < nodes.size(); ++i)  // the level's provenance, as reviewed
            QCOMPARE(nodeRecordFromJson(nodes[i]).levelSource, f.nodes[i].levelSource);
        QCOMPARE(entry["levels_by_source"]["suggested"].get<int>(), 1);
        QCOMPARE(entry["levels_by_source"]["confirmed"].get<int>(), 1);
        QCOMPARE(entry["levels_by_source"]["reader"].get<int>(), f.nodes.size() >= 4 ? 1 : 0);
    }
    // No source path in the export.
    QVERIFY(filesContaining(out("nifti"), out("sources").string()).empty());
}

void ExportTest::nnunetExport_data()
{
    QTest::addColumn<bool>("perLevel");
    QTest::newRow("node class") << false;
    QTest::newRow("one class per level") << true;
}

void ExportTest::nnunetExport()
{
    QFETCH(bool, perLevel);
    ExportOptions options;
    options.outputFolder = out(perLevel ? "nnunet-levels" : "nnunet").string();
    options.perLevel = perLevel;
    options.nnunetDatasetId = 42;
    options.nnunetDatasetName = "Nodes";
    exportNnUnet(cases(), options);
    const fs::path dataset = fs::path(options.outputFolder) / "Dataset042_Nodes";
    const nlohmann::json json = readJson(dataset / "dataset.json");
    QCOMPARE(json["numTraining"].get<int>(), 2);
    QCOMPARE(json["file_ending"].get<std::string>(), std::string(".nii.gz"));
    QCOMPARE(json["channel_names"]["0"].get<std::string>(), std::string("CT"));
    QCOMPARE(json["labels"]["background"].get<int>(), 0);
    if (perLevel) {
        QCOMPARE(json["labels"]["IA"].get<int>(), 1);
        QCOMPARE(json["labels"]["RP"].get<int>(), 11);
        QCOMPARE(json["labels"]["Other"].get<int>(), 12);
        QCOMPARE(json["labels"].size(), std::size_t(13));
    } else {
        QCOMPARE(json["labels"]["node"].get<int>(), 1);
        QCOMPARE(json["labels"].size(), std::size_t(2));
    }
    std::set<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dataset))
        if (entry.is_regular_file())
            names.insert(fs::relative(entry.path(), dataset).string());
    const std::set<std::string> expected = {"dataset.json",
                                            "imagesTr/case01_0000.nii.gz", "labelsTr/case01.nii.gz",
                                            "imagesTr/case02_0000.nii.gz", "labelsTr/case02.nii.gz",
                                            "imagesTs/case03_0000.nii.gz", "labelsTs/case03.nii.gz"};
    QCOMPARE(names, expected);
    const nlohmann::json splits = readJson(fs::path(options.outputFolder) / "splits_final.json");
    QCOMPARE(splits[0]["train"], nlohmann::json::array({"case01"}));
    QCOMPARE(splits[0]["val"], nlohmann::json::array({"case02"}));
    for (const CaseFixture& f : m_cases) {
        const bool test = f.exportCase.split == "test";
        const std::string id = f.exportCase.caseId;
        const ImageFileHeader image = readImageHeader((dataset / (test ? "imagesTs" : "imagesTr") / (id + "_0000.nii.gz")).string());
        const LabelMap classes = readLabelMap((dataset / (test ? "labelsTs" : "labelsTr") / (id + ".nii.gz")).string());
        // Exactly the image's grid.
        QCOMPARE(classes.size(), image.geometry.size);
        QVERIFY(classes.geometry().sameGrid(image.geometry, 1e-9));
        std::map<std::uint16_t, int> expectedClass;
        for (const NodeRecord& node : f.nodes)
            expectedClass[node.label] = node.status == NodeStatus::Rejected ? 0 : perLevel ? nnunetLevelClass(node.level) : 1;
        for (std::size_t n = 0; n < classes.voxelCount(); ++n) {
            const std::uint16_t instance = f.phantom.labels.data()[n];
            if (int(classes.data()[n]) != (instance ? expectedClass[instance] : 0))
                QFAIL(qPrintable(QString("case %1 voxel %2: class %3 for instance %4").arg(id.c_str()).arg(n).arg(classes.data()[n]).arg(instance)));
        }
    }
    QCOMPARE(nnunetLevelClass(NodeLevel::IIA), 3);
    QCOMPARE(nnunetLevelClass(NodeLevel::Unassigned), 12);
}

void ExportTest::dicomSegExportIsDeidentified()
{
    ExportOptions options;
    options.outputFolder = out("seg").string();
    options.pseudonymMappingFile = out("mapping/seg-mapping.json").string();
    options.uidSecret = "test secret";
    const ExportSummary summary = exportCases(cases(), ExportFormat::DicomSeg, options);
    QCOMPARE(summary.pseudonymMappingFile, options.pseudonymMappingFile);
    const nlohmann::json manifest = readJson(out("seg") / "manifest.json");
    for (std::size_t n = 0; n < m_cases.size(); ++n) {
        const CaseFixture& f = m_cases[n];
        const nlohmann::json& entry = manifest["cases"][n];
        const std::string seg = (out("seg") / entry["files"]["seg"].get<std::string>()).string();
        const DicomSegmentationContents read =
            readDicomSegmentation(seg, f.phantom.image.geometry(), entry["frame_of_reference_uid"].get<std::string>());
        // The rejected node (label 2) is not in the SEG; everything else is voxel-identical.
        LabelMap expected = f.phantom.labels.clone();
        for (std::size_t v = 0; v < expected.voxelCount(); ++v)
            if (expected.data()[v] == 2)
                expected.data()[v] = 0;
        QVERIFY(sameVoxels(read.labels, expected));
        QCOMPARE(read.nodes.size(), f.nodes.size() - 1);
        for (const NodeRecord& node : read.nodes)  // level and its source in each segment
            for (const NodeRecord& original : f.nodes)
                if (original.label == node.label) {
                    QCOMPARE(node.level, original.level);
                    QCOMPARE(node.levelSource, original.levelSource);
                }
        QCOMPARE(read.patientId, f.exportCase.patientPseudonym);
        QCOMPARE(read.patientName, f.exportCase.patientPseudonym);
        if (f.exportCase.dicom)  // derived from the original; cases without DICOM get new UIDs
            QVERIFY(QString::fromStdString(read.studyInstanceUid).startsWith("2.25."));
        // Every referenced instance exists in the exported CT series.
        const fs::path ct = out("seg") / entry["files"]["ct_series"].get<std::string>();
        std::vector<std::string> files;
        for (const auto& file : fs::directory_iterator(ct))
            files.push_back(file.path().string());
        QCOMPARE(files.size(), std::size_t(f.phantom.image.size()[2]));
        const DicomSourceAttributes written = readDicomSourceAttributes(files);
        QCOMPARE(written.seriesInstanceUid, read.referencedSeriesInstanceUid);
        QCOMPARE(written.frameOfReferenceUid, read.frameOfReferenceUid);
        QCOMPARE(written.studyInstanceUid, read.studyInstanceUid);
        std::set<std::string> instances;
        for (const DicomInstanceReference& instance : written.instances)
            instances.insert(instance.sopInstanceUid);
        QCOMPARE(std::set<std::string>(read.referencedSopInstanceUids.begin(), read.referencedSopInstanceUids.end()), instances);
        QCOMPARE(written.patientId, f.exportCase.patientPseudonym);
        QVERIFY(written.patientBirthDate.empty() && written.accessionNumber.empty() && written.institutionName.empty());
    }
    // Nothing identifying anywhere in the export.
    std::vector<std::string> forbidden = {kPatientName, "DOE", kPatientId, kBirthDate, kAccession, kInstitution, kStation, kStudyId,
                                          out("sources").string()};
    for (const CaseFixture& f : m_cases)
        if (f.exportCase.dicom) {
            forbidden.push_back(f.exportCase.dicom->studyInstanceUid);
            forbidden.push_back(f.exportCase.dicom->seriesInstanceUid);
            forbidden.push_back(f.exportCase.dicom->frameOfReferenceUid);
            for (const DicomInstanceReference& instance : f.exportCase.dicom->instances)
                forbidden.push_back(instance.sopInstanceUid);
        }
    for (const std::string& needle : forbidden) {
        const std::vector<std::string> found = filesContaining(out("seg"), needle);
        if (!found.empty())
            QFAIL(qPrintable(QString::fromStdString("'" + needle + "' found in " + found.front())));
    }
    // The mapping, outside the export, holds the way back.
    const nlohmann::json mapping = readJson(options.pseudonymMappingFile);
    bool patientFound = false;
    for (const auto& patient : mapping["patients"])
        patientFound = patientFound || (patient["pseudonym"] == "PAT-case01" && patient["patient_id"] == kPatientId &&
                                        patient["patient_name"] == kPatientName);
    QVERIFY(patientFound);
    const std::string originalStudy = m_cases[0].exportCase.dicom->studyInstanceUid;
    QCOMPARE(mapping["uids"][originalStudy].get<std::string>(), manifest["cases"][0]["study_instance_uid"].get<std::string>());
    QCOMPARE(mapping["uid_secret"].get<std::string>(), std::string("test secret"));
    // Same secret, same UIDs: the UIDs are derived, not random.
    UidRemapper again("test secret");
    QCOMPARE(again.remap(originalStudy), mapping["uids"][originalStudy].get<std::string>());
    QVERIFY(again.remap(originalStudy).size() <= 64);

    // dicom3tools' validator on an exported SEG and CT image, when installed.
    const QString dciodvfy = QStandardPaths::findExecutable("dciodvfy");
    if (dciodvfy.isEmpty())
        QSKIP("dciodvfy (dicom3tools) is not installed");
    const std::string seg = (out("seg") / manifest["cases"][0]["files"]["seg"].get<std::string>()).string();
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(dciodvfy, {QString::fromStdString(seg)});
    QVERIFY(process.waitForFinished(60000));
    const QString report = QString::fromLocal8Bit(process.readAll());
    qInfo().noquote() << "dciodvfy (de-identified SEG):\n" << report;
    QVERIFY2(!report.contains("Error"), qPrintable(report));
}

void ExportTest::noDeidentifyKeepsOriginals()
{
    ExportOptions options;
    options.outputFolder = out("seg-identified").string();
    options.deidentify = false;
    const ExportSummary summary = exportDicomSeg(cases(), options);
    QVERIFY(summary.pseudonymMappingFile.empty());
    QVERIFY(!fs::exists(out("seg-identified.pseudonyms.json")));
    const nlohmann::json manifest = readJson(out("seg-identified") / "manifest.json");
    const CaseFixture& f = m_cases[0];
    const nlohmann::json& entry = manifest["cases"][0];
    QVERIFY(!entry["files"].contains("ct_series"));  // the SEG references the original series
    QVERIFY(manifest["cases"][1]["files"].contains("ct_series"));  // no DICOM source: CT written
    const DicomSegmentationContents read = readDicomSegmentation((out("seg-identified") / entry["files"]["seg"].get<std::string>()).string(),
                                                                 f.phantom.image.geometry(), f.exportCase.dicom->frameOfReferenceUid);
    QCOMPARE(read.patientId, std::string(kPatientId));
    QCOMPARE(read.patientName, std::string(kPatientName));
    QCOMPARE(read.studyInstanceUid, f.exportCase.dicom->studyInstanceUid);
    QCOMPARE(read.referencedSeriesInstanceUid, f.exportCase.dicom->seriesInstanceUid);
    QCOMPARE(read.referencedSopInstanceUids.size(), f.exportCase.dicom->instances.size());
    QCOMPARE(entry["source"]["image_path"].get<std::string>(), f.exportCase.imagePath);
    QVERIFY(!filesContaining(out("seg-identified"), kAccession).empty());
}

void ExportTest::nodeReport()
{
    ExportOptions options;
    options.outputFolder = out("report").string();
    exportNodeReport(cases(), options);
    const std::string csv = readAll(out("report") / "nodes.csv");
    std::vector<std::string> lines;
    std::istringstream stream(csv);
    for (std::string line; std::getline(stream, line);)
        lines.push_back(line);
    std::size_t total = 0;
    for (const CaseFixture& f : m_cases)
        total += f.nodes.size();
    QCOMPARE(lines.size(), total + 1);
    QVERIFY(QString::fromStdString(lines[0]).startsWith("case_id,patient_pseudonym,split,review_state,reviewer,node_label,node_name,level,side,level_source,level_was_suggested,level_confidence,status,long_axis_mm,short_axis_mm,volume_mm3"));
    const nlohmann::json rows = readJson(out("report") / "nodes.json");
    QCOMPARE(rows.size(), total);
    std::size_t row = 0;
    for (const CaseFixture& f : m_cases) {
        const std::vector<NodeMeasurement> measured = measureNodes(f.phantom.labels);
        for (const NodeRecord& node : f.nodes) {
            const nlohmann::json& r = rows[row];
            QCOMPARE(r["case_id"].get<std::string>(), f.exportCase.caseId);
            QCOMPARE(r["split"].get<std::string>(), f.exportCase.split);
            QCOMPARE(r["reviewer"].get<std::string>(), std::string("reader one"));
            QCOMPARE(r["review_state"].get<std::string>(), std::string("reviewed"));
            QCOMPARE(r["node_label"].get<int>(), int(node.label));
            QCOMPARE(r["level"].get<std::string>(), std::string(toString(node.level)));
            QCOMPARE(r["side"].get<std::string>(), std::string(toString(node.side)));
            QCOMPARE(r["status"].get<std::string>(), std::string(toString(node.status)));
            QCOMPARE(r["level_source"].get<std::string>(), std::string(toString(node.levelSource)));
            QCOMPARE(r["level_was_suggested"].get<bool>(), node.label == 1 || node.label == 3 || node.label == 4);
            QCOMPARE(r["level_confidence"].is_null(), node.levelConfidence < 0);
            const std::string provenance = node.label == 1 ? ",suggested,true,0.80," : node.label == 3 ? ",confirmed,true,0.80,"
                                         : node.label == 4 ? ",reader,true,0.55," : ",,false,,";
            QVERIFY2(lines[row + 1].find(std::string(toString(node.side)) + provenance + toString(node.status) + ",") != std::string::npos,
                     lines[row + 1].c_str());
            for (const NodeMeasurement& m : measured)
                if (m.label == node.label) {
                    // NIfTI keeps spacings as float: measurements agree to a micrometre.
                    QVERIFY(std::abs(r["long_axis_mm"].get<double>() - m.longAxisMm) < 1e-3);
                    QVERIFY(std::abs(r["short_axis_mm"].get<double>() - m.shortAxisMm) < 1e-3);
                    QVERIFY(std::abs(r["volume_mm3"].get<double>() - m.volumeMm3) < 1e-3 * m.volumeMm3);
                    QVERIFY(m.longAxisMm > 0);
                }
            // The CSV row says the same.
            char prefix[200];
            std::snprintf(prefix, sizeof prefix, "%s,PAT-%s,%s,reviewed,reader one,%d,", f.exportCase.caseId.c_str(),
                          f.exportCase.caseId.c_str(), f.exportCase.split.c_str(), int(node.label));
            QVERIFY2(lines[row + 1].rfind(prefix, 0) == 0, lines[row + 1].c_str());
            ++row;
        }
    }
}

void ExportTest::caseWithoutNodes()
{
    std::vector<ExportCase> list = {m_cases[1].exportCase};
    ReviewDocument empty(std::make_shared<const Volume>(m_cases[1].phantom.image));
    list[0].sessionPath = out("sources/empty.review.json").string();
    saveReviewSession(empty, list[0].sessionPath);
    ExportOptions options;
    options.outputFolder = out("seg-empty").string();
    const ExportSummary summary = exportDicomSeg(list, options);
    QCOMPARE(summary.nodes, std::size_t(0));
    const nlohmann::json entry = readJson(out("seg-empty") / "manifest.json")["cases"][0];
    QVERIFY(!entry["files"].contains("seg"));
    QVERIFY(entry.contains("note"));
    QVERIFY(fs::is_directory(out("seg-empty") / entry["files"]["ct_series"].get<std::string>()));
    QCOMPARE(entry["node_count"].get<int>(), 0);
}

void ExportTest::refusals()
{
    // A non-empty folder is refused, and left as it was; allowed when the caller says so.
    const fs::path busy = out("busy");
    fs::create_directories(busy);
    std::ofstream(busy / "keep.txt") << "mine";
    ExportOptions options;
    options.outputFolder = busy.string();
    try {
        exportNodeReport(cases(), options);
        QFAIL("exported into a non-empty folder");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("not empty"), error.what());
    }
    QVERIFY(!fs::exists(busy / "nodes.csv") && !fs::exists(out("busy.pseudonyms.json")));
    options.allowNonEmptyFolder = true;
    exportNodeReport(cases(), options);
    QVERIFY(fs::exists(busy / "nodes.csv") && fs::exists(busy / "keep.txt"));

    // The mapping file inside the export is refused.
    ExportOptions inside;
    inside.outputFolder = out("inside").string();
    inside.pseudonymMappingFile = (out("inside") / "sub" / "mapping.json").string();
    try {
        exportNifti(cases(), inside);
        QFAIL("a mapping file inside the export was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("must not lie inside"), error.what());
    }
    QVERIFY(!fs::exists(out("inside")));

    // A case whose label map does not lie on its image: clear error, no partial export.
    std::vector<ExportCase> broken = cases();
    {
        ImageGeometry other = m_cases[1].phantom.image.geometry();
        other.size[2] -= 1;
        ReviewDocument document(std::make_shared<const Volume>(other, std::int16_t(0)));
        broken[1].sessionPath = out("sources/mismatch.review.json").string();
        saveReviewSession(document, broken[1].sessionPath);
    }
    ExportOptions partial;
    partial.outputFolder = out("partial").string();
    try {
        exportNifti(broken, partial);
        QFAIL("a label map off its image's grid was exported");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("case case02"), error.what());
    }
    QVERIFY(!fs::exists(out("partial")));
    QVERIFY(!fs::exists(out("partial.pseudonyms.json")));
    QVERIFY(nothingStagedBeside(out("partial")));

    // Bad case records.
    std::vector<ExportCase> bad = cases();
    bad[0].patientPseudonym.clear();
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportNifti(bad, partial));
    bad = cases();
    bad[0].split = "training";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportNifti(bad, partial));
    bad = cases();
    bad[1].caseId = bad[0].caseId;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportNifti(bad, partial));
    bad = cases();
    bad[0].caseId = "../escape";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportNifti(bad, partial));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportFormatFromString("png"));
    QVERIFY(!fs::exists(out("partial")));
}

QTEST_GUILESS_MAIN(ExportTest)
#include "test_export.moc"
