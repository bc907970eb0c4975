#include "clichecks.h"
#include "domain/timestamp.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

// tandem-cli's repeat, start date and parent options, and what `export
// --json` shows of them (docs/repeats.md). The dates are given, so that only
// the quick-add line and a repeat from completion depend on today.
class CliRepeatTest : public QObject
{
    Q_OBJECT

private:
    static QString dateIso(QDate date) { return Timestamp::toIsoUtc(Timestamp::fromDate(date)); }

    // A runner whose computer is in Berlin, the zone a repeat given to it follows.
    static void inBerlin(CliRunner &runner) { runner.environment.insert(u"TZ"_s, u"Europe/Berlin"_s); }

    static QJsonObject recordOf(const CliRunner &runner, const QString &seriesId)
    {
        const QJsonArray todos = runner.exported().value(u"todos"_s).toArray();
        for (const QJsonValue &todo : todos) {
            if (todo.toObject().value(u"series_id"_s).toString() == seriesId)
                return todo.toObject();
        }
        return {};
    }

    static void verifyOk(const CliRunner::Result &result)
    {
        QVERIFY2(result.exitCode == 0 && !result.crashed, result.err.constData());
        QCOMPARE(result.errText(), QString());
    }

private Q_SLOTS:
    void shouldSnapTheDueToTheRulesFirstOccurrence()
    {
        CliRunner runner;
        inBerlin(runner);
        // Wednesday 9 December: the first Monday on or after it is the 14th.
        const QString id = runner.add({u"Gym"_s, u"--repeat"_s, u"RRULE:FREQ=WEEKLY;BYDAY=MO"_s, u"--due"_s, u"2026-12-09"_s});
        const QJsonObject todo = runner.exportedTodo(id);
        QCOMPARE(todo.value(u"due_at"_s).toString(), dateIso(QDate(2026, 12, 14)));
        QCOMPARE(todo.value(u"repeat"_s).toString(), u"FREQ=WEEKLY;BYDAY=MO"_s);
        QCOMPARE(todo.value(u"repeat_from"_s).toString(), u"due"_s);
        QCOMPARE(todo.value(u"time_zone"_s).toString(), u"Europe/Berlin"_s);
        QVERIFY(todo.value(u"start_at"_s).isNull());
        QVERIFY(todo.value(u"parent_id"_s).isNull());
        QVERIFY(!todo.contains(u"series_id"_s) && !todo.contains(u"occurrence"_s));
    }

    void shouldShowNullWhereNothingIsSet()
    {
        CliRunner runner;
        const QJsonObject todo = runner.exportedTodo(runner.add({u"Plain"_s}));
        QVERIFY(!todo.isEmpty());
        for (const QString &field : {u"repeat"_s, u"time_zone"_s, u"start_at"_s, u"parent_id"_s})
            QVERIFY2(todo.contains(field) && todo.value(field).isNull(), qPrintable(field));
        QCOMPARE(todo.value(u"repeat_from"_s).toString(), u"due"_s);
    }

    void shouldRecordTheOccurrenceAndMoveOnWhenDone()
    {
        CliRunner runner;
        inBerlin(runner);
        const QString id = runner.add({u"Gym"_s, u"--repeat"_s, u"FREQ=WEEKLY;BYDAY=MO"_s, u"--due"_s, u"2026-12-09"_s,
                                       u"--start"_s, u"2026-12-01"_s});
        // The start date keeps its distance to the due date as that snaps: 8 days before.
        QCOMPARE(runner.exportedTodo(id).value(u"start_at"_s).toString(), dateIso(QDate(2026, 12, 1).addDays(5)));
        verifyOk(runner.cli({u"done"_s, id}));

        const QJsonObject series = runner.exportedTodo(id);
        QCOMPARE(series.value(u"completed"_s).toBool(), false);
        QCOMPARE(series.value(u"due_at"_s).toString(), dateIso(QDate(2026, 12, 21)));
        QCOMPARE(series.value(u"start_at"_s).toString(), dateIso(QDate(2026, 12, 13)));
        const QJsonObject record = recordOf(runner, id);
        QVERIFY2(!record.isEmpty(), "no record of the occurrence");
        QVERIFY(record.value(u"id"_s).toString() != id);
        QCOMPARE(record.value(u"completed"_s).toBool(), true);
        QCOMPARE(record.value(u"occurrence"_s).toString(), dateIso(QDate(2026, 12, 14)));
        QVERIFY(record.value(u"repeat"_s).isNull());
        QCOMPARE(runner.exported().value(u"todos"_s).toArray().size(), 2);
    }

    void shouldCountFromCompletion()
    {
        CliRunner runner;
        inBerlin(runner);
        const QString id = runner.add({u"Clean the fridge"_s, u"--repeat"_s, u"FREQ=DAILY;INTERVAL=3"_s,
                                       u"--repeat-from"_s, u"completion"_s, u"--due"_s, u"2026-12-09"_s});
        QCOMPARE(runner.exportedTodo(id).value(u"repeat_from"_s).toString(), u"completion"_s);
        verifyOk(runner.cli({u"done"_s, id}));
        // Three days after the day it was done, in its zone (not after 9 December).
        const QDate today = QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/Berlin")).date();
        QCOMPARE(runner.exportedTodo(id).value(u"due_at"_s).toString(), dateIso(today.addDays(3)));
        QCOMPARE(recordOf(runner, id).value(u"occurrence"_s).toString(), dateIso(QDate(2026, 12, 9)));
        // And back to the due date.
        verifyOk(runner.cli({u"edit"_s, id, u"--repeat-from"_s, u"due"_s}));
        QCOMPARE(runner.exportedTodo(id).value(u"repeat_from"_s).toString(), u"due"_s);
    }

    void shouldTakeAndDropAStartDate()
    {
        CliRunner runner;
        const QString id = runner.add({u"Taxes"_s, u"--start"_s, u"2027-03-01"_s, u"--due"_s, u"2027-04-30"_s});
        QCOMPARE(runner.exportedTodo(id).value(u"start_at"_s).toString(), dateIso(QDate(2027, 3, 1)));
        QCOMPARE(runner.exportedTodo(id).value(u"due_at"_s).toString(), dateIso(QDate(2027, 4, 30)));
        verifyOk(runner.cli({u"edit"_s, id, u"--start"_s, u"2027-03-15"_s}));
        QCOMPARE(runner.exportedTodo(id).value(u"start_at"_s).toString(), dateIso(QDate(2027, 3, 15)));
        verifyOk(runner.cli({u"edit"_s, id, u"--no-start"_s}));
        QVERIFY(runner.exportedTodo(id).value(u"start_at"_s).isNull());
    }

    void shouldDropTheRepeat()
    {
        CliRunner runner;
        const QString id = runner.add({u"Gym"_s, u"--repeat"_s, u"FREQ=DAILY"_s, u"--due"_s, u"2027-01-05"_s});
        verifyOk(runner.cli({u"edit"_s, id, u"--no-repeat"_s}));
        const QJsonObject todo = runner.exportedTodo(id);
        QVERIFY(todo.value(u"repeat"_s).isNull());
        // Done now completes it, with no record.
        verifyOk(runner.cli({u"done"_s, id}));
        QCOMPARE(runner.exportedTodo(id).value(u"completed"_s).toBool(), true);
        QVERIFY(recordOf(runner, id).isEmpty());
    }

    void shouldPutASubtaskInItsParentsList()
    {
        CliRunner runner;
        QVERIFY(!makeList(runner, u"Work"_s).isEmpty());
        const QString parent = runner.add({u"Release"_s, u"--list"_s, u"work"_s});
        const QString child = runner.add({u"Write the notes"_s, u"--parent"_s, parent.left(8)});
        const QJsonObject parentTodo = runner.exportedTodo(parent);
        QJsonObject subtask = runner.exportedTodo(child);
        QCOMPARE(subtask.value(u"parent_id"_s).toString(), parent);
        QCOMPARE(subtask.value(u"list_id"_s).toString(), parentTodo.value(u"list_id"_s).toString());

        // One level deep: a subtask is no parent.
        verifyOneLineError(runner.cli({u"add"_s, u"Deeper"_s, u"--parent"_s, child}), 1, u"one level deep"_s);
        verifyOneLineError(runner.cli({u"edit"_s, parent, u"--parent"_s, child}), 1, u"one level deep"_s);
        QCOMPARE(runner.exported().value(u"todos"_s).toArray().size(), 2);

        verifyOk(runner.cli({u"edit"_s, child, u"--no-parent"_s}));
        subtask = runner.exportedTodo(child);
        QVERIFY(subtask.value(u"parent_id"_s).isNull());
        QCOMPARE(subtask.value(u"list_id"_s).toString(), parentTodo.value(u"list_id"_s).toString());
    }

    void shouldReadARepeatInAQuickAddLine()
    {
        CliRunner runner;
        inBerlin(runner);
        const CliRunner::Result added = runner.cli({u"add"_s, u"--quick"_s, u"Pay rent every month on the 1st #home"_s});
        verifyOk(added);
        QCOMPARE(added.outLines().size(), 1);
        const QJsonObject todo = runner.exportedTodo(added.outText().trimmed());
        QCOMPARE(todo.value(u"title"_s).toString(), u"Pay rent"_s);
        QCOMPARE(todo.value(u"repeat"_s).toString(), u"FREQ=MONTHLY;BYMONTHDAY=1"_s);
        QCOMPARE(todo.value(u"tags"_s).toArray(), QJsonArray({u"home"_s}));
        QCOMPARE(todo.value(u"time_zone"_s).toString(), u"Europe/Berlin"_s);
        // Due on a 1st, whichever month today is in.
        const QDate due = QDateTime::fromString(todo.value(u"due_at"_s).toString(), Qt::ISODateWithMs).date();
        QCOMPARE(due.day(), 1);
    }

    void shouldRefuseARuleItCannotRepeat_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("hourly") << QStringList{u"add"_s, u"Stretch"_s, u"--repeat"_s, u"FREQ=HOURLY"_s}
                                << u"HOURLY"_s;
        QTest::newRow("not a rule") << QStringList{u"add"_s, u"Stretch"_s, u"--repeat"_s, u"x"_s} << u"\"x\""_s;
        QTest::newRow("COUNT and UNTIL")
            << QStringList{u"add"_s, u"Stretch"_s, u"--repeat"_s, u"FREQ=DAILY;COUNT=3;UNTIL=20271231"_s}
            << u"UNTIL"_s;
        QTest::newRow("repeat-from") << QStringList{u"add"_s, u"Stretch"_s, u"--repeat-from"_s, u"done"_s}
                                     << u"--repeat-from"_s;
    }

    void shouldRefuseARuleItCannotRepeat()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, fragment);
        CliRunner runner;
        verifyOneLineError(runner.cli(arguments), 2, fragment);
        QVERIFY(runner.exported().value(u"todos"_s).toArray().isEmpty());
    }

    void shouldRefuseARepeatAndNoRepeatTogether()
    {
        CliRunner runner;
        const QString id = runner.add({u"Gym"_s, u"--repeat"_s, u"FREQ=DAILY"_s, u"--due"_s, u"2027-01-05"_s});
        verifyOneLineError(runner.cli({u"edit"_s, id, u"--repeat"_s, u"FREQ=WEEKLY"_s, u"--no-repeat"_s}), 2,
                           u"--no-repeat"_s);
        verifyOneLineError(runner.cli({u"edit"_s, id, u"--repeat"_s, u"x"_s, u"--no-repeat"_s}), 2, u"x"_s);
        verifyOneLineError(runner.cli({u"edit"_s, id, u"--start"_s, u"2027-01-01"_s, u"--no-start"_s}), 2,
                           u"--no-start"_s);
        QCOMPARE(runner.exportedTodo(id).value(u"repeat"_s).toString(), u"FREQ=DAILY"_s);
    }
};

QTEST_GUILESS_MAIN(CliRepeatTest)
#include "clirepeattest.moc"
