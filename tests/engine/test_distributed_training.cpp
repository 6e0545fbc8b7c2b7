// Data-parallel `lnseg train` (issue 14): two processes over Gloo on loopback, started by this test
// with torchrun's variables (and by mpirun when it is installed), on tiny phantoms.
//  - every rank ends with identical parameters (the model file records the largest difference);
//  - those parameters equal a single process's that reproduces the two ranks (--simulate-ranks 2:
//    each step draws both ranks' batches from their shards and accumulates the gradients of their
//    losses / 2). Tolerance: the two compute the same float operations on the same samples (batch
//    norm local to each half, as on the ranks); halving is exact and a sum of two is commutative,
//    so the gradients agree bit for bit and so does Adam. We allow 1e-6 of the largest weight in
//    case a BLAS ever splits work differently between processes; 0 is what runs here give;
//  - a checkpoint of the 2-process run resumes in one process (another world size);
//  - a rank killed mid-run makes the other exit non-zero, naming it, within the timeout;
//  - a rendezvous port in use and a rank that never arrives give clear errors, not hangs.
#include "ModelFile.h"
#include "SegmentationModel.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result finish(QProcess& process, int milliseconds = 300000)
{
    if (!process.waitForFinished(milliseconds))
        process.kill(), process.waitForFinished(5000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QProcessEnvironment plainEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys())
        if (name.startsWith("OMPI_") || name.startsWith("PMIX_") || name.startsWith("SLURM_") ||
            QStringList{"RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"}.contains(name))
            environment.remove(name);
    return environment;
}

QProcessEnvironment rankEnvironment(int rank, int worldSize, int port)
{
    QProcessEnvironment environment = plainEnvironment();
    environment.insert("RANK", QString::number(rank));
    environment.insert("WORLD_SIZE", QString::number(worldSize));
    environment.insert("LOCAL_RANK", QString::number(rank));
    environment.insert("MASTER_ADDR", "127.0.0.1");
    environment.insert("MASTER_PORT", QString::number(port));
    return environment;
}

Result run(const QStringList& arguments, const QProcessEnvironment& environment = plainEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(LNSEG_CLI_PATH, arguments);
    return finish(process);
}

// A port nobody listens on now (the kernel's pick).
int freePort()
{
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket);
    return ntohs(address.sin_port);
}

// Both ranks of a torchrun-style job; returns rank 0's result (rank 1's in `other`).
Result runTwoRanks(const QStringList& arguments, Result* other = nullptr)
{
    const int port = freePort();
    QProcess rank1, rank0;
    rank1.setProcessEnvironment(rankEnvironment(1, 2, port));
    rank0.setProcessEnvironment(rankEnvironment(0, 2, port));
    rank1.start(LNSEG_CLI_PATH, arguments);
    rank0.start(LNSEG_CLI_PATH, arguments);
    Result result = finish(rank0);
    Result second = finish(rank1);
    if (other)
        *other = second;
    return result;
}

nlohmann::json metadataOf(const QString& modelFile)
{
    return nlohmann::json::parse(lnseg::model::loadModelFile(modelFile.toStdString()).metadataJson);
}

// Largest absolute difference between the two model files' parameters, and their largest weight.
std::pair<double, double> parameterDifference(const QString& first, const QString& second)
{
    const auto a = lnseg::model::loadModelFile(first.toStdString());
    const auto b = lnseg::model::loadModelFile(second.toStdString());
    const auto pa = a.model->parameters(), pb = b.model->parameters();
    if (pa.size() != pb.size())
        return {INFINITY, 0};
    double difference = 0, largest = 0;
    for (std::size_t index = 0; index < pa.size(); ++index) {
        difference = std::max(difference, (pa[index] - pb[index]).abs().max().item<double>());
        largest = std::max(largest, pa[index].abs().max().item<double>());
    }
    return {difference, largest};
}

}  // namespace

class DistributedTrainingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoRanksEqualOneProcessOfTheSameBatches_data();
    void twoRanksEqualOneProcessOfTheSameBatches();
    void resumesWithAnotherWorldSize();
    void mpirunLaunchesTheRanks();
    void killedRankStopsTheOther_data();
    void killedRankStopsTheOther();
    void rendezvousErrorsAreClear();

private:
    QStringList trainArguments(const QString& out) const
    {
        return {"train", "--data", m_folder.filePath("data"), "--out", m_folder.filePath(out), "--epochs", "2",
                "--steps-per-epoch", "2", "--batch", "2", "--lr", "0.001", "--threads", "1", "--validation-slices", "2",
                "--pixel-spacing", "2.5", "--no-augmentation"};
    }
    QTemporaryDir m_folder;
};

void DistributedTrainingTest::initTestCase()
{
    // A build without Gloo's headers (Debian: libgloo-dev) has no data-parallel training to test.
    const Result system = run({"system", "--json"});
    QVERIFY2(system.exitCode == 0, qPrintable(system.err));
    if (nlohmann::json::parse(system.out.toStdString())["data_parallel_backends"].get<std::string>().empty())
        QSKIP("this build has no c10d process group (install libgloo-dev and reconfigure)");
    // 5 cases: the hash split keeps 2 for training, one shard per rank.
    const Result phantoms = run({"phantom", "--out", m_folder.filePath("data"), "--cases", "5", "--seed", "5", "--columns",
                                 "64", "--rows", "64", "--slices", "20", "--pixel-spacing", "3", "--slice-spacing", "5"});
    QVERIFY2(phantoms.exitCode == 0, qPrintable(phantoms.err));
}

void DistributedTrainingTest::twoRanksEqualOneProcessOfTheSameBatches_data()
{
    QTest::addColumn<QStringList>("model");
    QTest::newRow("snet 2d") << QStringList{"--arch", "snet", "--mode", "2d"};
    QTest::newRow("attunet 2.5d") << QStringList{"--arch", "attunet", "--mode", "2.5d", "--crop", "32", "--epochs", "1"};
    // 3d validates by sliding windows over whole cases: one epoch on a coarse grid keeps it short.
    QTest::newRow("snet 3d") << QStringList{"--arch", "snet", "--mode", "3d", "--patch-size", "16", "--epochs", "1",
                                            "--pixel-spacing", "5"};
}

void DistributedTrainingTest::twoRanksEqualOneProcessOfTheSameBatches()
{
    QFETCH(QStringList, model);
    const QString name = QString(QTest::currentDataTag()).replace(' ', '_').replace('.', '_');
    Result rank1;
    QElapsedTimer timer;
    timer.start();
    const Result rank0 = runTwoRanks(trainArguments("dist_" + name) + model, &rank1);
    const qint64 distributedMs = timer.restart();
    QVERIFY2(rank0.exitCode == 0 && rank1.exitCode == 0, qPrintable(rank0.out + rank0.err + rank1.out + rank1.err));
    QVERIFY2(rank1.out.isEmpty(), qPrintable(rank1.out));  // progress: rank 0 only
    QVERIFY(rank0.out.contains("data-parallel training: 2 processes (torchrun)"));
    QVERIFY(!QFile::exists(m_folder.filePath("dist_" + name + "/checkpoint_epoch_002.pt.partial")));
    const nlohmann::json metadata = metadataOf(m_folder.filePath("dist_" + name + "/model.lnsegmodel"));
    QCOMPARE(metadata["training"]["world_size"].get<int>(), 2);
    QCOMPARE(metadata["training"]["backend"].get<std::string>(), std::string("gloo"));
    QCOMPARE(metadata["training"]["global_batch_size"].get<int>(), 4);
    // Every rank holds rank 0's parameters at the end (checked across the ranks by the run itself).
    QCOMPARE(metadata["training"]["distributed"]["max_parameter_difference_between_ranks"].get<double>(), 0.0);
    // 2 MB buckets: these networks' 3-8 MB of gradients take several, each started from the
    // gradient hooks during backward.
    QVERIFY(metadata["training"]["distributed"]["gradient_buckets"].get<int>() >= 2);

    const Result single = run(trainArguments("simulated_" + name) + model + QStringList{"--simulate-ranks", "2"});
    QVERIFY2(single.exitCode == 0, qPrintable(single.out + single.err));
    QCOMPARE(metadataOf(m_folder.filePath("simulated_" + name + "/model.lnsegmodel"))["training"]["world_size"].get<int>(), 2);
    const auto [difference, largest] = parameterDifference(m_folder.filePath("dist_" + name + "/model.lnsegmodel"),
                                                           m_folder.filePath("simulated_" + name + "/model.lnsegmodel"));
    qInfo("%s: 2 processes %lld ms, one process %lld ms; largest parameter difference %g (largest weight %g)",
          QTest::currentDataTag(), distributedMs, timer.elapsed(), difference, largest);
    QVERIFY2(difference <= 1e-6 * largest, qPrintable(QString::number(difference)));
}

void DistributedTrainingTest::resumesWithAnotherWorldSize()
{
    // A checkpoint of the 2-process run continues in one process (and back in two).
    const QString checkpoint = m_folder.filePath("dist_snet_2d/checkpoint_epoch_001.pt");
    QVERIFY(QFile::exists(checkpoint));
    QStringList arguments = trainArguments("resumed1") + QStringList{"--resume", checkpoint};
    const Result one = run(arguments);
    QVERIFY2(one.exitCode == 0, qPrintable(one.out + one.err));
    QCOMPARE(metadataOf(m_folder.filePath("resumed1/model.lnsegmodel"))["training"]["world_size"].get<int>(), 1);
    QCOMPARE(metadataOf(m_folder.filePath("resumed1/model.lnsegmodel"))["training"]["global_steps"].get<int>(), 4);
    const Result two = runTwoRanks(trainArguments("resumed2") + QStringList{"--resume", m_folder.filePath("resumed1/checkpoint_epoch_002.pt"),
                                                                       "--epochs", "3"});
    QVERIFY2(two.exitCode == 0, qPrintable(two.out + two.err));
    const nlohmann::json metadata = metadataOf(m_folder.filePath("resumed2/model.lnsegmodel"));
    QCOMPARE(metadata["training"]["world_size"].get<int>(), 2);
    QCOMPARE(metadata["training"]["global_steps"].get<int>(), 6);
}

void DistributedTrainingTest::mpirunLaunchesTheRanks()
{
    const QString mpirun = QStandardPaths::findExecutable("mpirun");
    if (mpirun.isEmpty())
        QSKIP("mpirun is not installed (Debian: openmpi-bin)");
    QProcess process;
    QProcessEnvironment environment = plainEnvironment();
    environment.insert("OMPI_MCA_plm", "isolated");  // one node: no ssh needed (CI containers may have none)
    process.setProcessEnvironment(environment);
    // The other all-reduce path too: after backward, in smaller buckets (same sums, same result).
    process.start(mpirun, QStringList{"--allow-run-as-root", "--oversubscribe", "-np", "2", LNSEG_CLI_PATH} +
                              trainArguments("mpi") + QStringList{"--dist-no-overlap", "--dist-bucket-mb", "0.5"});
    const Result result = finish(process);
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    QVERIFY(result.out.contains("data-parallel training: 2 processes (mpirun)"));
    QCOMPARE(result.out.count("model: "), 1);  // rank 0 only
    const nlohmann::json metadata = metadataOf(m_folder.filePath("mpi/model.lnsegmodel"));
    QCOMPARE(metadata["training"]["world_size"].get<int>(), 2);
    QCOMPARE(metadata["training"]["distributed"]["launcher"].get<std::string>(), std::string("mpirun"));
    // The same job as the torchrun-style one: the same parameters.
    const auto [difference, largest] =
        parameterDifference(m_folder.filePath("mpi/model.lnsegmodel"), m_folder.filePath("dist_snet_2d/model.lnsegmodel"));
    QVERIFY2(difference <= 1e-6 * largest, qPrintable(QString::number(difference)));
}

void DistributedTrainingTest::killedRankStopsTheOther_data()
{
    QTest::addColumn<int>("killed");
    QTest::newRow("rank 1 killed") << 1;
    QTest::newRow("rank 0 killed (the store's host)") << 0;
}

void DistributedTrainingTest::killedRankStopsTheOther()
{
    QFETCH(int, killed);
    const int port = freePort();
    QStringList arguments = trainArguments(QString("killed%1").arg(killed));
    arguments[arguments.indexOf("--steps-per-epoch") + 1] = "100000";
    arguments << "--dist-timeout" << "20";
    QProcess ranks[2];
    for (int rank : {1, 0}) {
        ranks[rank].setProcessEnvironment(rankEnvironment(rank, 2, port));
        ranks[rank].start(LNSEG_CLI_PATH, arguments);
        QVERIFY(ranks[rank].waitForStarted());
    }
    // Mid-run: rank 0 has printed its first step.
    QByteArray out0;
    QElapsedTimer waited;
    waited.start();
    while (!out0.contains("step 1/") && waited.elapsed() < 120000 && ranks[0].state() == QProcess::Running) {
        ranks[0].waitForReadyRead(200);
        out0 += ranks[0].readAllStandardOutput();
    }
    QVERIFY2(out0.contains("step 1/"), out0.constData());
    ranks[killed].kill();  // SIGKILL: no chance to say goodbye
    QElapsedTimer timer;
    timer.start();
    const Result survivor = finish(ranks[1 - killed], 60000);
    finish(ranks[killed], 5000);
    const qint64 ms = timer.elapsed();
    qInfo("rank %d stopped %lld ms after rank %d was killed: %s", 1 - killed, ms, killed, qPrintable(survivor.err.trimmed()));
    QVERIFY(survivor.exitCode != 0);
    QVERIFY2(survivor.err.contains(QString("rank %1 stopped answering").arg(killed)), qPrintable(survivor.err));
    QVERIFY2(ms < 30000, qPrintable(QString::number(ms)));  // the timeout (20 s) and a few seconds of diagnosis
    QVERIFY(!QFile::exists(m_folder.filePath(QString("killed%1/model.lnsegmodel").arg(killed))));
}

void DistributedTrainingTest::rendezvousErrorsAreClear()
{
    QStringList arguments = trainArguments("rendezvous");
    arguments << "--dist-timeout" << "3";
    // The port is taken by someone else.
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    QVERIFY(::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 && ::listen(socket, 1) == 0);
    socklen_t length = sizeof address;
    ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    const int taken = ntohs(address.sin_port);
    QElapsedTimer timer;
    timer.start();
    const Result inUse = run(arguments, rankEnvironment(0, 2, taken));
    ::close(socket);
    QVERIFY(inUse.exitCode != 0);
    QVERIFY2(inUse.err.contains(QString("cannot host the rendezvous on port %1: the port is in use").arg(taken)),
             qPrintable(inUse.err));
    // Rank 1 never comes.
    const Result alone = run(arguments, rankEnvironment(0, 2, freePort()));
    QVERIFY(alone.exitCode != 0);
    QVERIFY2(alone.err.contains("rank 1 of 2 never arrived at the rendezvous"), qPrintable(alone.err));
    // Rank 0 never comes.
    const Result orphan = run(arguments, rankEnvironment(1, 2, freePort()));
    QVERIFY(orphan.exitCode != 0);
    QVERIFY2(orphan.err.contains("cannot reach the rendezvous"), qPrintable(orphan.err));
    QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(DistributedTrainingTest)
#include "test_distributed_training.moc"
