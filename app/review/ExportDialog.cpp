#include "review/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace lnseg {

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export project"));
    m_format = new QComboBox(this);
    m_format->addItem(tr("NIfTI: images, instance label maps, node lists"), int(ExportFormat::Nifti));
    m_format->addItem(tr("nnU-Net v2 raw dataset"), int(ExportFormat::NnUnet));
    m_format->addItem(tr("DICOM SEG (with the CT series it references)"), int(ExportFormat::DicomSeg));
    m_format->addItem(tr("Node report (CSV and JSON)"), int(ExportFormat::Report));
    m_folder = new QLineEdit(this);
    m_folder->setPlaceholderText(tr("a new, empty folder"));
    auto* browse = new QPushButton(tr("&Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"));
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_deidentify = new QCheckBox(tr("&De-identify (patient attributes, dates and UIDs replaced; the pseudonym "
                                    "mapping is written beside the folder, not inside it)"), this);
    m_deidentify->setChecked(true);
    m_includeReviewed = new QCheckBox(tr("Include cases that are &reviewed but not yet approved"), this);
    m_perLevel = new QCheckBox(tr("nnU-Net: one label class per nodal &level"), this);
    const QSettings settings;
    m_format->setCurrentIndex(std::max(0, m_format->findData(settings.value(QStringLiteral("export/format"), 0))));
    m_perLevel->setChecked(settings.value(QStringLiteral("export/perLevel"), false).toBool());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings settings;
        settings.setValue(QStringLiteral("export/format"), m_format->currentData());
        settings.setValue(QStringLiteral("export/perLevel"), m_perLevel->isChecked());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("F&older:"), folderRow);
    form->addRow(m_deidentify);
    form->addRow(m_includeReviewed);
    form->addRow(m_perLevel);
    form->addRow(buttons);
}

ExportRequest ExportDialog::request() const
{
    ExportRequest request;
    request.format = ExportFormat(m_format->currentData().toInt());
    request.options.outputFolder = m_folder->text().trimmed().toStdString();
    request.options.deidentify = m_deidentify->isChecked();
    request.options.perLevel = m_perLevel->isChecked();
    request.states = {project::ReviewState::Approved};
    if (m_includeReviewed->isChecked())
        request.states.insert(project::ReviewState::Reviewed);
    return request;
}

}  // namespace lnseg
