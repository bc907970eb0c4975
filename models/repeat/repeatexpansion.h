#pragma once

#include "domain/timestamp.h"
#include "repeat/repeatrule.h"

#include <QByteArray>
#include <QList>

#include <optional>

// What a repeating todo holds.
struct RepeatSeries
{
    RepeatRule rule;
    // DTSTART, the first occurrence: an instant, or with !hasTime a calendar
    // date kept as midnight UTC (Timestamp::fromDate). It is an occurrence
    // even where the rule would not give it (RFC 5545), and COUNT counts it.
    Timestamp::Micros start = 0;
    bool hasTime = true;
    // The IANA zone whose wall-clock time the occurrences keep: a 09:00 todo
    // stays at 09:00 local across daylight-saving changes. An unknown id is
    // read as UTC. It also decides the local day of a completion.
    QByteArray zone;
    // Repeat from completion ("every!"): see nextFromCompletion().
    bool fromCompletion = false;
};

// The occurrences of a series, expanded by libical in the zone's local time
// and turned into instants (see WallClock::toUtc for the time a
// spring-forward gap gives: 02:30 becomes 03:30 of the new time). Dates the
// calendar lacks are skipped, as RFC 5545 says: monthly on the 31st skips the
// shorter months, yearly from 29 February repeats in leap years only.
//
// For a timed series, `after` and `at` are instants. For a date-only series
// they are read as Tandem reads a date-only due (the UTC date, see
// Timestamp::toDate), and the occurrences are compared as dates; to ask from
// "today", pass Timestamp::fromDate(today).
//
// Fast for long series: libical skips straight to the date asked for. A rule
// with COUNT is expanded as the same rule ending at its last occurrence,
// which is counted from DTSTART the first time a thread asks (about 3 µs per
// occurrence) and then remembered by that thread (see countend.h). Nothing is
// shared between threads, so any thread may expand.
namespace RepeatExpansion {

// The first occurrence strictly after `after`; nullopt when COUNT or UNTIL
// ended the series before.
std::optional<Timestamp::Micros> nextAfter(const RepeatSeries &series, Timestamp::Micros after);

// The first occurrence on or after `at`. For a new repeating todo without a
// due date: the first occurrence from today.
std::optional<Timestamp::Micros> firstOnOrAfter(const RepeatSeries &series, Timestamp::Micros at);

// Up to n occurrences strictly after `after`, in order (the editor shows the
// next three).
QList<Timestamp::Micros> nextN(const RepeatSeries &series, Timestamp::Micros after, int n);

// The next due of a series that repeats from completion: the rule started
// afresh on the local day (in the series' zone) of `completedAt`, at the
// series' wall-clock time, and its first occurrence on a later day. Every
// third day, done Tuesday at 18:00 for a 09:00 todo: Friday at 09:00.
// `completedSoFar` counts the occurrences completed before this one, so that
// COUNT ends the series (COUNT=3: none after the third completion); UNTIL
// ends it too.
std::optional<Timestamp::Micros> nextFromCompletion(const RepeatSeries &series, Timestamp::Micros completedAt,
                                                    int completedSoFar);

} // namespace RepeatExpansion
