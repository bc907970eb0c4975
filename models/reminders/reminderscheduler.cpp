#include "reminderscheduler.h"

#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QLoggingCategory>
#include <QTimeZone>

#include <cmath>

Q_LOGGING_CATEGORY(lcReminders, "tandem.reminders")

ReminderScheduler::ReminderScheduler(TodoStore *store, std::shared_ptr<Clock> clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
{
    qRegisterMetaType<FiringReminder>();
    qRegisterMetaType<QList<FiringReminder>>();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may wake early or up to 5% late
    connect(&m_timer, &QTimer::timeout, this, &ReminderScheduler::check);
    m_changeCoalescer.setSingleShot(true);
    m_changeCoalescer.setInterval(0);
    connect(&m_changeCoalescer, &QTimer::timeout, this, &ReminderScheduler::check);
    // Any change may move a fire time: a due date, a completion, a snooze
    // from another desktop, tandem-cli's edit.
    connect(store->database(), &LocalDatabase::changed, this, [this] {
        if (m_running)
            m_changeCoalescer.start();
    });
}

void ReminderScheduler::start()
{
    if (m_running)
        return;
    m_running = true;
    m_lastWall = m_lastPlannedAt = m_clock->now();
    m_lastElapsed = m_clock->elapsedMs();
    m_zoneId = m_clock->timeZoneId();
    check();
}

void ReminderScheduler::stop()
{
    m_running = false;
    m_timer.stop();
    m_changeCoalescer.stop();
    m_nextWakeUp.reset();
}

void ReminderScheduler::detectTimeChange(Timestamp::Micros wall, qint64 elapsed, const QByteArray &zone)
{
    const qint64 wallMs = (wall - m_lastWall) / Timestamp::kMicrosPerMilli;
    const qint64 drift = wallMs - (elapsed - m_lastElapsed);
    bool changed = false;
    if (drift < -kJumpToleranceMs) {
        // The clock went back: the reminders between now and the last plan
        // are still to come, at their time, and are not missed.
        qCInfo(lcReminders) << "the wall clock went back by" << -drift << "ms; planning again";
        m_lastPlannedAt = wall;
        changed = true;
    } else if (drift > kJumpToleranceMs) {
        // A sleep, or the clock set forward: what passed meanwhile is missed.
        qCInfo(lcReminders) << "the wall clock went" << drift << "ms further than the monotonic one"
                            << "(sleep, or a clock change); planning again";
        changed = true;
    }
    if (zone != m_zoneId) {
        qCInfo(lcReminders) << "the time zone changed from" << m_zoneId << "to" << zone << "; planning again";
        changed = true;
    }
    m_lastWall = wall;
    m_lastElapsed = elapsed;
    m_zoneId = zone;
    if (changed)
        Q_EMIT timeChanged();
}

void ReminderScheduler::check()
{
    if (!m_running)
        return;
    const Timestamp::Micros wall = m_clock->now();
    detectTimeChange(wall, m_clock->elapsedMs(), m_clock->timeZoneId());
    QTimeZone zone(m_zoneId);
    if (!zone.isValid())
        zone = QTimeZone::systemTimeZone();

    const QList<Reminder> reminders = m_store->armedReminders();
    QStringList todoIds;
    for (const Reminder &reminder : reminders)
        todoIds << reminder.todoId;
    const ReminderPlan plan = ReminderPlanner::plan(reminders, m_store->todosById(todoIds), wall, m_lastPlannedAt, zone);
    m_lastPlannedAt = wall;
    m_nextWakeUp = plan.nextWakeUp;
    fire(plan.fireNow);
    arm(wall);
}

void ReminderScheduler::fire(const QList<FiringReminder> &firing)
{
    if (firing.isEmpty())
        return;
    // Recorded first: a plan made while the notifications are shown (a
    // change of the cache) must not fire them again, nor must a restart.
    QHash<QString, Timestamp::Micros> fired;
    for (const FiringReminder &reminder : firing)
        fired.insert(reminder.reminderId, reminder.firesAt);
    if (!m_store->markRemindersFired(fired))
        qCWarning(lcReminders) << "cannot record the reminders shown:" << m_store->lastError();
    QList<FiringReminder> missed;
    for (const FiringReminder &reminder : firing) {
        if (reminder.missed)
            missed << reminder;
    }
    if (!missed.isEmpty())
        Q_EMIT due(missed);
    for (const FiringReminder &reminder : firing) {
        if (!reminder.missed)
            Q_EMIT due({reminder});
    }
}

void ReminderScheduler::arm(Timestamp::Micros wall)
{
    qint64 waitMs = kMaxWaitMs;
    if (m_nextWakeUp) {
        // Rounded up: a timer that wakes a moment early only plans again.
        const double untilMs = double(*m_nextWakeUp - wall) / double(Timestamp::kMicrosPerMilli);
        waitMs = std::clamp<qint64>(qint64(std::ceil(untilMs)), 0, kMaxWaitMs);
    }
    m_timer.start(int(waitMs));
}
