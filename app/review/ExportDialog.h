#pragma once
// "Export project...": format, target folder, which review states, de-identification (on by
// default) and the nnU-Net class layout.

#include "export/ExportCase.h"
#include "project/ReviewState.h"

#include <QDialog>

#include <set>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace lnseg {

struct ExportRequest {
    ExportFormat format = ExportFormat::Nifti;
    ExportOptions options;
    std::set<project::ReviewState> states;
};

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(QWidget* parent = nullptr);
    ExportRequest request() const;

private:
    QComboBox* m_format;
    QLineEdit* m_folder;
    QCheckBox* m_deidentify;
    QCheckBox* m_includeReviewed;
    QCheckBox* m_perLevel;
};

}  // namespace lnseg
