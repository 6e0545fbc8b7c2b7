#include "review/ModelListPanel.h"

#include "project/ModelRegistry.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <exception>

namespace lnseg {

namespace {

// A metric from the registry's metrics object ("dice", "sensitivity", ...), or "-".
QString metricText(const nlohmann::json& metrics, const char* name)
{
    const auto found = metrics.find(name);
    if (found == metrics.end() || !found->is_number())
        return QStringLiteral("-");
    return QString::number(found->get<double>(), 'f', 3);
}

}  // namespace

ModelListPanel::ModelListPanel(QWidget* parent) : QWidget(parent)
{
    m_summary = new QLabel(tr("No project open."), this);
    m_table = new QTableWidget(0, 10, this);
    m_table->setHorizontalHeaderLabels({tr("Active"), tr("Model"), tr("Architecture"), tr("Input"), tr("Created"),
                                        tr("Author"), tr("Parent"), tr("Data version"), tr("Validation Dice"),
                                        tr("Test Dice")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_activateButton = new QPushButton(tr("&Use for proposals"), this);
    m_rollBackButton = new QPushButton(tr("&Roll back"), this);
    m_activateButton->setToolTip(tr("Make the selected model the one that proposes nodes"));
    m_rollBackButton->setToolTip(tr("Re-activate the model that was active before the current one"));
    auto report = [this](bool done, const QString& error) {
        if (!done && !error.isEmpty())
            QMessageBox::warning(this, tr("Models"), error);
    };
    connect(m_activateButton, &QPushButton::clicked, this, [this, report] {
        QString error;
        report(activateSelected(&error), error);
    });
    connect(m_rollBackButton, &QPushButton::clicked, this, [this, report] {
        QString error;
        report(rollBack(&error), error);
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_activateButton);
    buttons->addWidget(m_rollBackButton);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

void ModelListPanel::setProjectFolder(const QString& projectFolder)
{
    m_projectFolder = projectFolder;
    refresh();
}

void ModelListPanel::refresh()
{
    m_table->setRowCount(0);
    const QString previousActive = m_activeModelFile;
    m_activeModelFile.clear();
    if (m_projectFolder.isEmpty()) {
        m_summary->setText(tr("No project open."));
        return;
    }
    try {
        const project::ModelRegistry registry = project::ModelRegistry::open(m_projectFolder.toStdString());
        const std::string active = registry.activeModelId();
        m_table->setRowCount(int(registry.models().size()));
        int row = 0;
        for (const project::RegisteredModel& model : registry.models()) {
            const QStringList cells{
                model.id == active ? QStringLiteral("\u2713") : QString(),
                QString::fromStdString(model.id),
                QString::fromStdString(model.architecture == "snet" ? "SNet" : "Attention U-Net"),
                QString::fromStdString(model.mode).toUpper(),
                QString::fromStdString(model.created),
                QString::fromStdString(model.author),
                QString::fromStdString(model.parentModelId),
                QString::number(model.dataVersion),
                metricText(model.validationMetrics, "dice"),
                metricText(model.testMetrics, "dice"),
            };
            for (int column = 0; column < cells.size(); ++column) {
                auto* item = new QTableWidgetItem(cells[column]);
                item->setData(Qt::UserRole, QString::fromStdString(model.id));
                item->setToolTip(tr("Trained on %1 cases, validated on %2; settings: %3")
                                     .arg(model.trainCases.size())
                                     .arg(model.validationCases.size())
                                     .arg(QString::fromStdString(model.trainingSettings.dump())));
                m_table->setItem(row, column, item);
            }
            if (model.id == active)
                m_activeModelFile = QString::fromStdString(registry.modelPath(model));
            ++row;
        }
        m_table->resizeColumnsToContents();
        m_summary->setText(active.empty() ? tr("%n model(s); none active: proposals use the built-in default model.", "",
                                               int(registry.models().size()))
                                          : tr("%n model(s); active: %1", "", int(registry.models().size()))
                                                .arg(QString::fromStdString(active)));
    } catch (const std::exception& exception) {
        m_summary->setText(tr("The model registry could not be read: %1").arg(QString::fromUtf8(exception.what())));
    }
    if (m_activeModelFile != previousActive)
        Q_EMIT activeModelChanged(m_activeModelFile);
}

bool ModelListPanel::activateSelected(QString* error)
{
    const QList<QTableWidgetItem*> selected = m_table->selectedItems();
    if (selected.isEmpty() || m_projectFolder.isEmpty()) {
        if (error)
            *error = tr("Select a model first.");
        return false;
    }
    try {
        project::ModelRegistry registry = project::ModelRegistry::open(m_projectFolder.toStdString());
        registry.activate(selected.front()->data(Qt::UserRole).toString().toStdString(), m_user.toStdString());
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
    refresh();
    return true;
}

bool ModelListPanel::rollBack(QString* error)
{
    try {
        project::ModelRegistry registry = project::ModelRegistry::open(m_projectFolder.toStdString());
        registry.rollBack(m_user.toStdString());
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
    refresh();
    return true;
}

}  // namespace lnseg
