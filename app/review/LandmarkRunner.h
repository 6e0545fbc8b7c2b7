#pragma once
// Finds the level-classification landmarks of a study's CT (anatomy/LandmarkDetection, about 3 s
// for a 512x512x160 CT) on a pool thread at a lower priority, so the window stays responsive, and
// keeps the results of the last few studies so that reopening a case does not search again. The
// result is handed back on the GUI thread.

#include "anatomy/AnatomicalLandmarks.h"
#include "image/VoxelGrid.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <deque>
#include <memory>
#include <utility>

namespace lnseg {

class LandmarkRunner : public QObject {
    Q_OBJECT
public:
    explicit LandmarkRunner(QObject* parent = nullptr);
    // Stops a search going on (within a slice's work), so that closing the window does not wait.
    ~LandmarkRunner() override;

    // Starts finding the landmarks of `image`, known as `key` (e.g. its path and series); a result
    // kept for `key` is handed back at once (still through `found`, queued).
    void start(std::shared_ptr<const Volume> image, const QString& key);
    // Landmarks already found for `key`, or null.
    std::shared_ptr<const AnatomicalLandmarks> cached(const QString& key) const;
    bool running() const { return !m_pending.isEmpty(); }

Q_SIGNALS:
    void found(QString key, std::shared_ptr<const lnseg::AnatomicalLandmarks> landmarks, double seconds);
    void failed(QString key, QString message);

private:
    void keep(const QString& key, std::shared_ptr<const AnatomicalLandmarks> landmarks);

    static constexpr std::size_t kKept = 8;
    std::deque<std::pair<QString, std::shared_ptr<const AnatomicalLandmarks>>> m_cache;
    QString m_pending;  // key of the search going on
    // Set when this runner goes: stops every search it started.
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace lnseg
