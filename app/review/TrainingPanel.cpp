#include "review/TrainingPanel.h"

#include "review/TrainingRunner.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>

namespace lnseg {

namespace {

struct ModelChoice {
    const char* architecture;
    const char* mode;
};
const ModelChoice kModelChoices[] = {
    {"snet", "2d"}, {"snet", "2.5d"}, {"snet", "3d"}, {"attunet", "2d"}, {"attunet", "2.5d"},
};

QString formatDuration(double seconds)
{
    const int total = int(seconds + 0.5);
    if (total >= 3600)
        return TrainingPanel::tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60);
    if (total >= 60)
        return TrainingPanel::tr("%1 min %2 s").arg(total / 60).arg(total % 60);
    return TrainingPanel::tr("%1 s").arg(total);
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent), m_runner(new TrainingRunner(this))
{
    m_model = new QComboBox(this);
    m_model->addItem(tr("SNet 2D"));
    m_model->addItem(tr("SNet 2.5D (15 slices)"));
    m_model->addItem(tr("SNet 3D (96\u00b3 patches)"));
    m_model->addItem(tr("Attention U-Net 2D"));
    m_model->addItem(tr("Attention U-Net 2.5D (15 slices)"));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 10000);
    m_steps = new QSpinBox(this);
    m_steps->setRange(1, 1000000);
    m_learningRate = new QLineEdit(this);
    m_learningRate->setPlaceholderText(tr("paper default"));
    m_learningRate->setToolTip(tr("Adam learning rate; empty: the paper's (5e-5 for 2D/2.5D, 1e-4 for 3D)"));
    m_batchSize = new QSpinBox(this);
    m_batchSize->setRange(0, 4096);
    m_batchSize->setSpecialValueText(tr("by device"));
    m_device = new QComboBox(this);
    m_device->addItem(tr("Automatic (GPU when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    m_threads = new QSpinBox(this);
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("all but one core"));

    m_model->setObjectName(QStringLiteral("model"));
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_steps->setObjectName(QStringLiteral("stepsPerEpoch"));
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_batchSize->setObjectName(QStringLiteral("batchSize"));
    m_device->setObjectName(QStringLiteral("device"));
    m_threads->setObjectName(QStringLiteral("threads"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("&Epochs:"), m_epochs);
    form->addRow(tr("S&teps per epoch:"), m_steps);
    form->addRow(tr("&Learning rate:"), m_learningRate);
    form->addRow(tr("&Batch size:"), m_batchSize);
    form->addRow(tr("&Device:"), m_device);
    form->addRow(tr("CPU t&hreads:"), m_threads);

    m_startButton = new QPushButton(tr("&Start training"), this);
    m_pauseButton = new QPushButton(tr("&Pause"), this);
    m_cancelButton = new QPushButton(tr("&Cancel"), this);
    m_resumeButton = new QPushButton(tr("&Resume from last checkpoint"), this);
    connect(m_startButton, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(m_pauseButton, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(m_cancelButton, &QPushButton::clicked, this, &TrainingPanel::cancel);
    connect(m_resumeButton, &QPushButton::clicked, this, &TrainingPanel::resumeFromCheckpoint);
    // Two rows, so that the project dock stays narrow enough for the slice views (issue 13).
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_startButton, 0, 0);
    buttons->addWidget(m_pauseButton, 0, 1);
    buttons->addWidget(m_cancelButton, 0, 2);
    buttons->addWidget(m_resumeButton, 1, 0, 1, 3);
    buttons->setColumnStretch(3, 1);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setRange(0, 1000);
    m_progressBar->setValue(0);
    m_status = new QLabel(tr("Not running."), this);
    m_status->setWordWrap(true);

    m_lossSeries = new QLineSeries(this);
    m_lossSeries->setName(tr("Training loss"));
    m_diceSeries = new QLineSeries(this);
    m_diceSeries->setName(tr("Validation Dice"));
    m_diceSeries->setPointsVisible(true);
    auto* chart = new QChart;
    chart->addSeries(m_lossSeries);
    chart->addSeries(m_diceSeries);
    m_stepAxis = new QValueAxis(chart);
    m_stepAxis->setTitleText(tr("Step"));
    m_stepAxis->setLabelFormat(QStringLiteral("%d"));
    m_stepAxis->setRange(0, 1);
    m_lossAxis = new QValueAxis(chart);
    m_lossAxis->setTitleText(tr("Loss"));
    m_lossAxis->setRange(0, 1);
    auto* diceAxis = new QValueAxis(chart);
    diceAxis->setTitleText(tr("Dice"));
    diceAxis->setRange(0, 1);
    chart->addAxis(m_stepAxis, Qt::AlignBottom);
    chart->addAxis(m_lossAxis, Qt::AlignLeft);
    chart->addAxis(diceAxis, Qt::AlignRight);
    m_lossSeries->attachAxis(m_stepAxis);
    m_lossSeries->attachAxis(m_lossAxis);
    m_diceSeries->attachAxis(m_stepAxis);
    m_diceSeries->attachAxis(diceAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView = new QChartView(chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_status);
    layout->addWidget(m_chartView, 1);

    connect(m_runner, &TrainingRunner::progress, this, &TrainingPanel::showProgress);
    connect(m_runner, &TrainingRunner::finished, this, [this](const model::TrainingResult& result) {
        m_lastCheckpoint = QString::fromStdString(result.lastCheckpoint);
        runEnded(tr("Finished: %n epoch(s), validation Dice %1, %2 training slices/s on %3, %4.", "",
                    result.epochsCompleted)
                     .arg(result.validationDice < 0 ? QStringLiteral("-") : QString::number(result.validationDice, 'f', 3))
                     .arg(result.slicesPerSecond, 0, 'f', 1)
                     .arg(QString::fromStdString(result.device))
                     .arg(formatDuration(result.seconds)));
        Q_EMIT trainingFinished(result, m_runningOptions);
    });
    connect(m_runner, &TrainingRunner::failed, this,
            [this](const QString& message) { runEnded(tr("Training failed: %1").arg(message)); });
    connect(m_runner, &TrainingRunner::cancelled, this, [this](const QString& checkpoint) {
        if (!checkpoint.isEmpty())
            m_lastCheckpoint = checkpoint;
        runEnded(m_lastCheckpoint.isEmpty() ? tr("Cancelled (no checkpoint yet).")
                                            : tr("Cancelled. The last checkpoint can be resumed: %1").arg(m_lastCheckpoint));
    });
    loadSettings();
    updateButtons();
}

TrainingPanel::~TrainingPanel()
{
    saveSettings();
}

model::TrainingOptions TrainingPanel::optionsFromFields() const
{
    model::TrainingOptions options;
    const ModelChoice& choice = kModelChoices[std::clamp(m_model->currentIndex(), 0, 4)];
    options.spec.architecture = choice.architecture;
    options.spec.mode = choice.mode;
    options.epochs = m_epochs->value();
    options.stepsPerEpoch = m_steps->value();
    bool ok = false;
    const double rate = m_learningRate->text().trimmed().toDouble(&ok);
    options.learningRate = ok && rate > 0 && rate < 1 ? rate : 0;
    options.batchSize = m_batchSize->value();
    options.device = m_device->currentData().toString().toStdString();
    // Leave a core to the interface unless told otherwise.
    options.threads = m_threads->value() > 0 ? m_threads->value() : std::max(1, QThread::idealThreadCount() - 1);
    options.validationSlicesPerCase = m_validationSlicesPerCase;
    options.cachedCases = m_cachedCases;
    return options;
}

void TrainingPanel::setStepsPerEpoch(int steps)
{
    m_steps->setValue(steps);
}

bool TrainingPanel::running() const
{
    return m_runner->running();
}

QString TrainingPanel::statusText() const
{
    return m_status->text();
}

int TrainingPanel::plottedLossPoints() const
{
    return m_lossSeries->count();
}

int TrainingPanel::plottedDicePoints() const
{
    return m_diceSeries->count();
}

void TrainingPanel::start()
{
    startRun({});
}

void TrainingPanel::resumeFromCheckpoint()
{
    if (m_lastCheckpoint.isEmpty() || !std::filesystem::exists(m_lastCheckpoint.toStdString())) {
        m_status->setText(tr("There is no checkpoint to resume from."));
        return;
    }
    startRun(m_lastCheckpoint);
}

void TrainingPanel::startRun(const QString& checkpoint)
{
    if (m_runner->running())
        return;
    if (!m_setupProvider) {
        m_status->setText(tr("Open a project to train on its approved cases."));
        return;
    }
    TrainingSetup setup = m_setupProvider();
    if (!setup.error.isEmpty() || !setup.source) {
        m_status->setText(setup.error.isEmpty() ? tr("No training data.") : setup.error);
        return;
    }
    model::TrainingOptions options = optionsFromFields();
    options.outputFolder = setup.outputFolder;
    options.extraMetadataJson = setup.extraMetadataJson;
    options.resumeCheckpoint = checkpoint.toStdString();
    if (!setup.split.training.empty())
        options.fixedSplit = setup.split;
    saveSettings();
    if (checkpoint.isEmpty()) {
        m_lossSeries->clear();
        m_diceSeries->clear();
        m_maximumLoss = 0;
    }
    m_runningOptions = options;
    m_runner->start(options, std::move(setup.source), std::move(setup.afterTraining));
    m_status->setText(tr("Preparing the training cases..."));
    updateButtons();
}

void TrainingPanel::togglePause()
{
    if (!m_runner->running())
        return;
    if (m_runner->paused()) {
        m_runner->resume();
        m_status->setText(tr("Resumed."));
    } else {
        m_runner->pause();
        m_status->setText(tr("Paused after the current step. Training keeps its state in memory."));
    }
    updateButtons();
}

void TrainingPanel::cancel()
{
    if (m_runner->running()) {
        m_runner->cancel();
        m_status->setText(tr("Cancelling after the current step..."));
    }
}

void TrainingPanel::showProgress(const model::TrainingProgress& progress)
{
    const double x = double(progress.globalStep);
    if (!progress.epochEnd)  // the epoch's end repeats its last step, with the validation Dice
        m_lossSeries->append(x, progress.loss);
    m_maximumLoss = std::max(m_maximumLoss, progress.loss);
    m_lossAxis->setRange(0, std::max(0.1, m_maximumLoss * 1.1));
    m_stepAxis->setRange(0, std::max(4.0, x));
    m_stepAxis->applyNiceNumbers();  // whole, evenly spaced step numbers
    if (progress.epochEnd && progress.validationDice >= 0)
        m_diceSeries->append(x, progress.validationDice);
    const double total = double(progress.epochs) * progress.stepsPerEpoch;
    m_progressBar->setValue(total > 0 ? int(1000.0 * x / total) : 0);
    if (m_runner->paused())
        return;
    m_status->setText(tr("Epoch %1 of %2, step %3 of %4, loss %5, validation Dice %6, %7 left.")
                          .arg(progress.epoch)
                          .arg(progress.epochs)
                          .arg(progress.step)
                          .arg(progress.stepsPerEpoch)
                          .arg(progress.loss, 0, 'f', 4)
                          .arg(progress.validationDice < 0 ? QStringLiteral("-")
                                                           : QString::number(progress.validationDice, 'f', 3))
                          .arg(formatDuration(progress.secondsLeft)));
}

void TrainingPanel::runEnded(const QString& message)
{
    m_status->setText(message);
    updateButtons();
    Q_EMIT trainingEnded();
}

void TrainingPanel::updateButtons()
{
    const bool running = m_runner->running();
    m_startButton->setEnabled(!running);
    m_resumeButton->setEnabled(!running && !m_lastCheckpoint.isEmpty());
    m_pauseButton->setEnabled(running);
    m_cancelButton->setEnabled(running);
    m_pauseButton->setText(running && m_runner->paused() ? tr("&Continue") : tr("&Pause"));
    for (QWidget* field : std::initializer_list<QWidget*>{m_model, m_epochs, m_steps, m_learningRate, m_batchSize,
                                                          m_device, m_threads})
        field->setEnabled(!running);
}

void TrainingPanel::loadSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("training"));
    m_model->setCurrentIndex(std::clamp(settings.value(QStringLiteral("model"), 0).toInt(), 0, 4));
    m_epochs->setValue(settings.value(QStringLiteral("epochs"), 10).toInt());
    m_steps->setValue(settings.value(QStringLiteral("stepsPerEpoch"), 200).toInt());
    m_learningRate->setText(settings.value(QStringLiteral("learningRate")).toString());
    m_batchSize->setValue(settings.value(QStringLiteral("batchSize"), 0).toInt());
    m_device->setCurrentIndex(std::max(0, m_device->findData(settings.value(QStringLiteral("device"), QStringLiteral("auto")))));
    m_threads->setValue(settings.value(QStringLiteral("threads"), 0).toInt());
    m_lastCheckpoint = settings.value(QStringLiteral("lastCheckpoint")).toString();
}

void TrainingPanel::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("training"));
    settings.setValue(QStringLiteral("model"), m_model->currentIndex());
    settings.setValue(QStringLiteral("epochs"), m_epochs->value());
    settings.setValue(QStringLiteral("stepsPerEpoch"), m_steps->value());
    settings.setValue(QStringLiteral("learningRate"), m_learningRate->text());
    settings.setValue(QStringLiteral("batchSize"), m_batchSize->value());
    settings.setValue(QStringLiteral("device"), m_device->currentData());
    settings.setValue(QStringLiteral("threads"), m_threads->value());
    settings.setValue(QStringLiteral("lastCheckpoint"), m_lastCheckpoint);
}

}  // namespace lnseg
