#include "reminders/reminderplanner.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

constexpr Timestamp::Micros kMinute = 60 * Timestamp::kMicrosPerSecond;

Timestamp::Micros local(const QDate &date, const QTime &time, const QByteArray &zone)
{
    return Timestamp::fromDateTime(QDateTime(date, time, QTimeZone(zone)));
}

Todo todoDue(Timestamp::Micros due, bool hasTime = true, const QString &zone = {})
{
    Todo todo;
    todo.id = Todo::newId();
    todo.title = u"Dentist"_s;
    todo.dueAt = due;
    todo.dueHasTime = hasTime;
    todo.timeZone = zone;
    return todo;
}

// A reminder made long before anything here fires.
template<typename Make>
Reminder made(Make make)
{
    Reminder reminder = make();
    reminder.createdAt = 0;
    return reminder;
}

} // namespace

// The planner: the instant of a reminder in local time (daylight saving,
// dates without a time), and when it fires: once per fire time, never
// after a dismissal, later when snoozed, not for a completed todo, marked
// missed when late.
class ReminderPlannerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldWorkOutTheInstantInLocalTime_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("todoKeepsZone"); // else the zone is the computer's
        QTest::addColumn<QDateTime>("due");      // in zone
        QTest::addColumn<bool>("dueHasTime");
        QTest::addColumn<int>("offsetMinutes");
        QTest::addColumn<int>("dayTime"); // -1: none
        QTest::addColumn<QDateTime>("expected");

        const QByteArray berlin = "Europe/Berlin";
        const QByteArray newYork = "America/New_York";
        const auto at = [](const QByteArray &zone, int y, int m, int d, int h, int min = 0) {
            return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone(zone));
        };
        // Berlin springs forward on 29 March 2026 and falls back on 25 October.
        QTest::newRow("Berlin, 1 day before at 09:00 across spring")
            << berlin << true << at(berlin, 2026, 3, 29, 10) << true << 1440 << 540 << at(berlin, 2026, 3, 28, 9);
        QTest::newRow("Berlin, 1 day before at 09:00 across autumn")
            << berlin << false << at(berlin, 2026, 10, 26, 8, 30) << true << 1440 << 540 << at(berlin, 2026, 10, 25, 9);
        QTest::newRow("Berlin, 24 hours before across spring is 23 wall-clock hours")
            << berlin << true << at(berlin, 2026, 3, 29, 10) << true << 1440 << -1 << at(berlin, 2026, 3, 28, 9);
        // New York springs forward on 8 March 2026 and falls back on 1 November.
        QTest::newRow("New York, 1 day before at 09:00 across spring")
            << newYork << true << at(newYork, 2026, 3, 8, 10) << true << 1440 << 540 << at(newYork, 2026, 3, 7, 9);
        QTest::newRow("New York, 1 day before at 09:00 across autumn")
            << newYork << false << at(newYork, 2026, 11, 2, 9, 30) << true << 1440 << 540 << at(newYork, 2026, 11, 1, 9);
        QTest::newRow("New York, 2 days before at 18:30")
            << newYork << true << at(newYork, 2026, 3, 9, 7) << true << 2880 << 1110 << at(newYork, 2026, 3, 7, 18, 30);
        // A due date without a time counts from 09:00 of that day.
        QTest::newRow("date only, 15 minutes before")
            << berlin << false << at(berlin, 2026, 3, 29, 0) << false << 15 << -1 << at(berlin, 2026, 3, 29, 8, 45);
        QTest::newRow("date only, 1 day before at 20:00")
            << newYork << false << at(newYork, 2026, 11, 1, 0) << false << 1440 << 1200 << at(newYork, 2026, 10, 31, 20);
        QTest::newRow("after the due")
            << berlin << true << at(berlin, 2026, 10, 26, 10) << true << -120 << -1 << at(berlin, 2026, 10, 26, 12);
    }

    void shouldWorkOutTheInstantInLocalTime()
    {
        QFETCH(QByteArray, zone);
        QFETCH(bool, todoKeepsZone);
        QFETCH(QDateTime, due);
        QFETCH(bool, dueHasTime);
        QFETCH(int, offsetMinutes);
        QFETCH(int, dayTime);
        QFETCH(QDateTime, expected);

        const Timestamp::Micros dueAt = dueHasTime ? Timestamp::fromDateTime(due) : Timestamp::fromDate(due.date());
        const Todo todo = todoDue(dueAt, dueHasTime, todoKeepsZone ? QString::fromLatin1(zone) : QString());
        const Reminder reminder = Reminder::beforeDue(todo.id, offsetMinutes, dayTime < 0 ? std::nullopt : std::optional(dayTime));
        // The computer's zone stands in only for a todo without one.
        const QTimeZone computer = todoKeepsZone ? QTimeZone("Asia/Kolkata") : QTimeZone(zone);
        const auto instant = reminder.instantFor(todo, computer);
        QVERIFY(instant);
        QCOMPARE(Timestamp::toIsoUtc(*instant), Timestamp::toIsoUtc(Timestamp::fromDateTime(expected)));
    }

    void shouldHaveNoInstantWithoutADue()
    {
        Todo todo = todoDue(0);
        todo.dueAt.reset();
        QCOMPARE(Reminder::beforeDue(todo.id, 15).instantFor(todo, QTimeZone::utc()), std::nullopt);
        QCOMPARE(Reminder::atInstant(todo.id, 42).instantFor(todo, QTimeZone::utc()), std::optional<Timestamp::Micros>(42));
    }

    void shouldFireOncePerFireTime()
    {
        const Timestamp::Micros due = local(QDate(2026, 12, 1), QTime(10, 0), "Europe/Berlin");
        const Todo todo = todoDue(due);
        Reminder reminder = made([&] { return Reminder::beforeDue(todo.id, 15); });
        const QHash<QString, Todo> todos{{todo.id, todo}};
        const QTimeZone zone("Europe/Berlin");

        ReminderPlan plan = ReminderPlanner::plan({reminder}, todos, due - 20 * kMinute, due - 21 * kMinute, zone);
        QVERIFY(plan.fireNow.isEmpty());
        QCOMPARE(plan.nextWakeUp, std::optional(due - 15 * kMinute));

        plan = ReminderPlanner::plan({reminder}, todos, due - 15 * kMinute, due - 16 * kMinute, zone);
        QCOMPARE(plan.fireNow.size(), 1);
        QCOMPARE(plan.fireNow.first().instant, due - 15 * kMinute);
        QCOMPARE(plan.fireNow.first().title, u"Dentist"_s);
        QVERIFY(!plan.fireNow.first().missed);
        QCOMPARE(plan.nextWakeUp, std::nullopt);

        reminder.firedFor = plan.fireNow.first().firesAt;
        QVERIFY(ReminderPlanner::plan({reminder}, todos, due, due - kMinute, zone).fireNow.isEmpty());
    }

    void shouldStopForADismissalOrACompletedTodo()
    {
        const Timestamp::Micros at = local(QDate(2026, 12, 1), QTime(9, 0), "Europe/Berlin");
        Todo todo = todoDue(at + 60 * kMinute);
        Reminder reminder = made([&] { return Reminder::atInstant(todo.id, at); });
        reminder.acknowledgedFor = at;
        QVERIFY(ReminderPlanner::plan({reminder}, {{todo.id, todo}}, at, at - kMinute, QTimeZone::utc()).fireNow.isEmpty());

        reminder.acknowledgedFor.reset();
        todo.setCompleted(true, at - kMinute);
        QVERIFY(ReminderPlanner::plan({reminder}, {{todo.id, todo}}, at, at - kMinute, QTimeZone::utc()).fireNow.isEmpty());
        todo.setCompleted(false, at);
        todo.deletedAt = at;
        QVERIFY(ReminderPlanner::plan({reminder}, {{todo.id, todo}}, at, at - kMinute, QTimeZone::utc()).fireNow.isEmpty());
    }

    void shouldFireAgainAtTheSnooze()
    {
        const Timestamp::Micros at = local(QDate(2026, 12, 1), QTime(9, 0), "Europe/Berlin");
        const Todo todo = todoDue(at);
        Reminder reminder = made([&] { return Reminder::atInstant(todo.id, at); });
        reminder.firedFor = at;
        reminder.snoozedUntil = at + 10 * kMinute;
        const QHash<QString, Todo> todos{{todo.id, todo}};
        ReminderPlan plan = ReminderPlanner::plan({reminder}, todos, at + kMinute, at, QTimeZone::utc());
        QVERIFY(plan.fireNow.isEmpty());
        QCOMPARE(plan.nextWakeUp, std::optional(at + 10 * kMinute));
        plan = ReminderPlanner::plan({reminder}, todos, at + 10 * kMinute, at + 9 * kMinute, QTimeZone::utc());
        QCOMPARE(plan.fireNow.size(), 1);
        QCOMPARE(plan.fireNow.first().instant, at); // what a dismissal takes
        QCOMPARE(plan.fireNow.first().firesAt, at + 10 * kMinute);
        // A snooze earlier than the instant changes nothing.
        reminder.firedFor.reset();
        reminder.snoozedUntil = at - 10 * kMinute;
        QCOMPARE(ReminderPlanner::plan({reminder}, todos, at - kMinute, at - 2 * kMinute, QTimeZone::utc()).nextWakeUp,
                 std::optional(at));
    }

    void shouldMarkLateOnesMissed_data()
    {
        QTest::addColumn<int>("nowAfterSeconds");      // now, after the fire time
        QTest::addColumn<int>("lastPlanAfterSeconds"); // the previous plan, after the fire time
        QTest::addColumn<bool>("missed");
        QTest::newRow("on time") << 0 << -60 << false;
        QTest::newRow("half a minute late") << 30 << -30 << false;
        QTest::newRow("more than a minute late") << 61 << -300 << true;
        QTest::newRow("before the previous plan (Tandem was not running)") << 5 << 2 << true;
    }

    void shouldMarkLateOnesMissed()
    {
        QFETCH(int, nowAfterSeconds);
        QFETCH(int, lastPlanAfterSeconds);
        QFETCH(bool, missed);
        const Timestamp::Micros at = local(QDate(2026, 12, 1), QTime(9, 0), "Europe/Berlin");
        const Todo todo = todoDue(at);
        const Reminder reminder = made([&] { return Reminder::atInstant(todo.id, at); });
        const ReminderPlan plan
            = ReminderPlanner::plan({reminder}, {{todo.id, todo}}, at + nowAfterSeconds * Timestamp::kMicrosPerSecond,
                                    at + lastPlanAfterSeconds * Timestamp::kMicrosPerSecond, QTimeZone::utc());
        QCOMPARE(plan.fireNow.size(), 1);
        QCOMPARE(plan.fireNow.first().missed, missed);
    }

    void shouldNeverFireOnSave()
    {
        // Made after its time had passed: not "missed", just never.
        const Timestamp::Micros at = local(QDate(2026, 12, 1), QTime(9, 0), "Europe/Berlin");
        const Todo todo = todoDue(at);
        Reminder reminder = Reminder::atInstant(todo.id, at);
        reminder.createdAt = at + kMinute;
        QVERIFY(ReminderPlanner::plan({reminder}, {{todo.id, todo}}, at + 2 * kMinute, at, QTimeZone::utc()).fireNow.isEmpty());
    }

    void shouldMoveWithTheNextOccurrence()
    {
        // The same reminder, acknowledged for one occurrence, fires for the next.
        const QTimeZone zone("Europe/Berlin");
        const Timestamp::Micros first = local(QDate(2026, 3, 28), QTime(10, 0), "Europe/Berlin");
        const Timestamp::Micros second = local(QDate(2026, 3, 29), QTime(10, 0), "Europe/Berlin");
        Todo todo = todoDue(first, true, u"Europe/Berlin"_s);
        todo.repeatRule = u"FREQ=DAILY"_s;
        Reminder reminder = made([&] { return Reminder::beforeDue(todo.id, 60); });
        reminder.acknowledgedFor = first - 60 * kMinute;
        todo.dueAt = second;
        const ReminderPlan plan = ReminderPlanner::plan({reminder}, {{todo.id, todo}}, first, first, zone);
        QVERIFY(plan.fireNow.isEmpty());
        // 09:00 summer time, 23 hours after 09:00 winter time.
        QCOMPARE(plan.nextWakeUp, std::optional(local(QDate(2026, 3, 29), QTime(9, 0), "Europe/Berlin")));
        QCOMPARE(*plan.nextWakeUp - (first - 60 * kMinute), 23 * 60 * kMinute);
    }
};

QTEST_GUILESS_MAIN(ReminderPlannerTest)
#include "reminderplannertest.moc"
