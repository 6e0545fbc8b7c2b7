// `lnseg project` and `lnseg train --project` end to end, run as a user runs them: a project of
// tiny phantoms (files and a DICOM series), refusals, review states, locks in the status, and two
// models trained for a few steps, registered, activated and rolled back.
#include "project/CaseLock.h"

#include <QtTest/QtTest>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QStringList& arguments, const QString& user = "lead")
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LNSEG_USER", user);
    process.setProcessEnvironment(environment);
    process.start(LNSEG_CLI_PATH, arguments);
    if (!process.waitForFinished(300000))
        process.kill();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

const QStringList kTinyPhantom{"--columns", "64", "--rows", "64", "--slices", "16", "--pixel-spacing", "3", "--slice-spacing", "5"};
// A coarse network grid and few steps keep training fast: the mechanics, not the accuracy.
const QStringList kTinyTraining{"--arch", "attunet", "--mode", "2d", "--epochs", "1", "--steps-per-epoch", "2", "--batch", "2",
                                "--lr", "0.001", "--threads", "1", "--validation-slices", "4", "--pixel-spacing", "2.5"};

}  // namespace

class ProjectCommandTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void initAndAddAFolderTree();
    void refusesDuplicatesAndForeignLabelMaps();
    void addsADicomSeries();
    void statusListsCasesSplitAndLocks();
    void reviewStatesFollowTheRules();
    void trainsRegistersActivatesAndRollsBack();
    void exportsTheApprovedCases();
    void usageErrors();

private:
    QJsonObject status();
    QTemporaryDir m_folder;
    QString m_project;
};

void ProjectCommandTest::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_project = m_folder.filePath("project");
    Result made = run(QStringList{"phantom", "--out", m_folder.filePath("data"), "--cases", "4", "--seed", "7"} + kTinyPhantom);
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    // The DICOM phantom has another size: its label map doubles as one that fits no image of data/.
    QStringList otherSize = kTinyPhantom;
    otherSize[1] = "72";
    made = run(QStringList{"phantom", "--out", m_folder.filePath("dicom"), "--cases", "1", "--seed", "8", "--dicom"} + otherSize);
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
}

QJsonObject ProjectCommandTest::status()
{
    const Result shown = run({"project", "status", m_project, "--json"});
    if (shown.exitCode != 0)
        qWarning("%s", qPrintable(shown.err));
    return QJsonDocument::fromJson(shown.out.toUtf8()).object();
}

void ProjectCommandTest::initAndAddAFolderTree()
{
    const Result created = run({"project", "init", m_project, "--name", "Neck nodes", "--seed", "6", "--fractions", "0.4,0.3,0.3"});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QVERIFY(created.out.contains("created project 'Neck nodes'"));
    QVERIFY(QFile::exists(m_project + "/project.json"));

    const Result added = run({"project", "add", m_project, m_folder.filePath("data")}, "reader");
    QVERIFY2(added.exitCode == 0, qPrintable(added.out + added.err));
    QVERIFY2(added.out.contains("4 cases added, 0 skipped"), qPrintable(added.out));
    QVERIFY(added.out.contains("added case-0001: patient P0001, image"));
    for (const char* file : {"cases/case-0004/image.nii.gz", "cases/case-0004/review.json", "private/patients.json"})
        QVERIFY2(QFile::exists(m_project + "/" + file), file);
}

void ProjectCommandTest::refusesDuplicatesAndForeignLabelMaps()
{
    const Result duplicate = run({"project", "add", m_project, m_folder.filePath("data/phantom_002_image.nii.gz")});
    QCOMPARE(duplicate.exitCode, 1);
    QVERIFY2(duplicate.err.contains("already in the project as case-0002"), qPrintable(duplicate.err));
    const Result mismatch = run({"project", "add", m_project, m_folder.filePath("dicom/phantom_001_image.nii.gz"), "--labels",
                                 m_folder.filePath("data/phantom_001_labels.nii.gz")});
    QCOMPARE(mismatch.exitCode, 1);
    QVERIFY2(mismatch.err.contains("does not fit the image") && mismatch.err.contains("phantom_001_labels.nii.gz"),
             qPrintable(mismatch.err));
}

void ProjectCommandTest::addsADicomSeries()
{
    const Result added = run({"project", "add", m_project, m_folder.filePath("dicom/phantom_001_dicom"), "--labels",
                              m_folder.filePath("dicom/phantom_001_labels.nii.gz"), "--nodes",
                              m_folder.filePath("dicom/phantom_001_nodes.json")});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    QVERIFY2(added.out.contains("added case-0005: patient P0005, DICOM series"), qPrintable(added.out));
    QVERIFY(QFile::exists(m_project + "/cases/case-0005/dicom-source.json"));
}

void ProjectCommandTest::statusListsCasesSplitAndLocks()
{
    // Someone has case-0002 open.
    lnseg::project::CaseLock lock((m_project + "/cases/case-0002").toStdString());
    QVERIFY(lock.acquire(lnseg::project::currentLockOwner("reader")).acquired);

    const QJsonObject shown = status();
    QCOMPARE(shown["name"].toString(), QString("Neck nodes"));
    QCOMPARE(shown["dataVersion"].toInt(), 5);
    const QJsonArray cases = shown["cases"].toArray();
    QCOMPARE(cases.size(), 5);
    for (const QJsonValue& item : cases) {
        const QJsonObject object = item.toObject();
        QCOMPARE(object["state"].toString(), QString("New"));
        QVERIFY(QStringList({"train", "validation", "test"}).contains(object["split"].toString()));
        QVERIFY(object["nodes"].toObject()["total"].toInt() > 0);
        QCOMPARE(object["nodes"].toObject()["accepted"].toInt(), object["nodes"].toObject()["total"].toInt());
    }
    QCOMPARE(cases[1].toObject()["lock"].toObject()["user"].toString(), QString("reader"));
    QVERIFY(cases[0].toObject()["lock"].isNull());
    const QJsonObject totals = shown["totals"].toObject();
    QCOMPARE(totals["states"].toObject()["New"].toInt(), 5);
    const QJsonObject split = totals["split"].toObject();
    // Seed 6 happens to put patients P0001 and P0004 in train, P0002 and P0003 in validation, P0005 in test.
    QCOMPARE(split["train"].toInt(), 2);
    QCOMPARE(split["validation"].toInt(), 2);
    QCOMPARE(split["test"].toInt(), 1);
    QCOMPARE(cases[4].toObject()["split"].toString(), QString("test"));

    const Result text = run({"project", "status", m_project});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("reader@") && text.out.contains("states: New 5"), qPrintable(text.out));
    QVERIFY(lock.release(lnseg::project::currentLockOwner("reader")));
}

void ProjectCommandTest::reviewStatesFollowTheRules()
{
    const QString all = "case-0001,case-0002,case-0003,case-0004,case-0005";
    const Result reviewed = run({"project", "set-state", m_project, all, "Reviewed"}, "reader");
    QVERIFY2(reviewed.exitCode == 0, qPrintable(reviewed.err));
    QVERIFY(reviewed.out.contains("case-0005: New -> Reviewed (by reader; data version 10)"));
    const Result notLead = run({"project", "set-state", m_project, "case-0001", "Approved"}, "reader");
    QCOMPARE(notLead.exitCode, 1);
    QVERIFY2(notLead.err.contains("approving is a study lead's act"), qPrintable(notLead.err));
    const Result returned = run({"project", "set-state", m_project, "case-0001", "Returned", "--comment", "node 2 is a vessel"});
    QVERIFY2(returned.exitCode == 0, qPrintable(returned.err));
    QVERIFY(returned.out.contains("case-0001: Reviewed -> Returned (by lead"));
    QCOMPARE(run({"project", "set-state", m_project, "case-0001", "Reviewed", "--user", "reader"}).exitCode, 0);
    const Result approved = run({"project", "set-state", m_project, all, "Approved"});
    QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
    QCOMPARE(approved.out.count("-> Approved (by lead"), 5);
}

void ProjectCommandTest::trainsRegistersActivatesAndRollsBack()
{
    const Result first = run(QStringList{"train", "--project", m_project, "--out", m_folder.filePath("run1"), "--note", "baseline"} +
                             kTinyTraining);
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    const QJsonObject shown = status();
    const QJsonObject split = shown["totals"].toObject()["split"].toObject();
    QVERIFY2(first.out.contains("2 training cases, 2 validation cases (1 test cases held out)"), qPrintable(first.out));
    QVERIFY2(first.out.contains("test cases: 1, dice"), qPrintable(first.out));
    QVERIFY2(first.out.contains("model id: model-0001"), qPrintable(first.out));
    QVERIFY(QFile::exists(m_project + "/models/model-0001/model.lnsegmodel"));
    QCOMPARE(shown["activeModel"].toString(), QString("model-0001"));

    const Result second = run(QStringList{"train", "--project", m_project, "--out", m_folder.filePath("run2"), "--parent",
                                          "model-0001", "--resume", m_folder.filePath("run1/checkpoint_epoch_001.pt"),
                                          "--epochs", "2"} + kTinyTraining.mid(0, 4) + kTinyTraining.mid(6), "trainer");
    QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
    QVERIFY(second.out.contains("model id: model-0002"));

    // The registry records the split and the data version the models were trained on.
    QFile registryFile(m_project + "/models/registry.json");
    QVERIFY(registryFile.open(QIODevice::ReadOnly));
    const QJsonObject registry = QJsonDocument::fromJson(registryFile.readAll()).object();
    const QJsonObject model = registry["models"].toArray()[1].toObject();
    QCOMPARE(model["parent"].toString(), QString("model-0001"));
    QCOMPARE(model["author"].toString(), QString("trainer"));
    QCOMPARE(model["dataVersion"].toInt(), shown["dataVersion"].toInt());
    QCOMPARE(model["split"].toObject()["train"].toArray().size(), split["train"].toInt());
    QVERIFY(model["validationMetrics"].toObject().contains("dice"));
    QCOMPARE(model["split"].toObject()["test"].toArray().first().toString(), QString("case-0005"));
    QVERIFY(model["testMetrics"].toObject().contains("sensitivity"));
    QCOMPARE(model["training"].toObject()["cases"].toString(), QString("approved"));

    const Result listed = run({"project", "models", m_project});
    QVERIFY2(listed.out.contains("* model-0001") && listed.out.contains("  model-0002") && listed.out.contains("\"baseline\""),
             qPrintable(listed.out));
    const Result activated = run({"project", "models", m_project, "--activate", "model-0002"});
    QVERIFY2(activated.out.contains("active model: model-0002"), qPrintable(activated.err));
    const Result rolledBack = run({"project", "models", m_project, "--rollback"});
    QVERIFY2(rolledBack.out.contains("active model: model-0001"), qPrintable(rolledBack.err));
}

// Every format from the command line, de-identified by default (the formats' contents are checked
// in tests/unit/test_export.cpp; here: the project glue, the summary, the mapping's place).
void ProjectCommandTest::exportsTheApprovedCases()
{
    for (const char* format : {"nifti", "nnunet", "dicom-seg", "report"}) {
        const QString out = m_folder.filePath(QStringLiteral("export-%1").arg(format));
        const Result exported = run({"export", "--project", m_project, "--format", format, "--out", out});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QVERIFY2(exported.out.contains("exported 5 case(s)"), qPrintable(exported.out));
        QVERIFY(QFileInfo::exists(out + ".pseudonyms.json"));
        QVERIFY(!QDir(out).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }
    const QString nnunet = m_folder.filePath("export-nnunet");
    QDirIterator datasets(nnunet, {"dataset.json"}, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(datasets.hasNext());
    QFile datasetFile(datasets.next());
    QVERIFY(datasetFile.open(QIODevice::ReadOnly));
    const QJsonObject dataset = QJsonDocument::fromJson(datasetFile.readAll()).object();
    QCOMPARE(dataset["channel_names"].toObject()["0"].toString(), QString("CT"));
    QCOMPARE(dataset["labels"].toObject()["node"].toInt(), 1);
    // Without de-identification no mapping is written; an existing export is never overwritten.
    const QString plain = m_folder.filePath("export-plain");
    const Result kept = run({"export", "--project", m_project, "--format", "report", "--out", plain, "--no-deidentify"});
    QVERIFY2(kept.exitCode == 0 && kept.out.contains("not de-identified"), qPrintable(kept.err + kept.out));
    QVERIFY(!QFileInfo::exists(plain + ".pseudonyms.json"));
    const Result again = run({"export", "--project", m_project, "--format", "report", "--out", plain, "--no-deidentify"});
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(run({"export", "--project", m_project, "--format", "zip", "--out", m_folder.filePath("x")}).exitCode, 2);
    const Result none = run({"export", "--project", m_project, "--format", "report", "--out", m_folder.filePath("y"),
                             "--states", "Returned"});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("no case"), qPrintable(none.err));
}

void ProjectCommandTest::usageErrors()
{
    QCOMPARE(run({"project", "frobnicate", m_project}).exitCode, 2);
    QCOMPARE(run({"train", "--project", m_project, "--data", m_folder.filePath("data"), "--out", "x"}).exitCode, 2);
    const Result notProject = run({"project", "status", m_folder.filePath("data")});
    QCOMPARE(notProject.exitCode, 1);
    QVERIFY(notProject.err.contains("not an lnseg project"));
}

QTEST_GUILESS_MAIN(ProjectCommandTest)
#include "test_project_cli.moc"
