#pragma once
// Runs the segmentation model on the open study in a background thread ("Propose nodes"), with
// progress and cancel, so that the window stays responsive. The result is handed back on the GUI
// thread, where the document adds it as one undoable step.

#include "image/VoxelGrid.h"
#include "nodes/NodeExtraction.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace lnseg {

class ProposalRunner : public QObject {
    Q_OBJECT
public:
    explicit ProposalRunner(QObject* parent = nullptr);
    ~ProposalRunner() override;

    // Starts proposing on `image` with `modelFile`; false when a run is already going on.
    // threshold <= 0: the model file's operating point, else 0.5 (NodeProposalOptions).
    bool start(std::shared_ptr<const Volume> image, const QString& modelFile, float threshold = -1.0f);
    void cancel();
    bool running() const { return m_running; }

Q_SIGNALS:
    void progress(int done, int total);
    // `nodes` is owned by the receiver from here on.
    void finished(std::shared_ptr<lnseg::ExtractedNodes> nodes, QString device, double seconds);
    void failed(QString message);
    void cancelled();

private:
    std::thread m_worker;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
};

}  // namespace lnseg
