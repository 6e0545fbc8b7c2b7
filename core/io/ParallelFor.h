#pragma once
// A minimal fork-join loop over [0, count) on a few std::threads. Work items are claimed one at
// a time from an atomic counter, so uneven items (big and small files) balance themselves.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace lnseg {

inline int resolveThreadCount(int requested, std::size_t workItems)
{
    int threads = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::max(1, threads);
    return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), std::max<std::size_t>(1, workItems)));
}

// Runs body(index) for every index. `body` must not throw (catch inside and record the error).
// `whileWaiting` (optional) runs on the calling thread about every 50 ms until all work is done.
void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& body,
                 const std::function<void()>& whileWaiting = {});

}  // namespace lnseg
