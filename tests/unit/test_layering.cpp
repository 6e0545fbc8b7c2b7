// The layers of core/ (architecture.md): file formats (io) and the node vocabulary (nodes) know
// nothing of the review document; the node vocabulary needs nothing but the standard library.
// Reads the sources' #include lines.

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;

namespace {

// "file: #include line" for every include of `forbidden` (a folder prefix) in core/<folder>.
QStringList includesOf(const std::string& folder, const std::string& forbidden)
{
    QStringList found;
    const std::regex include("^\\s*#\\s*include\\s*[\"<]" + forbidden);
    for (const auto& entry : fs::directory_iterator(fs::path(LNSEG_CORE_SOURCE_DIR) / folder)) {
        std::ifstream file(entry.path());
        std::string line;
        while (std::getline(file, line))
            if (std::regex_search(line, include))
                found << QString::fromStdString(entry.path().filename().string() + ": " + line);
    }
    return found;
}

}  // namespace

class LayeringTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fileFormatsDoNotDependOnReview()
    {
        const QStringList found = includesOf("io", "review/");
        QVERIFY2(found.isEmpty(), qPrintable(found.join('\n')));
    }
    void nodesDoNotDependOnReviewOrFileFormats()
    {
        const QStringList found = includesOf("nodes", "(review|io|project|export)/");
        QVERIFY2(found.isEmpty(), qPrintable(found.join('\n')));
    }
    void segmentationFilesUseTheNodeVocabulary()
    {
        QVERIFY(!includesOf("io", "nodes/NodeRecord.h").isEmpty());
    }
};

QTEST_GUILESS_MAIN(LayeringTest)
#include "test_layering.moc"
