#include "wallclock.h"

namespace WallClock {

namespace {

using Timestamp::kMicrosPerDay;
using Timestamp::kMicrosPerSecond;
using Timestamp::Micros;

// 1970-01-01 as a Julian day.
constexpr qint64 kEpochJulianDay = 2440588;

qint64 floorDiv(qint64 value, qint64 divisor)
{
    qint64 quotient = value / divisor;
    if (value % divisor != 0 && (value < 0) != (divisor < 0))
        --quotient;
    return quotient;
}

Micros offsetAt(const QTimeZone &zone, Micros instant)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(floorDiv(instant, Timestamp::kMicrosPerMilli), QTimeZone::utc());
    return Micros(zone.offsetFromUtc(at)) * kMicrosPerSecond;
}

} // namespace

QTimeZone zone(const QByteArray &ianaId)
{
    if (ianaId.isEmpty())
        return QTimeZone::utc();
    QTimeZone named(ianaId);
    return named.isValid() ? named : QTimeZone::utc();
}

LocalTime fromUtc(const QTimeZone &zone, Micros instant)
{
    const Micros local = instant + offsetAt(zone, instant);
    const qint64 days = floorDiv(local, kMicrosPerDay);
    return {QDate::fromJulianDay(kEpochJulianDay + days), local - days * kMicrosPerDay};
}

Micros toUtc(const QTimeZone &zone, const LocalTime &local)
{
    // The local time read as if it were UTC, then shifted by an offset the
    // zone has near it: the one of a day before and the one of a day after
    // (no zone changes its offset twice in two days). An offset fits when the
    // instant it gives has that offset.
    const Micros asUtc = (local.date.toJulianDay() - kEpochJulianDay) * kMicrosPerDay + local.sinceMidnight;
    const Micros before = offsetAt(zone, asUtc - kMicrosPerDay);
    const Micros after = offsetAt(zone, asUtc + kMicrosPerDay);
    const bool beforeFits = offsetAt(zone, asUtc - before) == before;
    const bool afterFits = after != before && offsetAt(zone, asUtc - after) == after;
    if (beforeFits && afterFits) // the hour that happens twice: the earlier instant
        return std::min(asUtc - before, asUtc - after);
    if (afterFits)
        return asUtc - after;
    return asUtc - before; // fits, or falls in the gap
}

} // namespace WallClock
