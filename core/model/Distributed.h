#pragma once
// Data-parallel training on LibTorch's c10d (issue 14). Torch-free header: the launcher's
// environment, the options and the case sharding. The process group itself (Gloo on the CPU,
// NCCL on CUDA), the broadcast and the bucketed gradient all-reduce live in Distributed.cpp behind
// DistributedTorch.h, which only Training.cpp includes. See ARCHITECTURE.md, "Training on several
// processes".

#include <functional>
#include <string>
#include <vector>

namespace lnseg::model {

// Who this process is in a data-parallel job, from the environment its launcher set:
//   torchrun (or by hand): RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT;
//   OpenMPI's mpirun:      OMPI_COMM_WORLD_RANK, OMPI_COMM_WORLD_SIZE, OMPI_COMM_WORLD_LOCAL_RANK;
//   Slurm's srun:          SLURM_PROCID, SLURM_STEP_NUM_TASKS, SLURM_LOCALID.
// The first that is present wins (in that order). MASTER_ADDR / MASTER_PORT, when set, name the
// rendezvous (rank 0's c10d TCPStore) for every launcher; otherwise mpirun and srun jobs whose ranks
// all run on one node meet on 127.0.0.1, multi-node srun jobs on SLURM_LAUNCH_NODE_IPADDR, and the
// port is 29500 plus a number derived from the job id (so two jobs on one node do not collide).
struct DistributedEnvironment {
    std::string launcher = "none";  // "torchrun", "mpirun", "srun" or "none"
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    int localWorldSize = 1;
    std::string masterAddress;
    int masterPort = 0;
    // torchrun (PyTorch 2.x, c10d rendezvous) may host the store itself and say so with
    // TORCHELASTIC_USE_AGENT_STORE=True: then every rank, rank 0 too, connects to it as a client,
    // under a prefix per restart (TORCHELASTIC_RESTART_COUNT).
    bool launcherHostsStore = false;
    std::string storePrefix;
    bool active() const { return worldSize > 1; }
    std::string describe() const;  // "rank 1 of 2 (torchrun), rendezvous 127.0.0.1:29500"
};

// `lookup` returns the variable's value or nullptr (default: std::getenv). Throws
// std::runtime_error on inconsistent values (a rank outside 0..WORLD_SIZE-1, a missing
// MASTER_ADDR for a multi-node mpirun job, ...).
DistributedEnvironment detectDistributedEnvironment(const std::function<const char*(const char*)>& lookup = {});

struct DistributedOptions {
    // Join the process group the launcher's environment describes (when it describes one with
    // more than one process); false: always train alone.
    bool useEnvironment = true;
    std::string backend = "auto";   // "auto" (NCCL on CUDA when built in, else Gloo), "gloo", "nccl"
    // Rendezvous and every collective: a rank that has not answered after this long (died, hung,
    // never started) stops the others with an error that names it.
    double timeoutSeconds = 300;
    // Gradients are all-reduced in buckets of about this size. Smaller than PyTorch DDP's 25 MB:
    // these networks hold 3 MB (SNet 2d) to 8 MB (attention U-Net 2d) of weights, and a single
    // bucket could only start after the whole backward (ARCHITECTURE.md).
    double bucketMegabytes = 2;
    bool overlap = true;            // start a bucket's all-reduce from the gradient hooks, during backward
    // Reference runs and tests: one process reproduces `simulatedRanks` ranks exactly (each step
    // draws every rank's batch from that rank's shard and accumulates the gradients of their
    // losses / world size, which is what the all-reduce averages). 0: off.
    int simulatedRanks = 0;
};

// Whether this build can train on several processes, and with which backends ("gloo", "gloo,nccl",
// or "" when LibTorch's c10d headers or Gloo's were missing at build time).
std::string distributedBackendsBuiltIn();

// The training cases rank `rank` of `worldSize` draws from: every worldSize-th case of `order`
// (already shuffled by the seed), starting at `rank`. Shards are disjoint and cover `order`.
// Throws std::runtime_error when there are fewer cases than ranks.
std::vector<std::string> shardCases(const std::vector<std::string>& order, int rank, int worldSize);

// The seed of a rank's batch draws at a global step: a function of (seed, step, rank) only, so a
// resumed run, another world size's reference run and the ranks themselves agree. Rank 0 of a job
// draws as a single-process run does.
unsigned long long drawSeed(unsigned long long seed, long long globalStep, int rank);

}  // namespace lnseg::model
