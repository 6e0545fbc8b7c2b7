#pragma once
// The project browser: the cases of a project (core/project) with their review state, split,
// node counts and who holds them; filters (unreviewed, mine, waiting for approval, approved);
// "open next"; and the study lead's approve / return-with-comment. It changes the project only
// through project::Project, which re-reads the manifest before every change, so several users
// (and the command-line tool) can work on one project at once.

#include "project/Project.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lnseg {

// One row per case; filtering is done here so that "open next" and the view agree.
class ProjectCaseTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CaseColumn, PatientColumn, SplitColumn, StateColumn, NodesColumn, ProposedColumn,
                  AssignedColumn, EditedByColumn, LockColumn, ColumnCount };
    enum class Filter { All, Unreviewed, Mine, WaitingForApproval, Approved };

    explicit ProjectCaseTableModel(QObject* parent = nullptr);
    // Rebuilds the rows from the project (locks are read from disk).
    void reset(const project::Project* project, const QString& user, Filter filter);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QString caseIdAt(int row) const;
    int rowOf(const QString& caseId) const;

private:
    struct Row {
        project::ProjectCase projectCase;  // a copy: the project re-reads its manifest on every change
        project::SplitSide split = project::SplitSide::Train;
        QString lockHolder;
    };
    std::vector<Row> m_rows;
};

class ProjectBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ProjectBrowser(QWidget* parent = nullptr);
    ~ProjectBrowser() override;

    // Opens the project in `folder`; false with a message in `error`.
    bool openProject(const QString& folder, QString* error);
    project::Project* project() const { return m_project.get(); }
    void setUser(const QString& user);
    QString user() const { return m_user; }

    void setFilter(ProjectCaseTableModel::Filter filter);
    ProjectCaseTableModel::Filter filter() const;
    QString currentCaseId() const;
    void selectCase(const QString& caseId);
    // The next case to work on after the current one: New, In progress or Returned, assigned to
    // the user or to nobody, in manifest order, wrapping around; empty when none.
    QString nextCaseToReview() const;
    QTableView* table() const { return m_table; }
    ProjectCaseTableModel* caseModel() const { return m_model; }

public Q_SLOTS:
    // Re-reads the manifest and the locks.
    void refresh();
    void openCurrent();
    void openNext();
    // State changes of the current case; false with the rule's message in `error` when refused.
    bool markCurrentReviewed(QString* error = nullptr);
    bool approveCurrent(QString* error = nullptr);
    bool returnCurrent(const QString& comment, QString* error = nullptr);

Q_SIGNALS:
    void openCaseRequested(QString caseId);
    void exportRequested();
    void projectChanged();

private:
    bool changeState(project::ReviewState state, const QString& comment, QString* error);
    void askAndReturnCurrent();
    void updateSummary();
    void updateButtons();

    std::unique_ptr<project::Project> m_project;
    QString m_user;
    QLabel* m_summary;
    QComboBox* m_filter;
    QTableView* m_table;
    ProjectCaseTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QPushButton* m_openButton;
    QPushButton* m_nextButton;
    QPushButton* m_reviewedButton;
    QPushButton* m_approveButton;
    QPushButton* m_returnButton;
};

}  // namespace lnseg
