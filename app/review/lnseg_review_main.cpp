// lnseg-review: the review workstation's main program.

#include "review/MainWindow.h"
#include "review/ReviewOptions.h"

#include "SurfaceView.h"

#include <QApplication>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    // VTK needs an OpenGL 3.2 core context; it must be the default before QApplication exists.
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lnseg-review"));

    const lnseg::ReviewOptions options = lnseg::parseReviewOptions(QApplication::arguments());
    if (options.showHelp) {
        std::fputs(qPrintable(lnseg::reviewUsage()), stdout);
        return 0;
    }
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "lnseg-review: %s\n%s", qPrintable(options.error), qPrintable(lnseg::reviewUsage()));
        return 2;
    }

    lnseg::MainWindow window;
    window.viewLayout()->setArrangement(options.arrangement);
    if (!options.imagePath.isEmpty()) {
        QString error;
        if (!window.openStudy(options.imagePath, options.labelPath, &error)) {
            std::fprintf(stderr, "lnseg-review: %s\n", qPrintable(error));
            return 1;
        }
    }
    window.show();
    if (options.screenshotPath.isEmpty())
        return application.exec();

    // Screenshot mode: wait until the window is exposed and painted, build the 3D surfaces, take
    // the picture and quit.
    int status = 1;
    QTimer::singleShot(300, &window, [&] {
        window.surfaceView()->rebuildSurfaces();
        window.surfaceView()->update();
        QApplication::processEvents();
        const QImage image = window.renderScreenshot();
        if (image.isNull() || !image.save(options.screenshotPath)) {
            std::fprintf(stderr, "lnseg-review: cannot save screenshot to %s\n", qPrintable(options.screenshotPath));
        } else {
            std::printf("screenshot %s (%dx%d)\n", qPrintable(options.screenshotPath), image.width(), image.height());
            status = 0;
        }
        QApplication::quit();
    });
    application.exec();
    return status;
}
