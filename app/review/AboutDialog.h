#pragma once
// Help > About: the application's version and what its segmentation engine runs on (LibTorch,
// the BLAS library actually loaded, oneDNN, threads, CUDA), with a warning and its fix when the
// engine would run on netlib's reference BLAS.

#include <QDialog>

class QLabel;

namespace lnseg {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    // The engine report as shown (plain text), for tests and for copying into a support request.
    QString engineReport() const;

private:
    QLabel* m_engine = nullptr;
    QString m_engineText;
};

}  // namespace lnseg
