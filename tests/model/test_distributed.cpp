// Data-parallel training's pure parts (Distributed.h): what each launcher's environment means,
// the case shards, and the draw seeds. The processes themselves: tests/engine/test_distributed_training.
#include "Distributed.h"

#include <QtTest/QtTest>

#include <map>
#include <set>

using namespace lnseg::model;

namespace {

DistributedEnvironment detect(const std::map<std::string, std::string>& variables)
{
    return detectDistributedEnvironment([&](const char* name) -> const char* {
        const auto found = variables.find(name);
        return found == variables.end() ? nullptr : found->second.c_str();
    });
}

}  // namespace

class DistributedTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noLauncherMeansOneProcess();
    void torchrun();
    void mpirun();
    void srun();
    void badValuesAreRejected();
    void shardsAreDisjointAndCover();
    void drawSeeds();
};

void DistributedTest::noLauncherMeansOneProcess()
{
    const DistributedEnvironment environment = detect({{"HOME", "/root"}});
    QVERIFY(!environment.active());
    QCOMPARE(environment.launcher, std::string("none"));
    // sbatch alone (no srun step) is one process too.
    QVERIFY(!detect({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "16"}}).active());
    QVERIFY(!detect({{"RANK", "0"}, {"WORLD_SIZE", "1"}}).active());
}

void DistributedTest::torchrun()
{
    const DistributedEnvironment environment = detect({{"RANK", "5"}, {"WORLD_SIZE", "16"}, {"LOCAL_RANK", "5"},
                                                       {"LOCAL_WORLD_SIZE", "8"}, {"MASTER_ADDR", "node01"}, {"MASTER_PORT", "29400"},
                                                       {"OMPI_COMM_WORLD_RANK", "0"}, {"OMPI_COMM_WORLD_SIZE", "1"}});
    QVERIFY(environment.active());
    QCOMPARE(environment.launcher, std::string("torchrun"));  // torchrun's variables win
    QCOMPARE(environment.rank, 5);
    QCOMPARE(environment.worldSize, 16);
    QCOMPARE(environment.localRank, 5);
    QCOMPARE(environment.localWorldSize, 8);
    QCOMPARE(environment.masterAddress, std::string("node01"));
    QCOMPARE(environment.masterPort, 29400);
    // Set by hand on one machine: loopback, the ranks share it.
    const DistributedEnvironment byHand = detect({{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}});
    QCOMPARE(byHand.localWorldSize, 2);
    QCOMPARE(byHand.localRank, 1);
    QCOMPARE(byHand.masterPort, 29500);
    QVERIFY(!byHand.launcherHostsStore);
    // torchrun 2.x hosting the store itself: every rank is its client, under a prefix per restart.
    const DistributedEnvironment agent = detect({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                                                 {"TORCHELASTIC_RESTART_COUNT", "3"}});
    QVERIFY(agent.launcherHostsStore);
    QCOMPARE(agent.storePrefix, std::string("lnseg/attempt_3/"));
}

void DistributedTest::mpirun()
{
    std::map<std::string, std::string> variables{{"OMPI_COMM_WORLD_RANK", "1"}, {"OMPI_COMM_WORLD_SIZE", "2"},
                                                 {"OMPI_COMM_WORLD_LOCAL_RANK", "1"}, {"OMPI_COMM_WORLD_LOCAL_SIZE", "2"},
                                                 {"OMPI_MCA_ess_base_jobid", "1004732417"}};
    const DistributedEnvironment environment = detect(variables);
    QCOMPARE(environment.launcher, std::string("mpirun"));
    QCOMPARE(environment.rank, 1);
    QCOMPARE(environment.worldSize, 2);
    QCOMPARE(environment.masterAddress, std::string("127.0.0.1"));
    QCOMPARE(environment.masterPort, 29500 + int((1004732417ull >> 16) % 1000));
    // Several nodes: MASTER_ADDR is needed.
    variables["OMPI_COMM_WORLD_SIZE"] = "4";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, detect(variables));
    variables["MASTER_ADDR"] = "10.0.0.1";
    variables["MASTER_PORT"] = "23456";
    QCOMPARE(detect(variables).masterAddress, std::string("10.0.0.1"));
    QCOMPARE(detect(variables).masterPort, 23456);
}

void DistributedTest::srun()
{
    const DistributedEnvironment environment =
        detect({{"SLURM_PROCID", "9"}, {"SLURM_STEP_NUM_TASKS", "16"}, {"SLURM_LOCALID", "1"}, {"SLURM_STEP_NUM_NODES", "2"},
                {"SLURM_STEP_TASKS_PER_NODE", "8(x2)"}, {"SLURM_LAUNCH_NODE_IPADDR", "10.1.2.3"}, {"SLURM_JOB_ID", "123456"}});
    QCOMPARE(environment.launcher, std::string("srun"));
    QCOMPARE(environment.rank, 9);
    QCOMPARE(environment.worldSize, 16);
    QCOMPARE(environment.localRank, 1);
    QCOMPARE(environment.localWorldSize, 8);
    QCOMPARE(environment.masterAddress, std::string("10.1.2.3"));
    QCOMPARE(environment.masterPort, 29500 + 456);
}

void DistributedTest::badValuesAreRejected()
{
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, detect({{"RANK", "2"}, {"WORLD_SIZE", "2"}}));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, detect({{"RANK", "x"}, {"WORLD_SIZE", "2"}}));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, detect({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}}));
}

void DistributedTest::shardsAreDisjointAndCover()
{
    std::vector<std::string> order;
    for (int index = 0; index < 11; ++index)
        order.push_back("case" + std::to_string(index));
    for (int worldSize : {1, 2, 3, 11}) {
        std::multiset<std::string> seen;
        for (int rank = 0; rank < worldSize; ++rank) {
            const auto shard = shardCases(order, rank, worldSize);
            QVERIFY(!shard.empty());
            seen.insert(shard.begin(), shard.end());
        }
        QCOMPARE(seen, std::multiset<std::string>(order.begin(), order.end()));  // each case exactly once
    }
    QCOMPARE(shardCases(order, 0, 1), order);  // one process: every case, in order
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, shardCases(order, 0, 12));
}

void DistributedTest::drawSeeds()
{
    QCOMPARE(drawSeed(7, 3, 0), 7ull * 1000003ull + 3ull);  // rank 0 draws as a single process always did
    QVERIFY(drawSeed(7, 3, 1) != drawSeed(7, 3, 0));
    QVERIFY(drawSeed(7, 3, 1) != drawSeed(7, 4, 1));
}

QTEST_GUILESS_MAIN(DistributedTest)
#include "test_distributed.moc"
