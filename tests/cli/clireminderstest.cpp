#include "clichecks.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// tandem-cli's --remind, --remind-before and --no-reminders, and the
// "reminders" of export --json: when each reminder fires next, in UTC.
class CliRemindersTest : public QObject
{
    Q_OBJECT

private:
    // A runner whose computer is in Berlin (summer time in June: UTC+2).
    static void inBerlin(CliRunner &runner) { runner.environment.insert(u"TZ"_s, u"Europe/Berlin"_s); }

    static QStringList reminders(const CliRunner &runner, const QString &id)
    {
        QStringList times;
        for (const QJsonValue &time : runner.exportedTodo(id).value(u"reminders"_s).toArray())
            times << time.toString();
        return times;
    }

    static void verifyOk(const CliRunner::Result &result)
    {
        QVERIFY2(result.exitCode == 0 && !result.crashed, result.err.constData());
        QCOMPARE(result.errText(), QString());
    }

private Q_SLOTS:
    void shouldAddRemindersAtTimesAndBeforeTheDue()
    {
        CliRunner runner;
        inBerlin(runner);
        const QString id = runner.add({u"Dentist"_s, u"--due"_s, u"2030-06-12T10:00"_s, u"--remind-before"_s, u"15m"_s,
                                       u"--remind-before"_s, u"1d"_s, u"--remind"_s, u"2030-06-10T18:30"_s,
                                       u"--remind"_s, u"2030-06-09"_s});
        QVERIFY(!id.isEmpty());
        QCOMPARE(reminders(runner, id), (QStringList{u"2030-06-09T07:00:00.000000Z"_s, u"2030-06-10T16:30:00.000000Z"_s,
                                                     u"2030-06-11T08:00:00.000000Z"_s, u"2030-06-12T07:45:00.000000Z"_s}));
        // A todo without reminders has an empty list.
        QCOMPARE(runner.exportedTodo(runner.add({u"Plain"_s})).value(u"reminders"_s).toArray(), QJsonArray());
    }

    void shouldMoveRelativeRemindersWithTheDueAndStopWhenDone()
    {
        CliRunner runner;
        inBerlin(runner);
        const QString id = runner.add({u"Flight"_s, u"--due"_s, u"2030-06-12"_s, u"--remind-before"_s, u"1h30m"_s});
        // A due date without a time counts from 09:00 of that day.
        QCOMPARE(reminders(runner, id), QStringList{u"2030-06-12T05:30:00.000000Z"_s});
        verifyOk(runner.cli({u"edit"_s, id, u"--due"_s, u"2030-06-20T12:00"_s}));
        QCOMPARE(reminders(runner, id), QStringList{u"2030-06-20T08:30:00.000000Z"_s});
        verifyOk(runner.cli({u"done"_s, id}));
        QCOMPARE(reminders(runner, id), QStringList());
        verifyOk(runner.cli({u"undone"_s, id}));
        QCOMPARE(reminders(runner, id), QStringList{u"2030-06-20T08:30:00.000000Z"_s});
    }

    void shouldAddAndRemoveRemindersOnEdit()
    {
        CliRunner runner;
        inBerlin(runner);
        const QString id = runner.add({u"Pay rent"_s, u"--due"_s, u"2030-07-01T09:00"_s});
        verifyOk(runner.cli({u"edit"_s, id, u"--remind-before"_s, u"2h"_s}));
        verifyOk(runner.cli({u"edit"_s, id, u"--remind"_s, u"2030-06-30T20:00"_s, u"--title"_s, u"Pay the rent"_s}));
        QCOMPARE(reminders(runner, id), (QStringList{u"2030-06-30T18:00:00.000000Z"_s, u"2030-07-01T05:00:00.000000Z"_s}));
        QCOMPARE(runner.exportedTodo(id).value(u"title"_s).toString(), u"Pay the rent"_s);
        verifyOk(runner.cli({u"edit"_s, id, u"--no-reminders"_s}));
        QCOMPARE(reminders(runner, id), QStringList());
        // Removed as tombstones: the cache keeps them, deleted, for the sync.
        LocalDatabase database;
        QVERIFY(database.open(runner.dataDir() + u"/tandem.db"_s, LocalDatabase::Role::Guest).ok());
        auto query = Sql::select(database.database(), u"SELECT COUNT(*), COUNT(deleted_at) FROM reminders WHERE todo_id = ?"_s, {id});
        QVERIFY(query && query->next());
        QCOMPARE(query->value(0).toInt(), 2);
        QCOMPARE(query->value(1).toInt(), 2);
    }

    void shouldRefuseWhatCannotBeAReminder_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); // a part of the error
        QTest::newRow("a duration without a unit")
            << QStringList{u"add"_s, u"X"_s, u"--due"_s, u"tomorrow"_s, u"--remind-before"_s, u"15"_s} << 2
            << u"Invalid duration \"15\""_s;
        QTest::newRow("words that are no duration")
            << QStringList{u"add"_s, u"X"_s, u"--due"_s, u"tomorrow"_s, u"--remind-before"_s, u"soon"_s} << 2
            << u"Invalid duration"_s;
        QTest::newRow("no date") << QStringList{u"add"_s, u"X"_s, u"--remind"_s, u"someday"_s} << 2
                                 << u"Invalid due date"_s;
        QTest::newRow("before a due that is not there")
            << QStringList{u"add"_s, u"X"_s, u"--remind-before"_s, u"1h"_s} << 1 << u"needs a todo with a due date"_s;
        QTest::newRow("no reminders on add") << QStringList{u"add"_s, u"X"_s, u"--no-reminders"_s} << 2
                                             << u"--no-reminders is not an option of add"_s;
    }

    void shouldRefuseWhatCannotBeAReminder()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        CliRunner runner;
        const CliRunner::Result result = runner.cli(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.errText().contains(message), qPrintable(result.errText()));
        QCOMPARE(runner.exported().value(u"todos"_s).toArray().size(), 0);
    }

    void shouldRefuseNoRemindersWithNewOnes()
    {
        CliRunner runner;
        const QString id = runner.add({u"X"_s, u"--due"_s, u"2030-06-12T10:00"_s});
        const CliRunner::Result result = runner.cli({u"edit"_s, id, u"--no-reminders"_s, u"--remind-before"_s, u"5m"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.errText().contains(u"--no-reminders cannot be used with"_s));
    }
};

QTEST_GUILESS_MAIN(CliRemindersTest)
#include "clireminderstest.moc"
