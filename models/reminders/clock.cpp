#include "clock.h"

#include <QTimeZone>

SystemClock::SystemClock()
{
    m_elapsed.start();
}

Timestamp::Micros SystemClock::now() const
{
    return Timestamp::now();
}

qint64 SystemClock::elapsedMs() const
{
    return m_elapsed.elapsed();
}

QByteArray SystemClock::timeZoneId() const
{
    return QTimeZone::systemTimeZoneId();
}
