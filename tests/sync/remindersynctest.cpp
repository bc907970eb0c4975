#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "reminders/reminderplanner.h"
#include "scratchdatabase.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

namespace {

constexpr Timestamp::Micros kMinute = 60 * Timestamp::kMicrosPerSecond;

void sync(SyncReplica &desk)
{
    const SyncResult result = desk.sync();
    QVERIFY2(result.ok(), qPrintable(result.message));
}

void apply(SyncReplica &desk, const Edit &edit)
{
    QVERIFY(!edit.isEmpty());
    QVERIFY2(TodoOperations::apply(*desk.store, edit), qPrintable(desk.store->lastError()));
}

// What a desktop's planner makes of its cache at `now`.
ReminderPlan plan(const SyncReplica &desk, Timestamp::Micros now)
{
    const QList<Reminder> reminders = desk.store->armedReminders();
    QStringList todoIds;
    for (const Reminder &reminder : reminders)
        todoIds << reminder.todoId;
    return ReminderPlanner::plan(reminders, desk.store->todosById(todoIds), now, now - kMinute, QTimeZone("Europe/Berlin"));
}

// The synced fields of a desktop's reminders, to compare desktops.
QStringList snapshot(const SyncReplica &desk, const QString &todoId)
{
    QStringList rows;
    auto query = Sql::select(desk.database->database(),
                             u"SELECT id, kind, at, offset_minutes, day_time, acknowledged_for, snoozed_until,"
                             " deleted_at IS NOT NULL FROM reminders WHERE todo_id = ? ORDER BY id"_s,
                             {todoId});
    while (query && query->next()) {
        QStringList values;
        for (int column = 0; column < 8; ++column)
            values << query->value(column).toString();
        rows << values.join(u'|');
    }
    return rows;
}

} // namespace

// Reminders sync as rows: a dismissal on one desktop stops the others from
// firing it, a snooze moves their fire time, and desktops that edited the
// same reminders offline converge, in either order (the server's merge:
// the later acknowledged instant, a sticky delete).
class ReminderSyncTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_cloud;
    Timestamp::Micros m_due = 0;

    // A todo due in two days, with a reminder 15 minutes before, made on one desktop.
    std::pair<Todo, Reminder> share(SyncReplica &first)
    {
        m_due = (Timestamp::now() / kMinute + 2 * 24 * 60) * kMinute;
        Todo todo = first.store->newTodo({}, u"Dentist"_s);
        todo.dueAt = m_due;
        todo.dueHasTime = true;
        const Reminder reminder = Reminder::beforeDue(todo.id, 15);
        Edit edit = TodoOperations::addTodo(todo);
        ReminderOperations::addTo(edit, {reminder});
        if (!TodoOperations::apply(*first.store, edit))
            qFatal("cannot add: %s", qPrintable(first.store->lastError()));
        return {todo, reminder};
    }

    qint64 cloudNumber(const QString &sql, const QVariantList &params)
    {
        const CloudConnection admin(*m_cloud);
        return admin.number(sql, params);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        m_cloud = std::make_unique<ScratchDatabase>(server);
        QVERIFY(SyncSnapshot::migrate(*m_cloud));
    }

    void cleanup() { m_cloud.reset(); }

    void shouldNotFireOnBWhatADismissed()
    {
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, reminder] = share(a);
        sync(a);
        sync(b);
        const Timestamp::Micros instant = m_due - 15 * kMinute;
        QCOMPARE(plan(b, instant).fireNow.size(), 1); // it would fire there

        apply(a, ReminderOperations::dismiss(*a.store, reminder.id, instant));
        sync(a);
        QCOMPARE(cloudNumber(u"SELECT (extract(epoch FROM acknowledged_for) * 1000000)::int8 FROM tandem.reminders"
                             " WHERE id = $1"_s, {reminder.id}),
                 instant);
        sync(b);
        QCOMPARE(b.store->reminder(reminder.id)->acknowledgedFor, std::optional(instant));
        QVERIFY(plan(b, instant).fireNow.isEmpty());
        QVERIFY(plan(b, instant + 60 * kMinute).fireNow.isEmpty());
    }

    void shouldNotFireOnBWhenTheTodoWasCompletedOnA()
    {
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, reminder] = share(a);
        sync(a);
        sync(b);
        apply(a, TodoOperations::setCompleted(*a.store, {todo.id}, true));
        sync(a);
        sync(b);
        QVERIFY(plan(b, m_due).fireNow.isEmpty());
        QCOMPARE(plan(b, m_due).nextWakeUp, std::nullopt);
    }

    void shouldMoveBsFireTimeWithASnoozeOnA()
    {
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, reminder] = share(a);
        sync(a);
        sync(b);
        const Timestamp::Micros instant = m_due - 15 * kMinute;
        QCOMPARE(plan(b, instant - kMinute).nextWakeUp, std::optional(instant));

        apply(a, ReminderOperations::snooze(*a.store, reminder.id, instant + 10 * kMinute));
        sync(a);
        sync(b);
        QVERIFY(plan(b, instant).fireNow.isEmpty());
        QCOMPARE(plan(b, instant).nextWakeUp, std::optional(instant + 10 * kMinute));
        const ReminderPlan snoozed = plan(b, instant + 10 * kMinute);
        QCOMPARE(snoozed.fireNow.size(), 1);
        QCOMPARE(snoozed.fireNow.first().instant, instant);
    }

    void shouldKeepWhatFiredOnEachDesktop()
    {
        // fired_for is each desktop's own: B still shows what A showed.
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, reminder] = share(a);
        const Timestamp::Micros instant = m_due - 15 * kMinute;
        QVERIFY(a.store->markRemindersFired({{reminder.id, instant}}));
        sync(a);
        sync(b);
        QVERIFY(plan(a, instant).fireNow.isEmpty());
        QCOMPARE(plan(b, instant).fireNow.size(), 1);
        QCOMPARE(b.store->reminder(reminder.id)->firedFor, std::nullopt);
        // And a pull does not clear it here.
        apply(b, ReminderOperations::snooze(*b.store, reminder.id, instant - kMinute));
        sync(b);
        sync(a);
        QCOMPARE(a.store->reminder(reminder.id)->firedFor, std::optional(instant));
    }

    void shouldConvergeInEitherOrder_data()
    {
        QTest::addColumn<bool>("aFirst");
        QTest::newRow("A syncs first") << true;
        QTest::newRow("B syncs first") << false;
    }

    void shouldConvergeInEitherOrder()
    {
        QFETCH(bool, aFirst);
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, dismissed] = share(a);
        const Reminder removed = Reminder::atInstant(todo.id, m_due - 60 * kMinute);
        apply(a, ReminderOperations::add(*a.store, {removed}));
        sync(a);
        sync(b);

        // Offline: both dismiss the first, A for a later instant; A snoozes
        // the second while B removes it.
        const Timestamp::Micros earlier = m_due - 30 * kMinute;
        const Timestamp::Micros later = m_due - 15 * kMinute;
        apply(a, ReminderOperations::dismiss(*a.store, dismissed.id, later));
        apply(b, ReminderOperations::dismiss(*b.store, dismissed.id, earlier));
        apply(a, ReminderOperations::snooze(*a.store, removed.id, m_due));
        apply(b, ReminderOperations::remove(*b.store, removed.id));

        SyncReplica &first = aFirst ? a : b;
        SyncReplica &second = aFirst ? b : a;
        sync(first);
        sync(second);
        sync(first);

        QCOMPARE(snapshot(a, todo.id), snapshot(b, todo.id));
        QCOMPARE(a.store->reminder(dismissed.id)->acknowledgedFor, std::optional(later));
        QVERIFY(a.store->reminder(removed.id)->isDeleted());
        QCOMPARE(cloudNumber(u"SELECT count(*) FROM tandem.reminders WHERE todo_id = $1 AND deleted_at IS NULL"_s, {todo.id}), 1);
    }

    void shouldBringRemindersBackWithAnUndoneDelete()
    {
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, reminder] = share(a);
        sync(a);
        sync(b);
        const Edit deletion = TodoOperations::deleteTodos(*a.store, {todo.id});
        apply(a, deletion);
        sync(a);
        sync(b);
        QVERIFY(b.store->reminder(reminder.id)->isDeleted());

        QVERIFY(a.store->apply(deletion.before, CacheChange::Origin::Undo));
        sync(a);
        sync(b);
        QVERIFY(!b.store->todo(todo.id)->isDeleted());
        QVERIFY(!b.store->reminder(reminder.id)->isDeleted());
        QCOMPARE(plan(b, m_due - 15 * kMinute).fireNow.size(), 1);
    }

    void shouldDropAReminderOfATodoDeletedElsewhere()
    {
        SyncReplica a(*m_cloud);
        SyncReplica b(*m_cloud);
        const auto [todo, reminder] = share(a);
        sync(a);
        sync(b);
        apply(a, TodoOperations::deleteTodos(*a.store, {todo.id}));
        const Reminder late = Reminder::beforeDue(todo.id, 5);
        apply(b, ReminderOperations::add(*b.store, {late}));
        sync(a);
        sync(b);
        QCOMPARE(cloudNumber(u"SELECT count(*) FROM tandem.reminders WHERE id = $1"_s, {late.id}), 0);
        QVERIFY(b.store->todo(todo.id)->isDeleted());
        QVERIFY(plan(b, m_due - 5 * kMinute).fireNow.isEmpty());
    }

    void shouldKeepEachPersonsRemindersToThemselves()
    {
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed (TANDEM_TEST_PGROLES)");
        SyncReplica alice(*m_cloud, roles.at(0));
        SyncReplica bob(*m_cloud, roles.at(1));
        const auto [todo, reminder] = share(alice);
        sync(alice);
        sync(bob);
        QCOMPARE(cloudNumber(u"SELECT count(*) FROM tandem.reminders WHERE owner = $1"_s, {roles.at(0)}), 1);
        const CloudConnection bobSql(*m_cloud, roles.at(1));
        QCOMPARE(bobSql.number(u"SELECT count(*) FROM tandem.reminders"_s), 0);
        QVERIFY(!bob.store->reminder(reminder.id));
    }
};

QTEST_GUILESS_MAIN(ReminderSyncTest)
#include "remindersynctest.moc"
