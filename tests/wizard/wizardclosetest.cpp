// Closing the import wizard while its transfer waits on a server that never
// answers, or has a batch in flight: the window gets control back at once,
// the run never calls the closed wizard, and the process still exits
// promptly with the run stuck in libpq.

#include "blackholeport.h"
#include "testpostgres.h"
#include "wizardtesthelpers.h"

#include "cloud/connectionconfig.h"
#include "wizard/migrationwizard.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace WizardTest;

namespace {

constexpr qint64 kMaxCloseMs = 100;
// How long each batch of the transfer stays in flight (a slow link).
constexpr int kSlowBatchMs = 500;
// The child process runs this test function against the port in this variable.
const char *const kChildPortVariable = "TANDEM_WIZARD_CLOSE_CHILD_PORT";
const QByteArray kWorkerThread = "migrationThread";

// libpq gives up on the blackholed server after kConnectTimeoutSeconds:
// long past kMaxCloseMs, short enough that a wizard waiting for its worker
// fails the test with a figure instead of hanging it.
constexpr int kConnectTimeoutSeconds = 10;

Profile blackholeProfile(quint16 port)
{
    Profile profile;
    QString error;
    const auto config = ConnectionConfig::parse(
        u"host=127.0.0.1 port=%1 dbname=tandem user=tandem password=unused connect_timeout=%2"_s.arg(port).arg(
            kConnectTimeoutSeconds),
        &error);
    if (config)
        profile.connection = *config;
    return profile;
}

// Shown, source, backup, cloud, preview, then Import: the transfer starts by
// connecting. False if a page did not let the wizard on.
bool startTransfer(MigrationWizard &wizard, const QString &source)
{
    if (!openSourcePage(wizard))
        return false;
    child<QLineEdit>(wizard, u"sourcePath"_s)->setText(source);
    if (!QTest::qWaitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }, 10000))
        return false;
    clickNext(wizard); // backup
    if (!QTest::qWaitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }, 10000))
        return false;
    clickNext(wizard); // cloud
    clickNext(wizard); // preview
    if (wizard.currentId() != MigrationWizard::PreviewId)
        return false;
    QTest::mouseClick(wizard.button(QWizard::CommitButton), Qt::LeftButton);
    return wizard.currentId() == MigrationWizard::MigrateId;
}

} // namespace

class WizardCloseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(u"wizardclosetest"_s); }

    void shouldCloseAtOnceWhileConnecting_data()
    {
        QTest::addColumn<bool>("cancelFirst");
        QTest::newRow("Cancel, then the window deletes it") << true;
        QTest::newRow("deleted with its owner") << false;
    }

    void shouldCloseAtOnceWhileConnecting()
    {
        QFETCH(bool, cancelFirst);
        BlackholePort blackhole;
        QVERIFY(blackhole.isListening());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = copyFixture(dir, u"todo_app_local_v1.db"_s);
        QVERIFY(!source.isEmpty());

        auto *wizard = new MigrationWizard(blackholeProfile(blackhole.port()), nullptr, emptyHome(dir));
        QVERIFY(startTransfer(*wizard, source));

        // Busy, for real: the run's connection waits in the blackhole's queue.
        QTRY_VERIFY_WITH_TIMEOUT(blackhole.hasWaitingClient(), 10000);
        QVERIFY(hasThreadNamed(kWorkerThread));
        QCOMPARE(child<QLabel>(*wizard, u"migrateStatus"_s)->text(), u"Connecting to the cloud database…"_s);

        QElapsedTimer clock;
        clock.start();
        if (cancelFirst)
            QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
        delete wizard;
        const qint64 closeMs = clock.elapsed();
        qInfo("closing took %lld ms", closeMs);
        QVERIFY2(closeMs < kMaxCloseMs, qPrintable(u"closing took %1 ms"_s.arg(closeMs)));

        // The server goes away: the connection attempt fails, the run ends,
        // and its result has no wizard to go to.
        QVERIFY(hasThreadNamed(kWorkerThread));
        blackhole.close();
        QTRY_VERIFY_WITH_TIMEOUT(!hasThreadNamed(kWorkerThread), 10000);
        QTest::qWait(50); // the worker's queued signals and deferred deletes
    }

    void shouldCloseAtOnceWhileTransferring()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = copyFixture(dir, u"todo_app_local_v2.db"_s);
        QVERIFY(!source.isEmpty());
        constexpr int kBatchSize = 10;
        std::atomic<int> batches{0};
        auto *wizard = new MigrationWizard(profileFor(cloud), nullptr, emptyHome(dir));
        wizard->setBatchSize(kBatchSize);
        wizard->setBatchHook([&batches](const QString &phase, int) {
            if (phase == u"in-batch"_s) {
                ++batches;
                QThread::msleep(kSlowBatchMs);
            }
        });
        QVERIFY(startTransfer(*wizard, source));
        QTRY_VERIFY_WITH_TIMEOUT(batches >= 2, 30000); // busy: a batch is in flight

        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
        delete wizard;
        const qint64 closeMs = clock.elapsed();
        qInfo("closing mid-transfer took %lld ms", closeMs);
        QVERIFY2(closeMs < kMaxCloseMs, qPrintable(u"closing took %1 ms"_s.arg(closeMs)));

        // The batch in flight commits, the run stops before the next one,
        // and the cloud holds whole batches only.
        QTRY_VERIFY_WITH_TIMEOUT(!hasThreadNamed(kWorkerThread), 30000);
        QTest::qWait(50);
        const qint64 todos = cloudCount(cloud, u"SELECT count(*) FROM tandem.todos"_s);
        QVERIFY2(todos > 0 && todos < 400 && todos % kBatchSize == 0, qPrintable(QString::number(todos)));
    }

    // The process exits while the run is still stuck in libpq: a child
    // process (this test function again) closes the wizard and ends.
    void shouldExitWhileConnecting()
    {
        if (qEnvironmentVariableIsSet(kChildPortVariable)) {
            const quint16 port = quint16(qEnvironmentVariableIntValue(kChildPortVariable));
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            const QString source = copyFixture(dir, u"todo_app_local_v1.db"_s);
            auto *wizard = new MigrationWizard(blackholeProfile(port), nullptr, emptyHome(dir));
            QVERIFY(startTransfer(*wizard, source));
            QTRY_VERIFY_WITH_TIMEOUT(hasThreadNamed(kWorkerThread), 10000);
            QTest::qWait(200); // into the connection attempt
            delete wizard;
            return; // QTest returns from main with the run still waiting
        }

        BlackholePort blackhole;
        QVERIFY(blackhole.isListening());
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildPortVariable), QString::number(blackhole.port()));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {u"shouldExitWhileConnecting"_s});
        QVERIFY(child.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(blackhole.hasWaitingClient(), 30000);
        QElapsedTimer clock;
        clock.start();
        const bool exited = child.waitForFinished(kConnectTimeoutSeconds * 3000);
        if (!exited) {
            child.kill();
            child.waitForFinished();
        }
        const QByteArray output = child.readAllStandardOutput() + child.readAllStandardError();
        QVERIFY2(exited, output.constData());
        const qint64 exitMs = clock.elapsed();
        qInfo("the child exited %lld ms after its run reached the server", exitMs);
        // It ended before libpq gave up: nothing waited for the run.
        QVERIFY2(exitMs < kConnectTimeoutSeconds * 1000 / 2, qPrintable(u"exit took %1 ms"_s.arg(exitMs)));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QVERIFY2(child.exitCode() == 0, output.constData());
        QVERIFY2(!output.contains("QThread: Destroyed"), output.constData());
        QVERIFY(blackhole.hasWaitingClient()); // it never got an answer
    }
};

QTEST_MAIN(WizardCloseTest)
#include "wizardclosetest.moc"
