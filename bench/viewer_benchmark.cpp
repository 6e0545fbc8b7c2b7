// Slice view frame times: a synthetic 512 x 512 x 300 CT (0.7 x 0.7 x 2 mm) with a few hundred
// labelled blobs, shown in three Qt-painted slice views. Run under Xvfb:
//   xvfb-run -a -s "-screen 0 1280x1024x24" lnseg_viewer_benchmark
// Each measured step includes painting and flushing the window to the X server.

#include "SliceView.h"
#include "ViewSynchronizer.h"
#include "review/NodeTableModel.h"
#include "review/ReviewDocument.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QTableView>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <vector>

using namespace lnseg;

namespace {

struct Study {
    std::shared_ptr<Volume> volume;
    std::shared_ptr<LabelMap> labels;
};

Study makeStudy()
{
    ImageGeometry geometry;
    geometry.size = {512, 512, 300};
    geometry.spacing = {0.7, 0.7, 2.0};
    Study study;
    study.volume = std::make_shared<Volume>(geometry);
    study.labels = std::make_shared<LabelMap>(geometry, 0);
    // Smooth pattern: an elliptic "neck" of soft tissue with a bright "spine", air outside.
    for (std::int64_t k = 0; k < 300; ++k)
        for (std::int64_t j = 0; j < 512; ++j)
            for (std::int64_t i = 0; i < 512; ++i) {
                const double x = (i - 256) / 180.0, y = (j - 256) / 150.0;
                const double r = x * x + y * y;
                double hu = r < 1 ? 40 + 30 * std::sin(i * 0.05) * std::cos(j * 0.04 + k * 0.03) : -1000;
                if ((i - 256) * (i - 256) + (j - 320) * (j - 320) < 900)
                    hu = 700;
                study.volume->at(i, j, k) = std::int16_t(hu);
            }
    std::mt19937 random(7);
    std::uniform_int_distribution<int> column(60, 450), slice(10, 290), radius(3, 9);
    for (std::uint16_t label = 1; label <= 300; ++label) {
        const int ci = column(random), cj = column(random), ck = slice(random), r = radius(random);
        for (int k = std::max(0, ck - r / 3); k <= std::min(299, ck + r / 3); ++k)
            for (int j = cj - r; j <= cj + r; ++j)
                for (int i = ci - r; i <= ci + r; ++i)
                    if ((i - ci) * (i - ci) + (j - cj) * (j - cj) + 9 * (k - ck) * (k - ck) <= r * r)
                        study.labels->at(i, j, k) = label;
    }
    return study;
}

struct Result {
    double median, mean, worst;
};

Result measure(int repetitions, const std::function<void(int)>& step)
{
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        step(i);
        QApplication::processEvents();  // paints and flushes what the step made dirty
        times.push_back(timer.nsecsElapsed() * 1e-6);
    }
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double t : times)
        sum += t;
    return {sorted[sorted.size() / 2], sum / double(times.size()), sorted.back()};
}

void print(const char* name, const Result& result)
{
    std::printf("| %-52s | %7.2f | %7.2f | %7.2f | %7.0f |\n", name, result.median, result.mean, result.worst,
                1000.0 / result.median);
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    std::printf("building synthetic 512x512x300 study with 300 labelled blobs...\n");
    const Study study = makeStudy();

    QWidget window;
    auto* layout = new QHBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* axial = new SliceView(SlicePlane::Axial);
    auto* coronal = new SliceView(SlicePlane::Coronal);
    auto* sagittal = new SliceView(SlicePlane::Sagittal);
    for (SliceView* view : {axial, coronal, sagittal})
        layout->addWidget(view);
    ViewSynchronizer synchronizer({axial, coronal, sagittal}, nullptr);
    synchronizer.setImages(study.volume, study.labels);
    window.resize(1260, 420);
    window.show();
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents();
    const ImageGeometry geometry = study.volume->geometry();
    const int repetitions = 200;

    std::printf("\nSlice views 420x420 each, label overlay shown (ms per update; Qt raster painting, Xvfb)\n");
    std::printf("| %-52s | %7s | %7s | %7s | %7s |\n", "what changes", "median", "mean", "worst", "per s");
    std::printf("|------------------------------------------------------|---------|---------|---------|---------|\n");

    synchronizer.setCrosshair(geometry.indexToWorld({256, 256, 50}));
    QApplication::processEvents();
    print("scroll axial, all 3 views redrawn", measure(repetitions, [&](int i) {
              axial->scrollSlices(i < repetitions / 2 ? 1 : -1);  // others redraw their crosshair
          }));
    print("scroll axial, axial view only", measure(repetitions, [&](int i) {
              const double k = 50 + (i < repetitions / 2 ? i : repetitions - i);
              axial->setCrosshair(geometry.indexToWorld({256, 256, k}));
          }));
    print("crosshair move changing all three slices", measure(repetitions, [&](int i) {
              const double step = double(i % 100);
              synchronizer.setCrosshair(geometry.indexToWorld({150 + step, 150 + step, 100 + step}));
          }));
    synchronizer.setCrosshair(geometry.indexToWorld({256, 256, 150}));
    QApplication::processEvents();
    print("20x20 label change + redraw (brush dab on axial)", measure(repetitions, [&](int i) {
              const std::int64_t i0 = 200 + (i % 10) * 5, j0 = 200;
              for (std::int64_t j = j0; j < j0 + 20; ++j)
                  for (std::int64_t c = i0; c < i0 + 20; ++c)
                      study.labels->at(c, j, 150) = std::uint16_t(1 + i % 300);
              synchronizer.labelsChanged({i0, j0, 150}, {i0 + 19, j0 + 19, 150});
          }));
    OverlayStyle outline;
    outline.outline = true;
    synchronizer.setOverlayStyle(outline);
    print("scroll axial, all 3 views, outline overlay", measure(repetitions, [&](int i) {
              axial->scrollSlices(i < repetitions / 2 ? 1 : -1);
          }));
    synchronizer.setOverlayStyle(OverlayStyle{});
    print("scroll sagittal (strided extraction), all 3 views", measure(repetitions, [&](int i) {
              sagittal->scrollSlices(i < repetitions / 2 ? 1 : -1);
          }));
    print("window/level change (3 images recomposed, no extraction)", measure(repetitions, [&](int i) {
              synchronizer.setWindowLevel({400.0 + (i % 50), 40.0});
          }));

    // Editing through the review document: the views and a node table observe it.
    std::printf("\nReview document edits (views + node table observe the document; ms)\n");
    QElapsedTimer setup;
    setup.start();
    ReviewDocument document(study.volume);
    document.setReviewer("benchmark");
    document.resetLabels(*study.labels, {});
    std::printf("opening 300 nodes (measure all): %.0f ms\n", setup.nsecsElapsed() * 1e-6);
    NodeTableModel model;
    model.setDocument(&document);
    auto* table = new QTableView;
    table->setModel(&model);
    layout->addWidget(table);
    window.resize(1680, 420);
    synchronizer.setDocument(&document);
    synchronizer.setCrosshair(geometry.indexToWorld({256, 256, 150}));
    for (int i = 0; i < 10; ++i)
        QApplication::processEvents();
    std::printf("| %-52s | %7s | %7s | %7s | %7s |\n", "what changes", "median", "mean", "worst", "per s");
    std::printf("|------------------------------------------------------|---------|---------|---------|---------|\n");
    document.beginStroke(7, false);
    const int rebuildsBefore = axial->imageRebuildCount();
    print("brush dab 3 mm (paintDab -> views repainted)", measure(repetitions, [&](int i) {
              document.paintDab(2, {200.0 + (i % 100), 220.0 + (i % 7), 150.0}, 3.0);
          }));
    document.endStroke();
    std::printf("(axial image recomposed %d times for %d dabs)\n", axial->imageRebuildCount() - rebuildsBefore, repetitions);
    // Strokes of 20 dabs: the end of the stroke (one undo step, re-measuring the node), its undo
    // and its redo, each with the views and table repainted.
    std::vector<double> ends, undos, redos;
    for (int stroke = 0; stroke < 40; ++stroke) {
        const std::uint16_t label = std::uint16_t(1 + stroke % 300);
        document.beginStroke(label, false);
        for (int dab = 0; dab < 20; ++dab)
            document.paintDab(2, {150.0 + dab * 2 + stroke, 300.0 + stroke % 5, 150.0}, 3.0);
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        document.endStroke();
        QApplication::processEvents();
        ends.push_back(timer.nsecsElapsed() * 1e-6);
        timer.restart();
        document.undoStack().undo();
        QApplication::processEvents();
        undos.push_back(timer.nsecsElapsed() * 1e-6);
        timer.restart();
        document.undoStack().redo();
        QApplication::processEvents();
        redos.push_back(timer.nsecsElapsed() * 1e-6);
    }
    auto summary = [](std::vector<double> times) {
        std::sort(times.begin(), times.end());
        double sum = 0;
        for (double t : times)
            sum += t;
        return Result{times[times.size() / 2], sum / double(times.size()), times.back()};
    };
    print("end of a 20-dab stroke (commit, re-measure, redraw)", summary(ends));
    print("undo of a 20-dab stroke + redraw", summary(undos));
    print("redo of a 20-dab stroke + redraw", summary(redos));
    synchronizer.setDocument(nullptr);
    return 0;
}
