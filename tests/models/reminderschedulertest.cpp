#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "reminders/reminderscheduler.h"
#include "storefixture.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

constexpr Timestamp::Micros kMinute = 60 * Timestamp::kMicrosPerSecond;

// Time as the test says: the wall clock and the monotonic one move together
// (advance), or the wall clock alone (sleep: the monotonic clock stands
// still while the machine sleeps; jump: the clock is set).
class TestClock : public Clock
{
public:
    Timestamp::Micros wall = 0;
    qint64 monotonicMs = 1000;
    QByteArray zone = "Europe/Berlin";

    Timestamp::Micros now() const override { return wall; }
    qint64 elapsedMs() const override { return monotonicMs; }
    QByteArray timeZoneId() const override { return zone; }

    void advance(Timestamp::Micros by)
    {
        wall += by;
        monotonicMs += by / Timestamp::kMicrosPerMilli;
    }
    void sleep(Timestamp::Micros by) { wall += by; }
    void jump(Timestamp::Micros by) { wall += by; }
};

Timestamp::Micros berlin(const QDate &date, const QTime &time)
{
    return Timestamp::fromDateTime(QDateTime(date, time, QTimeZone("Europe/Berlin")));
}

QList<QList<FiringReminder>> emissions(const QSignalSpy &spy)
{
    QList<QList<FiringReminder>> result;
    for (const QList<QVariant> &arguments : spy)
        result << arguments.first().value<QList<FiringReminder>>();
    return result;
}

} // namespace

// The scheduler with a clock the test moves: a reminder fires once at its
// minute, also across daylight saving; a sleep, a clock set forward or back
// and a change of the time zone are noticed and planned for; a restart
// does not fire again what was shown.
class ReminderSchedulerTest : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<TestClock> m_clock;

    Todo addTodo(StoreFixture &fixture, Timestamp::Micros due, const QString &zone = {})
    {
        Todo todo = fixture.store->newTodo({}, u"Dentist"_s);
        todo.dueAt = due;
        todo.dueHasTime = true;
        todo.timeZone = zone;
        todo.createdAt = todo.updatedAt = m_clock->wall;
        if (!TodoOperations::apply(*fixture.store, TodoOperations::addTodo(todo)))
            qFatal("cannot add: %s", qPrintable(fixture.store->lastError()));
        return todo;
    }

    Reminder addReminder(StoreFixture &fixture, Reminder reminder)
    {
        reminder.createdAt = reminder.updatedAt = m_clock->wall;
        if (!TodoOperations::apply(*fixture.store, ReminderOperations::add(*fixture.store, {reminder})))
            qFatal("cannot add: %s", qPrintable(fixture.store->lastError()));
        return reminder;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_clock = std::make_shared<TestClock>();
        m_clock->wall = berlin(QDate(2026, 12, 1), QTime(9, 0));
    }

    void shouldFireOnceAtItsMinute()
    {
        StoreFixture fixture;
        const Todo todo = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(10, 0)));
        const Reminder reminder = addReminder(fixture, Reminder::beforeDue(todo.id, 15));
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        QSignalSpy due(&scheduler, &ReminderScheduler::due);
        scheduler.start();
        QCOMPARE(due.size(), 0);
        QCOMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 12, 1), QTime(9, 45))));
        QCOMPARE(scheduler.wait(), ReminderScheduler::kMaxWaitMs); // 45 minutes away: a tick a minute

        m_clock->advance(44 * kMinute + 30 * Timestamp::kMicrosPerSecond);
        scheduler.check();
        QCOMPARE(due.size(), 0);
        QCOMPARE(scheduler.wait(), 30000);

        m_clock->advance(30 * Timestamp::kMicrosPerSecond);
        scheduler.check();
        QCOMPARE(due.size(), 1);
        const QList<FiringReminder> fired = emissions(due).first();
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired.first().reminderId, reminder.id);
        QVERIFY(!fired.first().missed);
        QCOMPARE(fixture.store->reminder(reminder.id)->firedFor, std::optional(m_clock->wall));

        m_clock->advance(kMinute);
        scheduler.check();
        QCOMPARE(due.size(), 1);
        QCOMPARE(scheduler.nextWakeUp(), std::nullopt);
    }

    void shouldFireEachOccurrenceAtItsLocalTimeAcrossDaylightSaving()
    {
        // Daily at 10:00 in Berlin, reminded an hour before: 09:00 in winter
        // time on 28 March, 09:00 in summer time on 29 March (23 hours later).
        m_clock->wall = berlin(QDate(2026, 3, 28), QTime(8, 0));
        StoreFixture fixture;
        Todo todo = addTodo(fixture, berlin(QDate(2026, 3, 28), QTime(10, 0)), u"Europe/Berlin"_s);
        Todo edited = *fixture.store->todo(todo.id);
        edited.repeatRule = u"FREQ=DAILY"_s;
        QVERIFY(TodoOperations::apply(*fixture.store, TodoOperations::editTodo(*fixture.store, edited)));
        addReminder(fixture, Reminder::beforeDue(todo.id, 60, std::nullopt));
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        QSignalSpy due(&scheduler, &ReminderScheduler::due);
        scheduler.start();
        const Timestamp::Micros first = berlin(QDate(2026, 3, 28), QTime(9, 0));
        QCOMPARE(scheduler.nextWakeUp(), std::optional(first));
        m_clock->advance(first - m_clock->wall);
        scheduler.check();
        QCOMPARE(due.size(), 1);

        // Done: the series moves on, and the reminder with it.
        QVERIFY(TodoOperations::apply(*fixture.store, TodoOperations::setCompleted(*fixture.store, {todo.id}, true, m_clock->wall)));
        QTRY_COMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 3, 29), QTime(9, 0))));
        QCOMPARE(*scheduler.nextWakeUp() - first, 23 * 60 * kMinute);
        m_clock->advance(*scheduler.nextWakeUp() - m_clock->wall - kMinute);
        scheduler.check();
        QCOMPARE(due.size(), 1);
        m_clock->advance(kMinute);
        scheduler.check();
        QCOMPARE(due.size(), 2);
        QVERIFY(!emissions(due).last().first().missed);
    }

    void shouldFireOnceMarkedMissedAfterASleepLongerThanTheLeadTime()
    {
        StoreFixture fixture;
        const Todo todo = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(10, 0)));
        addReminder(fixture, Reminder::beforeDue(todo.id, 15));
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        QSignalSpy due(&scheduler, &ReminderScheduler::due);
        QSignalSpy timeChanged(&scheduler, &ReminderScheduler::timeChanged);
        scheduler.start();
        m_clock->advance(30 * kMinute); // 09:30
        scheduler.check();
        QCOMPARE(timeChanged.size(), 0);

        m_clock->sleep(60 * kMinute); // wakes at 10:30
        scheduler.check();
        QCOMPARE(timeChanged.size(), 1);
        QCOMPARE(due.size(), 1);
        QVERIFY(emissions(due).first().first().missed);
        m_clock->advance(kMinute);
        scheduler.check();
        QCOMPARE(due.size(), 1);
    }

    void shouldGroupMissedOnesInOneEmission()
    {
        StoreFixture fixture;
        const Todo first = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(9, 30)));
        const Todo second = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(9, 40)));
        const Todo later = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(11, 0)));
        addReminder(fixture, Reminder::beforeDue(first.id, 0));
        addReminder(fixture, Reminder::beforeDue(second.id, 0));
        addReminder(fixture, Reminder::beforeDue(later.id, 0));
        // Tandem was not running from 09:00 to 10:00.
        m_clock->advance(60 * kMinute);
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        QSignalSpy due(&scheduler, &ReminderScheduler::due);
        scheduler.start();
        QCOMPARE(due.size(), 1);
        const QList<FiringReminder> missed = emissions(due).first();
        QCOMPARE(missed.size(), 2);
        QVERIFY(missed.at(0).missed && missed.at(1).missed);
        QCOMPARE(missed.at(0).todoId, first.id);
        QCOMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 12, 1), QTime(11, 0))));
    }

    void shouldPlanAgainWhenTheClockJumps()
    {
        StoreFixture fixture;
        const Todo soon = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(9, 30)));
        const Todo later = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(11, 0)));
        const Reminder early = addReminder(fixture, Reminder::beforeDue(soon.id, 0));
        addReminder(fixture, Reminder::beforeDue(later.id, 0));
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        QSignalSpy due(&scheduler, &ReminderScheduler::due);
        QSignalSpy timeChanged(&scheduler, &ReminderScheduler::timeChanged);
        scheduler.start();

        // Set forward an hour: 09:30 passed unseen, and is missed.
        m_clock->jump(60 * kMinute);
        scheduler.check();
        QCOMPARE(timeChanged.size(), 1);
        QCOMPARE(due.size(), 1);
        QCOMPARE(emissions(due).last().first().reminderId, early.id);
        QVERIFY(emissions(due).last().first().missed);

        // Set back two hours (08:00): 09:30 does not fire again; 11:00 fires on time.
        m_clock->jump(-120 * kMinute);
        scheduler.check();
        QCOMPARE(timeChanged.size(), 2);
        QCOMPARE(due.size(), 1);
        m_clock->advance(90 * kMinute);
        scheduler.check();
        QCOMPARE(due.size(), 1);
        QCOMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 12, 1), QTime(11, 0))));
        m_clock->advance(90 * kMinute);
        scheduler.check();
        QCOMPARE(due.size(), 2);
        QVERIFY(!emissions(due).last().first().missed);
    }

    void shouldPlanAgainWhenTheTimeZoneChanges()
    {
        // "1 day before at 09:00" of a date without a zone of its own: 09:00 where the computer is.
        StoreFixture fixture;
        Todo todo = fixture.store->newTodo({}, u"Flight"_s);
        todo.dueAt = Timestamp::fromDate(QDate(2026, 12, 2));
        todo.createdAt = m_clock->wall;
        QVERIFY(TodoOperations::apply(*fixture.store, TodoOperations::addTodo(todo)));
        addReminder(fixture, Reminder::beforeDue(todo.id, 24 * 60, 9 * 60));
        m_clock->advance(-60 * kMinute); // 08:00 in Berlin
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        QSignalSpy due(&scheduler, &ReminderScheduler::due);
        QSignalSpy timeChanged(&scheduler, &ReminderScheduler::timeChanged);
        scheduler.start();
        QCOMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 12, 1), QTime(9, 0))));

        m_clock->zone = "America/New_York";
        m_clock->advance(kMinute);
        scheduler.check();
        QCOMPARE(timeChanged.size(), 1);
        const Timestamp::Micros newYorkNine
            = Timestamp::fromDateTime(QDateTime(QDate(2026, 12, 1), QTime(9, 0), QTimeZone("America/New_York")));
        QCOMPARE(scheduler.nextWakeUp(), std::optional(newYorkNine));
        m_clock->advance(berlin(QDate(2026, 12, 1), QTime(9, 0)) - m_clock->wall);
        scheduler.check();
        QCOMPARE(due.size(), 0);
    }

    void shouldNotFireAgainAfterARestart()
    {
        StoreFixture fixture;
        const Todo todo = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(9, 30)));
        addReminder(fixture, Reminder::beforeDue(todo.id, 0));
        m_clock->advance(31 * kMinute);
        {
            ReminderScheduler scheduler(fixture.store.get(), m_clock);
            QSignalSpy due(&scheduler, &ReminderScheduler::due);
            scheduler.start();
            QCOMPARE(due.size(), 1);
        }
        // The same file opened again, as the next start of Tandem does.
        fixture.store.reset();
        fixture.database->close();
        QVERIFY(fixture.database->open(fixture.filePath()).ok());
        fixture.store = std::make_unique<TodoStore>(fixture.database.get());
        m_clock->advance(10 * kMinute);
        ReminderScheduler again(fixture.store.get(), m_clock);
        QSignalSpy due(&again, &ReminderScheduler::due);
        again.start();
        QCOMPARE(due.size(), 0);
    }

    void shouldPlanAgainAfterAnEdit()
    {
        StoreFixture fixture;
        const Todo todo = addTodo(fixture, berlin(QDate(2026, 12, 1), QTime(10, 0)));
        ReminderScheduler scheduler(fixture.store.get(), m_clock);
        scheduler.start();
        QCOMPARE(scheduler.nextWakeUp(), std::nullopt);
        const Reminder reminder = addReminder(fixture, Reminder::beforeDue(todo.id, 30));
        QTRY_COMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 12, 1), QTime(9, 30))));
        QVERIFY(TodoOperations::apply(*fixture.store, ReminderOperations::snooze(*fixture.store, reminder.id,
                                                                               berlin(QDate(2026, 12, 1), QTime(9, 50)))));
        QTRY_COMPARE(scheduler.nextWakeUp(), std::optional(berlin(QDate(2026, 12, 1), QTime(9, 50))));
        // Done: nothing left to fire.
        QVERIFY(TodoOperations::apply(*fixture.store, TodoOperations::setCompleted(*fixture.store, {todo.id}, true)));
        QTRY_COMPARE(scheduler.nextWakeUp(), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(ReminderSchedulerTest)
#include "reminderschedulertest.moc"
