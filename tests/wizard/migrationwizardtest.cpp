// The import wizard page by page: a refused file keeps Next disabled, the
// verified backup, the preview of the messy sample's problems, the transfer
// on a worker thread to 100 %, the validation, the report and QSettings, the
// rows in the cloud; and Stop in the middle of a transfer, then Resume.

#include "scratchdatabase.h"
#include "testpostgres.h"
#include "wizardtesthelpers.h"

#include "wizard/migrationwizard.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace WizardTest;

namespace {

// TANDEM_WIZARD_SCREENSHOTS=DIR saves the wizard as DIR/NAME.png, to look at the pages.
void screenshot(QWizard &wizard, const QString &name)
{
    const QString dir = qEnvironmentVariable("TANDEM_WIZARD_SCREENSHOTS");
    if (!dir.isEmpty())
        wizard.grab().save(dir + u'/' + name + u".png"_s);
}

} // namespace

class MigrationWizardTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(u"migrationwizardtest"_s); }

    void refusesBadFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString bad = dir.filePath(u"todo_app_local.db"_s);
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray bytes(8192, '\0');
            for (char &b : bytes)
                b = char(QRandomGenerator::global()->bounded(256));
            file.write(bytes);
        }
        MigrationWizard wizard(Profile{}, nullptr, emptyHome(dir));
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::SourceId));
        auto *status = child<QLabel>(wizard, u"sourceStatus"_s);
        QVERIFY(status->text().contains(u"No file of the Python Todo app was found"_s));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        child<QLineEdit>(wizard, u"sourcePath"_s)->setText(bad);
        QTRY_VERIFY(status->text().contains(u"cannot be imported"_s));
        QTest::qWait(200);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::SourceId));

        // A good file enables Next; going back to the bad one disables it again.
        const QString good = dir.filePath(u"good.db"_s);
        QVERIFY(QFile::copy(kFixtures + u"/todo_app_local_v1.db"_s, good));
        child<QLineEdit>(wizard, u"sourcePath"_s)->setText(good);
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY2(status->text().contains(u"Version 1"_s) && status->text().contains(u"todo: 60 rows"_s),
                 qPrintable(status->text()));
        child<QLineEdit>(wizard, u"sourcePath"_s)->setText(bad);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    }

    void offersOnlyOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QProcessEnvironment env = emptyHome(dir);
        QSettings().remove(u"migration"_s);
        QCOMPARE(MigrationWizard::fileToOffer(env), QString());
        QVERIFY(QDir().mkpath(dir.filePath(u"home/.local/share/todo-app"_s)));
        const QString found = dir.filePath(u"home/.local/share/todo-app/todo_app_local.db"_s);
        QVERIFY(QFile::copy(kFixtures + u"/todo_app_local_v1.db"_s, found));
        QCOMPARE(MigrationWizard::fileToOffer(env), found);

        // The wizard starts with the file it found.
        MigrationWizard wizard(Profile{}, nullptr, env);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        clickNext(wizard);
        QCOMPARE(child<QLineEdit>(wizard, u"sourcePath"_s)->text(), found);
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());

        MigrationWizard::markOffered();
        QCOMPARE(MigrationWizard::fileToOffer(env), QString());
        QSettings().remove(u"migration"_s);
    }

    void migratesMessySample()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = copyFixture(dir, u"todo_app_local_v2_messy.db"_s);
        QVERIFY(!source.isEmpty());
        const QByteArray before = [&] {
            QFile f(source);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();

        MigrationWizard wizard(profileFor(cloud), nullptr, emptyHome(dir));
        QSignalSpy finished(&wizard, &MigrationWizard::migrationFinished);
        QSignalSpy openList(&wizard, &MigrationWizard::openImportedListRequested);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));

        // 1 -> 2: the source, v2 and its counts.
        clickNext(wizard);
        child<QLineEdit>(wizard, u"sourcePath"_s)->setText(source);
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        const QString sourceText = child<QLabel>(wizard, u"sourceStatus"_s)->text();
        QVERIFY2(sourceText.contains(u"Version 2"_s) && sourceText.contains(u"todo: 56 rows"_s),
                 qPrintable(sourceText));

        // 3: the verified backup beside the file.
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::BackupId));
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        const QString backupText = child<QLabel>(wizard, u"backupStatus"_s)->text();
        QVERIFY2(backupText.contains(u"verified"_s), qPrintable(backupText));
        const QStringList backups = QDir(dir.path()).entryList({u"todo_app_local.db.bak-*"_s}, QDir::Files);
        QCOMPARE(backups.size(), 1);
        QVERIFY(backupText.contains(backups.first()));
        screenshot(wizard, u"backup"_s);

        // 4: the cloud connection and Test connection on a worker thread.
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::CloudId));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(child<QPushButton>(wizard, u"testConnection"_s), Qt::LeftButton);
        auto *probe = child<QLabel>(wizard, u"connectionResult"_s);
        QTRY_VERIFY_WITH_TIMEOUT(probe->text().startsWith(u"Connected"_s), 20000);

        // 5: the preview lists the messy sample's problems.
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::PreviewId));
        auto *problems = child<QTableView>(wizard, u"problemsView"_s)->model();
        QVERIFY(problems->rowCount() > 0);
        QCOMPARE(problems->rowCount(), wizard.preview().problems.size());
        QStringList columns;
        for (int row = 0; row < problems->rowCount(); ++row)
            columns << problems->index(row, 2).data().toString();
        QVERIFY2(columns.contains(u"priority"_s) || columns.contains(u"created_at"_s),
                 qPrintable(columns.join(u", "_s)));
        QVERIFY(!problems->index(0, 4).data().toString().isEmpty());
        screenshot(wizard, u"preview"_s);

        // 6: the transfer on a worker thread, to 100 %.
        QTest::mouseClick(wizard.button(QWizard::CommitButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::MigrateId));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // the GUI returned while it runs
        auto *progress = child<QProgressBar>(wizard, u"migrateProgress"_s);
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 60000);
        QCOMPARE(progress->value(), progress->maximum());
        QCOMPARE(progress->maximum(), 56);
        QVERIFY(child<QLabel>(wizard, u"migrateRate"_s)->text().contains(u"todos/s"_s));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(wizard.result().status, u"validated"_s);
        // The run used the Backup page's backup instead of making another.
        QCOMPARE(QDir(dir.path()).entryList({u"todo_app_local.db.bak-*"_s}, QDir::Files), backups);
        QCOMPARE(wizard.result().backup, dir.filePath(backups.first()));

        // 7: validated.
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::ValidateId));
        const QString validated = child<QLabel>(wizard, u"validationResult"_s)->text();
        QVERIFY2(validated.startsWith(u"Validated"_s), qPrintable(validated));
        QCOMPARE(child<QListWidget>(wizard, u"mismatchList"_s)->count(), 0);

        // 8: the report, QSettings, Open the Imported List.
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::DoneId));
        const QString report = child<QPlainTextEdit>(wizard, u"reportText"_s)->toPlainText();
        QVERIFY2(report.contains(u"Fingerprint"_s) && report.contains(u"todo"_s), qPrintable(report));
        const QString fingerprint = wizard.result().fingerprint;
        QVERIFY(!fingerprint.isEmpty());
        QVERIFY(MigrationWizard::wasImported(fingerprint));
        QCOMPARE(QSettings().value(u"migration/offered"_s).toBool(), true);
        QTest::mouseClick(child<QPushButton>(wizard, u"openImportedList"_s), Qt::LeftButton);
        QCOMPARE(openList.size(), 1);
        screenshot(wizard, u"done"_s);

        // The cloud has the rows; the legacy file is unchanged.
        QCOMPARE(cloudCount(cloud, u"SELECT count(*) FROM tandem.todos"_s),
                 qint64(56 - [&] {
                     qint64 skipped = 0;
                     for (const RowProblem &p : wizard.result().problems)
                         skipped += p.skipped && p.table == u"todo"_s;
                     return skipped;
                 }()));
        QFile after(source);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
    }

    void cancelsAndResumes()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = copyFixture(dir, u"todo_app_local_v2.db"_s);
        QVERIFY(!source.isEmpty());

        MigrationWizard wizard(profileFor(cloud), nullptr, emptyHome(dir));
        wizard.setBatchSize(1);
        wizard.setBatchHook([](const QString &phase, int) {
            if (phase == u"after-batch"_s)
                QThread::msleep(10);
        });
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        clickNext(wizard);
        child<QLineEdit>(wizard, u"sourcePath"_s)->setText(source);
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        clickNext(wizard); // backup
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        clickNext(wizard); // cloud
        clickNext(wizard); // preview
        QCOMPARE(wizard.currentId(), int(MigrationWizard::PreviewId));
        QTest::mouseClick(wizard.button(QWizard::CommitButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(MigrationWizard::MigrateId));

        auto *progress = child<QProgressBar>(wizard, u"migrateProgress"_s);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 20, 30000);
        QTest::mouseClick(child<QPushButton>(wizard, u"cancelMigration"_s), Qt::LeftButton);
        auto *resume = child<QPushButton>(wizard, u"resumeMigration"_s);
        QTRY_VERIFY_WITH_TIMEOUT(resume->isVisible(), 30000);
        QCOMPARE(wizard.result().status, u"cancelled"_s);
        screenshot(wizard, u"cancelled"_s);
        QVERIFY(child<QLabel>(wizard, u"migrateStatus"_s)->text().startsWith(u"Stopped"_s));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        const qint64 partial = cloudCount(cloud, u"SELECT count(*) FROM tandem.todos"_s);
        QVERIFY2(partial > 0 && partial < 400, qPrintable(QString::number(partial)));

        // Resume continues and completes the import.
        wizard.setBatchSize(100);
        QTest::mouseClick(resume, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 60000);
        QCOMPARE(wizard.result().status, u"validated"_s);
        QCOMPARE(cloudCount(cloud, u"SELECT count(*) FROM tandem.todos"_s), qint64(400));
        clickNext(wizard);
        QVERIFY(child<QLabel>(wizard, u"validationResult"_s)->text().startsWith(u"Validated"_s));
    }
};

QTEST_MAIN(MigrationWizardTest)
#include "migrationwizardtest.moc"
