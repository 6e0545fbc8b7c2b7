#include "review/TrainingRunner.h"

#include <QMetaObject>

#include <exception>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <filesystem>

namespace lnseg {

TrainingRunner::TrainingRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<model::TrainingProgress>();
    qRegisterMetaType<model::TrainingResult>();
    qRegisterMetaType<model::TrainingOptions>();
}

TrainingRunner::~TrainingRunner()
{
    cancel();
    join();
}

void TrainingRunner::join()
{
    if (m_worker.joinable())
        m_worker.join();
}

bool TrainingRunner::start(const model::TrainingOptions& options, std::unique_ptr<model::TrainingCaseSource> source,
                           AfterTraining afterTraining)
{
    if (m_running || !source)
        return false;
    join();
    m_cancel = false;
    m_paused = false;
    m_running = true;
    m_worker = std::thread([this, options, source = std::move(source), afterTraining = std::move(afterTraining)]() mutable {
#ifdef __linux__
        // Training yields to the interface: a lower priority for this thread (and the threads it
        // starts), so that a busy machine delays training steps, not repaints.
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
        auto onProgress = [this](const model::TrainingProgress& value) {
            QMetaObject::invokeMethod(this, [this, value] { Q_EMIT progress(value); }, Qt::QueuedConnection);
            waitWhilePaused();
        };
        // Results are delivered on the GUI thread; `m_running` is only touched there.
        auto deliver = [this](std::function<void()> emitter) {
            QMetaObject::invokeMethod(this, [this, emitter] {
                m_running = false;
                emitter();
            }, Qt::QueuedConnection);
        };
        // The workstation trains in one process, whatever launcher variables its environment holds.
        model::TrainingOptions oneProcess = options;
        oneProcess.distributed.useEnvironment = false;
        try {
            const model::TrainingResult result = model::trainModel(oneProcess, *source, onProgress, &m_cancel);
            if (result.cancelled) {
                deliver([this, checkpoint = QString::fromStdString(result.lastCheckpoint)] { Q_EMIT cancelled(checkpoint); });
            } else {
                if (afterTraining) {
                    try {
                        afterTraining(result, options, *source);
                    } catch (const std::exception& error) {
                        throw std::runtime_error("the model was trained (" + result.modelFile + ") but " + error.what());
                    }
                }
                deliver([this, result] { Q_EMIT finished(result); });
            }
        } catch (const std::exception& error) {
            deliver([this, message = QString::fromUtf8(error.what())] { Q_EMIT failed(message); });
        }
        source.reset();
    });
    return true;
}

void TrainingRunner::waitWhilePaused()
{
    std::unique_lock<std::mutex> lock(m_pauseMutex);
    m_holding = m_paused && !m_cancel;
    m_pauseChanged.wait(lock, [this] { return !m_paused || m_cancel; });
    m_holding = false;
}

void TrainingRunner::pause()
{
    if (m_running)
        m_paused = true;
}

void TrainingRunner::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_pauseMutex);
        m_paused = false;
    }
    m_pauseChanged.notify_all();
}

void TrainingRunner::cancel()
{
    {
        std::lock_guard<std::mutex> lock(m_pauseMutex);
        m_cancel = true;
        m_paused = false;
    }
    m_pauseChanged.notify_all();
}

}  // namespace lnseg
