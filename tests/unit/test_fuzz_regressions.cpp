// Every input under tests/fuzz/regressions/<target>/ (inputs that once crashed, leaked, hung or
// tripped a sanitizer in a libFuzzer target, plus hand-made ones for bugs found while writing the
// targets) goes through the same code as the fuzzer's entry point (tests/fuzz/FuzzEntryPoints.h).
// Each must load or be refused with a std::runtime_error: no crash, no other exception type.
// Under the sanitizer build (tests/fuzz/README.md) this also re-checks them for memory errors.

#include "../fuzz/FuzzEntryPoints.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

using Entry = void (*)(const std::uint8_t*, std::size_t);

std::vector<std::filesystem::path> inputsOf(const std::string& target)
{
    std::vector<std::filesystem::path> inputs;
    // The crash inputs, and the committed seeds (valid files: they must load and round-trip).
    const std::filesystem::path regressions(LNSEG_FUZZ_REGRESSIONS_DIR);
    for (const auto& folder : {regressions / target, regressions.parent_path() / "seeds" / target})
        if (std::filesystem::is_directory(folder))
            for (const auto& entry : std::filesystem::directory_iterator(folder))
                if (entry.is_regular_file() && entry.path().filename().string() != "README.md")
                    inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

void runAll(const std::string& target, Entry entry)
{
    const auto inputs = inputsOf(target);
    if (inputs.empty())
        QSKIP(qPrintable(QString::fromStdString("no regression inputs for " + target)));
    for (const auto& path : inputs) {
        std::ifstream file(path, std::ios::binary);
        const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
        const std::string name = target + "/" + path.filename().string();
        const bool seed = path.parent_path().parent_path().filename() == "seeds";
        try {
            entry(bytes.data(), bytes.size());
            qInfo("%s: loaded", name.c_str());
        } catch (const std::runtime_error& error) {
            QVERIFY2(!seed, qPrintable(QString::fromStdString("the valid seed " + name + " was refused: " + error.what())));
            QVERIFY2(std::strlen(error.what()) > 0, name.c_str());
            qInfo("%s: refused: %s", name.c_str(), error.what());
        } catch (const std::exception& error) {
            QFAIL(qPrintable(QString::fromStdString(name + ": an exception other than std::runtime_error: " + error.what())));
        }
    }
}

}  // namespace

class FuzzRegressionsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dicomFile() { runAll("dicom_file", lnseg::fuzz::runDicomFile); }
    void imageFile() { runAll("image_file", lnseg::fuzz::runImageFile); }
    void reviewJson() { runAll("review_json", lnseg::fuzz::runReviewJson); }
    void projectManifest() { runAll("project_manifest", lnseg::fuzz::runProjectManifest); }
    void cleanupTestCase() { std::filesystem::remove_all(lnseg::fuzz::scratchFolder()); }
};

QTEST_GUILESS_MAIN(FuzzRegressionsTest)
#include "test_fuzz_regressions.moc"
