#include "clichecks.h"
#include "domain/timestamp.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

// tandem-cli the way people type at it: --due in the words quick add takes,
// `list` naming each todo's list, and id prefixes of any useful length.
class CliEverydayTest : public QObject
{
    Q_OBJECT

private:
    static QString dateIso(QDate date) { return Timestamp::toIsoUtc(Timestamp::fromDate(date)); }

    static QDate nextWeekday(QDate today, int day)
    {
        const int ahead = (day - today.dayOfWeek() + 7) % 7;
        return today.addDays(ahead == 0 ? 7 : ahead);
    }

    // A todo written straight into the cache with this id, as another desktop's would arrive.
    static bool writeTodo(const CliRunner &runner, const QString &id, const QString &title)
    {
        LocalDatabase database;
        if (!database.open(runner.databasePath()).ok())
            return false;
        TodoStore store(&database);
        Todo todo = store.newTodo({}, title);
        todo.id = id;
        return store.apply({{}, {todo}});
    }

private Q_SLOTS:
    void shouldTakeTheWordsOfQuickAddForDue_data()
    {
        QTest::addColumn<QString>("due");
        QTest::addColumn<QString>("dueAt");
        QTest::addColumn<bool>("hasTime");

        const QDate today = QDate::currentDate();
        QTest::newRow("today") << u"today"_s << dateIso(today) << false;
        QTest::newRow("tomorrow") << u"Tomorrow"_s << dateIso(today.addDays(1)) << false;
        QTest::newRow("in 3 days") << u"in 3 days"_s << dateIso(today.addDays(3)) << false;
        QTest::newRow("weekday") << u"friday"_s << dateIso(nextWeekday(today, Qt::Friday)) << false;
        QTest::newRow("next week") << u"next week"_s << dateIso(nextWeekday(today, Qt::Monday)) << false;
        QTest::newRow("a date in words") << u"Dec 24 2030"_s << dateIso(QDate(2030, 12, 24)) << false;
        QTest::newRow("with a time") << u"tomorrow 3pm"_s
                                     << Timestamp::toIsoUtc(Timestamp::fromDateTime(
                                            QDateTime(today.addDays(1), QTime(15, 0))))
                                     << true;
        QTest::newRow("ISO stays") << u"2026-12-31"_s << dateIso(QDate(2026, 12, 31)) << false;
    }

    void shouldTakeTheWordsOfQuickAddForDue()
    {
        QFETCH(QString, due);
        QFETCH(QString, dueAt);
        QFETCH(bool, hasTime);
        CliRunner runner;
        const CliRunner::Result added = runner.cli({u"add"_s, u"Pay rent"_s, u"--due"_s, due});
        QCOMPARE(added.errText(), QString());
        QCOMPARE(added.exitCode, 0);
        const QJsonObject todo = runner.exportedTodo(added.outText().trimmed());
        QCOMPARE(todo.value(u"due_at"_s).toString(), dueAt);
        QCOMPARE(todo.value(u"due_has_time"_s).toBool(), hasTime);

        // edit takes the same words.
        const QString id = runner.add({u"Later"_s});
        QCOMPARE(runner.cli({u"edit"_s, id, u"--due"_s, due}).exitCode, 0);
        QCOMPARE(runner.exportedTodo(id).value(u"due_at"_s).toString(), dueAt);
    }

    void shouldRefuseADueItDoesNotUnderstand_data()
    {
        QTest::addColumn<QString>("due");
        QTest::newRow("no such day") << u"2026-02-30"_s;
        QTest::newRow("not a date word") << u"someday"_s;
        QTest::newRow("more than a date") << u"tomorrow lunch"_s;
        QTest::newRow("a tag") << u"tomorrow #x"_s;
    }

    void shouldRefuseADueItDoesNotUnderstand()
    {
        QFETCH(QString, due);
        CliRunner runner;
        const CliRunner::Result added = runner.cli({u"add"_s, u"Pay rent"_s, u"--due"_s, due});
        verifyOneLineError(added, 2, due);
        QVERIFY2(added.errText().contains(u"tomorrow"_s), added.err.constData()); // says what it takes
        QVERIFY(runner.exported().value(u"todos"_s).toArray().isEmpty());
    }

    void shouldShowEachTodosList()
    {
        CliRunner runner;
        QVERIFY(!makeList(runner, u"Side project"_s).isEmpty());
        const QString inbox = runner.add({u"Water plants"_s});
        const QString side = runner.add({u"Sketch"_s, u"--list"_s, u"side project"_s});
        const CliRunner::Result list = runner.cli({u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.outLines(), (QStringList{inbox.left(8) + u"     Water plants  @Inbox"_s,
                                               side.left(8) + u"     Sketch  @Side project"_s}));
    }

    void shouldTakeAShortPrefixWhenItIsUnique()
    {
        CliRunner runner;
        const QString id = runner.add({u"Walk"_s});
        const CliRunner::Result done = runner.cli({u"done"_s, id.left(4)});
        QCOMPARE(done.errText(), QString());
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(runner.exportedTodo(id).value(u"completed"_s), QJsonValue(true));
    }

    void shouldSayHowLongAPrefixMustBe()
    {
        CliRunner runner;
        QVERIFY(writeTodo(runner, u"abcdef01-1111-4000-8000-000000000001"_s, u"First"_s));
        QVERIFY(writeTodo(runner, u"abcdef01-1122-4000-8000-000000000002"_s, u"Second"_s));
        QVERIFY(writeTodo(runner, u"abc00000-0000-4000-8000-000000000003"_s, u"Third"_s));

        // "abcd" fits two; they differ from the 12th character on.
        verifyOneLineError(runner.cli({u"done"_s, u"abcd"_s}), 1, u"at least 12 characters"_s);
        verifyOneLineError(runner.cli({u"done"_s, u"abcdef01"_s}), 1, u"at least 12 characters"_s);
        // Shorter than any prefix taken: how long it must be.
        verifyOneLineError(runner.cli({u"done"_s, u"abc"_s}), 1, u"at least 4 characters"_s);
        QCOMPARE(runner.cli({u"done"_s, u"abcdef01-112"_s}).exitCode, 0);
        QCOMPARE(runner.exportedTodo(u"abcdef01-1122-4000-8000-000000000002"_s).value(u"completed"_s),
                 QJsonValue(true));
        QCOMPARE(runner.cli({u"done"_s, u"ABC0"_s}).exitCode, 0); // unique, any case
        QCOMPARE(runner.exportedTodo(u"abc00000-0000-4000-8000-000000000003"_s).value(u"completed"_s),
                 QJsonValue(true));
    }
};

QTEST_GUILESS_MAIN(CliEverydayTest)
#include "clieverydaytest.moc"
