#include "io/ParallelFor.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace lnseg {

void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& body,
                 const std::function<void()>& whileWaiting)
{
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable finished;
    int running = 0;
    auto worker = [&] {
        for (std::size_t index = next++; index < count; index = next++)
            body(index);
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        finished.notify_all();
    };
    const int threadCount = resolveThreadCount(threads, count);
    if (threadCount <= 1 && !whileWaiting) {
        for (std::size_t index = 0; index < count; ++index)
            body(index);
        return;
    }
    std::vector<std::thread> pool;
    running = threadCount;
    pool.reserve(static_cast<std::size_t>(threadCount));
    for (int thread = 0; thread < threadCount; ++thread)
        pool.emplace_back(worker);
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (running > 0) {
            finished.wait_for(lock, std::chrono::milliseconds(50));
            if (whileWaiting && running > 0) {
                lock.unlock();
                whileWaiting();
                lock.lock();
            }
        }
    }
    for (auto& thread : pool)
        thread.join();
}

}  // namespace lnseg
