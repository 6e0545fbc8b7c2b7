// Frame times of the review application while "Propose nodes" runs: opens a study in the main
// window (1400 x 900), scrolls the axial slice every 30 ms as a reader would, and measures every
// step: the interval between consecutive frames and the paint time of the three slice views, first
// for a few seconds without proposals (the baseline), then during a whole proposal run. Run under
// Xvfb:
//   xvfb-run -a -s "-screen 0 1920x1080x24" lnseg_proposal_frames IMAGE [--model FILE] [--baseline-seconds S]
// A frame interval over 100 ms is a visible stall. Prints the load average beside the figures.
#include "image/ImageGeometry.h"
#include "review/MainWindow.h"
#include "review/ReviewDocument.h"

#include "SliceView.h"
#include "ViewSynchronizer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace lnseg;

namespace {

std::string loadAverage()
{
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

struct Frames {
    std::vector<double> intervals, paints;
    void print(const char* what) const
    {
        auto sorted = [](std::vector<double> values) {
            std::sort(values.begin(), values.end());
            return values;
        };
        const auto intervals_ = sorted(intervals), paints_ = sorted(paints);
        const auto at = [](const std::vector<double>& values, double fraction) {
            return values.empty() ? 0.0 : values[std::min(values.size() - 1, std::size_t(fraction * double(values.size())))];
        };
        const auto over = std::count_if(intervals.begin(), intervals.end(), [](double value) { return value > 100; });
        std::printf("| %s | %zu | %.1f | %.1f | %.1f | %lld | %.1f | %.1f | %s |\n", what, intervals.size(),
                    at(intervals_, 0.5), at(intervals_, 0.99), intervals_.empty() ? 0.0 : intervals_.back(),
                    static_cast<long long>(over), at(paints_, 0.5), paints_.empty() ? 0.0 : paints_.back(),
                    loadAverage().c_str());
        std::fflush(stdout);
    }
};

}  // namespace

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    QStringList arguments = application.arguments().mid(1);
    QString modelFile;
    double baselineSeconds = 5;
    QString image;
    for (int index = 0; index < arguments.size(); ++index) {
        if (arguments[index] == "--model" && index + 1 < arguments.size())
            modelFile = arguments[++index];
        else if (arguments[index] == "--baseline-seconds" && index + 1 < arguments.size())
            baselineSeconds = arguments[++index].toDouble();
        else
            image = arguments[index];
    }
    if (image.isEmpty()) {
        std::fprintf(stderr, "usage: lnseg_proposal_frames IMAGE [--model FILE] [--baseline-seconds S]\n");
        return 2;
    }
    MainWindow window;
    window.setAutosaveInterval(0);
    window.resize(1400, 900);
    window.show();
    QString error;
    if (!window.openPath(image, &error)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(image), qPrintable(error));
        return 1;
    }
    if (!modelFile.isEmpty())
        window.setModelFile(modelFile);
    const ImageGeometry geometry = window.document()->image().geometry();
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();

    // One step: the next axial slice (bouncing between the ends), painted at once.
    std::int64_t slice = geometry.size[2] / 2, direction = 1;
    QElapsedTimer clock;
    clock.start();
    double last = -1;
    Frames* frames = nullptr;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        if (frames && last >= 0)
            frames->intervals.push_back(now - last);
        last = now;
        if (slice + direction < 0 || slice + direction >= geometry.size[2])
            direction = -direction;
        slice += direction;
        const Vector3 world = geometry.indexToWorld({double(geometry.size[0]) / 2, double(geometry.size[1]) / 2, double(slice)});
        window.synchronizer()->setCrosshair(world);
        QElapsedTimer paint;
        paint.start();
        for (SlicePlane plane : {SlicePlane::Axial, SlicePlane::Coronal, SlicePlane::Sagittal})
            window.sliceView(plane)->repaint();
        if (frames)
            frames->paints.push_back(double(paint.nsecsElapsed()) / 1e6);
    });
    ticker.start(30);

    std::printf("| phase | frames | interval median ms | p99 ms | max ms | intervals > 100 ms | paint median ms |"
                " paint max ms | load average |\n|---|---|---|---|---|---|---|---|---|\n");
    Frames baseline;
    frames = &baseline;
    QEventLoop wait;
    QTimer::singleShot(int(baselineSeconds * 1000), &wait, &QEventLoop::quit);
    wait.exec();
    baseline.print("no proposals");

    Frames during;
    frames = &during;
    last = -1;
    QObject::connect(&window, &MainWindow::proposalEnded, &wait, &QEventLoop::quit);
    QElapsedTimer proposal;
    proposal.start();
    window.proposeNodes();
    wait.exec();
    const double seconds = double(proposal.elapsed()) / 1000;
    ticker.stop();
    during.print("during proposals");
    std::printf("# proposals: %.1f s on %lld x %lld x %lld, %zu nodes in the document, model %s\n", seconds,
                static_cast<long long>(geometry.size[0]), static_cast<long long>(geometry.size[1]),
                static_cast<long long>(geometry.size[2]), window.document()->nodes().size(),
                qPrintable(window.modelFile()));
    window.document()->undoStack().setClean();
    return 0;
}
