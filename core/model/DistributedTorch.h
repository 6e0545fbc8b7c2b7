#pragma once
// The data-parallel machinery of Distributed.h that needs LibTorch. Include it only from the few
// .cpp files that train (it pulls in <torch/torch.h>; the c10d headers stay in Distributed.cpp).

#include "Distributed.h"

#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace lnseg::model {

// A collective or the rendezvous failed: a rank died, hung, never arrived, or the port is taken.
// The message names the rank(s) where that can be known.
class DistributedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class DataParallel {
public:
    // Rendezvous and process group. `device` is the training device (CUDA: the caller already
    // picked LOCAL_RANK's GPU). Throws DistributedError (port in use, a rank that never arrives,
    // ...) or std::runtime_error (this build has no such backend).
    static std::unique_ptr<DataParallel> create(const DistributedEnvironment& environment,
                                                const DistributedOptions& options, const torch::Device& device);
    ~DataParallel();
    DataParallel(const DataParallel&) = delete;
    DataParallel& operator=(const DataParallel&) = delete;

    int rank() const;
    int worldSize() const;
    const std::string& backend() const;

    // Copies rank 0's values of these tensors (parameters and buffers) into every rank's.
    void broadcastFromRank0(const std::vector<torch::Tensor>& tensors);
    // Averages these tensors over the ranks in place (BatchNorm running statistics).
    void average(const std::vector<torch::Tensor>& tensors);
    // Element-wise sum over the ranks (small control values: loss, stop flags).
    std::vector<double> sum(const std::vector<double>& values);
    // The largest absolute difference between this rank's tensors and rank 0's, maximised over the
    // ranks (every rank gets the same value): 0 when the replicas are identical.
    double maxDifferenceFromRank0(const std::vector<torch::Tensor>& tensors);

    // Gradient averaging. attach() groups the parameters into buckets (reverse order, about
    // `bucketMegabytes` each) and, with `overlap`, registers gradient hooks that all-reduce a bucket
    // as soon as its last gradient arrives during backward (buckets start in the same order on
    // every rank). Call beginStep() before backward and finishGradients() after it: it all-reduces
    // what the hooks did not, waits, and writes the average (sum / world size) into each .grad.
    void attach(const std::vector<torch::Tensor>& parameters, double bucketMegabytes, bool overlap);
    void beginStep();
    void finishGradients();
    std::size_t bucketCount() const;
    // Seconds spent in finishGradients (the all-reduce that backward did not hide, and the copies).
    double gradientSeconds() const;

    // Rank 0 does something alone (validation, checkpoint): it calls startHeartbeat(), works, then
    // done(name); the others waitForRank0(name). A background thread of rank 0 beats while it works,
    // so the others wait as long as that takes, but give up within the timeout when rank 0's process
    // is gone or frozen (validation itself exchanges nothing, so it cannot deadlock).
    void startHeartbeat();
    void done(const std::string& name);
    void waitForRank0(const std::string& name);

    // Ends the job in order (every rank calls it after the last collective).
    void shutdown();

    struct Impl;

private:
    explicit DataParallel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace lnseg::model
