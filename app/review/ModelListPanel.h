#pragma once
// The project's model registry side by side: every trained model with what it was trained on,
// its validation and test metrics, author, date and parent; the study lead activates one for
// proposals or rolls back to the previous one.

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace lnseg {

class ModelListPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelListPanel(QWidget* parent = nullptr);

    // Shows the registry of the project in `projectFolder` (empty: none).
    void setProjectFolder(const QString& projectFolder);
    void setUser(const QString& user) { m_user = user; }
    QTableWidget* table() const { return m_table; }
    // The active model's file, empty when the project has none.
    QString activeModelFile() const { return m_activeModelFile; }

public Q_SLOTS:
    void refresh();
    bool activateSelected(QString* error = nullptr);
    bool rollBack(QString* error = nullptr);

Q_SIGNALS:
    // The active model changed (its file; empty when none).
    void activeModelChanged(QString modelFile);

private:
    QString m_projectFolder;
    QString m_user;
    QString m_activeModelFile;
    QLabel* m_summary;
    QTableWidget* m_table;
    QPushButton* m_activateButton;
    QPushButton* m_rollBackButton;
};

}  // namespace lnseg
