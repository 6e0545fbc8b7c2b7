// Projects (core/project): adding image files and DICOM series with their annotations, refusing
// duplicates and label maps off the image's grid, the patient-level split, manifest migrations
// and hand-edited manifests, review state rules, case locks with two owners, the model registry.
#include "io/DicomSegmentationWriter.h"
#include "io/DicomSeriesWriter.h"
#include "io/DicomSourceAttributes.h"
#include "io/ImageSource.h"
#include "io/ImageFileIO.h"
#include "phantom/NeckPhantom.h"
#include "project/CaseInputs.h"
#include "project/CaseLock.h"
#include "project/ModelRegistry.h"
#include "project/Project.h"
#include "project/ProjectJson.h"
#include "review/GroundTruthNodes.h"
#include "review/ReviewSessionFile.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

using namespace lnseg;
using namespace lnseg::project;
namespace fs = std::filesystem;

namespace {

// A phantom case on disk as `lnseg phantom` writes it: STEM_image.nii.gz, STEM_labels.nii.gz, STEM_nodes.json.
struct PhantomFiles {
    std::string image;
    std::string labels;
    std::string nodes;
    PhantomCase phantom;
};

PhantomFiles writePhantom(const std::string& folder, const std::string& stem, std::uint64_t seed, int columns = 48)
{
    PhantomOptions options = PhantomOptions::small(seed, columns, 40, 12);
    options.maximumNodes = 6;
    PhantomFiles files{folder + "/" + stem + "_image.nii.gz", folder + "/" + stem + "_labels.nii.gz",
                       folder + "/" + stem + "_nodes.json", generateNeckPhantom(options, stem)};
    fs::create_directories(folder);
    writeImage(files.phantom.image, files.image);
    writeImage(files.phantom.labels, files.labels);
    std::ofstream(files.nodes) << toJson(files.phantom.nodes).dump(2);
    return files;
}

DicomSeriesWriteResult writeSeries(const Volume& volume, const std::string& folder, const std::string& patientId)
{
    DicomSeriesWriteOptions options;
    options.patientId = patientId;
    return writeDicomSeries(volume, folder, options);
}

std::string messageOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const std::exception& error) {
        return error.what();
    }
    return "(no exception)";
}

// A manifest holding `count` cases of `count / 2` patients, for split properties (no files).
ProjectManifest syntheticManifest(int count)
{
    ProjectManifest manifest;
    for (int index = 0; index < count; ++index) {
        ProjectCase item;
        item.id = "case-" + std::to_string(10000 + index);
        item.patient = "P" + std::to_string(1000 + index / 2);
        manifest.cases.push_back(item);
    }
    return manifest;
}

std::vector<std::string> idsOf(const ProjectManifest& manifest)
{
    std::vector<std::string> ids;
    for (const ProjectCase& item : manifest.cases)
        ids.push_back(item.id);
    return ids;
}

}  // namespace

class ProjectTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void createsTheLayout();
    void addsAnImageWithItsAnnotation();
    void labelsWithoutNodeRecordsAreMeasured();
    void refusesDuplicatesAndForeignLabelMaps();
    void addsDicomSeriesWithPseudonyms();
    void addsADicomSegAnnotation();
    void addsAFolderTree();
    void splitIsPatientLevelAndStable();
    void migratesVersion1();
    void refusesNewerVersions();
    void refusesHandEditedManifests_data();
    void refusesHandEditedManifests();
    void stateTransitionsFollowTheRules();
    void refreshReadsTheSession();
    void locksWithTwoOwners();
    void staleLocksCanBeTakenOver();
    void modelRegistry();

private:
    QTemporaryDir m_folder;
    PhantomFiles m_first;
    PhantomFiles m_second;
    std::string path(const std::string& name) const { return m_folder.filePath(QString::fromStdString(name)).toStdString(); }
};

void ProjectTest::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_first = writePhantom(path("input"), "first", 11);
    m_second = writePhantom(path("input"), "second", 12);
}

void ProjectTest::createsTheLayout()
{
    Project project = Project::create(path("layout"), "Layout", "alice");
    for (const char* name : {"project.json", "cases", "private", "models"})
        QVERIFY2(fs::exists(fs::path(path("layout")) / name), name);
    QCOMPARE(project.manifest().name, std::string("Layout"));
    QCOMPARE(project.manifest().studyLeads, std::vector<std::string>{"alice"});
    QCOMPARE(project.manifest().dataVersion, 0LL);
    const Project reopened = Project::open(path("layout"));
    QCOMPARE(reopened.manifest().createdBy, std::string("alice"));
    QVERIFY(messageOf([&] { Project::create(path("layout"), "Again", "alice"); }).find("already holds a project") != std::string::npos);
    QVERIFY(messageOf([&] { Project::open(path("input")); }).find("not an lnseg project") != std::string::npos);
    SplitSettings wrong;
    wrong.train = 0.9;
    QVERIFY(messageOf([&] { Project::create(path("layout-2"), "Bad", "alice", wrong); }).find("add up to 1") != std::string::npos);
}

void ProjectTest::addsAnImageWithItsAnnotation()
{
    Project project = Project::create(path("image"), "Images", "alice");
    AddCaseOptions options;
    options.labelsPath = m_first.labels;
    options.nodesPath = m_first.nodes;
    options.user = "bob";
    const std::string id = project.addCase(m_first.image, options);
    QCOMPARE(id, std::string("case-0001"));
    const ProjectCase& item = project.findCase(id);
    QCOMPARE(item.patient, std::string("P0001"));
    QCOMPARE(item.source.kind, std::string("file"));
    QCOMPARE(item.imageFile, std::string("cases/case-0001/image.nii.gz"));
    QCOMPARE(item.state, ReviewState::New);
    QCOMPARE(item.history.size(), std::size_t(1));
    QCOMPARE(item.history.front().user, std::string("bob"));
    QCOMPARE(item.nodes.total, int(m_first.phantom.nodes.size()));
    QCOMPARE(item.nodes.accepted, int(m_first.phantom.nodes.size()));
    QCOMPARE(project.manifest().dataVersion, 1LL);

    // The image is copied in; the review session opens as lnseg-review opens it, with the labels.
    const Volume image = readVolume(project.absolutePath(item.imageFile));
    QVERIFY(image.geometry().sameGrid(m_first.phantom.image.geometry(), 1e-4));
    QVERIFY(std::equal(image.data(), image.data() + image.voxelCount(), m_first.phantom.image.data()));
    const std::string review = project.absolutePath(item.reviewFile);
    QCOMPARE(readReviewSessionSource(review).path, std::string("image.nii.gz"));
    const ReviewSessionContents session = loadReviewSession(review, image.geometry());
    QVERIFY(std::equal(session.labels.data(), session.labels.data() + session.labels.voxelCount(), m_first.phantom.labels.data()));
    QCOMPARE(session.nodes.size(), m_first.phantom.nodes.size());
    QCOMPARE(std::string(toString(session.nodes.front().level)), m_first.phantom.nodes.front().level);

    // The real patient key lives in private/patients.json only.
    const nlohmann::json patients = readJsonFile(path("image/private/patients.json"));
    QCOMPARE(patients["patients"][0]["pseudonym"].get<std::string>(), std::string("P0001"));
    QVERIFY(patients["patients"][0]["patientId"].get<std::string>().find("first_image") != std::string::npos);
    QVERIFY(readJsonFile(path("image/project.json")).dump().find("\"patientId\"") == std::string::npos);
    // Nothing is left behind in the project folder but the documented files.
    QVERIFY(!fs::exists(path("image/project.json.lock")));
}

void ProjectTest::labelsWithoutNodeRecordsAreMeasured()
{
    Project project = Project::create(path("measured"), "Measured", "alice");
    AddCaseOptions options;
    options.labelsPath = m_first.labels;
    const std::string id = project.addCase(m_first.image, options);
    const ProjectCase& item = project.findCase(id);
    QCOMPARE(item.nodes.total, int(m_first.phantom.nodes.size()));
    // The session file holds each label's measurement (the reader re-measures on opening).
    const nlohmann::json session = readJsonFile(project.absolutePath(item.reviewFile));
    QCOMPARE(session["nodes"].size(), m_first.phantom.nodes.size());
    for (const nlohmann::json& node : session["nodes"]) {
        QVERIFY2(node["long_axis_mm"].get<double>() > 0 && node["voxel_count"].get<int>() > 0, node.dump().c_str());
        QCOMPARE(node["status"].get<std::string>(), std::string("accepted"));
    }
    // Without labels: an empty session the application opens all the same.
    const std::string second = project.addCase(m_second.image);
    QCOMPARE(project.findCase(second).nodes.total, 0);
    QVERIFY(fs::exists(project.absolutePath(project.findCase(second).reviewFile)));
}

void ProjectTest::refusesDuplicatesAndForeignLabelMaps()
{
    Project project = Project::create(path("refusals"), "Refusals", "alice");
    QCOMPARE(project.addCase(m_first.image), std::string("case-0001"));
    const std::string duplicate = messageOf([&] { project.addCase(m_first.image); });
    QVERIFY2(duplicate.find("already in the project as case-0001") != std::string::npos, duplicate.c_str());

    const PhantomFiles other = writePhantom(path("other-size"), "other", 13, 56);
    AddCaseOptions options;
    options.labelsPath = other.labels;
    const std::string mismatch = messageOf([&] { project.addCase(m_second.image, options); });
    QVERIFY2(mismatch.find("does not fit the image") != std::string::npos && mismatch.find("other_labels") != std::string::npos,
             mismatch.c_str());
    AddCaseOptions nodesOnly;
    nodesOnly.nodesPath = m_second.nodes;
    QVERIFY(messageOf([&] { project.addCase(m_second.image, nodesOnly); }).find("needs its label map") != std::string::npos);
    // Nothing was added and no id was used up by the refusals.
    project.reload();
    QCOMPARE(project.manifest().cases.size(), std::size_t(1));
    QVERIFY(!fs::exists(project.caseFolder("case-0002")));
    QCOMPARE(project.addCase(m_second.image), std::string("case-0002"));
}

void ProjectTest::addsDicomSeriesWithPseudonyms()
{
    // Two series of one patient (in one folder) and one of another patient.
    const DicomSeriesWriteResult first = writeSeries(m_first.phantom.image, path("dicom/two/a"), "PAT-1");
    const DicomSeriesWriteResult second = writeSeries(m_second.phantom.image, path("dicom/two/b"), "PAT-1");
    writeSeries(m_second.phantom.image, path("dicom/one"), "PAT-2");
    Project project = Project::create(path("dicom-project"), "DICOM", "alice");

    const std::string several = messageOf([&] { project.addCase(path("dicom/two")); });
    QVERIFY2(several.find("2 image series found") != std::string::npos && several.find(first.seriesInstanceUid) != std::string::npos,
             several.c_str());
    AddCaseOptions options;
    options.seriesInstanceUid = second.seriesInstanceUid;
    options.labelsPath = m_second.labels;
    options.nodesPath = m_second.nodes;
    const std::string a = project.addCase(path("dicom/two"), options);
    const ProjectCase& added = project.findCase(a);
    QCOMPARE(added.source.kind, std::string("dicom"));
    QCOMPARE(added.source.seriesInstanceUid, second.seriesInstanceUid);
    QCOMPARE(added.source.studyInstanceUid, second.studyInstanceUid);
    QCOMPARE(added.nodes.total, int(m_second.phantom.nodes.size()));
    const nlohmann::json attributes = readJsonFile(project.absolutePath(added.dicomSourceFile));
    QCOMPARE(attributes.dump().find("PAT-1") != std::string::npos, true);
    QCOMPARE(readReviewSessionSource(project.absolutePath(added.reviewFile)).seriesInstanceUid, second.seriesInstanceUid);

    options = {};
    options.seriesInstanceUid = first.seriesInstanceUid;
    const std::string b = project.addCase(path("dicom/two"), options);
    const std::string c = project.addCase(path("dicom/one"));
    project.reload();
    QCOMPARE(project.findCase(a).patient, std::string("P0001"));
    QCOMPARE(project.findCase(b).patient, std::string("P0001"));  // same DICOM Patient ID, same pseudonym
    QCOMPARE(project.findCase(c).patient, std::string("P0002"));
    QCOMPARE(project.splitOf(a), project.splitOf(b));
    // The same series again, even from another folder (a copy), is refused.
    fs::copy(path("dicom/one"), path("dicom/copy-of-one"));
    const std::string duplicate = messageOf([&] { project.addCase(path("dicom/copy-of-one")); });
    QVERIFY2(duplicate.find("already in the project as " + c) != std::string::npos, duplicate.c_str());
    // The project.json holds no real patient id; private/patients.json does.
    QVERIFY(readJsonFile(path("dicom-project/project.json")).dump().find("PAT-1") == std::string::npos);
    QVERIFY(readJsonFile(path("dicom-project/private/patients.json")).dump().find("PAT-1") != std::string::npos);
}

// An existing annotation as a DICOM SEG (as this application exports it, or another tool writes
// it): its segments become the case's nodes, with levels and sides; a SEG of another series is refused.
void ProjectTest::addsADicomSegAnnotation()
{
    const std::string seriesFolder = path("seg/ct");
    writeSeries(m_first.phantom.image, seriesFolder, "PAT-SEG");
    const LoadedImage image = loadImageSource(seriesFolder);
    const DicomSourceAttributes source = readDicomSourceAttributes(image.sliceFiles);
    std::vector<NodeRecord> nodes = readGroundTruthNodes(m_first.nodes, "reader");
    const std::string segPath = path("seg/nodes.seg.dcm");
    writeDicomSegmentation(m_first.phantom.labels, nodes, source, segPath);

    Project project = Project::create(path("seg-project"), "SEG", "alice");
    AddCaseOptions options;
    options.labelsPath = segPath;
    const std::string id = project.addCase(seriesFolder, options);
    const ProjectCase& added = project.findCase(id);
    QCOMPARE(added.nodes.total, int(nodes.size()));
    const ReviewSessionContents session =
        loadReviewSession(project.absolutePath(added.reviewFile), m_first.phantom.image.geometry());
    QVERIFY(std::equal(session.labels.data(), session.labels.data() + session.labels.voxelCount(), m_first.phantom.labels.data()));
    for (const NodeRecord& node : nodes) {
        const auto found = std::find_if(session.nodes.begin(), session.nodes.end(),
                                        [&](const NodeRecord& candidate) { return candidate.label == node.label; });
        QVERIFY(found != session.nodes.end());
        QCOMPARE(found->level, node.level);
        QCOMPARE(found->side, node.side);
    }
    // The same SEG on another series (another frame of reference) is refused, naming the problem.
    writeSeries(m_first.phantom.image, path("seg/other"), "PAT-SEG2");
    const std::string refused = messageOf([&] { project.addCase(path("seg/other"), options); });
    QVERIFY2(refused.find("DICOM SEG does not fit") != std::string::npos, refused.c_str());
}

void ProjectTest::addsAFolderTree()
{
    // Two phantom cases as files, a third as DICOM in tree/nested/third_dicom with its labels next
    // to it (as `lnseg phantom --dicom` writes them), and a label map that is no case.
    const PhantomFiles third = writePhantom(path("tree/nested"), "third", 14);
    writeSeries(third.phantom.image, path("tree/nested/third_dicom"), "PAT-3");
    writePhantom(path("tree"), "fourth", 15);
    writePhantom(path("tree/deeper/x"), "fifth", 16);
    const std::vector<CaseInput> inputs = findCaseInputs(path("tree"));
    QCOMPARE(inputs.size(), std::size_t(3));
    QVERIFY(std::none_of(inputs.begin(), inputs.end(), [](const CaseInput& input) { return input.labelsPath.empty(); }));
    QVERIFY(!inputs.back().seriesInstanceUid.empty());  // the DICOM series took third_labels.nii.gz

    Project project = Project::create(path("tree-project"), "Tree", "alice");
    const AddTreeResult result = project.addTree(path("tree"));
    QCOMPARE(result.added.size(), std::size_t(3));
    QVERIFY(result.skipped.empty());
    project.reload();
    QCOMPARE(project.findCase("case-0003").source.kind, std::string("dicom"));
    QCOMPARE(project.findCase("case-0003").nodes.total, int(third.phantom.nodes.size()));
    // Again: everything is already there, reported per input.
    const AddTreeResult again = project.addTree(path("tree"));
    QVERIFY(again.added.empty());
    QCOMPARE(again.skipped.size(), std::size_t(3));
    QVERIFY(again.skipped.front().find("already in the project") != std::string::npos);
}

void ProjectTest::splitIsPatientLevelAndStable()
{
    ProjectManifest manifest = syntheticManifest(400);
    const ProjectSplit split = splitCases(manifest, idsOf(manifest));
    // Deterministic.
    const ProjectSplit again = splitCases(manifest, idsOf(manifest));
    QCOMPARE(again.train, split.train);
    QCOMPARE(again.test, split.test);
    // Fractions roughly as asked (200 patients).
    QVERIFY2(split.train.size() > 220 && split.train.size() < 340, std::to_string(split.train.size()).c_str());
    QVERIFY(!split.validation.empty() && !split.test.empty());
    // Patient level: both scans of a patient on one side.
    std::map<std::string, std::string> sideOfCase;
    for (const auto& [side, ids] : {std::pair{"train", &split.train}, {"validation", &split.validation}, {"test", &split.test}})
        for (const std::string& id : *ids)
            sideOfCase[id] = side;
    for (std::size_t index = 0; index + 1 < manifest.cases.size(); index += 2)
        QCOMPARE(sideOfCase[manifest.cases[index].id], sideOfCase[manifest.cases[index + 1].id]);
    // Adding cases (new patients, and new scans of known patients) moves no existing case.
    ProjectManifest grown = manifest;
    for (int index = 0; index < 100; ++index) {
        ProjectCase item;
        item.id = "case-2" + std::to_string(10000 + index);
        item.patient = index % 2 ? "P" + std::to_string(5000 + index) : "P" + std::to_string(1000 + index);
        grown.cases.push_back(item);
    }
    const ProjectSplit grownSplit = splitCases(grown, idsOf(grown));
    for (const ProjectCase& item : manifest.cases)
        QCOMPARE(std::string(toString(assignSplit(item.patient, grown.split))), sideOfCase[item.id]);
    for (const std::string& id : grownSplit.train)
        QVERIFY(!sideOfCase.count(id) || sideOfCase[id] == "train");
    // Another seed gives another split.
    manifest.split.seed = 99;
    QVERIFY(splitCases(manifest, idsOf(manifest)).train != split.train);
}

void ProjectTest::migratesVersion1()
{
    // A version-1 manifest: the review state was a bare string.
    Project project = Project::create(path("migrated"), "Migrated", "alice");
    project.addCase(m_first.image);
    nlohmann::json json = readJsonFile(path("migrated/project.json"));
    json["schemaVersion"] = 1;
    for (auto& item : json["cases"]) {
        item["state"] = "Reviewed";
        item.erase("reviewState");
    }
    writeJsonFileAtomically(path("migrated/project.json"), json);

    Project opened = Project::open(path("migrated"));
    const ProjectCase& item = opened.findCase("case-0001");
    QCOMPARE(item.state, ReviewState::Reviewed);
    QCOMPARE(item.history.size(), std::size_t(2));
    QCOMPARE(item.history.front().state, ReviewState::New);
    QCOMPARE(item.history.back().state, ReviewState::Reviewed);
    // Opening does not write; the first change writes schema 2 and keeps the original.
    QCOMPARE(readJsonFile(path("migrated/project.json"))["schemaVersion"].get<int>(), 1);
    opened.setState("case-0001", ReviewState::Approved, "alice");
    QCOMPARE(readJsonFile(path("migrated/project.json"))["schemaVersion"].get<int>(), kProjectSchemaVersion);
    QCOMPARE(readJsonFile(path("migrated/project.schema-1.json"))["schemaVersion"].get<int>(), 1);
    QCOMPARE(Project::open(path("migrated")).findCase("case-0001").history.size(), std::size_t(3));
}

void ProjectTest::refusesNewerVersions()
{
    Project::create(path("newer"), "Newer", "alice");
    nlohmann::json json = readJsonFile(path("newer/project.json"));
    json["schemaVersion"] = kProjectSchemaVersion + 1;
    writeJsonFileAtomically(path("newer/project.json"), json);
    const std::string message = messageOf([&] { Project::open(path("newer")); });
    QVERIFY2(message.find("newer lnseg") != std::string::npos && message.find("schema version 3") != std::string::npos,
             message.c_str());
}

void ProjectTest::refusesHandEditedManifests_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << "garbage" << "not valid JSON";
    QTest::newRow("name missing") << "/name" << "field 'name' is missing";
    QTest::newRow("data version text") << "/dataVersion=\"3\"" << "field 'dataVersion' must be an integer";
    QTest::newRow("state unknown") << "/cases/1/reviewState/state=\"Done\"" << "case case-0002 reviewState: field 'state' has an unknown review state 'Done'";
    QTest::newRow("patient number") << "/cases/0/patient=7" << "case case-0001: field 'patient' must be a string";
    QTest::newRow("duplicate id") << "/cases/1/id=\"case-0001\"" << "case case-0001: the case id is listed twice";
    QTest::newRow("malformed id") << "/cases/1/id=\"../x\"" << "case 2 of the list: field 'id' (../x) must look like case-0001";
    QTest::newRow("path escapes") << "/cases/0/files/image=\"../../etc/passwd\"" << "case case-0001 files: field 'image' (../../etc/passwd) must be a relative path inside the project folder";
    QTest::newRow("absolute path") << "/cases/1/files/review=\"/tmp/review.json\"" << "case case-0002 files: field 'review' (/tmp/review.json) must be a relative path";
    QTest::newRow("counts negative") << "/cases/0/nodes/total=-1" << "case case-0001 nodes: field 'total' must be a count";
    QTest::newRow("fractions") << "/split/train=0.9" << "train + validation + test must add up to 1";
    QTest::newRow("history") << "/cases/0/reviewState/history=\"New\"" << "case case-0001 reviewState: field 'history' must be a list";
    QTest::newRow("id beyond counter") << "/nextCaseNumber=2" << "case case-0002: the case id is not below field 'nextCaseNumber'";
    QTest::newRow("same file twice") << "/cases/1/source/seriesInstanceUid=\"1.2.3\";/cases/0/source/seriesInstanceUid=\"1.2.3\"" << "case case-0002: the series 1.2.3 is already listed as case-0001";
}

void ProjectTest::refusesHandEditedManifests()
{
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    const std::string folder = path("edited-" + std::to_string(std::hash<std::string>()(edit.toStdString())));
    {
        Project project = Project::create(folder, "Edited", "alice");
        project.addCase(m_first.image);
        project.addCase(m_second.image);
    }
    const std::string manifestPath = folder + "/project.json";
    if (edit == "garbage") {
        std::ofstream(manifestPath) << "{ \"format\": \"lnseg-project\", ";
    } else {
        nlohmann::json json = readJsonFile(manifestPath);
        for (const QString& change : edit.split(';')) {
            const QStringList parts = change.split('=');
            const nlohmann::json::json_pointer pointer(parts[0].toStdString());
            if (parts.size() == 1)
                json[pointer.parent_pointer()].erase(pointer.back());
            else
                json[pointer] = nlohmann::json::parse(parts[1].toStdString());
        }
        writeJsonFileAtomically(manifestPath, json);
    }
    const std::string message = messageOf([&] { Project::open(folder); });
    QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("project.json") != std::string::npos, message.c_str());
}

void ProjectTest::stateTransitionsFollowTheRules()
{
    Project project = Project::create(path("states"), "States", "lead");
    const std::string id = project.addCase(m_first.image);
    auto refused = [&](ReviewState state, const std::string& user, const std::string& comment, const std::string& expected) {
        const std::string message = messageOf([&] { project.setState(id, state, user, comment); });
        QVERIFY2(message.find(expected) != std::string::npos, message.c_str());
    };
    refused(ReviewState::Approved, "lead", "", "only a Reviewed case can be approved");
    project.setState(id, ReviewState::InProgress, "reader");
    refused(ReviewState::New, "reader", "", "never goes back to New");
    project.setState(id, ReviewState::Reviewed, "reader");
    refused(ReviewState::Approved, "reader", "", "approving is a study lead's act");
    refused(ReviewState::Returned, "lead", "  ", "needs a comment");
    project.setState(id, ReviewState::Returned, "lead", "node 3 is the jugular vein");
    refused(ReviewState::Approved, "lead", "", "only a Reviewed case can be approved");
    project.setState(id, ReviewState::Reviewed, "reader");
    const long long before = project.manifest().dataVersion;
    project.setState(id, ReviewState::Approved, "lead");
    QCOMPARE(project.manifest().dataVersion, before + 1);
    refused(ReviewState::Approved, "lead", "", "already Approved");
    refused(ReviewState::InProgress, "reader", "fix", "study lead");
    refused(ReviewState::InProgress, "lead", "", "needs a comment");
    project.setState(id, ReviewState::InProgress, "lead", "level of node 2");

    const Project reopened = Project::open(path("states"));
    const ProjectCase& item = reopened.findCase(id);
    QCOMPARE(item.state, ReviewState::InProgress);
    std::vector<std::string> states, users;
    for (const StateChange& change : item.history) {
        states.push_back(toString(change.state));
        users.push_back(change.user);
        QVERIFY(!change.time.empty());
    }
    QCOMPARE(states, (std::vector<std::string>{"New", "InProgress", "Reviewed", "Returned", "Reviewed", "Approved", "InProgress"}));
    QCOMPARE(users[3], std::string("lead"));
    QCOMPARE(item.history[3].comment, std::string("node 3 is the jugular vein"));
    QCOMPARE(reviewStateFromString("in-progress"), std::optional<ReviewState>(ReviewState::InProgress));
    // Study leads and assignment.
    QVERIFY(messageOf([&] { project.setStudyLeads({"reader"}, "reader"); }).find("only a study lead") != std::string::npos);
    project.setStudyLeads({"lead", "reader"}, "lead");
    project.assign(id, "reader");
    QCOMPARE(Project::open(path("states")).findCase(id).assignedTo, std::string("reader"));
    QVERIFY(Project::open(path("states")).manifest().isStudyLead("reader"));
    QVERIFY(!reviewStateFromString("done"));
}

void ProjectTest::refreshReadsTheSession()
{
    Project project = Project::create(path("refresh"), "Refresh", "alice");
    AddCaseOptions options;
    options.labelsPath = m_first.labels;
    const std::string id = project.addCase(m_first.image, options);
    QVERIFY(!project.refreshCase(id));  // nothing changed since it was added
    // A reviewer rejects a node and saves, as lnseg-review does.
    const ProjectCase item = project.findCase(id);
    const std::string review = project.absolutePath(item.reviewFile);
    auto image = std::make_shared<const Volume>(readVolume(project.absolutePath(item.imageFile)));
    ReviewSessionContents contents = loadReviewSession(review, image->geometry());
    ReviewDocument document(image);
    document.resetLabels(std::move(contents.labels), std::move(contents.nodes));
    document.setSource(contents.source);
    document.setReviewer("carol");
    document.setStatus(document.nodes().front().label, NodeStatus::Rejected);
    saveReviewSession(document, review);
    const long long before = project.manifest().dataVersion;
    QVERIFY(project.refreshCase(id));
    const ProjectCase& refreshed = project.findCase(id);
    QCOMPARE(refreshed.nodes.rejected, 1);
    QCOMPARE(refreshed.nodes.accepted, item.nodes.accepted - 1);
    QCOMPARE(refreshed.lastEditedBy, std::string("carol"));
    QCOMPARE(project.manifest().dataVersion, before + 1);
}

void ProjectTest::locksWithTwoOwners()
{
    Project project = Project::create(path("locks"), "Locks", "alice");
    const std::string id = project.addCase(m_first.image);
    CaseLock lock(project.caseFolder(id));
    const LockOwner alice = currentLockOwner("alice");
    LockOwner bob = currentLockOwner("bob");
    bob.pid = alice.pid;  // same process, another user: still another owner

    QVERIFY(!lock.holder());
    const LockAttempt first = lock.acquire(alice);
    QVERIFY(first.acquired);
    QVERIFY(lock.acquire(alice).acquired);  // again by the holder
    const LockAttempt second = lock.acquire(bob);
    QVERIFY(!second.acquired);
    QCOMPARE(second.holder.user, std::string("alice"));
    QVERIFY(!second.stale);
    const std::string notStale = messageOf([&] { lock.takeOver(bob); });
    QVERIFY2(notStale.find("locked by alice") != std::string::npos && notStale.find("not stale") != std::string::npos,
             notStale.c_str());
    QVERIFY(!lock.release(bob));  // not bob's to release
    QVERIFY(lock.holder().has_value());
    lock.refresh(alice);
    QVERIFY(lock.release(alice));
    QVERIFY(!lock.holder());
    QVERIFY(lock.acquire(bob).acquired);
    QCOMPARE(lock.holder()->user, std::string("bob"));
    // The lock file holds the documented fields.
    const nlohmann::json json = readJsonFile(lock.lockPath());
    for (const char* field : {"user", "host", "pid", "time"})
        QVERIFY2(json.contains(field), field);
    QVERIFY(lock.release(bob));
}

void ProjectTest::staleLocksCanBeTakenOver()
{
    Project project = Project::create(path("stale"), "Stale", "alice");
    const std::string id = project.addCase(m_first.image);
    CaseLock lock(project.caseFolder(id), 12);
    const LockOwner bob = currentLockOwner("bob");

    // Old: acquired two days ago on another machine.
    LockOwner old{"alice", "workstation-7", 4242, "2026-01-01T08:00:00Z"};
    writeJsonFileAtomically(lock.lockPath(), {{"user", old.user}, {"host", old.host}, {"pid", old.pid}, {"time", old.time}});
    LockAttempt attempt = lock.acquire(bob);
    QVERIFY(!attempt.acquired);
    QVERIFY(attempt.stale);
    QVERIFY(lock.takeOver(bob).acquired);
    QCOMPARE(lock.holder()->user, std::string("bob"));
    QVERIFY(lock.release(bob));

    // Recent, on this host, but its process is gone (a pid above the kernel's largest).
    const LockOwner ended{"alice", currentLockOwner().host, 4194305, currentIsoTime()};
    writeJsonFileAtomically(lock.lockPath(), {{"user", ended.user}, {"host", ended.host}, {"pid", ended.pid}, {"time", ended.time}});
    attempt = lock.acquire(bob);
    QVERIFY(!attempt.acquired);
    QVERIFY(attempt.stale);
    QVERIFY(lock.takeOver(bob).acquired);

    // An unreadable lock file is named in the message.
    std::ofstream(lock.lockPath()) << "{";
    QVERIFY(messageOf([&] { lock.holder(); }).find("lock.json") != std::string::npos);
}

void ProjectTest::modelRegistry()
{
    Project project = Project::create(path("registry"), "Registry", "alice");
    ModelRegistry registry = ModelRegistry::open(project.folder());
    QVERIFY(registry.models().empty());
    QVERIFY(registry.activeModelId().empty());
    const std::string modelFile = path("trained.lnsegmodel");
    std::ofstream(modelFile) << "model bytes";

    RegisteredModel entry;
    entry.architecture = "snet";
    entry.mode = "2d";
    entry.dataVersion = 7;
    entry.trainCases = {"case-0001", "case-0002"};
    entry.validationCases = {"case-0003"};
    entry.testCases = {"case-0004"};
    entry.trainingSettings = {{"epochs", 3}};
    entry.validationMetrics = {{"dice", 0.61}};
    entry.testMetrics = {{"dice", 0.58}};
    entry.note = "baseline";
    const std::string first = registry.registerModel(modelFile, entry, "alice");
    QCOMPARE(first, std::string("model-0001"));
    QCOMPARE(registry.activeModelId(), first);  // the first model becomes active
    entry.parentModelId = first;
    entry.note = "fine-tuned";
    const std::string second = registry.registerModel(modelFile, entry, "bob");
    QCOMPARE(registry.activeModelId(), first);
    QVERIFY(fs::exists(registry.modelPath(*registry.find(second))));
    QCOMPARE(registry.find(second)->file, std::string("models/model-0002/model.lnsegmodel"));
    entry.parentModelId = "model-0099";
    QVERIFY(messageOf([&] { registry.registerModel(modelFile, entry, "bob"); }).find("not in the registry") != std::string::npos);

    registry.activate(second, "alice");
    QVERIFY(messageOf([&] { registry.activate("model-0077", "alice"); }).find("no model model-0077") != std::string::npos);
    // Re-read from disk: everything was saved.
    ModelRegistry reopened = ModelRegistry::open(project.folder());
    QCOMPARE(reopened.models().size(), std::size_t(2));
    QCOMPARE(reopened.activeModelId(), second);
    const RegisteredModel& stored = *reopened.find(second);
    QCOMPARE(stored.parentModelId, first);
    QCOMPARE(stored.author, std::string("bob"));
    QCOMPARE(stored.dataVersion, 7LL);
    QCOMPARE(stored.validationCases, std::vector<std::string>{"case-0003"});
    QCOMPARE(stored.testMetrics["dice"].get<double>(), 0.58);
    QCOMPARE(stored.note, std::string("fine-tuned"));

    QCOMPARE(reopened.rollBack("alice"), first);
    QCOMPARE(ModelRegistry::open(project.folder()).activeModelId(), first);
    QVERIFY(messageOf([&] { reopened.rollBack("alice"); }).find("no earlier active model") != std::string::npos);
    QCOMPARE(reopened.activationHistory().back().action, std::string("rollback"));
    // Every change released the registry's write lock.
    QVERIFY(!fs::exists(path("registry/models/registry.json.lock")));
    // A second handle made before a change still sees it when changing (it re-reads first).
    ModelRegistry stale = ModelRegistry::open(project.folder());
    reopened.activate(second, "bob");
    QCOMPARE(stale.rollBack("alice"), first);
    QCOMPARE(stale.activationHistory().size(), std::size_t(5));

    // A hand-edited registry is refused naming the model and field.
    nlohmann::json json = readJsonFile(path("registry/models/registry.json"));
    json["models"][1]["file"] = "../../elsewhere.lnsegmodel";
    writeJsonFileAtomically(path("registry/models/registry.json"), json);
    const std::string message = messageOf([&] { ModelRegistry::open(project.folder()); });
    QVERIFY2(message.find("model model-0002: field 'file'") != std::string::npos, message.c_str());
}

QTEST_GUILESS_MAIN(ProjectTest)
#include "test_project.moc"
