#include "review/ProjectBrowser.h"

#include "project/CaseLock.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <exception>

namespace lnseg {

using project::ReviewState;

namespace {

QString stateName(ReviewState state)
{
    switch (state) {
    case ReviewState::New: return ProjectBrowser::tr("New");
    case ReviewState::InProgress: return ProjectBrowser::tr("In progress");
    case ReviewState::Reviewed: return ProjectBrowser::tr("Reviewed");
    case ReviewState::Approved: return ProjectBrowser::tr("Approved");
    case ReviewState::Returned: return ProjectBrowser::tr("Returned");
    }
    return {};
}

QString splitName(project::SplitSide side)
{
    switch (side) {
    case project::SplitSide::Train: return ProjectBrowser::tr("train");
    case project::SplitSide::Validation: return ProjectBrowser::tr("validation");
    case project::SplitSide::Test: return ProjectBrowser::tr("test");
    }
    return {};
}

bool waitsForWork(ReviewState state)
{
    return state == ReviewState::New || state == ReviewState::InProgress || state == ReviewState::Returned;
}

}  // namespace

// ---- ProjectCaseTableModel ----

ProjectCaseTableModel::ProjectCaseTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProjectCaseTableModel::reset(const project::Project* project, const QString& user, Filter filter)
{
    beginResetModel();
    m_rows.clear();
    if (project) {
        const std::string me = user.toStdString();
        for (const project::ProjectCase& projectCase : project->manifest().cases) {
            const bool mine = projectCase.assignedTo == me || projectCase.lastEditedBy == me;
            bool shown = true;
            switch (filter) {
            case Filter::All: break;
            case Filter::Unreviewed: shown = waitsForWork(projectCase.state); break;
            case Filter::Mine: shown = mine; break;
            case Filter::WaitingForApproval: shown = projectCase.state == ReviewState::Reviewed; break;
            case Filter::Approved: shown = projectCase.state == ReviewState::Approved; break;
            }
            if (!shown)
                continue;
            Row row;
            row.projectCase = projectCase;
            row.split = project->splitOf(projectCase.id);
            try {
                const project::CaseLock lock(project->caseFolder(projectCase.id));
                if (const auto holder = lock.holder())
                    row.lockHolder = QString::fromStdString(holder->user + "@" + holder->host) +
                                     (lock.isStale(*holder) ? ProjectBrowser::tr(" (stale)") : QString());
            } catch (const std::exception&) {
                row.lockHolder = ProjectBrowser::tr("unreadable lock");
            }
            m_rows.push_back(row);
        }
    }
    endResetModel();
}

int ProjectCaseTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProjectCaseTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectCaseTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const project::ProjectCase& c = row.projectCase;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case CaseColumn: return QString::fromStdString(c.id);
        case PatientColumn: return QString::fromStdString(c.patient);
        case SplitColumn: return splitName(row.split);
        case StateColumn: return stateName(c.state);
        case NodesColumn: return c.nodes.total;
        case ProposedColumn: return c.nodes.proposed;
        case AssignedColumn: return QString::fromStdString(c.assignedTo);
        case EditedByColumn: return QString::fromStdString(c.lastEditedBy);
        case LockColumn: return row.lockHolder;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString history;
        for (const project::StateChange& change : c.history)
            history += tr("%1: %2 by %3%4\n")
                           .arg(QString::fromStdString(change.time), stateName(change.state),
                                QString::fromStdString(change.user),
                                change.comment.empty() ? QString() : QStringLiteral(" \u2014 ") + QString::fromStdString(change.comment));
        return tr("%1 (%2)\n%3").arg(QString::fromStdString(c.source.description.empty() ? c.source.kind : c.source.description),
                                     QString::fromStdString(c.source.seriesIdentity()), history.trimmed());
    }
    if (role == Qt::UserRole)
        return QString::fromStdString(c.id);
    return {};
}

QVariant ProjectCaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CaseColumn: return tr("Case");
    case PatientColumn: return tr("Patient");
    case SplitColumn: return tr("Split");
    case StateColumn: return tr("State");
    case NodesColumn: return tr("Nodes");
    case ProposedColumn: return tr("Unreviewed");
    case AssignedColumn: return tr("Assigned to");
    case EditedByColumn: return tr("Last edited by");
    case LockColumn: return tr("Open by");
    default: return {};
    }
}

QString ProjectCaseTableModel::caseIdAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? QString::fromStdString(m_rows[std::size_t(row)].projectCase.id) : QString();
}

int ProjectCaseTableModel::rowOf(const QString& caseId) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        if (QString::fromStdString(m_rows[row].projectCase.id) == caseId)
            return int(row);
    return -1;
}

// ---- ProjectBrowser ----

ProjectBrowser::ProjectBrowser(QWidget* parent) : QWidget(parent)
{
    m_summary = new QLabel(tr("No project open."), this);
    m_summary->setWordWrap(true);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("caseFilter"));
    m_filter->addItem(tr("All cases"));
    m_filter->addItem(tr("Unreviewed"));
    m_filter->addItem(tr("Mine"));
    m_filter->addItem(tr("Waiting for approval"));
    m_filter->addItem(tr("Approved"));
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] { refresh(); });

    m_model = new ProjectCaseTableModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableView::doubleClicked, this, &ProjectBrowser::openCurrent);

    m_openButton = new QPushButton(tr("&Open"), this);
    m_nextButton = new QPushButton(tr("Open &next"), this);
    m_reviewedButton = new QPushButton(tr("&Mark reviewed"), this);
    m_approveButton = new QPushButton(tr("A&pprove"), this);
    m_returnButton = new QPushButton(tr("Re&turn..."), this);
    auto* refreshButton = new QPushButton(tr("Re&fresh"), this);
    auto* exportButton = new QPushButton(tr("E&xport..."), this);
    exportButton->setToolTip(tr("Export the approved cases (NIfTI, nnU-Net, DICOM SEG, report)"));
    connect(exportButton, &QPushButton::clicked, this, &ProjectBrowser::exportRequested);
    m_openButton->setToolTip(tr("Open the selected case for review"));
    m_nextButton->setToolTip(tr("Open the next case waiting for review"));
    m_approveButton->setToolTip(tr("Approve the reviewed case (study lead)"));
    m_returnButton->setToolTip(tr("Return the reviewed case with a comment (study lead)"));
    connect(m_openButton, &QPushButton::clicked, this, &ProjectBrowser::openCurrent);
    connect(m_nextButton, &QPushButton::clicked, this, &ProjectBrowser::openNext);
    auto reportRefusal = [this](bool done, const QString& error) {
        if (!done && !error.isEmpty())
            QMessageBox::warning(this, tr("Review state"), error);
    };
    connect(m_reviewedButton, &QPushButton::clicked, this, [this, reportRefusal] {
        QString error;
        reportRefusal(markCurrentReviewed(&error), error);
    });
    connect(m_approveButton, &QPushButton::clicked, this, [this, reportRefusal] {
        QString error;
        reportRefusal(approveCurrent(&error), error);
    });
    connect(m_returnButton, &QPushButton::clicked, this, &ProjectBrowser::askAndReturnCurrent);
    connect(refreshButton, &QPushButton::clicked, this, &ProjectBrowser::refresh);

    // Rows of two or three buttons: the dock shares a column with the node table and must stay
    // narrow enough (~300 px) to leave the slice views most of the window (issue 13).
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show:"), this));
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(exportButton);
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter->setMinimumContentsLength(8);
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_openButton, 0, 0);
    buttons->addWidget(m_nextButton, 0, 1);
    buttons->addWidget(refreshButton, 0, 2);
    buttons->addWidget(m_reviewedButton, 1, 0);
    buttons->addWidget(m_approveButton, 1, 1);
    buttons->addWidget(m_returnButton, 1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateButtons(); });
    updateButtons();
}

ProjectBrowser::~ProjectBrowser() = default;

bool ProjectBrowser::openProject(const QString& folder, QString* error)
{
    try {
        m_project = std::make_unique<project::Project>(project::Project::open(folder.toStdString()));
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
    refresh();
    Q_EMIT projectChanged();
    return true;
}

void ProjectBrowser::setUser(const QString& user)
{
    m_user = user;
    refresh();
}

void ProjectBrowser::setFilter(ProjectCaseTableModel::Filter filter)
{
    m_filter->setCurrentIndex(int(filter));
    refresh();
}

ProjectCaseTableModel::Filter ProjectBrowser::filter() const
{
    return ProjectCaseTableModel::Filter(m_filter->currentIndex());
}

QString ProjectBrowser::currentCaseId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? m_sorted->data(index, Qt::UserRole).toString() : QString();
}

void ProjectBrowser::selectCase(const QString& caseId)
{
    const int row = m_model->rowOf(caseId);
    if (row < 0)
        return;
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

QString ProjectBrowser::nextCaseToReview() const
{
    if (!m_project)
        return {};
    const auto& cases = m_project->manifest().cases;
    const std::string current = currentCaseId().toStdString();
    std::size_t start = 0;
    for (std::size_t index = 0; index < cases.size(); ++index)
        if (cases[index].id == current)
            start = index + 1;
    const std::string me = m_user.toStdString();
    for (std::size_t offset = 0; offset < cases.size(); ++offset) {
        const project::ProjectCase& candidate = cases[(start + offset) % cases.size()];
        if (candidate.id != current && waitsForWork(candidate.state) &&
            (candidate.assignedTo.empty() || candidate.assignedTo == me))
            return QString::fromStdString(candidate.id);
    }
    return {};
}

void ProjectBrowser::refresh()
{
    const QString selected = currentCaseId();
    if (m_project) {
        try {
            m_project->reload();
        } catch (const std::exception& exception) {
            m_summary->setText(tr("The project could not be re-read: %1").arg(QString::fromUtf8(exception.what())));
        }
    }
    m_model->reset(m_project.get(), m_user, filter());
    m_table->resizeColumnsToContents();
    if (!selected.isEmpty())
        selectCase(selected);
    updateSummary();
    updateButtons();
}

void ProjectBrowser::openCurrent()
{
    const QString caseId = currentCaseId();
    if (!caseId.isEmpty())
        Q_EMIT openCaseRequested(caseId);
}

void ProjectBrowser::openNext()
{
    const QString caseId = nextCaseToReview();
    if (caseId.isEmpty()) {
        m_summary->setText(m_summary->text() + tr("\nNo case is waiting for review."));
        return;
    }
    if (m_model->rowOf(caseId) < 0)
        setFilter(ProjectCaseTableModel::Filter::All);
    selectCase(caseId);
    Q_EMIT openCaseRequested(caseId);
}

bool ProjectBrowser::changeState(ReviewState state, const QString& comment, QString* error)
{
    const QString caseId = currentCaseId();
    if (!m_project || caseId.isEmpty()) {
        if (error)
            *error = tr("Select a case first.");
        return false;
    }
    try {
        m_project->setState(caseId.toStdString(), state, m_user.toStdString(), comment.toStdString());
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        refresh();
        return false;
    }
    refresh();
    Q_EMIT projectChanged();
    return true;
}

bool ProjectBrowser::markCurrentReviewed(QString* error)
{
    return changeState(ReviewState::Reviewed, {}, error);
}

bool ProjectBrowser::approveCurrent(QString* error)
{
    return changeState(ReviewState::Approved, {}, error);
}

bool ProjectBrowser::returnCurrent(const QString& comment, QString* error)
{
    return changeState(ReviewState::Returned, comment, error);
}

void ProjectBrowser::askAndReturnCurrent()
{
    bool ok = false;
    const QString comment = QInputDialog::getMultiLineText(this, tr("Return case"),
                                                           tr("What should the reviewer look at again?"), {}, &ok);
    if (!ok)
        return;
    QString error;
    if (!returnCurrent(comment.trimmed(), &error) && !error.isEmpty())
        QMessageBox::warning(this, tr("Review state"), error);
}

void ProjectBrowser::updateSummary()
{
    if (!m_project) {
        m_summary->setText(tr("No project open."));
        return;
    }
    const project::ProjectManifest& manifest = m_project->manifest();
    QStringList counts;
    for (ReviewState state : project::allReviewStates()) {
        int count = 0;
        for (const project::ProjectCase& c : manifest.cases)
            count += c.state == state ? 1 : 0;
        counts << tr("%1 %2").arg(count).arg(stateName(state).toLower());
    }
    m_summary->setText(tr("<b>%1</b> \u2014 %n case(s), data version %2<br>%3", "", int(manifest.cases.size()))
                           .arg(QString::fromStdString(manifest.name).toHtmlEscaped())
                           .arg(manifest.dataVersion)
                           .arg(counts.join(QStringLiteral(", "))));
}

void ProjectBrowser::updateButtons()
{
    const bool hasCase = !currentCaseId().isEmpty();
    const bool lead = m_project && m_project->manifest().isStudyLead(m_user.toStdString());
    m_openButton->setEnabled(hasCase);
    m_nextButton->setEnabled(m_project != nullptr);
    m_reviewedButton->setEnabled(hasCase);
    m_approveButton->setEnabled(hasCase && lead);
    m_returnButton->setEnabled(hasCase && lead);
}

}  // namespace lnseg
