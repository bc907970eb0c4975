#include "clirunner.h"
#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

// tandem-cli beside the open window, and beside itself: scripts run it while
// the window is open, several at the same moment. SQLite in WAL mode serves
// them all; each waits its turn for the write lock and none fails for it.
class CliConcurrentTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int kLanes = 4;         // tandem-cli processes at the same moment
    static constexpr int kAddsPerLane = 50;

    struct Window
    {
        explicit Window(const QString &path)
        {
            const auto opened = database.open(path); // the window is the owner
            if (!opened.ok())
                qFatal("cannot open as the window: %s", qPrintable(opened.detail));
        }
        LocalDatabase database;
        TodoStore store{&database};
    };

    static QStringList titles(const LocalDatabase &database)
    {
        QSqlQuery query(database.database());
        QStringList found;
        if (query.exec(u"SELECT title FROM todos WHERE deleted_at IS NULL"_s)) {
            while (query.next())
                found << query.value(0).toString();
        }
        return found;
    }

    static std::unique_ptr<QProcess> startAdd(const CliRunner &runner, const QString &title)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(runner.environment);
        process->start(QStringLiteral(TANDEM_CLI_PATH), {u"add"_s, title, u"--data-dir"_s, runner.dataDir()});
        return process;
    }

private Q_SLOTS:
    void listWorksWhileTheWindowIsOpen()
    {
        CliRunner runner;
        Window window(runner.databasePath());
        const Todo todo = window.store.newTodo({}, u"Made in the window"_s);
        QVERIFY(window.store.apply({{}, {todo}}));

        const CliRunner::Result listed = runner.cli({u"list"_s});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QVERIFY(listed.err.isEmpty());
        QVERIFY2(listed.outText().contains(u"Made in the window"_s), listed.out.constData());

        // And the window goes on writing after the CLI has been and gone.
        const Todo later = window.store.newTodo({}, u"Still writing"_s);
        QVERIFY2(window.store.apply({{}, {later}}), qPrintable(window.store.lastError()));
    }

    void syncIsRefusedWhileTheWindowSyncs()
    {
        // The window owns the outbox: a second sync engine would push it twice.
        CliRunner runner;
        Window window(runner.databasePath());
        runner.environment.insert(u"DATABASE_URL"_s, u"postgresql://nobody@127.0.0.1:1/nothing"_s);
        const CliRunner::Result synced = runner.cli({u"sync"_s});
        QCOMPARE(synced.exitCode, 1);
        QVERIFY2(synced.errText().contains(u"is using this database"_s), synced.err.constData());
        QCOMPARE(synced.errLines().size(), 1);
    }

    void concurrentAddsWithoutTheWindowAllLand()
    {
        // No window: every round starts on a file nobody has open (the last
        // run to close removes the -wal and -shm), so the runs also open it
        // at the same moments.
        CliRunner runner;
        QVERIFY(!runner.add({u"first"_s}).isEmpty());
        QStringList expected{u"first"_s};
        for (int round = 0; round < kAddsPerLane / 5; ++round) {
            std::vector<std::unique_ptr<QProcess>> lanes;
            for (int lane = 0; lane < kLanes; ++lane) {
                expected << u"alone %1 %2"_s.arg(lane).arg(round);
                lanes.push_back(startAdd(runner, expected.constLast()));
            }
            for (const auto &process : lanes) {
                QVERIFY(process->waitForFinished(60000));
                const QByteArray err = process->readAllStandardError();
                QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0, err.constData());
                QVERIFY2(err.isEmpty(), err.constData());
            }
        }
        LocalDatabase database;
        QVERIFY(database.open(runner.databasePath()).ok());
        QStringList landed = titles(database);
        landed.sort();
        expected.sort();
        QCOMPARE(landed, expected);
    }

    void concurrentAddsBesideTheWindowAllLand()
    {
        CliRunner runner;
        Window window(runner.databasePath());
        QSignalSpy heard(&window.database, &LocalDatabase::changed);
        const int pendingBefore = window.store.pendingChangeCount(); // the inbox

        QStringList expected;
        for (int round = 0; round < kAddsPerLane; ++round) {
            std::vector<std::unique_ptr<QProcess>> lanes;
            for (int lane = 0; lane < kLanes; ++lane) {
                const QString title = u"lane %1 add %2"_s.arg(lane).arg(round);
                expected << title;
                lanes.push_back(startAdd(runner, title));
            }
            // The window writes at the same moment too.
            const Todo own = window.store.newTodo({}, u"window %1"_s.arg(round));
            QVERIFY2(window.store.apply({{}, {own}}), qPrintable(window.store.lastError()));
            expected << own.title;
            for (const auto &process : lanes) {
                QVERIFY(process->waitForFinished(60000));
                const QByteArray err = process->readAllStandardError();
                QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0, err.constData());
                QVERIFY2(err.isEmpty(), err.constData());
                QVERIFY(!process->readAllStandardOutput().trimmed().isEmpty()); // the new id
            }
        }

        QStringList landed = titles(window.database);
        landed.sort();
        expected.sort();
        QCOMPARE(landed, expected);
        // Each add waits in the outbox once, for the window's sync to push.
        QCOMPARE(window.store.pendingChangeCount() - pendingBefore, kLanes * kAddsPerLane + kAddsPerLane);

        // The window heard of them: the event loop turns here for the first time.
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(heard.cbegin(), heard.cend(),
                                             [](const QList<QVariant> &arguments) {
                                                 return arguments.at(0).value<CacheChange>().origin
                                                     == CacheChange::Origin::External;
                                             }),
                                 1000);
    }
};

QTEST_GUILESS_MAIN(CliConcurrentTest)
#include "cliconcurrenttest.moc"
