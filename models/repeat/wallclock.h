#pragma once

#include "domain/timestamp.h"

#include <QByteArray>
#include <QDate>
#include <QTimeZone>

// Wall-clock time in a named zone, to and from Tandem's UTC instants. A
// repeating todo keeps its local time ("09:00 every day") across
// daylight-saving changes, so its occurrences are worked out in local time
// and only then turned into instants.
namespace WallClock {

// A local date and time of day, to the microsecond.
struct LocalTime
{
    QDate date;
    Timestamp::Micros sinceMidnight = 0;
};

// The zone of an IANA id; an id Qt does not know (or an empty one) gives UTC,
// so a todo from a machine with other zone data still repeats.
QTimeZone zone(const QByteArray &ianaId);

LocalTime fromUtc(const QTimeZone &zone, Timestamp::Micros instant);

// The instant of a local time. A time the clocks skip (02:30 on the night
// they spring forward) is read with the offset before the gap, as RFC 5545
// says, so it lands as far past the gap's start as it was meant to be:
// 02:30 becomes 03:30 of the new time. A time that happens twice (the hour
// the clocks fall back) is the first of the two.
Timestamp::Micros toUtc(const QTimeZone &zone, const LocalTime &local);

} // namespace WallClock
