#include "review/ProposalRunner.h"

#include "engine/NodeProposal.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>

namespace lnseg {

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
            options.extraction.threshold = threshold;
            // Leave a core to the user interface: on a 2-core reading-room machine the window
            // must keep answering while the model runs.
            options.inference.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency() - 1));
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
