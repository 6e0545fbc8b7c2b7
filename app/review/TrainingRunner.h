#pragma once
// Runs model training (core/model trainModel) in a background thread so that the application
// stays responsive. Progress arrives on the GUI thread as signals. Pausing blocks the training
// thread between two steps (inside the progress callback), so a paused run keeps its state in
// memory and continues exactly where it stopped; cancelling stops after the current step and
// keeps the last checkpoint for a later resume.

#include "review/TrainingMetaTypes.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace lnseg {

class TrainingRunner : public QObject {
    Q_OBJECT
public:
    explicit TrainingRunner(QObject* parent = nullptr);
    ~TrainingRunner() override;  // cancels and waits for a running training

    // Work done in the training thread once a run completed (evaluating the model on held-out
    // cases, registering it); an exception from it turns the run into a failure with its message.
    using AfterTraining = std::function<void(const model::TrainingResult&, const model::TrainingOptions&,
                                             model::TrainingCaseSource&)>;

    // Starts training on `source` (owned by the runner until the run ends); false when a run is
    // already going on.
    bool start(const model::TrainingOptions& options, std::unique_ptr<model::TrainingCaseSource> source,
               AfterTraining afterTraining = {});
    void pause();
    void resume();
    void cancel();
    bool running() const { return m_running; }
    bool paused() const { return m_paused; }
    // The training thread is waiting in a pause (no step runs until resume()).
    bool holding() const { return m_holding; }

Q_SIGNALS:
    void progress(lnseg::model::TrainingProgress progress);
    void finished(lnseg::model::TrainingResult result);
    void failed(QString message);
    void cancelled(QString lastCheckpoint);

private:
    void waitWhilePaused();
    void join();

    std::thread m_worker;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_holding{false};
    std::mutex m_pauseMutex;
    std::condition_variable m_pauseChanged;
    bool m_running = false;
};

}  // namespace lnseg
