#include "operations/repeatoperations.h"
#include "operations/todooperations.h"
#include "presenters/todolistpresenter.h"
#include "quickadd/quickaddparser.h"
#include "storefixture.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

Timestamp::Micros at(int year, int month, int day, int hour, const char *zone)
{
    return Timestamp::fromDateTime(QDateTime(QDate(year, month, day), QTime(hour, 0), QTimeZone(zone)));
}

Timestamp::Micros date(int year, int month, int day)
{
    return Timestamp::fromDate(QDate(year, month, day));
}

} // namespace

// Completing a repeating todo through the edit layer: a record of the
// occurrence, the series moved on, undo of both; the first occurrence of a
// new rule; a quick-add line with a repeat.
class RepeatOperationsTest : public QObject
{
    Q_OBJECT

private:
    static Todo addSeries(StoreFixture &fixture, const QString &rule, Timestamp::Micros due, bool hasTime,
                          const char *zone = "Europe/Berlin")
    {
        Todo todo = fixture.store->newTodo({}, u"Take the bins out"_s);
        todo.repeatRule = rule;
        todo.timeZone = QString::fromLatin1(zone);
        todo.dueAt = due;
        todo.dueHasTime = hasTime;
        if (!TodoOperations::apply(*fixture.store, TodoOperations::addTodo(todo)))
            qFatal("cannot add: %s", qPrintable(fixture.store->lastError()));
        return *fixture.store->todo(todo.id);
    }

    static Edit complete(StoreFixture &fixture, const QString &id, Timestamp::Micros now)
    {
        const Edit edit = TodoOperations::setCompleted(*fixture.store, {id}, true, now);
        if (!TodoOperations::apply(*fixture.store, edit))
            qFatal("cannot complete: %s", qPrintable(fixture.store->lastError()));
        return edit;
    }

private Q_SLOTS:
    void shouldRecordTheOccurrenceAndMoveToTheNext()
    {
        StoreFixture fixture;
        // Thursdays at 09:00 in Berlin, across the change to winter time on 25 October 2026.
        const Todo series = addSeries(fixture, u"FREQ=WEEKLY;BYDAY=TH"_s, at(2026, 10, 22, 9, "Europe/Berlin"), true);
        const Edit edit = complete(fixture, series.id, at(2026, 10, 22, 10, "Europe/Berlin"));

        const Todo moved = *fixture.store->todo(series.id);
        QCOMPARE(moved.completed, false);
        QCOMPARE(moved.dueAt, std::optional(at(2026, 10, 29, 9, "Europe/Berlin")));
        // 09:00 stays 09:00: in UTC that is 07:00 before the change and 08:00 after.
        QCOMPARE(Timestamp::toUtc(*moved.dueAt).time(), QTime(8, 0));
        const auto record = fixture.store->todo(RepeatOperations::occurrenceId(series));
        QVERIFY(record);
        QVERIFY(record->completed);
        QCOMPARE(record->seriesId, series.id);
        QCOMPARE(record->occurrence, series.dueAt);
        QCOMPARE(record->dueAt, series.dueAt);
        QVERIFY(!record->repeats());
        QCOMPARE(record->title, series.title);
        // The record comes first, so the server never sees the due date go back before it.
        QCOMPARE(edit.after.todos.size(), 2);
        QCOMPARE(edit.after.todos.first().id, record->id);
        QCOMPARE(edit.before.todos.first().id, record->id);
        QVERIFY(edit.before.todos.first().isDeleted());
    }

    void shouldTakeBothBackOnUndo()
    {
        StoreFixture fixture;
        const Todo series = addSeries(fixture, u"FREQ=DAILY"_s, date(2026, 12, 7), false);
        const Edit edit = complete(fixture, series.id, at(2026, 12, 7, 12, "Europe/Berlin"));
        QVERIFY(fixture.store->apply(edit.before, CacheChange::Origin::Undo));
        QCOMPARE(fixture.store->todo(series.id)->dueAt, std::optional(date(2026, 12, 7)));
        QCOMPARE(fixture.store->occurrenceCount(series.id), 0);
        // And again: the same record comes back.
        complete(fixture, series.id, at(2026, 12, 7, 13, "Europe/Berlin"));
        QCOMPARE(fixture.store->occurrenceCount(series.id), 1);
        QCOMPARE(fixture.store->todo(series.id)->dueAt, std::optional(date(2026, 12, 8)));
    }

    void shouldCompleteTheTodoWhenTheRuleEnds()
    {
        StoreFixture fixture;
        // Three times: 1, 2 and 3 December.
        const Todo series = addSeries(fixture, u"FREQ=DAILY;COUNT=3"_s, date(2026, 12, 1), false);
        complete(fixture, series.id, at(2026, 12, 1, 20, "Europe/Berlin"));
        QCOMPARE(fixture.store->todo(series.id)->dueAt, std::optional(date(2026, 12, 2)));
        complete(fixture, series.id, at(2026, 12, 2, 20, "Europe/Berlin"));
        QCOMPARE(fixture.store->todo(series.id)->dueAt, std::optional(date(2026, 12, 3)));
        QVERIFY(!fixture.store->todo(series.id)->completed);
        complete(fixture, series.id, at(2026, 12, 3, 20, "Europe/Berlin"));
        const Todo last = *fixture.store->todo(series.id);
        QVERIFY(last.completed);
        QCOMPARE(last.dueAt, std::optional(date(2026, 12, 3)));
        QCOMPARE(fixture.store->occurrenceCount(series.id), 3);
    }

    void shouldCountFromCompletion()
    {
        StoreFixture fixture;
        // Every third day from when it is done: due Monday 7 December, done on Wednesday 9th.
        Todo series = addSeries(fixture, u"FREQ=DAILY;INTERVAL=3"_s, at(2026, 12, 7, 9, "Europe/Berlin"), true);
        series.repeatFromCompletion = true;
        QVERIFY(TodoOperations::apply(*fixture.store, TodoOperations::editTodo(*fixture.store, series)));
        complete(fixture, series.id, at(2026, 12, 9, 18, "Europe/Berlin"));
        QCOMPARE(fixture.store->todo(series.id)->dueAt, std::optional(at(2026, 12, 12, 9, "Europe/Berlin")));
    }

    void shouldDeriveTheSameRecordIdEverywhere()
    {
        Todo series;
        series.id = u"5f0c6a4e-8d1b-4a57-9f3c-2e7b1d0a6c11"_s;
        series.timeZone = u"America/New_York"_s;
        series.dueHasTime = true;
        // 22:00 in New York on 7 December is 8 December in UTC; the day is New York's.
        series.dueAt = at(2026, 12, 7, 22, "America/New_York");
        const QString id = RepeatOperations::occurrenceId(series);
        QCOMPARE(id, RepeatOperations::occurrenceId(series));
        Todo sameDayLater = series;
        sameDayLater.dueAt = at(2026, 12, 7, 23, "America/New_York");
        QCOMPARE(RepeatOperations::occurrenceId(sameDayLater), id);
        Todo nextDay = series;
        nextDay.dueAt = at(2026, 12, 8, 22, "America/New_York");
        QVERIFY(RepeatOperations::occurrenceId(nextDay) != id);
        Todo otherSeries = series;
        otherSeries.id = Todo::newId();
        QVERIFY(RepeatOperations::occurrenceId(otherSeries) != id);
    }

    void shouldStartOnTheRulesFirstOccurrence_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<qint64>("due"); // as given, 0: none
        QTest::addColumn<qint64>("expected");
        // Monday 7 December 2026 is "today" (the add's time).
        QTest::newRow("every monday, no date: today") << u"FREQ=WEEKLY;BYDAY=MO"_s << qint64(0) << date(2026, 12, 7);
        QTest::newRow("every friday, no date: this Friday") << u"FREQ=WEEKLY;BYDAY=FR"_s << qint64(0) << date(2026, 12, 11);
        QTest::newRow("the 1st, from the 15th: next month") << u"FREQ=MONTHLY;BYMONTHDAY=1"_s << date(2026, 12, 15) << date(2027, 1, 1);
        QTest::newRow("last day of the month") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << qint64(0) << date(2026, 12, 31);
        QTest::newRow("every day keeps the due date") << u"FREQ=DAILY"_s << date(2026, 12, 9) << date(2026, 12, 9);
        QTest::newRow("every 2 weeks from its due date") << u"FREQ=WEEKLY;INTERVAL=2"_s << date(2026, 12, 10) << date(2026, 12, 10);
    }

    void shouldStartOnTheRulesFirstOccurrence()
    {
        QFETCH(QString, rule);
        QFETCH(qint64, due);
        QFETCH(qint64, expected);
        StoreFixture fixture;
        Todo todo = fixture.store->newTodo({}, u"Pay rent"_s);
        todo.createdAt = todo.updatedAt = at(2026, 12, 7, 12, "Europe/Berlin");
        todo.repeatRule = rule;
        if (due)
            todo.dueAt = due;
        QVERIFY(TodoOperations::apply(*fixture.store, TodoOperations::addTodo(todo)));
        const Todo stored = *fixture.store->todo(todo.id);
        QCOMPARE(stored.dueAt, std::optional<Timestamp::Micros>(expected));
        QVERIFY(!stored.dueHasTime);
        QVERIFY(!stored.timeZone.isEmpty());
    }

    void shouldAddARepeatFromTheQuickAddLine()
    {
        StoreFixture fixture;
        const TodoListPresenter presenter(fixture.store.get());
        const QDate today(2026, 12, 7); // a Monday
        const QuickAddResult line = QuickAddParser::parse(u"Water the plants every! 3 days #home"_s, today);
        const Edit edit = presenter.quickAdd(line, today);
        QVERIFY(TodoOperations::apply(*fixture.store, edit));
        const Todo added = *fixture.store->todo(edit.after.todos.last().id);
        QCOMPARE(added.title, u"Water the plants"_s);
        QCOMPARE(added.repeatRule, u"FREQ=DAILY;INTERVAL=3"_s);
        QVERIFY(added.repeatFromCompletion);
        QVERIFY(added.dueAt);
    }
};

QTEST_GUILESS_MAIN(RepeatOperationsTest)
#include "repeatoperationstest.moc"
