#pragma once

#include "domain/timestamp.h"

#include <QByteArray>
#include <QElapsedTimer>

// What ReminderScheduler asks of time, so that tests can move it: the wall
// clock (which sleeps, resumes and jumps with the system's), a monotonic
// clock (which does not), and the system's time zone.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual Timestamp::Micros now() const = 0;
    // Milliseconds since an arbitrary start; never goes back, stands still
    // while the machine sleeps (CLOCK_MONOTONIC).
    virtual qint64 elapsedMs() const = 0;
    // The IANA id of the system's zone.
    virtual QByteArray timeZoneId() const = 0;
};

// The computer's own clocks.
class SystemClock : public Clock
{
public:
    SystemClock();
    Timestamp::Micros now() const override;
    qint64 elapsedMs() const override;
    QByteArray timeZoneId() const override;

private:
    QElapsedTimer m_elapsed;
};
