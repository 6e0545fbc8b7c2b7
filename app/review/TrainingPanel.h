#pragma once
// The training panel: choose the model (SNet 2D / 2.5D / 3D, attention U-Net 2D / 2.5D), epochs,
// steps, learning rate, batch size, device and threads; start, pause, resume and cancel a run
// in a background thread; live loss and validation Dice plots (Qt Charts) and the time left.
// Where the cases come from and where the model goes is decided by its owner (a project)
// through a TrainingSetup callback. The choices persist in the settings.

#include "review/TrainingMetaTypes.h"

#include <QString>

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QSpinBox;
class QLineEdit;
class QLabel;
class QPushButton;
class QProgressBar;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace lnseg {

class TrainingRunner;

// What the owner provides when a run starts: the case source (streams cases), the output folder
// and extra metadata; or an error message saying why training cannot start.
struct TrainingSetup {
    std::unique_ptr<model::TrainingCaseSource> source;
    model::DataSplit split;            // empty: the trainer splits the source's cases itself
    std::string outputFolder;
    std::string extraMetadataJson = "{}";
    // Run in the training thread after a completed run (e.g. test evaluation and registration).
    std::function<void(const model::TrainingResult&, const model::TrainingOptions&, model::TrainingCaseSource&)> afterTraining;
    QString error;
};
using TrainingSetupProvider = std::function<TrainingSetup()>;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    void setSetupProvider(TrainingSetupProvider provider) { m_setupProvider = std::move(provider); }
    // The options the panel's fields describe (architecture, mode, epochs, ...).
    model::TrainingOptions optionsFromFields() const;
    // Steps per epoch and the validation slices are not shown for tiny test runs only.
    void setStepsPerEpoch(int steps);
    void setValidationSlicesPerCase(int slices) { m_validationSlicesPerCase = slices; }
    void setCachedCases(int cases) { m_cachedCases = cases; }

    TrainingRunner* runner() const { return m_runner; }
    bool running() const;
    QString statusText() const;
    int plottedLossPoints() const;
    int plottedDicePoints() const;

public Q_SLOTS:
    void start();
    void resumeFromCheckpoint();
    void togglePause();
    void cancel();

Q_SIGNALS:
    // A run completed and wrote its model file.
    void trainingFinished(lnseg::model::TrainingResult result, lnseg::model::TrainingOptions options);
    void trainingEnded();  // finished, failed or cancelled

private:
    void startRun(const QString& checkpoint);
    void showProgress(const model::TrainingProgress& progress);
    void runEnded(const QString& message);
    void updateButtons();
    void loadSettings();
    void saveSettings() const;

    QComboBox* m_model;
    QSpinBox* m_epochs;
    QSpinBox* m_steps;
    QLineEdit* m_learningRate;
    QSpinBox* m_batchSize;
    QComboBox* m_device;
    QSpinBox* m_threads;
    QPushButton* m_startButton;
    QPushButton* m_pauseButton;
    QPushButton* m_cancelButton;
    QPushButton* m_resumeButton;
    QProgressBar* m_progressBar;
    QLabel* m_status;
    QChartView* m_chartView;
    QLineSeries* m_lossSeries;
    QLineSeries* m_diceSeries;
    QValueAxis* m_stepAxis;
    QValueAxis* m_lossAxis;
    TrainingRunner* m_runner;
    TrainingSetupProvider m_setupProvider;
    model::TrainingOptions m_runningOptions;
    QString m_lastCheckpoint;
    double m_maximumLoss = 0;
    int m_validationSlicesPerCase = 0;
    int m_cachedCases = 4;
};

}  // namespace lnseg
