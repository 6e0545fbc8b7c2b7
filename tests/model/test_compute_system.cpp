// What the engine reports about the machine it runs on (LibTorch, the BLAS library actually
// loaded, threads, flush-to-zero), the warning for netlib's reference BLAS, and the batch sizes,
// crops and threads chosen per device.
#include "ComputeSystem.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <thread>

using namespace lnseg::model;

class ComputeSystemTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void identifiesDebianBlasProviders_data();
    void identifiesDebianBlasProviders();
    void referenceBlasGetsAWarningWithTheFix();
    void reportDescribesThisProcess();
    void cpuSettingsApplyThreadsAndDenormals();
    void defaultsDependOnTheDevice();
};

void ComputeSystemTest::identifiesDebianBlasProviders_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("threading");
    QTest::addColumn<bool>("reference");
    // Debian installs every provider of libblas.so.3 in its own folder (update-alternatives).
    QTest::newRow("netlib") << "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0" << "netlib reference" << "serial" << true;
    QTest::newRow("openblas openmp") << "/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3" << "OpenBLAS" << "openmp" << false;
    QTest::newRow("openblas pthread") << "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3" << "OpenBLAS" << "pthread" << false;
    QTest::newRow("blis openmp") << "/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3" << "BLIS" << "openmp" << false;
    QTest::newRow("openblas file") << "/opt/lib/libopenblas.so.0" << "OpenBLAS" << "" << false;
    QTest::newRow("mkl") << "/opt/intel/lib/libmkl_rt.so.2" << "MKL" << "" << false;
    QTest::newRow("unknown") << "/usr/local/lib/libblas.so.3" << "unknown" << "" << false;
}

void ComputeSystemTest::identifiesDebianBlasProviders()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    QFETCH(QString, threading);
    QFETCH(bool, reference);
    const BlasIdentity identity = identifyBlasLibrary(path.toStdString());
    QCOMPARE(QString::fromStdString(identity.name), name);
    QCOMPARE(QString::fromStdString(identity.threading), threading);
    QCOMPARE(identity.reference, reference);
}

void ComputeSystemTest::referenceBlasGetsAWarningWithTheFix()
{
    const std::string netlib = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
    const auto warnings = blasWarnings(identifyBlasLibrary(netlib), netlib);
    QCOMPARE(warnings.size(), std::size_t(1));
    const QString text = QString::fromStdString(warnings.front());
    QVERIFY2(text.contains("reference BLAS") && text.contains("apt-get install libopenblas0-openmp"), qPrintable(text));
    const std::string openblas = "/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3";
    QVERIFY(blasWarnings(identifyBlasLibrary(openblas), openblas).empty());
    QCOMPARE(blasWarnings(identifyBlasLibrary(""), "").size(), std::size_t(1));  // none loaded
}

void ComputeSystemTest::reportDescribesThisProcess()
{
    const ComputeSystemReport report = describeComputeSystem();
    QVERIFY(report.libtorchVersion.rfind("1.", 0) == 0 || report.libtorchVersion.rfind("2.", 0) == 0);
    // LibTorch links libblas.so.3: some provider defines sgemm_ in every process that links it.
    QVERIFY2(!report.blasLibraryPath.empty(), "no BLAS library found");
    QVERIFY(QFileInfo::exists(QString::fromStdString(report.blasLibraryPath)));
    const BlasIdentity again = identifyBlasLibrary(report.blasLibraryPath);
    QCOMPARE(report.blas.name, again.name);
    QCOMPARE(report.warnings.empty(), blasWarnings(report.blas, report.blasLibraryPath).empty());
    QCOMPARE(report.hardwareThreads, int(std::max(1u, std::thread::hardware_concurrency())));
    qInfo("%s", report.toText().c_str());

    const nlohmann::json json = nlohmann::json::parse(report.toJson());
    for (const char* key : {"libtorch_version", "blas", "onednn", "mkl", "openmp", "torch_threads", "hardware_threads",
                            "flush_denormals", "cuda_devices", "cuda", "warnings"})
        QVERIFY2(json.contains(key), key);
    QCOMPARE(json["blas"]["library"].get<std::string>(), report.blasLibraryPath);
    QCOMPARE(json["blas"]["reference"].get<bool>(), report.blas.reference);
    const QString text = QString::fromStdString(report.toText());
    QVERIFY(text.contains("LibTorch: ") && text.contains("BLAS: ") && text.contains("CUDA devices: "));
}

void ComputeSystemTest::cpuSettingsApplyThreadsAndDenormals()
{
    applyCpuSettings(2, true);
    ComputeSystemReport report = describeComputeSystem();
    QCOMPARE(report.torchThreads, 2);
#if defined(__x86_64__)
    QVERIFY(report.flushDenormals);
    // A denormal product is flushed to zero.
    volatile float tiny = 1e-30f;
    volatile float product = tiny * 1e-10f;
    QCOMPARE(float(product), 0.0f);
#endif
    applyCpuSettings(1, false);
    report = describeComputeSystem();
    QCOMPARE(report.torchThreads, 1);
    QVERIFY(!report.flushDenormals);
}

void ComputeSystemTest::defaultsDependOnTheDevice()
{
    const ExecutionDefaults cpu = executionDefaults("cpu", 2);
    QCOMPARE(cpu.inferenceBatch, 1);  // measured: batches of 1-2 slices are fastest per slice on a CPU
    QCOMPARE(cpu.threads, 2);
    QVERIFY(cpu.flushDenormals);
    QCOMPARE(cpu.trainingCrop, 128);
    QVERIFY(cpu.trainingBatch >= 2 && cpu.trainingBatch <= 8);
    QCOMPARE(executionDefaults("cpu", 0).threads, 1);
    QCOMPARE(executionDefaults("cpu", 16).threads, 16);

    const ExecutionDefaults cuda = executionDefaults("cuda", 16);
    QVERIFY(cuda.inferenceBatch >= 8);
    QCOMPARE(cuda.trainingBatch, 16);  // the paper's 2d batch
    QCOMPARE(cuda.trainingCrop, 0);    // whole slices
    QVERIFY(!cuda.flushDenormals);
    QCOMPARE(resolveDevice("cpu"), std::string("cpu"));
    QCOMPARE(resolveDevice("auto"), std::string(describeComputeSystem().cudaDevices.empty() ? "cpu" : "cuda"));
}

QTEST_APPLESS_MAIN(ComputeSystemTest)
#include "test_compute_system.moc"
