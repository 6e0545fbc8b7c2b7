#include "review/ProposalRunner.h"

#include "engine/NodeProposal.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace lnseg {

namespace {

// Linux keeps a nice value per thread, and threads inherit it from the thread that creates them,
// so the OpenMP workers LibTorch starts from this thread run at the same lower priority.
void lowerThreadPriority()
{
#if defined(__linux__)
    const auto thread = static_cast<id_t>(syscall(SYS_gettid));
    setpriority(PRIO_PROCESS, thread, 10);
#endif
}

}  // namespace

ProposalRunner::ProposalRunner(QObject* parent) : QObject(parent) {}

ProposalRunner::~ProposalRunner()
{
    m_cancel = true;
    if (m_worker.joinable())
        m_worker.join();
}

bool ProposalRunner::start(std::shared_ptr<const Volume> image, const QString& modelFile, float threshold)
{
    if (m_running)
        return false;
    if (m_worker.joinable())
        m_worker.join();
    m_running = true;
    m_cancel = false;
    const std::string model = modelFile.toStdString();
    QPointer<ProposalRunner> self(this);
    m_worker = std::thread([this, self, image = std::move(image), model, threshold] {
        // Signals from this thread are queued to the receivers' (GUI) thread.
        auto done = [this, self](auto emitter) {
            QMetaObject::invokeMethod(this, [this, self, emitter] {
                if (!self)
                    return;
                m_running = false;
                emitter();
            }, Qt::QueuedConnection);
        };
        try {
            NodeProposalOptions options;
            if (threshold > 0) {  // else the model file's operating point, or the default 0.5
                options.extraction.threshold = threshold;
                options.thresholdFromModel = false;
            }
            // Every core for the model (the engine's defaults), but at a lower scheduling priority:
            // the window's thread then gets a core whenever it has a frame to draw, so the
            // interface keeps answering on a 2-core reading-room machine without leaving a core
            // idle (bench/viewer_benchmark --during-proposals measures the frames).
            lowerThreadPriority();
            const NodeProposal proposal = proposeNodes(
                *image, model, options,
                [this](std::int64_t finishedSlices, std::int64_t total) {
                    Q_EMIT progress(static_cast<int>(finishedSlices), static_cast<int>(total));
                },
                &m_cancel);
            auto nodes = std::make_shared<ExtractedNodes>(proposal.nodes);
            const QString device = QString::fromStdString(proposal.device);
            const double seconds = proposal.inferenceSeconds + proposal.extractionSeconds;
            done([this, nodes, device, seconds] { Q_EMIT finished(nodes, device, seconds); });
        } catch (const model::InferenceCancelled&) {
            done([this] { Q_EMIT cancelled(); });
        } catch (const std::exception& error) {
            const QString message = QString::fromUtf8(error.what());
            done([this, message] { Q_EMIT failed(message); });
        }
    });
    return true;
}

void ProposalRunner::cancel()
{
    m_cancel = true;
}

}  // namespace lnseg
