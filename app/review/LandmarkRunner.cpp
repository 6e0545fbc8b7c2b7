#include "review/LandmarkRunner.h"

#include "anatomy/LandmarkDetection.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

#include <chrono>
#include <exception>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace lnseg {

LandmarkRunner::LandmarkRunner(QObject* parent) : QObject(parent) {}

LandmarkRunner::~LandmarkRunner()
{
    *m_stop = true;
}

std::shared_ptr<const AnatomicalLandmarks> LandmarkRunner::cached(const QString& key) const
{
    for (const auto& [kept, landmarks] : m_cache)
        if (kept == key)
            return landmarks;
    return nullptr;
}

void LandmarkRunner::keep(const QString& key, std::shared_ptr<const AnatomicalLandmarks> landmarks)
{
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it)
        if (it->first == key) {
            m_cache.erase(it);
            break;
        }
    m_cache.emplace_back(key, std::move(landmarks));
    while (m_cache.size() > kKept)
        m_cache.pop_front();
}

void LandmarkRunner::start(std::shared_ptr<const Volume> image, const QString& key)
{
    QPointer<LandmarkRunner> self(this);
    if (auto known = cached(key)) {
        QMetaObject::invokeMethod(this, [this, self, key, known] {
            if (self)
                Q_EMIT found(key, known, 0.0);
        }, Qt::QueuedConnection);
        return;
    }
    m_pending = key;
    // The image is shared: the search may outlive the document (and this object), never the image.
    QThreadPool::globalInstance()->start([self, image = std::move(image), key, stop = m_stop] {
#if defined(__linux__)
        // A lower priority for this pool thread (it stays lower: in the review application the
        // global pool serves only this search), so drawing frames gets a core first.
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
        const auto begin = std::chrono::steady_clock::now();
        std::shared_ptr<const AnatomicalLandmarks> landmarks;
        QString message;
        try {
            LandmarkDetectionOptions options;
            options.cancel = stop.get();
            landmarks = std::make_shared<const AnatomicalLandmarks>(detectLandmarks(*image, options));
        } catch (const LandmarkDetectionCancelled&) {
            return;
        } catch (const std::exception& error) {
            message = QString::fromUtf8(error.what());
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, key, landmarks, message, seconds] {
            if (!self)
                return;
            if (self->m_pending == key)
                self->m_pending.clear();
            if (!landmarks) {
                Q_EMIT self->failed(key, message);
                return;
            }
            self->keep(key, landmarks);
            Q_EMIT self->found(key, landmarks, seconds);
        }, Qt::QueuedConnection);
    });
}

}  // namespace lnseg
