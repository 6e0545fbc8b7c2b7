#include "review/ReviewSessionFile.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace lnseg;

class ReviewSessionFileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveLoadRoundTrip();
    void failedSaveKeepsPreviousSave();
    void badFilesAreRefused();

private:
    QTemporaryDir m_folder;
};

namespace {
std::shared_ptr<const Volume> makeImage()
{
    ImageGeometry g;
    g.size = {32, 32, 8};
    g.spacing = {0.6, 0.6, 2.5};
    g.origin = {-10, 20, 5};
    return std::make_shared<const Volume>(g, std::int16_t(0));
}
}  // namespace

void ReviewSessionFileTest::saveLoadRoundTrip()
{
    ReviewDocument document(makeImage());
    document.setReviewer("reader one");
    document.setSource({"/data/case7", "1.2.3.4", "1.2.3"});
    const std::uint16_t a = document.createNode();
    document.fillPolygon(2, 3, {{5, 5}, {12, 5}, {12, 12}, {5, 12}}, a);
    document.setLevel(a, NodeLevel::III);
    document.setSide(a, NodeSide::Right);
    const std::string path = m_folder.filePath("case7.review.json").toStdString();
    saveReviewSession(document, path);
    // Save twice: the older label map file is removed, one remains.
    document.setStatus(a, NodeStatus::Accepted);
    saveReviewSession(document, path);
    int labelFiles = 0;
    for (const auto& entry : std::filesystem::directory_iterator(m_folder.path().toStdString()))
        labelFiles += entry.path().filename().string().find(".labels-") != std::string::npos;
    QCOMPARE(labelFiles, 1);

    QCOMPARE(readReviewSessionSource(path).seriesInstanceUid, std::string("1.2.3.4"));
    ReviewSessionContents contents = loadReviewSession(path, document.image().geometry());
    QCOMPARE(contents.savedBy, std::string("reader one"));
    QCOMPARE(contents.nodes.size(), std::size_t(1));
    QCOMPARE(contents.nodes.front().level, NodeLevel::III);
    QCOMPARE(contents.nodes.front().side, NodeSide::Right);
    QCOMPARE(contents.nodes.front().status, NodeStatus::Accepted);
    QVERIFY(std::equal(contents.labels.data(), contents.labels.data() + contents.labels.voxelCount(),
                       document.labels().data()));
    ReviewDocument reopened(makeImage());
    reopened.resetLabels(std::move(contents.labels), contents.nodes);
    QCOMPARE(reopened.findNode(a)->measurement.voxelCount, document.findNode(a)->measurement.voxelCount);
}

void ReviewSessionFileTest::failedSaveKeepsPreviousSave()
{
    ReviewDocument document(makeImage());
    const std::uint16_t a = document.createNode();
    document.fillPolygon(2, 3, {{5, 5}, {12, 5}, {12, 12}, {5, 12}}, a);
    const std::string path = m_folder.filePath("keep.review.json").toStdString();
    saveReviewSession(document, path);
    std::ifstream before(path);
    const std::string savedText((std::istreambuf_iterator<char>(before)), std::istreambuf_iterator<char>());
    // Saving into a folder that has become read-only fails, and the old save is still whole.
    document.setLevel(a, NodeLevel::IV);
    std::filesystem::permissions(m_folder.path().toStdString(), std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::remove);
    bool failed = false;
    if (::geteuid() != 0) {  // root ignores permissions; the test is only meaningful for users
        try {
            saveReviewSession(document, path);
        } catch (const std::runtime_error&) {
            failed = true;
        }
        QVERIFY(failed);
    }
    std::filesystem::permissions(m_folder.path().toStdString(), std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::add);
    std::ifstream after(path);
    const std::string text((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>());
    if (failed)
        QCOMPARE(text, savedText);
    QCOMPARE(loadReviewSession(path, document.image().geometry()).nodes.size(), std::size_t(1));
}

void ReviewSessionFileTest::badFilesAreRefused()
{
    const std::string garbage = m_folder.filePath("garbage.review.json").toStdString();
    std::ofstream(garbage) << "{ not json";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadReviewSession(garbage, makeImage()->geometry()));
    const std::string other = m_folder.filePath("other.json").toStdString();
    std::ofstream(other) << R"({"format": "something else"})";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadReviewSession(other, makeImage()->geometry()));
    const std::string newer = m_folder.filePath("newer.review.json").toStdString();
    std::ofstream(newer) << R"({"format": "lnseg-review-session", "format_version": 99})";
    try {
        loadReviewSession(newer, makeImage()->geometry());
        QFAIL("a newer format was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY(QString(error.what()).contains("newer"));
    }
    // A session whose label map lies on another grid.
    ReviewDocument document(makeImage());
    const std::string path = m_folder.filePath("grid.review.json").toStdString();
    saveReviewSession(document, path);
    ImageGeometry different = makeImage()->geometry();
    different.size[2] = 9;
    try {
        loadReviewSession(path, different);
        QFAIL("a label map of another grid was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY(QString(error.what()).contains("does not match"));
    }
}

QTEST_GUILESS_MAIN(ReviewSessionFileTest)
#include "test_review_session_file.moc"
