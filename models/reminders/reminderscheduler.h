#pragma once

#include "clock.h"
#include "reminderplanner.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class TodoStore;

// Fires reminders at their minute (docs/reminders.md, "The scheduler"). One
// timer, set for the next fire time but never longer than a minute, so that
// every tick can compare the wall clock with the monotonic one: when they
// moved apart the machine slept or the clock was set, and when the system's
// zone changed the local times mean other instants. Either way the plan is
// made again from the wall clock, which is what counts.
//
// What fires is recorded in the store (firedFor) before it is announced, so
// neither a later tick nor a restart shows it again. Only the process that
// shows notifications runs one (the window, or tandem --background).
class ReminderScheduler : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxWaitMs = 60000;
    // Wall and monotonic clock apart by more than this between two ticks: a
    // sleep, a resume or a clock change.
    static constexpr qint64 kJumpToleranceMs = 2000;

    // clock: the computer's own when null.
    explicit ReminderScheduler(TodoStore *store, std::shared_ptr<Clock> clock = nullptr, QObject *parent = nullptr);

    // The first plan: what was missed while Tandem did not run fires now.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    std::optional<Timestamp::Micros> nextWakeUp() const { return m_nextWakeUp; }
    // The timer's current wait in milliseconds, or -1 when stopped.
    int wait() const { return m_timer.isActive() ? m_timer.interval() : -1; }

public Q_SLOTS:
    // Plans now: what is due fires, and the timer is set again. The timer
    // calls it; so does a change of the cache (coalesced).
    void check();

Q_SIGNALS:
    // Reminders to show: all missed ones in one emission, each one on time
    // in its own.
    void due(const QList<FiringReminder> &reminders);
    // The wall clock jumped against the monotonic one (sleep and resume, a
    // clock set forward or back) or the system's zone changed.
    void timeChanged();

private:
    void detectTimeChange(Timestamp::Micros wall, qint64 elapsed, const QByteArray &zone);
    void fire(const QList<FiringReminder> &firing);
    void arm(Timestamp::Micros wall);

    TodoStore *m_store;
    std::shared_ptr<Clock> m_clock;
    QTimer m_timer;
    QTimer m_changeCoalescer; // many changes of the cache, one plan
    bool m_running = false;
    Timestamp::Micros m_lastPlannedAt = 0;
    Timestamp::Micros m_lastWall = 0;
    qint64 m_lastElapsed = 0;
    QByteArray m_zoneId;
    std::optional<Timestamp::Micros> m_nextWakeUp;
};
