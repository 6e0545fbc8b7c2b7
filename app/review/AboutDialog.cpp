#include "review/AboutDialog.h"

#include "model/EngineDescription.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>


namespace lnseg {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("About lnseg"));
    setObjectName(QStringLiteral("aboutDialog"));
    // The settings the engine uses for proposals on this machine (LibTorch starts with 1 thread).
    // What proposals run with (the interface thread's own LibTorch settings are not the engine's).
    const model::EngineDescription engine = model::describeEngine("auto");
    const std::string& device = engine.device;
    const model::ExecutionDefaults& defaults = engine.defaults;
    const model::ComputeSystemReport& report = engine.report;
    QString text = QString::fromStdString(report.toText());
    text += tr("Proposals: %1, %2 slice(s) per forward pass\n")
                .arg(QString::fromStdString(device))
                .arg(defaults.inferenceBatch);
    m_engineText = text;

    auto* title = new QLabel(tr("<h3>lnseg %1</h3><p>Cervical lymph node review workstation. Node proposals by "
                                "the spatial context network (SNet).</p>")
                                 .arg(QApplication::applicationVersion()),
                             this);
    auto* engineTitle = new QLabel(tr("<b>Segmentation engine</b>"), this);
    m_engine = new QLabel(this);
    m_engine->setObjectName(QStringLiteral("engineReport"));
    m_engine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_engine->setText(text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    m_engine->setTextFormat(Qt::RichText);
    m_engine->setWordWrap(true);
    if (!report.warnings.empty())
        m_engine->setStyleSheet(QStringLiteral("QLabel { color: #a04000; }"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy engine report"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_engineText); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(engineTitle);
    layout->addWidget(m_engine);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QString AboutDialog::engineReport() const { return m_engineText; }

}  // namespace lnseg
