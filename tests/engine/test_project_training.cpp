// The training data a project gives the trainer (ProjectCaseSource): approved cases only (reviewed
// too on request), the project's patient-level split with test cases never handed to the
// trainer, label maps read only when a case is loaded, rejected nodes as background; and the test
// evaluation's reference.
#include "engine/ProjectTrainingData.h"
#include "io/ImageFileIO.h"
#include "phantom/NeckPhantom.h"
#include "review/ReviewSessionFile.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace lnseg;
using namespace lnseg::project;

class ProjectTrainingDataTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void approvedCasesOnTheirSides();
    void rejectedNodesAreBackground();
    void refusesWithoutTrainingCases();

private:
    QTemporaryDir m_folder;
    std::string m_project;
    std::vector<PhantomCase> m_phantoms;
};

void ProjectTrainingDataTest::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_project = m_folder.filePath("project").toStdString();
    SplitSettings split;
    split.train = 0.4;
    split.validation = 0.3;
    split.test = 0.3;
    split.seed = 6;  // patients P0001, P0004 train; P0002, P0003 validation; P0005 test
    Project project = Project::create(m_project, "Training", "lead", split);
    for (int index = 1; index <= 5; ++index) {
        PhantomOptions options = PhantomOptions::small(std::uint64_t(20 + index), 48, 40, 12);
        options.maximumNodes = 6;
        m_phantoms.push_back(generateNeckPhantom(options, "case"));
        const std::string stem = m_folder.filePath("phantom" + QString::number(index)).toStdString();
        writeImage(m_phantoms.back().image, stem + "_image.nii.gz");
        writeImage(m_phantoms.back().labels, stem + "_labels.nii.gz");
        AddCaseOptions add;
        add.labelsPath = stem + "_labels.nii.gz";
        const std::string id = project.addCase(stem + "_image.nii.gz", add);
        project.setState(id, ReviewState::Reviewed, "reader");
        if (index != 3)  // case-0003 stays Reviewed
            project.setState(id, ReviewState::Approved, "lead");
    }
}

void ProjectTrainingDataTest::approvedCasesOnTheirSides()
{
    const Project project = Project::open(m_project);
    ProjectCaseSource approved(project);
    QCOMPARE(approved.split().train, (std::vector<std::string>{"case-0001", "case-0004"}));
    QCOMPARE(approved.split().validation, (std::vector<std::string>{"case-0002"}));  // case-0003 is not approved
    QCOMPARE(approved.split().test, (std::vector<std::string>{"case-0005"}));
    // The trainer sees train and validation cases, never the test case.
    const std::vector<std::string> ids = approved.caseIds();
    QCOMPARE(ids.size(), std::size_t(3));
    QVERIFY(std::find(ids.begin(), ids.end(), "case-0005") == ids.end());
    QCOMPARE(approved.trainingSplit().training, approved.split().train);
    QCOMPARE(approved.trainingSplit().validation, approved.split().validation);
    QCOMPARE(approved.dataVersion(), project.manifest().dataVersion);
    QVERIFY(approved.fingerprint().find("data version " + std::to_string(project.manifest().dataVersion)) != std::string::npos);

    ProjectCaseSource withReviewed(project, true);
    QCOMPARE(withReviewed.split().validation, (std::vector<std::string>{"case-0002", "case-0003"}));

    // A loaded case is the image and the label map's foreground.
    const model::TrainingCase loaded = approved.load("case-0004");
    const PhantomCase& phantom = m_phantoms[3];
    QCOMPARE(loaded.size[0], std::int64_t(phantom.image.size()[0]));
    QVERIFY(std::equal(loaded.image.begin(), loaded.image.end(), phantom.image.data()));
    for (std::size_t index = 0; index < loaded.mask.size(); ++index)
        QCOMPARE(loaded.mask[index] != 0, phantom.labels.data()[index] != 0);
}

void ProjectTrainingDataTest::rejectedNodesAreBackground()
{
    Project project = Project::open(m_project);
    const ProjectCase item = project.findCase("case-0001");
    // A reviewer rejects node 1 (a vessel, say) and saves.
    const std::string review = project.absolutePath(item.reviewFile);
    auto image = std::make_shared<const Volume>(readVolume(project.absolutePath(item.imageFile)));
    ReviewSessionContents contents = loadReviewSession(review, image->geometry());
    ReviewDocument document(image);
    document.resetLabels(std::move(contents.labels), std::move(contents.nodes));
    document.setSource(contents.source);
    const std::uint16_t rejected = document.nodes().front().label;
    document.setStatus(rejected, NodeStatus::Rejected);
    saveReviewSession(document, review);
    QVERIFY(project.refreshCase("case-0001"));

    ProjectCaseSource source(project);
    const model::TrainingCase loaded = source.load("case-0001");
    const LabelMap& labels = m_phantoms[0].labels;
    std::size_t rejectedVoxels = 0;
    for (std::size_t index = 0; index < loaded.mask.size(); ++index) {
        const std::uint16_t label = labels.data()[index];
        QCOMPARE(loaded.mask[index] != 0, label != 0 && label != rejected);
        rejectedVoxels += label == rejected;
    }
    QVERIFY(rejectedVoxels > 0);
    const ProjectCaseSource::Reference reference = source.loadReference("case-0001");
    QCOMPARE(std::count(reference.labels.data(), reference.labels.data() + reference.labels.voxelCount(), rejected), 0L);
    QVERIFY(!reference.levels.count(rejected));
}

void ProjectTrainingDataTest::refusesWithoutTrainingCases()
{
    SplitSettings allTest;
    allTest.train = 0;
    allTest.validation = 0;
    allTest.test = 1;
    Project project = Project::create(m_folder.filePath("empty").toStdString(), "Empty", "lead", allTest);
    try {
        ProjectCaseSource source(project);
        QFAIL("a project without approved training cases was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY2(std::string(error.what()).find("no approved case lies on the train side") != std::string::npos, error.what());
    }
}

QTEST_GUILESS_MAIN(ProjectTrainingDataTest)
#include "test_project_training.moc"
