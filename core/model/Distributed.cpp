// Data-parallel training on c10d: the launcher's environment, the rendezvous (a c10d TCPStore that
// rank 0 hosts), the process group (Gloo; NCCL when built with it), the broadcast and the bucketed
// gradient all-reduce. See Distributed.h and ARCHITECTURE.md ("Training on several processes").
//
// The c10d headers need USE_C10D_GLOO / USE_C10D_NCCL, which CMake defines for this file only when
// it finds Gloo's headers (Debian: libgloo-dev) and NCCL's; without them LNSEG_WITH_C10D is unset and
// the torch-free parts still build (a job launched by torchrun then stops with a clear error).
#include "DistributedTorch.h"

#ifdef LNSEG_WITH_C10D
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef LNSEG_WITH_NCCL
#include <c10/cuda/CUDAFunctions.h>
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#endif

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sstream>
#include <thread>

namespace lnseg::model {

// ---------------------------------------------------------------------------------------------
// The launcher's environment (no LibTorch needed)

namespace {

int parseInteger(const char* name, const char* text)
{
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 0 || value > 1000000)
        throw std::runtime_error(std::string("distributed training: ") + name + "='" + text + "' is not a valid number");
    return int(value);
}

bool isLoopback(const std::string& address)
{
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

}  // namespace

std::string DistributedEnvironment::describe() const
{
    std::ostringstream text;
    text << "rank " << rank << " of " << worldSize << " (" << launcher << ", local rank " << localRank << " of "
         << localWorldSize << "), rendezvous " << masterAddress << ":" << masterPort;
    return text.str();
}

DistributedEnvironment detectDistributedEnvironment(const std::function<const char*(const char*)>& lookup)
{
    auto get = [&](const char* name) -> const char* {
        const char* value = lookup ? lookup(name) : std::getenv(name);
        return value && *value ? value : nullptr;
    };
    auto integer = [&](const char* name, int fallback) { return get(name) ? parseInteger(name, get(name)) : fallback; };
    DistributedEnvironment environment;
    const char* masterAddress = get("MASTER_ADDR");
    const char* masterPort = get("MASTER_PORT");
    int defaultPort = 29500;
    bool allOnOneNode = false;
    std::string fallbackAddress;
    if (get("RANK") && get("WORLD_SIZE")) {
        environment.launcher = "torchrun";
        environment.rank = integer("RANK", 0);
        environment.worldSize = integer("WORLD_SIZE", 1);
        environment.localRank = integer("LOCAL_RANK", environment.rank);
        // torchrun sets LOCAL_WORLD_SIZE; set by hand without it, ranks on loopback share one node.
        const bool loopback = !masterAddress || isLoopback(masterAddress);
        environment.localWorldSize = integer("LOCAL_WORLD_SIZE", loopback ? environment.worldSize : 1);
        allOnOneNode = true;  // the address defaults to 127.0.0.1 when MASTER_ADDR is missing (torchrun sets it)
        if (const char* agentStore = get("TORCHELASTIC_USE_AGENT_STORE"); agentStore && std::string(agentStore) == "True") {
            environment.launcherHostsStore = true;
            environment.storePrefix = std::string("lnseg/attempt_") +
                                      (get("TORCHELASTIC_RESTART_COUNT") ? get("TORCHELASTIC_RESTART_COUNT") : "0") + "/";
        }
    } else if (get("OMPI_COMM_WORLD_RANK") && get("OMPI_COMM_WORLD_SIZE")) {
        environment.launcher = "mpirun";
        environment.rank = integer("OMPI_COMM_WORLD_RANK", 0);
        environment.worldSize = integer("OMPI_COMM_WORLD_SIZE", 1);
        environment.localRank = integer("OMPI_COMM_WORLD_LOCAL_RANK", 0);
        environment.localWorldSize = integer("OMPI_COMM_WORLD_LOCAL_SIZE", 1);
        allOnOneNode = environment.localWorldSize == environment.worldSize;
        // OpenMPI's job id: its upper 16 bits (the job family) differ between mpirun invocations.
        if (const char* job = get("OMPI_MCA_ess_base_jobid"))
            defaultPort += int((std::strtoull(job, nullptr, 10) >> 16) % 1000);
    } else if (get("SLURM_PROCID") && get("SLURM_STEP_NUM_TASKS")) {  // srun sets the STEP variables; sbatch alone does not
        environment.launcher = "srun";
        environment.rank = integer("SLURM_PROCID", 0);
        environment.worldSize = integer("SLURM_STEP_NUM_TASKS", 1);
        environment.localRank = integer("SLURM_LOCALID", 0);
        allOnOneNode = integer("SLURM_STEP_NUM_NODES", 1) == 1;
        // SLURM_STEP_TASKS_PER_NODE reads like "8(x2)" or "4,3": the first number is this node's at most.
        if (const char* perNode = get("SLURM_STEP_TASKS_PER_NODE"))
            environment.localWorldSize = std::max(1, std::atoi(perNode));
        if (allOnOneNode)
            environment.localWorldSize = environment.worldSize;
        if (const char* launchNode = get("SLURM_LAUNCH_NODE_IPADDR"))
            fallbackAddress = launchNode;  // srun runs on the allocation's first node, which holds task 0
        if (const char* job = get("SLURM_JOB_ID"))
            defaultPort += int(std::strtoull(job, nullptr, 10) % 1000);
    } else {
        return environment;
    }
    if (environment.worldSize < 1 || environment.rank >= environment.worldSize)
        throw std::runtime_error("distributed training (" + environment.launcher + "): rank " +
                                 std::to_string(environment.rank) + " is not within a world of " +
                                 std::to_string(environment.worldSize) + " processes");
    environment.localWorldSize = std::clamp(environment.localWorldSize, 1, environment.worldSize);
    if (masterAddress)
        environment.masterAddress = masterAddress;
    else if (allOnOneNode)
        environment.masterAddress = "127.0.0.1";
    else if (!fallbackAddress.empty())
        environment.masterAddress = fallbackAddress;
    else if (environment.active())
        throw std::runtime_error("distributed training (" + environment.launcher +
                                 "): the ranks run on several nodes; set MASTER_ADDR to rank 0's host name or address "
                                 "(mpirun: -x MASTER_ADDR=host)");
    environment.masterPort = masterPort ? parseInteger("MASTER_PORT", masterPort) : defaultPort;
    if (environment.masterPort < 1 || environment.masterPort > 65535)
        throw std::runtime_error("distributed training: MASTER_PORT must be from 1 to 65535");
    return environment;
}

std::string distributedBackendsBuiltIn()
{
#if defined(LNSEG_WITH_C10D) && defined(LNSEG_WITH_NCCL)
    return "gloo,nccl";
#elif defined(LNSEG_WITH_C10D)
    return "gloo";
#else
    return "";
#endif
}

std::vector<std::string> shardCases(const std::vector<std::string>& order, int rank, int worldSize)
{
    if (worldSize < 1 || rank < 0 || rank >= worldSize)
        throw std::invalid_argument("shardCases: rank outside the world");
    if (order.size() < std::size_t(worldSize))
        throw std::runtime_error("distributed training: " + std::to_string(order.size()) + " training case(s) cannot be " +
                                 "shared among " + std::to_string(worldSize) +
                                 " processes (every process needs at least one case of its own)");
    std::vector<std::string> shard;
    for (std::size_t index = std::size_t(rank); index < order.size(); index += std::size_t(worldSize))
        shard.push_back(order[index]);
    return shard;
}

unsigned long long drawSeed(unsigned long long seed, long long globalStep, int rank)
{
    return seed * 1000003ull + static_cast<unsigned long long>(globalStep) +
           static_cast<unsigned long long>(rank) * 0x9e3779b97f4a7c15ull;
}

// ---------------------------------------------------------------------------------------------
// The process group

#ifdef LNSEG_WITH_C10D

namespace {

std::string firstLine(const std::exception& error)
{
    std::string text;
    if (const auto* c10Error = dynamic_cast<const c10::Error*>(&error))
        text = c10Error->what_without_backtrace();
    else
        text = error.what();
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

// The few collectives used here, over ProcessGroupGloo / ProcessGroupNCCL. In LibTorch 1.13 both
// derive from c10d::ProcessGroup, in 2.x from c10d::Backend: a template keeps this file on the
// methods the two have in common.
struct Collectives {
    virtual ~Collectives() = default;
    virtual c10::intrusive_ptr<c10d::Work> allreduce(std::vector<at::Tensor>& tensors, c10d::ReduceOp op) = 0;
    virtual c10::intrusive_ptr<c10d::Work> broadcast(std::vector<at::Tensor>& tensors) = 0;
    virtual void leak() = 0;
};

template <class Group>
struct CollectivesOf : Collectives {
    explicit CollectivesOf(c10::intrusive_ptr<Group> group) : group(std::move(group)) {}
    c10::intrusive_ptr<c10d::Work> allreduce(std::vector<at::Tensor>& tensors, c10d::ReduceOp op) override
    {
        c10d::AllreduceOptions options;
        options.reduceOp = op;
        return group->allreduce(tensors, options);
    }
    c10::intrusive_ptr<c10d::Work> broadcast(std::vector<at::Tensor>& tensors) override
    {
        c10d::BroadcastOptions options;
        options.rootRank = 0;
        return group->broadcast(tensors, options);
    }
    // After a failure the group's worker threads may still wait on a dead peer: its destructor would
    // join them. The process is about to exit with an error; let it go without that wait.
    void leak() override { (void)group.release(); }
    c10::intrusive_ptr<Group> group;
};

}  // namespace

struct DataParallel::Impl {
    DistributedEnvironment environment;
    DistributedOptions options;
    torch::Device device{torch::kCPU};
    std::string backend;
    std::chrono::milliseconds timeout{300000};
    c10::intrusive_ptr<c10d::Store> store;
    std::unique_ptr<Collectives> group;
    bool failed = false;

    struct Bucket {
        std::vector<std::size_t> parameters;  // indices into `parameters`
        std::vector<std::int64_t> offsets;
        torch::Tensor flat;
        std::vector<bool> filled;
        std::size_t pending = 0;
        bool launched = false;
        c10::intrusive_ptr<c10d::Work> work;
    };
    std::vector<torch::Tensor> parameters;
    std::vector<std::pair<std::size_t, std::size_t>> location;  // parameter -> (bucket, slot)
    std::vector<Bucket> buckets;
    std::size_t nextBucket = 0;
    bool overlap = true;
    bool inStep = false;
    double gradientSeconds = 0;
    std::vector<std::pair<torch::Tensor, unsigned>> hooks;
    std::string hookError;
    std::mutex hookMutex;  // hooks run on autograd's threads (one per device)
    std::thread heartbeat;
    std::mutex heartbeatMutex;
    std::condition_variable heartbeatWake;
    bool beating = false;

    void stopHeartbeat()
    {
        {
            std::lock_guard<std::mutex> lock(heartbeatMutex);
            beating = false;
        }
        heartbeatWake.notify_all();
        if (heartbeat.joinable())
            heartbeat.join();
    }

    int rank() const { return environment.rank; }

    // Which ranks still answer: each surviving rank announces itself on the store, and whoever stays
    // silent for a few seconds is named. When the store itself is gone, rank 0 (its host) is.
    std::string diagnose()
    {
        if (!store)
            return "";
        try {
            store->set("failure/alive/" + std::to_string(rank()), std::vector<std::uint8_t>{1});
            std::vector<int> silent;
            const auto deadline = std::chrono::steady_clock::now() + std::min<std::chrono::milliseconds>(timeout, std::chrono::seconds(5));
            do {
                silent.clear();
                for (int other = 0; other < environment.worldSize; ++other)
                    if (other != rank() && !store->check({"failure/alive/" + std::to_string(other)}))
                        silent.push_back(other);
                if (silent.empty())
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            } while (std::chrono::steady_clock::now() < deadline);
            if (silent.empty())
                return "every rank still answers";
            std::string names;
            for (int other : silent)
                names += (names.empty() ? "" : ", ") + std::to_string(other);
            return (silent.size() == 1 ? "rank " : "ranks ") + names +
                   " stopped answering (died, was killed or hangs)";
        } catch (const std::exception&) {
            return rank() == 0 ? "the rendezvous store does not answer"
                               : "rank 0 stopped answering (died, was killed or hangs; it hosts the rendezvous store)";
        }
    }

    [[noreturn]] void fail(const std::string& during, const std::string& detail)
    {
        failed = true;
        const std::string who = diagnose();
        throw DistributedError("distributed training, rank " + std::to_string(rank()) + " of " +
                               std::to_string(environment.worldSize) + ": " + (who.empty() ? "" : who + "; ") +
                               "stopped during " + during + " (" + detail + ")");
    }

    template <class F>
    auto guarded(const std::string& during, F&& action) -> decltype(action())
    {
        try {
            return action();
        } catch (const DistributedError&) {
            throw;
        } catch (const std::exception& error) {
            fail(during, firstLine(error));
        }
    }

    void wait(const c10::intrusive_ptr<c10d::Work>& work, const std::string& during)
    {
        guarded(during, [&] { work->wait(); });
    }

    void launch(std::size_t index)
    {
        Bucket& bucket = buckets[index];
        for (std::size_t slot = 0; slot < bucket.parameters.size(); ++slot)
            if (!bucket.filled[slot]) {  // no gradient reached it this step: it contributes zeros
                const auto& p = parameters[bucket.parameters[slot]];
                bucket.flat.narrow(0, bucket.offsets[slot], p.numel()).zero_();
            }
        std::vector<at::Tensor> tensors{bucket.flat};
        bucket.work = group->allreduce(tensors, c10d::ReduceOp::SUM);
        bucket.launched = true;
    }

    // Buckets start strictly in index order, on every rank alike (c10d matches collectives by order).
    void launchReady()
    {
        while (nextBucket < buckets.size() && buckets[nextBucket].pending == 0) {
            launch(nextBucket);
            ++nextBucket;
        }
    }

    void onGradient(std::size_t parameter, const torch::Tensor& gradient)
    {
        std::lock_guard<std::mutex> lock(hookMutex);
        if (!inStep || !hookError.empty())
            return;
        try {
            const auto [bucketIndex, slot] = location[parameter];
            Bucket& bucket = buckets[bucketIndex];
            if (bucket.filled[slot] || bucket.launched)
                return;
            bucket.flat.narrow(0, bucket.offsets[slot], gradient.numel()).copy_(gradient.reshape({-1}));
            bucket.filled[slot] = true;
            --bucket.pending;
            launchReady();
        } catch (const std::exception& error) {
            hookError = firstLine(error);  // thrown by finishGradients, outside autograd
        }
    }
};

DataParallel::DataParallel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

DataParallel::~DataParallel()
{
    if (!m_impl)
        return;
    m_impl->stopHeartbeat();
    for (auto& [parameter, hook] : m_impl->hooks)
        parameter.remove_hook(hook);
    if (m_impl->failed) {
        if (m_impl->group)
            m_impl->group->leak();
        (void)m_impl->store.release();
    }
}

std::unique_ptr<DataParallel> DataParallel::create(const DistributedEnvironment& environment,
                                                   const DistributedOptions& options, const torch::Device& device)
{
    auto impl = std::make_unique<Impl>();
    impl->environment = environment;
    impl->options = options;
    impl->device = device;
    impl->timeout = std::chrono::milliseconds(std::int64_t(std::max(1.0, options.timeoutSeconds) * 1000));
    std::string backend = options.backend;
    if (backend == "auto") {
#ifdef LNSEG_WITH_NCCL
        backend = device.is_cuda() ? "nccl" : "gloo";
#else
        backend = "gloo";
#endif
    }
    if (backend != "gloo" && backend != "nccl")
        throw std::runtime_error("distributed training: unknown backend '" + backend + "' (gloo or nccl)");
#ifndef LNSEG_WITH_NCCL
    if (backend == "nccl")
        throw std::runtime_error("distributed training: this build has no NCCL (built with: " + distributedBackendsBuiltIn() + ")");
#endif
    if (backend == "nccl" && !device.is_cuda())
        throw std::runtime_error("distributed training: NCCL needs --device cuda");
    impl->backend = backend;
    const std::string where = environment.masterAddress + ":" + std::to_string(environment.masterPort);
    const double seconds = std::max(1.0, options.timeoutSeconds);
    char secondsText[32];
    std::snprintf(secondsText, sizeof secondsText, "%g s", seconds);

    // Rendezvous: rank 0 hosts a TCPStore, the others connect to it.
    c10d::TCPStoreOptions storeOptions;
    storeOptions.port = std::uint16_t(environment.masterPort);
    storeOptions.isServer = environment.rank == 0 && !environment.launcherHostsStore;
    storeOptions.numWorkers = std::size_t(environment.worldSize);
    storeOptions.waitWorkers = false;  // arrivals are checked below, naming the ranks that are missing
    storeOptions.timeout = impl->timeout;
    try {
        impl->store = c10::make_intrusive<c10d::TCPStore>(environment.masterAddress, storeOptions);
        if (!environment.storePrefix.empty())
            impl->store = c10::make_intrusive<c10d::PrefixStore>(environment.storePrefix, impl->store);
    } catch (const std::exception& error) {
        const std::string detail = firstLine(error);
        if (environment.rank == 0 && (detail.find("in use") != std::string::npos || detail.find("bind") != std::string::npos ||
                                      detail.find("errno: 98") != std::string::npos))
            throw DistributedError("distributed training, rank 0: cannot host the rendezvous on port " +
                                   std::to_string(environment.masterPort) +
                                   ": the port is in use (another training job?); choose a free one with MASTER_PORT (" +
                                   detail + ")");
        throw DistributedError("distributed training, rank " + std::to_string(environment.rank) +
                               ": cannot reach the rendezvous at " + where + " within " + secondsText +
                               " (is rank 0 running, with the same MASTER_ADDR and MASTER_PORT?) (" + detail + ")");
    }
    // Every rank announces itself, then waits for the others; the ones that never come are named.
    try {
        impl->store->set("arrived/" + std::to_string(environment.rank), std::vector<std::uint8_t>{1});
        const auto deadline = std::chrono::steady_clock::now() + impl->timeout;
        std::vector<int> missing;
        for (;;) {
            missing.clear();
            for (int other = 0; other < environment.worldSize; ++other)
                if (!impl->store->check({"arrived/" + std::to_string(other)}))
                    missing.push_back(other);
            if (missing.empty() || std::chrono::steady_clock::now() > deadline)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!missing.empty()) {
            std::string names;
            for (int other : missing)
                names += (names.empty() ? "" : ", ") + std::to_string(other);
            throw DistributedError("distributed training, rank " + std::to_string(environment.rank) + ": " +
                                   (missing.size() == 1 ? "rank " : "ranks ") + names + " of " +
                                   std::to_string(environment.worldSize) + " never arrived at the rendezvous at " + where +
                                   " within " + secondsText);
        }
    } catch (const DistributedError&) {
        throw;
    } catch (const std::exception& error) {
        throw DistributedError("distributed training, rank " + std::to_string(environment.rank) + ": the rendezvous at " +
                               where + " failed (rank 0 gone?) (" + firstLine(error) + ")");
    }

    auto prefixed = c10::make_intrusive<c10d::PrefixStore>(backend, impl->store);
    try {
        if (backend == "gloo") {
            auto groupOptions = c10d::ProcessGroupGloo::Options::create(impl->timeout);
            if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
                groupOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
            else if (isLoopback(environment.masterAddress))
                groupOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
            else
                groupOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
            impl->group = std::make_unique<CollectivesOf<c10d::ProcessGroupGloo>>(c10::make_intrusive<c10d::ProcessGroupGloo>(
                prefixed, environment.rank, environment.worldSize, groupOptions));
        }
#ifdef LNSEG_WITH_NCCL
        if (backend == "nccl") {
            // Without blocking waits a dead peer leaves NCCL's kernels spinning: make wait() honour the timeout.
            setenv("NCCL_BLOCKING_WAIT", "1", 0);         // LibTorch 1.x
            setenv("TORCH_NCCL_BLOCKING_WAIT", "1", 0);   // LibTorch 2.x
            c10::cuda::set_device(device.index());
            auto groupOptions = c10d::ProcessGroupNCCL::Options::create();
            groupOptions->timeout = impl->timeout;
            impl->group = std::make_unique<CollectivesOf<c10d::ProcessGroupNCCL>>(c10::make_intrusive<c10d::ProcessGroupNCCL>(
                prefixed, environment.rank, environment.worldSize, groupOptions));
        }
#endif
    } catch (const std::exception& error) {
        impl->failed = true;
        throw DistributedError("distributed training, rank " + std::to_string(environment.rank) + ": cannot start the " +
                               backend + " process group (" + firstLine(error) + ")");
    }
    auto result = std::unique_ptr<DataParallel>(new DataParallel(std::move(impl)));
    // The first collective: every rank's group is connected to every other one.
    result->sum({1.0});
    return result;
}

int DataParallel::rank() const { return m_impl->environment.rank; }
int DataParallel::worldSize() const { return m_impl->environment.worldSize; }
const std::string& DataParallel::backend() const { return m_impl->backend; }
std::size_t DataParallel::bucketCount() const { return m_impl->buckets.size(); }

void DataParallel::broadcastFromRank0(const std::vector<torch::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    for (const auto& tensor : tensors) {
        std::vector<at::Tensor> one{tensor.is_contiguous() ? tensor : tensor.contiguous()};
        m_impl->wait(m_impl->guarded("the broadcast of rank 0's weights", [&] { return m_impl->group->broadcast(one); }),
                     "the broadcast of rank 0's weights");
        if (!one.front().is_same(tensor))
            tensor.copy_(one.front());
    }
}

void DataParallel::average(const std::vector<torch::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> floating;
    for (const auto& tensor : tensors)
        if (tensor.defined() && tensor.is_floating_point())
            floating.push_back(tensor.reshape({-1}));
    if (floating.empty())
        return;
    std::vector<at::Tensor> flat{torch::cat(floating)};
    const std::string during = "the averaging of the BatchNorm statistics";
    m_impl->wait(m_impl->guarded(during, [&] { return m_impl->group->allreduce(flat, c10d::ReduceOp::SUM); }), during);
    flat.front().div_(double(worldSize()));
    std::int64_t offset = 0;
    for (const auto& tensor : tensors)
        if (tensor.defined() && tensor.is_floating_point()) {
            tensor.copy_(flat.front().narrow(0, offset, tensor.numel()).view_as(tensor));
            offset += tensor.numel();
        }
}

std::vector<double> DataParallel::sum(const std::vector<double>& values)
{
    std::vector<at::Tensor> tensor{torch::tensor(values, torch::kFloat64).to(m_impl->device)};
    const std::string during = "a step's control exchange";
    m_impl->wait(m_impl->guarded(during, [&] { return m_impl->group->allreduce(tensor, c10d::ReduceOp::SUM); }), during);
    const auto host = tensor.front().to(torch::kCPU);
    return std::vector<double>(host.data_ptr<double>(), host.data_ptr<double>() + host.numel());
}

double DataParallel::maxDifferenceFromRank0(const std::vector<torch::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> pieces;
    for (const auto& tensor : tensors)
        pieces.push_back(tensor.detach().reshape({-1}).to(torch::kFloat64));
    const torch::Tensor mine = torch::cat(pieces);
    std::vector<at::Tensor> theirs{mine.clone()};
    const std::string during = "the final comparison of the replicas";
    m_impl->wait(m_impl->guarded(during, [&] { return m_impl->group->broadcast(theirs); }), during);
    std::vector<at::Tensor> difference{(mine - theirs.front()).abs().max().reshape({1})};
    m_impl->wait(m_impl->guarded(during, [&] { return m_impl->group->allreduce(difference, c10d::ReduceOp::MAX); }), during);
    return difference.front().to(torch::kCPU).item<double>();
}

void DataParallel::attach(const std::vector<torch::Tensor>& parameters, double bucketMegabytes, bool overlap)
{
    Impl& impl = *m_impl;
    impl.parameters = parameters;
    impl.overlap = overlap;
    impl.location.assign(parameters.size(), {0, 0});
    const std::int64_t capacity = std::int64_t(std::max(0.01, bucketMegabytes) * 1024 * 1024);
    // Reverse order: backward produces the last layers' gradients first.
    std::int64_t bytes = capacity;  // forces a first bucket
    for (std::size_t k = parameters.size(); k-- > 0;) {
        const auto& p = parameters[k];
        if (!p.requires_grad())
            continue;
        const std::int64_t size = p.numel() * std::int64_t(p.element_size());
        if (bytes + size > capacity && !(impl.buckets.size() && impl.buckets.back().parameters.empty())) {
            impl.buckets.emplace_back();
            bytes = 0;
        }
        auto& bucket = impl.buckets.back();
        impl.location[k] = {impl.buckets.size() - 1, bucket.parameters.size()};
        bucket.offsets.push_back(bucket.parameters.empty() ? 0 : bucket.offsets.back() + parameters[bucket.parameters.back()].numel());
        bucket.parameters.push_back(k);
        bytes += size;
    }
    for (auto& bucket : impl.buckets) {
        const auto& last = parameters[bucket.parameters.back()];
        bucket.flat = torch::zeros({bucket.offsets.back() + last.numel()}, last.options().requires_grad(false));
        bucket.filled.assign(bucket.parameters.size(), false);
    }
    if (overlap)
        for (auto& bucket : impl.buckets)
            for (std::size_t index : bucket.parameters) {
                torch::Tensor p = parameters[index];
                const unsigned hook =
                    p.register_hook([&impl, index](const torch::Tensor& gradient) { impl.onGradient(index, gradient); });
                impl.hooks.emplace_back(p, hook);
            }
}

void DataParallel::beginStep()
{
    Impl& impl = *m_impl;
    std::lock_guard<std::mutex> lock(impl.hookMutex);
    for (auto& bucket : impl.buckets) {
        std::fill(bucket.filled.begin(), bucket.filled.end(), false);
        bucket.pending = bucket.parameters.size();
        bucket.launched = false;
        bucket.work.reset();
    }
    impl.nextBucket = 0;
    impl.inStep = true;
}

void DataParallel::finishGradients()
{
    Impl& impl = *m_impl;
    const auto started = std::chrono::steady_clock::now();
    torch::NoGradGuard noGrad;
    const std::string during = "the gradient all-reduce";
    {
        std::lock_guard<std::mutex> lock(impl.hookMutex);
        impl.inStep = false;
        if (!impl.hookError.empty())
            impl.fail(during, impl.hookError);
        impl.guarded(during, [&] {
            for (; impl.nextBucket < impl.buckets.size(); ++impl.nextBucket) {
                auto& bucket = impl.buckets[impl.nextBucket];
                if (!impl.overlap)
                    for (std::size_t slot = 0; slot < bucket.parameters.size(); ++slot) {
                        const auto& gradient = impl.parameters[bucket.parameters[slot]].grad();
                        if (gradient.defined()) {
                            bucket.flat.narrow(0, bucket.offsets[slot], gradient.numel()).copy_(gradient.reshape({-1}));
                            bucket.filled[slot] = true;
                        }
                    }
                impl.launch(impl.nextBucket);
            }
        });
    }
    for (auto& bucket : impl.buckets) {
        impl.wait(bucket.work, during);
        bucket.flat.div_(double(worldSize()));
        for (std::size_t slot = 0; slot < bucket.parameters.size(); ++slot) {
            torch::Tensor p = impl.parameters[bucket.parameters[slot]];
            const auto average = bucket.flat.narrow(0, bucket.offsets[slot], p.numel()).view_as(p);
            if (p.grad().defined())
                p.mutable_grad().copy_(average);
            else
                p.mutable_grad() = average.clone();
        }
    }
    impl.gradientSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

double DataParallel::gradientSeconds() const { return m_impl->gradientSeconds; }

void DataParallel::done(const std::string& name)
{
    m_impl->stopHeartbeat();
    m_impl->guarded("announcing " + name, [&] { m_impl->store->set("rank0/done/" + name, std::vector<std::uint8_t>{1}); });
}

void DataParallel::startHeartbeat()
{
    Impl& impl = *m_impl;
    impl.stopHeartbeat();
    impl.beating = true;
    impl.heartbeat = std::thread([&impl] {
        std::unique_lock<std::mutex> lock(impl.heartbeatMutex);
        while (impl.beating) {
            try {
                impl.store->add("rank0/progress", 1);
            } catch (const std::exception&) {
                return;  // the next collective reports it
            }
            impl.heartbeatWake.wait_for(lock, std::chrono::milliseconds(500));
        }
    });
}

void DataParallel::waitForRank0(const std::string& name)
{
    Impl& impl = *m_impl;
    const std::string during = "the wait for rank 0's " + name;
    std::int64_t seen = -1;
    auto lastChange = std::chrono::steady_clock::now();
    for (;;) {
        bool finished = false;
        std::int64_t counter = 0;
        try {
            finished = impl.store->check({"rank0/done/" + name});
            counter = impl.store->add("rank0/progress", 0);
        } catch (const std::exception& error) {
            impl.failed = true;
            throw DistributedError("distributed training, rank " + std::to_string(rank()) + " of " +
                                   std::to_string(worldSize()) +
                                   ": rank 0 stopped answering (died, was killed or hangs; it hosts the rendezvous store); "
                                   "stopped during " + during + " (" + firstLine(error) + ")");
        }
        if (finished)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (counter != seen) {
            seen = counter;
            lastChange = now;
        } else if (now - lastChange > impl.timeout) {
            impl.failed = true;
            throw DistributedError("distributed training, rank " + std::to_string(rank()) + " of " +
                                   std::to_string(worldSize()) + ": rank 0 sent no heartbeat for " +
                                   std::to_string(impl.timeout.count() / 1000) + " s (frozen or unreachable); stopped during " + during);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

void DataParallel::shutdown()
{
    Impl& impl = *m_impl;
    // Rank 0 hosts the store: it leaves last, when every other rank has said goodbye.
    impl.guarded("the end of the job", [&] {
        impl.store->set("finished/" + std::to_string(rank()), std::vector<std::uint8_t>{1});
        if (rank() != 0)
            return;
        const auto deadline = std::chrono::steady_clock::now() + impl.timeout;
        for (int other = 1; other < worldSize(); ++other)
            while (!impl.store->check({"finished/" + std::to_string(other)})) {
                if (std::chrono::steady_clock::now() > deadline)
                    throw std::runtime_error("rank " + std::to_string(other) + " did not finish");
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
    });
}

#else  // no c10d in this build

struct DataParallel::Impl {};
DataParallel::DataParallel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DataParallel::~DataParallel() = default;
std::unique_ptr<DataParallel> DataParallel::create(const DistributedEnvironment& environment, const DistributedOptions&,
                                                   const torch::Device&)
{
    throw std::runtime_error("distributed training (" + environment.describe() +
                             "): this build of lnseg has no c10d process group (Gloo's headers, Debian's libgloo-dev, "
                             "were missing when it was built); run one process, or rebuild with them");
}
int DataParallel::rank() const { return 0; }
int DataParallel::worldSize() const { return 1; }
const std::string& DataParallel::backend() const { static const std::string none = "none"; return none; }
std::size_t DataParallel::bucketCount() const { return 0; }
double DataParallel::gradientSeconds() const { return 0; }
void DataParallel::broadcastFromRank0(const std::vector<torch::Tensor>&) {}
void DataParallel::average(const std::vector<torch::Tensor>&) {}
std::vector<double> DataParallel::sum(const std::vector<double>& values) { return values; }
double DataParallel::maxDifferenceFromRank0(const std::vector<torch::Tensor>&) { return 0; }
void DataParallel::attach(const std::vector<torch::Tensor>&, double, bool) {}
void DataParallel::beginStep() {}
void DataParallel::finishGradients() {}
void DataParallel::startHeartbeat() {}
void DataParallel::done(const std::string&) {}
void DataParallel::waitForRank0(const std::string&) {}
void DataParallel::shutdown() {}

#endif

}  // namespace lnseg::model
